import type { Sid } from '../sid/sid.js';
import type { PrivilegeName } from '../token/privileges.js';
import { GROUP_ATTRIBUTES, type SidAndAttributes, type Token } from '../token/token.js';

/**
 * The relative identifiers that make a group "administrator-like" for UAC: a user or group entry whose last
 * sub-authority is one of these makes the token elevated (TokenElevation), and the LUA filter LSA applies at
 * an administrator's interactive logon turns such groups into deny-only groups.
 *
 * @remarks
 * Chris Corio's list of the groups that make LSA filter a token ("Creating a Filtered Token", MSDN Magazine,
 * January 2007): BUILTIN\Administrators (544), Power Users (547), Account Operators (548), Server
 * Operators (549), Print Operators (550), Backup Operators (551), RAS and IAS Servers (553), Pre-Windows
 * 2000 Compatible Access (554), Network Configuration Operators (556), Cryptographic Operators (569); the
 * domain groups Enterprise Read-only Domain Controllers (498), Domain Admins (512), Domain Controllers (516),
 * Cert Publishers (517), Schema Admins (518), Enterprise Admins (519), Group Policy Creator Owners (520),
 * Read-only Domain Controllers (521); and, since Windows 8.1, NT AUTHORITY\Local account and member of
 * Administrators group (S-1-5-114), which `whoami /groups` shows as "Group used for deny only" in a filtered
 * token. Windows matches the RID alone, in any domain, and skips SIDs whose first sub-authority is 80–111
 * (service and virtual-account SIDs such as `S-1-5-80-…`), so a service named like a RID never counts.
 * @example
 * ```ts
 * import { ELEVATED_GROUP_RIDS } from '@doublehop/core-token';
 *
 * ELEVATED_GROUP_RIDS.includes(544); // true
 * ELEVATED_GROUP_RIDS.length;        // 19
 * ```
 * @see How User Account Control works, https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works;
 * Teach Your Apps To Play Nicely With Windows Vista User Account Control, https://learn.microsoft.com/archive/msdn-magazine/2007/january/teach-your-apps-to-work-with-windows-vista-user-account-control
 */
export const ELEVATED_GROUP_RIDS: readonly number[] = Object.freeze([
  498, 512, 516, 517, 518, 519, 520, 521, 544, 547, 548, 549, 550, 551, 553, 554, 556, 569, 114,
]);

/**
 * The privileges that make a token elevated (TokenElevation) when merely held, enabled or not, and that a
 * token below High integrity cannot enable (AdjustTokenPrivileges reports ERROR_NOT_ALL_ASSIGNED).
 *
 * @remarks
 * Corio's list of the privileges that make LSA filter a token (SeCreateToken, SeTcb, SeTakeOwnership,
 * SeBackup, SeRestore, SeDebug, SeImpersonate, SeRelabel), with SeLoadDriverPrivilege and Windows 10's
 * SeDelegateSessionUserImpersonatePrivilege. This is why a service holding SeImpersonatePrivilege shows as
 * elevated in Process Explorer although it has no administrator group.
 * @example
 * ```ts
 * import { ELEVATED_PRIVILEGES } from '@doublehop/core-token';
 *
 * ELEVATED_PRIVILEGES.includes('SeDebugPrivilege');    // true
 * ELEVATED_PRIVILEGES.includes('SeShutdownPrivilege'); // false
 * ```
 * @see Teach Your Apps To Play Nicely With Windows Vista User Account Control (MSDN Magazine, January 2007);
 * Forshaw, *Windows Security Internals* ch. 4 (token elevation)
 */
export const ELEVATED_PRIVILEGES: readonly PrivilegeName[] = Object.freeze([
  'SeCreateTokenPrivilege',
  'SeTcbPrivilege',
  'SeTakeOwnershipPrivilege',
  'SeLoadDriverPrivilege',
  'SeBackupPrivilege',
  'SeRestorePrivilege',
  'SeDebugPrivilege',
  'SeImpersonatePrivilege',
  'SeRelabelPrivilege',
  'SeDelegateSessionUserImpersonatePrivilege',
]);

const elevatedRids = new Set(ELEVATED_GROUP_RIDS);
const elevatedPrivileges = new Set<PrivilegeName>(ELEVATED_PRIVILEGES);

/**
 * Whether a user or group entry is administrator-like: not deny-only, not an integrity label, its last RID
 * in {@link ELEVATED_GROUP_RIDS}, and not a service-style SID (first sub-authority 80–111).
 *
 * @internal
 */
export function isElevatedEntry(entry: SidAndAttributes): boolean {
  const skip = GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY | GROUP_ATTRIBUTES.SE_GROUP_INTEGRITY;
  if ((entry.attributes & skip) !== 0) return false;
  return isElevatedRidSid(entry.sid);
}

function isElevatedRidSid(value: Sid): boolean {
  const subs = value.subAuthorities;
  const first = subs[0];
  if (first === undefined || (first >= 80 && first <= 111)) return false;
  return elevatedRids.has(subs[subs.length - 1] as number);
}

/**
 * Whether a token is elevated, as GetTokenInformation(TokenElevation) reports it: it holds one of the
 * {@link ELEVATED_PRIVILEGES} (enabled or not), or its user or one of its groups that is not deny-only
 * carries an administrator-like RID ({@link ELEVATED_GROUP_RIDS}), enabled or not.
 *
 * @remarks
 * Elevation is a property of the token's contents, not of UAC: the elevated half of a split token is
 * elevated because it has BUILTIN\Administrators; so are SYSTEM, a UAC-disabled administrator (elevation
 * type `'default'`) and any service holding SeImpersonatePrivilege. The filtered half is not — its
 * administrator groups are deny-only and the privileges are gone. Integrity level and
 * {@link Token.elevationType} do not enter into it.
 *
 * @param subject - the token
 * @returns TOKEN_ELEVATION.TokenIsElevated
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES, isElevated, sid, token } from '@doublehop/core-token';
 *
 * const admins = sid('S-1-5-32-544');
 * isElevated(token({ user: sid('S-1-5-21-1-2-3-1104'), groups: [admins] })); // true
 * isElevated(token({
 *   user: sid('S-1-5-21-1-2-3-1104'),
 *   groups: [{ sid: admins, attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY }],
 * })); // false
 * isElevated(token({ user: sid('S-1-5-20'), privileges: ['SeImpersonatePrivilege'] })); // true
 * ```
 * @see TOKEN_ELEVATION, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_elevation;
 * Forshaw, *Windows Security Internals* ch. 4 (querying the elevation status)
 */
export function isElevated(subject: Token): boolean {
  // Index loops: for…of over a token's frozen arrays allocates an iterator result per element on V8.
  const { privileges, groups } = subject;
  for (let i = 0; i < privileges.length; i++)
    if (elevatedPrivileges.has(privileges[i]?.name as PrivilegeName)) return true;
  if (isElevatedEntry(subject.user)) return true;
  for (let i = 0; i < groups.length; i++) if (isElevatedEntry(groups[i] as SidAndAttributes)) return true;
  return false;
}
