import { Sid, sid, sidWithRid } from './sid.js';

/**
 * One entry of the well-known SID table: the SID, the account name Windows shows for it, and its
 * two-letter SDDL alias if it has one.
 *
 * @example
 * ```ts
 * import { wellKnownSidByAlias } from '@doublehop/core-token';
 *
 * wellKnownSidByAlias('SY'); // { key: 'SYSTEM', sid: Sid(S-1-5-18), name: 'NT AUTHORITY\\SYSTEM', alias: 'SY' }
 * ```
 */
export interface WellKnownSid {
  /** A stable identifier for code, e.g. `'AUTHENTICATED_USERS'`. */
  readonly key: WellKnownSidKey;
  /** The SID. */
  readonly sid: Sid;
  /** The name LookupAccountSid returns, with its domain part (`NT AUTHORITY\NETWORK`, `BUILTIN\Users`). */
  readonly name: string;
  /** The SDDL alias (`SY`, `WD`, …) from sddl.h, if the SID has one. */
  readonly alias: string | undefined;
}

/**
 * One entry of the domain-relative table: a RID that means the same in every domain (Domain Admins is
 * always RID 512), with its SDDL alias if it has one.
 *
 * @example
 * ```ts
 * import { DOMAIN_RIDS } from '@doublehop/core-token';
 *
 * DOMAIN_RIDS.PROTECTED_USERS.rid; // 525
 * ```
 */
export interface DomainRid {
  /** A stable identifier for code, e.g. `'DOMAIN_ADMINS'`. */
  readonly key: DomainRidKey;
  /** The relative identifier appended to the domain SID. */
  readonly rid: number;
  /** The account name inside the domain (`Domain Admins`). */
  readonly name: string;
  /** The SDDL alias (`DA`, `DU`, …), if any. */
  readonly alias: string | undefined;
  /** `true` for forest-wide groups (Enterprise Admins, Schema Admins, …) that exist only in the forest root domain. */
  readonly forestRoot: boolean;
}

// Source: MS-DTYP 2.4.2.4 "Well-Known SID Structures" for the SIDs and names, and the "SID Strings" page
// (https://learn.microsoft.com/windows/win32/secauthz/sid-strings, sddl.h) for the two-letter aliases.
const WELL_KNOWN_TABLE = [
  ['NULL', 'S-1-0-0', 'NULL SID', undefined],
  ['EVERYONE', 'S-1-1-0', 'Everyone', 'WD'],
  ['LOCAL', 'S-1-2-0', 'LOCAL', undefined],
  ['CONSOLE_LOGON', 'S-1-2-1', 'CONSOLE LOGON', undefined],
  ['CREATOR_OWNER', 'S-1-3-0', 'CREATOR OWNER', 'CO'],
  ['CREATOR_GROUP', 'S-1-3-1', 'CREATOR GROUP', 'CG'],
  ['CREATOR_OWNER_SERVER', 'S-1-3-2', 'CREATOR OWNER SERVER', undefined],
  ['CREATOR_GROUP_SERVER', 'S-1-3-3', 'CREATOR GROUP SERVER', undefined],
  ['OWNER_RIGHTS', 'S-1-3-4', 'OWNER RIGHTS', 'OW'],
  ['DIALUP', 'S-1-5-1', 'NT AUTHORITY\\DIALUP', undefined],
  ['NETWORK', 'S-1-5-2', 'NT AUTHORITY\\NETWORK', 'NU'],
  ['BATCH', 'S-1-5-3', 'NT AUTHORITY\\BATCH', undefined],
  ['INTERACTIVE', 'S-1-5-4', 'NT AUTHORITY\\INTERACTIVE', 'IU'],
  ['SERVICE', 'S-1-5-6', 'NT AUTHORITY\\SERVICE', 'SU'],
  ['ANONYMOUS_LOGON', 'S-1-5-7', 'NT AUTHORITY\\ANONYMOUS LOGON', 'AN'],
  ['PROXY', 'S-1-5-8', 'NT AUTHORITY\\PROXY', undefined],
  ['ENTERPRISE_DOMAIN_CONTROLLERS', 'S-1-5-9', 'NT AUTHORITY\\ENTERPRISE DOMAIN CONTROLLERS', 'ED'],
  ['PRINCIPAL_SELF', 'S-1-5-10', 'NT AUTHORITY\\SELF', 'PS'],
  ['AUTHENTICATED_USERS', 'S-1-5-11', 'NT AUTHORITY\\Authenticated Users', 'AU'],
  ['RESTRICTED', 'S-1-5-12', 'NT AUTHORITY\\RESTRICTED', 'RC'],
  ['TERMINAL_SERVER_USER', 'S-1-5-13', 'NT AUTHORITY\\TERMINAL SERVER USER', undefined],
  ['REMOTE_INTERACTIVE_LOGON', 'S-1-5-14', 'NT AUTHORITY\\REMOTE INTERACTIVE LOGON', undefined],
  ['THIS_ORGANIZATION', 'S-1-5-15', 'NT AUTHORITY\\This Organization', undefined],
  ['IUSR', 'S-1-5-17', 'NT AUTHORITY\\IUSR', undefined],
  ['SYSTEM', 'S-1-5-18', 'NT AUTHORITY\\SYSTEM', 'SY'],
  ['LOCAL_SERVICE', 'S-1-5-19', 'NT AUTHORITY\\LOCAL SERVICE', 'LS'],
  ['NETWORK_SERVICE', 'S-1-5-20', 'NT AUTHORITY\\NETWORK SERVICE', 'NS'],
  ['WRITE_RESTRICTED', 'S-1-5-33', 'NT AUTHORITY\\WRITE RESTRICTED', 'WR'],
  ['OTHER_ORGANIZATION', 'S-1-5-1000', 'NT AUTHORITY\\Other Organization', undefined],
  ['NTLM_AUTHENTICATION', 'S-1-5-64-10', 'NT AUTHORITY\\NTLM Authentication', undefined],
  ['SCHANNEL_AUTHENTICATION', 'S-1-5-64-14', 'NT AUTHORITY\\SChannel Authentication', undefined],
  ['DIGEST_AUTHENTICATION', 'S-1-5-64-21', 'NT AUTHORITY\\Digest Authentication', undefined],
  ['ALL_SERVICES', 'S-1-5-80-0', 'NT SERVICE\\ALL SERVICES', undefined],
  ['USER_MODE_DRIVERS', 'S-1-5-84-0-0-0-0-0', 'NT AUTHORITY\\USER MODE DRIVERS', 'UD'],
  ['LOCAL_ACCOUNT', 'S-1-5-113', 'NT AUTHORITY\\Local account', undefined],
  [
    'LOCAL_ACCOUNT_AND_ADMINISTRATOR',
    'S-1-5-114',
    'NT AUTHORITY\\Local account and member of Administrators group',
    undefined,
  ],
  ['BUILTIN_ADMINISTRATORS', 'S-1-5-32-544', 'BUILTIN\\Administrators', 'BA'],
  ['BUILTIN_USERS', 'S-1-5-32-545', 'BUILTIN\\Users', 'BU'],
  ['BUILTIN_GUESTS', 'S-1-5-32-546', 'BUILTIN\\Guests', 'BG'],
  ['POWER_USERS', 'S-1-5-32-547', 'BUILTIN\\Power Users', 'PU'],
  ['ACCOUNT_OPERATORS', 'S-1-5-32-548', 'BUILTIN\\Account Operators', 'AO'],
  ['SERVER_OPERATORS', 'S-1-5-32-549', 'BUILTIN\\Server Operators', 'SO'],
  ['PRINT_OPERATORS', 'S-1-5-32-550', 'BUILTIN\\Print Operators', 'PO'],
  ['BACKUP_OPERATORS', 'S-1-5-32-551', 'BUILTIN\\Backup Operators', 'BO'],
  ['REPLICATOR', 'S-1-5-32-552', 'BUILTIN\\Replicator', 'RE'],
  ['PRE_WINDOWS_2000_COMPATIBLE_ACCESS', 'S-1-5-32-554', 'BUILTIN\\Pre-Windows 2000 Compatible Access', 'RU'],
  ['REMOTE_DESKTOP_USERS', 'S-1-5-32-555', 'BUILTIN\\Remote Desktop Users', 'RD'],
  ['NETWORK_CONFIGURATION_OPERATORS', 'S-1-5-32-556', 'BUILTIN\\Network Configuration Operators', 'NO'],
  ['INCOMING_FOREST_TRUST_BUILDERS', 'S-1-5-32-557', 'BUILTIN\\Incoming Forest Trust Builders', undefined],
  ['PERFORMANCE_MONITOR_USERS', 'S-1-5-32-558', 'BUILTIN\\Performance Monitor Users', 'MU'],
  ['PERFORMANCE_LOG_USERS', 'S-1-5-32-559', 'BUILTIN\\Performance Log Users', 'LU'],
  [
    'WINDOWS_AUTHORIZATION_ACCESS_GROUP',
    'S-1-5-32-560',
    'BUILTIN\\Windows Authorization Access Group',
    undefined,
  ],
  ['TERMINAL_SERVER_LICENSE_SERVERS', 'S-1-5-32-561', 'BUILTIN\\Terminal Server License Servers', undefined],
  ['DISTRIBUTED_COM_USERS', 'S-1-5-32-562', 'BUILTIN\\Distributed COM Users', undefined],
  ['IIS_IUSRS', 'S-1-5-32-568', 'BUILTIN\\IIS_IUSRS', 'IS'],
  ['CRYPTOGRAPHIC_OPERATORS', 'S-1-5-32-569', 'BUILTIN\\Cryptographic Operators', 'CY'],
  ['EVENT_LOG_READERS', 'S-1-5-32-573', 'BUILTIN\\Event Log Readers', 'ER'],
  ['CERTIFICATE_SERVICE_DCOM_ACCESS', 'S-1-5-32-574', 'BUILTIN\\Certificate Service DCOM Access', 'CD'],
  ['RDS_REMOTE_ACCESS_SERVERS', 'S-1-5-32-575', 'BUILTIN\\RDS Remote Access Servers', 'RA'],
  ['RDS_ENDPOINT_SERVERS', 'S-1-5-32-576', 'BUILTIN\\RDS Endpoint Servers', 'ES'],
  ['RDS_MANAGEMENT_SERVERS', 'S-1-5-32-577', 'BUILTIN\\RDS Management Servers', 'MS'],
  ['HYPER_V_ADMINISTRATORS', 'S-1-5-32-578', 'BUILTIN\\Hyper-V Administrators', 'HA'],
  [
    'ACCESS_CONTROL_ASSISTANCE_OPERATORS',
    'S-1-5-32-579',
    'BUILTIN\\Access Control Assistance Operators',
    'AA',
  ],
  ['REMOTE_MANAGEMENT_USERS', 'S-1-5-32-580', 'BUILTIN\\Remote Management Users', 'RM'],
  ['ALL_APP_PACKAGES', 'S-1-15-2-1', 'APPLICATION PACKAGE AUTHORITY\\ALL APPLICATION PACKAGES', 'AC'],
  ['UNTRUSTED_INTEGRITY', 'S-1-16-0', 'Mandatory Label\\Untrusted Mandatory Level', undefined],
  ['LOW_INTEGRITY', 'S-1-16-4096', 'Mandatory Label\\Low Mandatory Level', 'LW'],
  ['MEDIUM_INTEGRITY', 'S-1-16-8192', 'Mandatory Label\\Medium Mandatory Level', 'ME'],
  ['MEDIUM_PLUS_INTEGRITY', 'S-1-16-8448', 'Mandatory Label\\Medium Plus Mandatory Level', 'MP'],
  ['HIGH_INTEGRITY', 'S-1-16-12288', 'Mandatory Label\\High Mandatory Level', 'HI'],
  ['SYSTEM_INTEGRITY', 'S-1-16-16384', 'Mandatory Label\\System Mandatory Level', 'SI'],
  [
    'PROTECTED_PROCESS_INTEGRITY',
    'S-1-16-20480',
    'Mandatory Label\\Protected Process Mandatory Level',
    undefined,
  ],
  ['SECURE_PROCESS_INTEGRITY', 'S-1-16-28672', 'Mandatory Label\\Secure Process Mandatory Level', undefined],
  [
    'AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY',
    'S-1-18-1',
    'Authentication authority asserted identity',
    'AS',
  ],
  ['SERVICE_ASSERTED_IDENTITY', 'S-1-18-2', 'Service asserted identity', 'SS'],
  ['FRESH_PUBLIC_KEY_IDENTITY', 'S-1-18-3', 'Fresh public key identity', undefined],
  ['KEY_TRUST_IDENTITY', 'S-1-18-4', 'Key trust identity', undefined],
  ['KEY_PROPERTY_MFA', 'S-1-18-5', 'Key property multi-factor authentication', undefined],
  ['KEY_PROPERTY_ATTESTATION', 'S-1-18-6', 'Key property attestation', undefined],
] as const;

// Source: MS-DTYP 2.4.2.4 (domain-relative RIDs) and the SID Strings page for the aliases.
const DOMAIN_RID_TABLE = [
  ['ENTERPRISE_READONLY_DOMAIN_CONTROLLERS', 498, 'Enterprise Read-only Domain Controllers', 'RO', true],
  ['ADMINISTRATOR', 500, 'Administrator', 'LA', false],
  ['GUEST', 501, 'Guest', 'LG', false],
  ['KRBTGT', 502, 'krbtgt', undefined, false],
  ['DOMAIN_ADMINS', 512, 'Domain Admins', 'DA', false],
  ['DOMAIN_USERS', 513, 'Domain Users', 'DU', false],
  ['DOMAIN_GUESTS', 514, 'Domain Guests', 'DG', false],
  ['DOMAIN_COMPUTERS', 515, 'Domain Computers', 'DC', false],
  ['DOMAIN_CONTROLLERS', 516, 'Domain Controllers', 'DD', false],
  ['CERT_PUBLISHERS', 517, 'Cert Publishers', 'CA', false],
  ['SCHEMA_ADMINS', 518, 'Schema Admins', 'SA', true],
  ['ENTERPRISE_ADMINS', 519, 'Enterprise Admins', 'EA', true],
  ['GROUP_POLICY_CREATOR_OWNERS', 520, 'Group Policy Creator Owners', 'PA', false],
  ['READONLY_DOMAIN_CONTROLLERS', 521, 'Read-only Domain Controllers', undefined, false],
  ['CLONEABLE_DOMAIN_CONTROLLERS', 522, 'Cloneable Domain Controllers', 'CN', false],
  ['PROTECTED_USERS', 525, 'Protected Users', 'AP', false],
  ['KEY_ADMINS', 526, 'Key Admins', 'KA', false],
  ['ENTERPRISE_KEY_ADMINS', 527, 'Enterprise Key Admins', 'EK', true],
  ['RAS_AND_IAS_SERVERS', 553, 'RAS and IAS Servers', 'RS', false],
  [
    'ALLOWED_RODC_PASSWORD_REPLICATION_GROUP',
    571,
    'Allowed RODC Password Replication Group',
    undefined,
    false,
  ],
  ['DENIED_RODC_PASSWORD_REPLICATION_GROUP', 572, 'Denied RODC Password Replication Group', undefined, false],
] as const;

/** The key of a well-known SID in {@link WELL_KNOWN_SIDS}, e.g. `'SYSTEM'`. */
export type WellKnownSidKey = (typeof WELL_KNOWN_TABLE)[number][0];
/** The key of a domain-relative RID in {@link DOMAIN_RIDS}, e.g. `'DOMAIN_ADMINS'`. */
export type DomainRidKey = (typeof DOMAIN_RID_TABLE)[number][0];

/**
 * The well-known SIDs of MS-DTYP 2.4.2.4, by key: `WELL_KNOWN_SIDS.SYSTEM.sid` is `S-1-5-18`.
 *
 * @remarks
 * Logon SIDs (`S-1-5-5-X-Y`), service SIDs (`S-1-5-80-…`) and domain accounts are families rather than
 * single SIDs: see {@link logonSid}, {@link serviceSid} and {@link DOMAIN_RIDS}.
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS } from '@doublehop/core-token';
 *
 * WELL_KNOWN_SIDS.ANONYMOUS_LOGON.sid.text; // 'S-1-5-7'
 * WELL_KNOWN_SIDS.ANONYMOUS_LOGON.name;     // 'NT AUTHORITY\\ANONYMOUS LOGON'
 * ```
 * @see MS-DTYP 2.4.2.4; https://learn.microsoft.com/windows/win32/secauthz/sid-strings
 */
export const WELL_KNOWN_SIDS: { readonly [K in WellKnownSidKey]: WellKnownSid } = Object.freeze(
  Object.fromEntries(
    WELL_KNOWN_TABLE.map(([key, text, name, alias]) => [
      key,
      Object.freeze({ key, sid: sid(text), name, alias }),
    ]),
  ) as { [K in WellKnownSidKey]: WellKnownSid },
);

/**
 * The domain-relative RIDs of MS-DTYP 2.4.2.4, by key: `DOMAIN_RIDS.DOMAIN_ADMINS.rid` is 512.
 *
 * @example
 * ```ts
 * import { DOMAIN_RIDS, sid, sidWithRid } from '@doublehop/core-token';
 *
 * sidWithRid(sid('S-1-5-21-1-2-3'), DOMAIN_RIDS.DOMAIN_USERS.rid).text; // 'S-1-5-21-1-2-3-513'
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export const DOMAIN_RIDS: { readonly [K in DomainRidKey]: DomainRid } = Object.freeze(
  Object.fromEntries(
    DOMAIN_RID_TABLE.map(([key, rid, name, alias, forestRoot]) => [
      key,
      Object.freeze({ key, rid, name, alias, forestRoot }),
    ]),
  ) as { [K in DomainRidKey]: DomainRid },
);

const bySid = new Map<Sid, WellKnownSid>(Object.values(WELL_KNOWN_SIDS).map((w) => [w.sid, w]));
const byAlias = new Map<string, WellKnownSid>();
for (const w of Object.values(WELL_KNOWN_SIDS)) if (w.alias !== undefined) byAlias.set(w.alias, w);
const domainRidsByAlias = new Map<string, DomainRid>();
for (const d of Object.values(DOMAIN_RIDS)) if (d.alias !== undefined) domainRidsByAlias.set(d.alias, d);
const domainRidByRid = new Map<number, DomainRid>(Object.values(DOMAIN_RIDS).map((d) => [d.rid, d]));

/**
 * Looks up a well-known SID by its SDDL alias (case-sensitive, as in SDDL).
 *
 * @param alias - a two-letter alias such as `'SY'` or `'BA'`
 * @returns the table entry, or `undefined` if the alias is unknown or domain-relative (see {@link domainRidByAlias})
 * @example
 * ```ts
 * import { wellKnownSidByAlias } from '@doublehop/core-token';
 *
 * wellKnownSidByAlias('AU')?.sid.text; // 'S-1-5-11'
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/sid-strings
 */
export function wellKnownSidByAlias(alias: string): WellKnownSid | undefined {
  return byAlias.get(alias);
}

/**
 * Looks up a domain-relative group or account by its SDDL alias (`DA`, `DU`, `EA`, …).
 *
 * @param alias - a two-letter alias
 * @returns the table entry, or `undefined`
 * @example
 * ```ts
 * import { domainRidByAlias } from '@doublehop/core-token';
 *
 * domainRidByAlias('DA')?.rid; // 512
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/sid-strings
 */
export function domainRidByAlias(alias: string): DomainRid | undefined {
  return domainRidsByAlias.get(alias);
}

/**
 * Looks up the well-known SID table entry for a SID.
 *
 * @param value - any SID
 * @returns the table entry, or `undefined` if the SID is not one of the fixed well-known SIDs
 * @example
 * ```ts
 * import { sid, wellKnownSidOf } from '@doublehop/core-token';
 *
 * wellKnownSidOf(sid('S-1-5-18'))?.name; // 'NT AUTHORITY\\SYSTEM'
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export function wellKnownSidOf(value: Sid): WellKnownSid | undefined {
  return bySid.get(value);
}

/**
 * Looks up a domain-relative RID (500 Administrator, 512 Domain Admins, 525 Protected Users, …).
 *
 * @param rid - the relative identifier
 * @returns the table entry, or `undefined`
 * @example
 * ```ts
 * import { domainRidOf } from '@doublehop/core-token';
 *
 * domainRidOf(525)?.name; // 'Protected Users'
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export function domainRidOf(rid: number): DomainRid | undefined {
  return domainRidByRid.get(rid);
}

/** S-1-5-5, under which every logon SID S-1-5-5-X-Y lies. */
const LOGON_SID_PREFIX = sid('S-1-5-5');

/**
 * The logon SID `S-1-5-5-X-Y` that identifies one logon session (the `SE_GROUP_LOGON_ID` group of its
 * tokens; it is what lets a session's own processes open its window station).
 *
 * @param high - X, the high part of the session's logon id
 * @param low - Y, the low part
 * @returns the interned SID
 * @example
 * ```ts
 * import { logonSid } from '@doublehop/core-token';
 *
 * logonSid(0, 0x3e7).text; // 'S-1-5-5-0-999'
 * ```
 * @see MS-DTYP 2.4.2.4 (LOGON_ID, S-1-5-5-x-y)
 */
export function logonSid(high: number, low: number): Sid {
  return sidWithRid(sidWithRid(LOGON_SID_PREFIX, high), low);
}

/**
 * Whether a SID is a logon SID (`S-1-5-5-X-Y`).
 *
 * @param value - any SID
 * @returns `true` for `S-1-5-5-X-Y`
 * @example
 * ```ts
 * import { isLogonSid, sid } from '@doublehop/core-token';
 *
 * isLogonSid(sid('S-1-5-5-0-123456')); // true
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export function isLogonSid(value: Sid): boolean {
  return (
    value.identifierAuthority === 5 && value.subAuthorities.length === 3 && value.subAuthorities[0] === 5
  );
}

/**
 * Whether a SID is a mandatory integrity label (`S-1-16-*`).
 *
 * @param value - any SID
 * @returns `true` for `S-1-16-RID`
 * @example
 * ```ts
 * import { isIntegritySid, sid } from '@doublehop/core-token';
 *
 * isIntegritySid(sid('S-1-16-12288')); // true (High)
 * ```
 * @see MS-DTYP 2.4.2.4; https://learn.microsoft.com/windows/win32/secauthz/mandatory-integrity-control
 */
export function isIntegritySid(value: Sid): boolean {
  return value.identifierAuthority === 16 && value.subAuthorities.length === 1;
}

/**
 * A readable name for any SID: the well-known name, `BUILTIN\…`, a domain-relative name (prefixed with
 * `domainName\` when given), `NT AUTHORITY\LogonSessionId_X_Y` for logon SIDs, or the SID string itself.
 *
 * @param value - any SID
 * @param names - optional names of domain SIDs, `S-1-5-21-…` → `CORP`, and of other SIDs → account name
 * @returns a name a person recognises
 * @example
 * ```ts
 * import { sid, sidDisplayName } from '@doublehop/core-token';
 *
 * sidDisplayName(sid('S-1-5-32-544')); // 'BUILTIN\\Administrators'
 * sidDisplayName(sid('S-1-5-21-1-2-3-512'), new Map([[sid('S-1-5-21-1-2-3'), 'CORP']])); // 'CORP\\Domain Admins'
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export function sidDisplayName(value: Sid, names?: ReadonlyMap<Sid, string>): string {
  const own = names?.get(value);
  if (own !== undefined) return own;
  const known = bySid.get(value);
  if (known !== undefined) return known.name;
  if (isLogonSid(value)) {
    return `NT AUTHORITY\\LogonSessionId_${value.subAuthorities[1]}_${value.subAuthorities[2]}`;
  }
  const s = value.subAuthorities;
  if (value.identifierAuthority === 5 && s[0] === 21 && s.length >= 5) {
    const domain = Sid.intern(5, s.slice(0, -1));
    const rid = domainRidByRid.get(s[s.length - 1] as number);
    const domainName = names?.get(domain);
    if (rid !== undefined)
      return domainName === undefined ? `${domain.text}\\${rid.name}` : `${domainName}\\${rid.name}`;
  }
  return value.text;
}
