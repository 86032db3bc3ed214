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
 * @internal The key of the built-in local group a declaration names, case-insensitively, with or without the
 * `BUILTIN\` prefix (`'Remote Desktop Users'`, `'builtin\users'`), as Computer Management and `net localgroup`
 * accept both; `undefined` for a name that is not one.
 */
export function localGroupKey(groupName: string): WellKnownSidKey | undefined {
  return LOCAL_GROUP_KEYS.find(
    (k) =>
      WELL_KNOWN_SIDS[k].name.toLowerCase() ===
      `builtin\\${groupName.toLowerCase().replace(/^builtin\\/, '')}`,
  );
}
