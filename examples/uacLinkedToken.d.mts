import type { Machine } from '@doublehop/core-token';

/** Runs the UAC scenario (see uacLinkedToken.mjs). */
export function runUac(): {
  machine: Machine;
  results: {
    filteredOpen: string;
    linkedLevel: string | null;
    isAdmin: boolean | string;
    asPrimary: string;
    elevatedOpen: string;
  };
};
/** Builds the UAC report (see uacLinkedToken.mjs). */
export function uacLinkedTokenReport(): string;
