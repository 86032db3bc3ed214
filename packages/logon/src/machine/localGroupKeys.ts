import { WELL_KNOWN_SIDS, type WellKnownSidKey } from '@doublehop/core-token';

/**
 * @internal The built-in local groups (`BUILTIN\…`, `S-1-5-32-…`) a machine models, as keys of
 * `WELL_KNOWN_SIDS`. Every Windows machine has them whatever its role, so they are listed once here rather than
 * declared per machine; the list is the set current Windows Server releases create.
 * @see "Security identifiers" (well-known SIDs),
 * https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-identifiers;
 * MS-DTYP 2.4.2.4 (BUILTIN domain aliases)
 */
export const LOCAL_GROUP_KEYS: readonly WellKnownSidKey[] = [
  'BUILTIN_ADMINISTRATORS',
  'BUILTIN_USERS',
  'BUILTIN_GUESTS',
  'POWER_USERS',
  'BACKUP_OPERATORS',
  'REPLICATOR',
  'REMOTE_DESKTOP_USERS',
  'NETWORK_CONFIGURATION_OPERATORS',
  'PERFORMANCE_MONITOR_USERS',
  'PERFORMANCE_LOG_USERS',
  'DISTRIBUTED_COM_USERS',
  'IIS_IUSRS',
  'CRYPTOGRAPHIC_OPERATORS',
  'EVENT_LOG_READERS',
  'ACCESS_CONTROL_ASSISTANCE_OPERATORS',
  'REMOTE_MANAGEMENT_USERS',
  'HYPER_V_ADMINISTRATORS',
];

/**
 * @internal The BUILTIN groups only a domain controller has — there, the BUILTIN groups are the domain's, held in
 * its Builtin container: Account Operators, Server Operators, Print Operators, Pre-Windows 2000 Compatible
 * Access.
 * @see "Active Directory security groups", https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups
 */
export const DOMAIN_CONTROLLER_GROUP_KEYS: readonly WellKnownSidKey[] = [
  'ACCOUNT_OPERATORS',
  'SERVER_OPERATORS',
  'PRINT_OPERATORS',
  'PRE_WINDOWS_2000_COMPATIBLE_ACCESS',
];

/** @internal The built-in groups of a machine of `role`. */
export function localGroupKeys(role: string): readonly WellKnownSidKey[] {
  return role === 'domainController'
    ? [...LOCAL_GROUP_KEYS, ...DOMAIN_CONTROLLER_GROUP_KEYS]
    : LOCAL_GROUP_KEYS;
}

/**
 * The names of the built-in local groups (`Administrators`, `Remote Desktop Users` …) a machine of a role has,
 * which `localGroupMembers` may add members to: on a domain controller, the domain's BUILTIN groups, Account
 * Operators, Server Operators, Print Operators and Pre-Windows 2000 Compatible Access among them.
 *
 * @param role - `workstation`, `server` or `domainController`
 * @returns the group names, without the `BUILTIN\` prefix
 * @example
 * ```ts
 * import { builtinLocalGroupNames } from '@doublehop/logon';
 *
 * builtinLocalGroupNames('domainController').includes('Account Operators'); // true
 * builtinLocalGroupNames('server').includes('Account Operators');           // false
 * ```
 * @see "Local Accounts" and "Active Directory security groups" (the default groups)
 */
export function builtinLocalGroupNames(
  role: 'workstation' | 'server' | 'domainController',
): readonly string[] {
  return localGroupKeys(role).map((k) => WELL_KNOWN_SIDS[k].name.replace(/^BUILTIN\\/, ''));
}

/**
 * @internal The key of the built-in local group a declaration names, case-insensitively, with or without the
 * `BUILTIN\` prefix (`'Remote Desktop Users'`, `'builtin\users'`), as Computer Management and `net localgroup`
 * accept both; `undefined` for a name that is not one.
 */
export function localGroupKey(
  groupName: string,
  keys: readonly WellKnownSidKey[] = LOCAL_GROUP_KEYS,
): WellKnownSidKey | undefined {
  return keys.find(
    (k) =>
      WELL_KNOWN_SIDS[k].name.toLowerCase() ===
      `builtin\\${groupName.toLowerCase().replace(/^builtin\\/, '')}`,
  );
}
