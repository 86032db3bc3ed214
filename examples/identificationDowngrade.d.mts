import type { Machine } from '@doublehop/core-token';

/** Serves Billy once, with or without SeImpersonatePrivilege (see identificationDowngrade.mjs). */
export function runReportService(withPrivilege: boolean): {
  machine: Machine;
  impersonated: string;
  opened: string;
  isNetwork: string;
};
/** Builds the identification-downgrade report (see identificationDowngrade.mjs). */
export function identificationDowngradeReport(): string;
