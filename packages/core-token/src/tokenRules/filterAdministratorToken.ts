import { OBJECT_TYPES } from '../access/objectTypes.js';
import { objectSecurityFrom } from '../securityDescriptor/defaultObjectSecurity.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import type { Luid, Token } from '../token/token.js';
import { integrityRid, MEDIUM_RID } from './integrityRid.js';
import { restrictToken } from './restrictToken.js';

/**
 * The identifiers LSA allocates for an administrator's filtered token: it lives in a logon session of its
 * own (its own AuthenticationId), with a new TokenId and ModifiedId.
 *
 * @example
 * ```ts
 * import type { FilteredTokenIds } from '@doublehop/core-token';
 *
 * const ids: FilteredTokenIds = { tokenId: 0x5001, modifiedId: 0x5002, authenticationId: 0x4f00a };
 * ```
 */
export interface FilteredTokenIds {
  /** The filtered token's TokenId. */
  readonly tokenId: Luid;
  /** The filtered token's ModifiedId. */
  readonly modifiedId: Luid;
  /** The filtered token's logon session (the two halves of a split token have different AuthenticationIds). */
  readonly authenticationId: Luid;
}

/**
 * The UAC filter LSA applies at an administrator's interactive logon when UAC is on: from the full
 * (elevated) token it makes the limited token the desktop runs with.
 *
 * @remarks
 * This is CreateRestrictedToken's LUA_TOKEN filter ({@link restrictToken} with `luaToken`): the
 * administrator-like groups ({@link ELEVATED_GROUP_RIDS} — BUILTIN\Administrators, Domain Admins, Enterprise
 * Admins, Schema Admins, Backup Operators, … and NT AUTHORITY\Local account and member of Administrators
 * group) become deny-only; privileges are cut to SeChangeNotifyPrivilege, SeShutdownPrivilege,
 * SeUndockPrivilege, SeIncreaseWorkingSetPrivilege and SeTimeZonePrivilege ({@link LUA_PRIVILEGES}) among
 * those the full token holds; a default owner that was an administrator group reverts to the user. LSA then
 * sets the integrity level to Medium (never raising it), puts the token in its own logon session, and marks
 * it `'limited'`. The logon SID, session and source stay the same. The new token object's security
 * descriptor is built from its own owner, group and default DACL, as for any logon token. Pair the two
 * halves with {@link linkUacTokens}.
 *
 * @param full - the administrator's full token (unrestricted)
 * @param ids - the new TokenId, ModifiedId and AuthenticationId
 * @returns the frozen filtered token, elevation type `'limited'`, not yet linked
 * @throws TypeError - `filterAdministratorToken: …` when `full` is a restricted token (LSA never filters
 * one; a programmer error)
 * @example
 * ```ts
 * import { checkTokenMembership, filterAdministratorToken, isElevated, sid, token } from '@doublehop/core-token';
 *
 * const admins = sid('S-1-5-32-544');
 * const full = token({
 *   user: sid('S-1-5-21-1-2-3-1104'),
 *   groups: [sid('S-1-1-0'), admins],
 *   privileges: ['SeChangeNotifyPrivilege', 'SeDebugPrivilege', 'SeShutdownPrivilege'],
 *   integrityLevel: sid('S-1-16-12288'),
 * });
 * const limited = filterAdministratorToken(full, { tokenId: 2, modifiedId: 3, authenticationId: 0x5000 });
 * limited.integrityLevel.text;                      // 'S-1-16-8192'
 * limited.privileges.map((p) => p.name);            // ['SeChangeNotifyPrivilege', 'SeShutdownPrivilege']
 * checkTokenMembership(limited, admins);            // { ok: true, value: false }
 * isElevated(full);                                 // true
 * isElevated(limited);                              // false
 * ```
 * @see How User Account Control works, https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works;
 * CreateRestrictedToken (LUA_TOKEN), https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-createrestrictedtoken;
 * Teach Your Apps To Play Nicely With Windows Vista User Account Control (MSDN Magazine, January 2007)
 */
export function filterAdministratorToken(full: Token, ids: FilteredTokenIds): Token {
  const filtered = restrictToken(full, { luaToken: true }, ids, full.securityDescriptor);
  if (!filtered.ok) {
    throw new TypeError(
      `filterAdministratorToken: the full token must not be restricted (${filtered.error.message})`,
    );
  }
  const t = filtered.value;
  const integrityLevel =
    integrityRid(full.integrityLevel) > MEDIUM_RID
      ? WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid
      : full.integrityLevel;
  const limited = {
    ...t,
    integrityLevel,
    authenticationId: ids.authenticationId,
    elevationType: 'limited' as const,
    linkedToken: null,
  };
  return Object.freeze({
    ...limited,
    securityDescriptor: objectSecurityFrom(limited, OBJECT_TYPES.token.genericMapping),
  });
}
