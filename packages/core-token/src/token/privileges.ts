// Source: winnt.h SE_*_NAME and the LUIDs Windows assigns them (ntseapi.h SE_*_PRIVILEGE), listed on
// "Privilege Constants", https://learn.microsoft.com/windows/win32/secauthz/privilege-constants.
const PRIVILEGE_TABLE = [
  ['SeCreateTokenPrivilege', 2, 'Create a token object'],
  ['SeAssignPrimaryTokenPrivilege', 3, 'Replace a process level token'],
  ['SeLockMemoryPrivilege', 4, 'Lock pages in memory'],
  ['SeIncreaseQuotaPrivilege', 5, 'Adjust memory quotas for a process'],
  ['SeMachineAccountPrivilege', 6, 'Add workstations to domain'],
  ['SeTcbPrivilege', 7, 'Act as part of the operating system'],
  ['SeSecurityPrivilege', 8, 'Manage auditing and security log'],
  ['SeTakeOwnershipPrivilege', 9, 'Take ownership of files or other objects'],
  ['SeLoadDriverPrivilege', 10, 'Load and unload device drivers'],
  ['SeSystemProfilePrivilege', 11, 'Profile system performance'],
  ['SeSystemtimePrivilege', 12, 'Change the system time'],
  ['SeProfileSingleProcessPrivilege', 13, 'Profile single process'],
  ['SeIncreaseBasePriorityPrivilege', 14, 'Increase scheduling priority'],
  ['SeCreatePagefilePrivilege', 15, 'Create a pagefile'],
  ['SeCreatePermanentPrivilege', 16, 'Create permanent shared objects'],
  ['SeBackupPrivilege', 17, 'Back up files and directories'],
  ['SeRestorePrivilege', 18, 'Restore files and directories'],
  ['SeShutdownPrivilege', 19, 'Shut down the system'],
  ['SeDebugPrivilege', 20, 'Debug programs'],
  ['SeAuditPrivilege', 21, 'Generate security audits'],
  ['SeSystemEnvironmentPrivilege', 22, 'Modify firmware environment values'],
  ['SeChangeNotifyPrivilege', 23, 'Bypass traverse checking'],
  ['SeRemoteShutdownPrivilege', 24, 'Force shutdown from a remote system'],
  ['SeUndockPrivilege', 25, 'Remove computer from docking station'],
  ['SeSyncAgentPrivilege', 26, 'Synchronize directory service data'],
  ['SeEnableDelegationPrivilege', 27, 'Enable computer and user accounts to be trusted for delegation'],
  ['SeManageVolumePrivilege', 28, 'Perform volume maintenance tasks'],
  ['SeImpersonatePrivilege', 29, 'Impersonate a client after authentication'],
  ['SeCreateGlobalPrivilege', 30, 'Create global objects'],
  ['SeTrustedCredManAccessPrivilege', 31, 'Access Credential Manager as a trusted caller'],
  ['SeRelabelPrivilege', 32, 'Modify an object label'],
  ['SeIncreaseWorkingSetPrivilege', 33, 'Increase a process working set'],
  ['SeTimeZonePrivilege', 34, 'Change the time zone'],
  ['SeCreateSymbolicLinkPrivilege', 35, 'Create symbolic links'],
  [
    'SeDelegateSessionUserImpersonatePrivilege',
    36,
    'Obtain an impersonation token for another user in the same session',
  ],
] as const;

/** The name of a Windows privilege, e.g. `'SeImpersonatePrivilege'`. */
export type PrivilegeName = (typeof PRIVILEGE_TABLE)[number][0];

/**
 * A Windows privilege: its name, its LUID (the low part; the high part is 0) and the display name that
 * Local Security Policy shows.
 *
 * @example
 * ```ts
 * import { PRIVILEGES } from '@doublehop/core-token';
 *
 * PRIVILEGES.SeImpersonatePrivilege.luid;        // 29
 * PRIVILEGES.SeImpersonatePrivilege.displayName; // 'Impersonate a client after authentication'
 * ```
 */
export interface Privilege {
  /** The `SE_*_NAME` string. */
  readonly name: PrivilegeName;
  /** The privilege's LUID (low part). */
  readonly luid: number;
  /** The user-rights name shown by secpol.msc. */
  readonly displayName: string;
}

/**
 * Every privilege Windows defines, by name.
 *
 * @example
 * ```ts
 * import { PRIVILEGES } from '@doublehop/core-token';
 *
 * Object.keys(PRIVILEGES).length; // 35
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/privilege-constants
 */
export const PRIVILEGES: { readonly [K in PrivilegeName]: Privilege } = Object.freeze(
  Object.fromEntries(
    PRIVILEGE_TABLE.map(([name, luid, displayName]) => [name, Object.freeze({ name, luid, displayName })]),
  ) as { [K in PrivilegeName]: Privilege },
);

/**
 * Whether a string is the name of a Windows privilege (names are case-sensitive in doublehop, though
 * LookupPrivilegeValue is not: write them as Windows prints them).
 *
 * @param name - a candidate name
 * @returns `true` for a {@link PrivilegeName}
 * @example
 * ```ts
 * import { isPrivilegeName } from '@doublehop/core-token';
 *
 * isPrivilegeName('SeTcbPrivilege'); // true
 * isPrivilegeName('SeFlyPrivilege'); // false
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/privilege-constants
 */
export function isPrivilegeName(name: string): name is PrivilegeName {
  return Object.hasOwn(PRIVILEGES, name);
}

/**
 * Privilege attributes (LUID_AND_ATTRIBUTES.Attributes in TOKEN_PRIVILEGES).
 *
 * @example
 * ```ts
 * import { PRIVILEGE_ATTRIBUTES } from '@doublehop/core-token';
 *
 * PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED; // 2
 * ```
 * @see TOKEN_PRIVILEGES, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_privileges
 */
export const PRIVILEGE_ATTRIBUTES = {
  /** The privilege is enabled when the token is created. */
  SE_PRIVILEGE_ENABLED_BY_DEFAULT: 0x1,
  /** The privilege is enabled: only enabled privileges take effect. */
  SE_PRIVILEGE_ENABLED: 0x2,
  /** The privilege was removed from the token. */
  SE_PRIVILEGE_REMOVED: 0x4,
  /** The privilege was used to gain access to an object. */
  SE_PRIVILEGE_USED_FOR_ACCESS: 0x8000_0000,
} as const;
