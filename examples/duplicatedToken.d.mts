import type { Machine } from '@doublehop/core-token';

/** One run of the customer's code (see duplicatedToken.mjs): COM activation before and after, and the duplicate's SDDL. */
export function runDuplicatedToken(copyDescriptor: boolean): {
  machine: Machine;
  first: string;
  second: string;
  duplicateSddl: string;
};
/** Builds the duplicated-token report (see duplicatedToken.mjs). */
export function duplicatedTokenReport(): string;
