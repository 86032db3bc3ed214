import type { PrivilegeName } from '@doublehop/core-token';

/**
 * The privileges whose assignment to a new logon raises event 4672 "Special privileges assigned to new
 * logon" — the thirteen the event's page lists, in its order.
 *
 * @example
 * ```ts
 * import { SENSITIVE_PRIVILEGES } from '@doublehop/logon';
 *
 * SENSITIVE_PRIVILEGES.length;                            // 13
 * SENSITIVE_PRIVILEGES.includes('SeImpersonatePrivilege'); // true
 * SENSITIVE_PRIVILEGES.includes('SeChangeNotifyPrivilege'); // false
 * ```
 * @see "4672(S) Special privileges assigned to new logon",
 * https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4672
 */
export const SENSITIVE_PRIVILEGES: readonly PrivilegeName[] = Object.freeze([
  'SeTcbPrivilege',
  'SeBackupPrivilege',
  'SeCreateTokenPrivilege',
  'SeDebugPrivilege',
  'SeEnableDelegationPrivilege',
  'SeAuditPrivilege',
  'SeImpersonatePrivilege',
  'SeLoadDriverPrivilege',
  'SeSecurityPrivilege',
  'SeSystemEnvironmentPrivilege',
  'SeAssignPrimaryTokenPrivilege',
  'SeRestorePrivilege',
  'SeTakeOwnershipPrivilege',
]);
