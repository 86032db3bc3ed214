import { OBJECT_TYPES } from '../access/objectTypes.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { objectSecurityFrom } from '../securityDescriptor/defaultObjectSecurity.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import type { PrivilegeName } from '../token/privileges.js';
import {
  GROUP_ATTRIBUTES,
  type Luid,
  type SidAndAttributes,
  type Token,
  type TokenPrivilege,
} from '../token/token.js';
import { ELEVATED_PRIVILEGES, isElevatedEntry } from './isElevated.js';

/**
 * The privileges a LUA (UAC-filtered) token keeps when its administrator groups were filtered: everything
 * else is deleted. These are the privileges `whoami /priv` lists in an administrator's unelevated console.
 *
 * @example
 * ```ts
 * import { LUA_PRIVILEGES } from '@doublehop/core-token';
 *
 * LUA_PRIVILEGES.length; // 5
 * ```
 * @see How User Account Control works, https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works;
 * Teach Your Apps To Play Nicely With Windows Vista User Account Control (MSDN Magazine, January 2007)
 */
export const LUA_PRIVILEGES: readonly PrivilegeName[] = Object.freeze([
  'SeShutdownPrivilege',
  'SeChangeNotifyPrivilege',
  'SeUndockPrivilege',
  'SeIncreaseWorkingSetPrivilege',
  'SeTimeZonePrivilege',
]);

/**
 * CreateRestrictedToken's flags and lists, by name.
 *
 * @example
 * ```ts
 * import type { RestrictTokenOptions } from '@doublehop/core-token';
 * import { sid } from '@doublehop/core-token';
 *
 * const sandbox: RestrictTokenOptions = {
 *   disableMaxPrivilege: true,
 *   sidsToDisable: [sid('S-1-5-32-544')],
 *   restrictingSids: [sid('S-1-5-21-1-2-3-1104'), sid('S-1-1-0'), sid('S-1-5-12')],
 * };
 * ```
 * @see CreateRestrictedToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-createrestrictedtoken
 */
export interface RestrictTokenOptions {
  /** DISABLE_MAX_PRIVILEGE (0x1): delete every privilege except SeChangeNotifyPrivilege; `privilegesToDelete` is ignored. */
  readonly disableMaxPrivilege?: boolean;
  /** SidsToDisable: these SIDs, the user's included, become SE_GROUP_USE_FOR_DENY_ONLY; SIDs not in the token are ignored. */
  readonly sidsToDisable?: readonly Sid[];
  /** PrivilegesToDelete: removed from the token; privileges it does not hold are ignored. */
  readonly privilegesToDelete?: readonly PrivilegeName[];
  /** SidsToRestrict: the restricting SIDs of the new token (intersected with the source's if it is restricted). */
  readonly restrictingSids?: readonly Sid[];
  /** WRITE_RESTRICTED (0x8): the restricting SIDs are checked only for write access. */
  readonly writeRestricted?: boolean;
  /** LUA_TOKEN (0x4): the UAC filter — administrator-like groups become deny-only and privileges are cut to {@link LUA_PRIVILEGES}. */
  readonly luaToken?: boolean;
  /**
   * SANDBOX_INERT (0x2): accepted and ignored — it only exempts the token from AppLocker and Software
   * Restriction Policies, which doublehop does not model (and Windows ignores it unless the caller is
   * LocalSystem or TrustedInstaller).
   */
  readonly sandboxInert?: boolean;
}

/**
 * The identifiers the machine allocates for a filtered token: CreateRestrictedToken gives it a new TokenId
 * and a new ModifiedId.
 *
 * @example
 * ```ts
 * import type { NewTokenIds } from '@doublehop/core-token';
 *
 * const ids: NewTokenIds = { tokenId: 0x3000, modifiedId: 0x3001 };
 * ```
 */
export interface NewTokenIds {
  /** The new TokenId. */
  readonly tokenId: Luid;
  /** The new ModifiedId. */
  readonly modifiedId: Luid;
}

/** Why CreateRestrictedToken fails (STATUS_INVALID_PARAMETER from NtFilterToken). */
export type RestrictTokenError = Win32Error<'ERROR_INVALID_PARAMETER'>;

const DENY_ONLY = GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY;
const SKIP = GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY | GROUP_ATTRIBUTES.SE_GROUP_INTEGRITY;
/** Mandatory, enabled-by-default, enabled, owner: cleared on a SID made deny-only. */
const LOW_GROUP_BITS = 0xf;
const RESTRICTING_ATTRIBUTES =
  GROUP_ATTRIBUTES.SE_GROUP_MANDATORY |
  GROUP_ATTRIBUTES.SE_GROUP_ENABLED_BY_DEFAULT |
  GROUP_ATTRIBUTES.SE_GROUP_ENABLED;
const LUA_KEPT = new Set<PrivilegeName>(LUA_PRIVILEGES);
/** What the LUA filter deletes from a token that had no administrator group to filter. */
const LUA_DELETED = new Set<PrivilegeName>(
  ELEVATED_PRIVILEGES.filter((p) => p !== 'SeDelegateSessionUserImpersonatePrivilege'),
);

/**
 * Builds the token CreateRestrictedToken (NtFilterToken) returns: deny-only SIDs, deleted privileges,
 * restricting SIDs, WRITE_RESTRICTED, and the LUA filter UAC uses. The result keeps the source's type,
 * impersonation level, logon session, origin, session and UAC link.
 *
 * @remarks
 * - **SidsToDisable**: each listed SID present in the token — the user's included, mandatory groups
 *   included — becomes deny-only: its mandatory, enabled-by-default, enabled and owner bits are cleared and
 *   SE_GROUP_USE_FOR_DENY_ONLY set. Entries already deny-only are left alone. If the token's default owner
 *   became deny-only, the owner reverts to the user.
 * - **Privileges**: DISABLE_MAX_PRIVILEGE deletes all but SeChangeNotifyPrivilege and ignores
 *   PrivilegesToDelete; otherwise LUA_TOKEN applies (see below); otherwise the listed privileges are deleted.
 * - **Restricting SIDs** are always enabled (attributes mandatory | enabled-by-default | enabled). For a
 *   token that is already restricted the new list is the *intersection*: only requested SIDs that are
 *   already restricting SIDs are kept, and if none remains — including when none is requested — the call
 *   fails with ERROR_INVALID_PARAMETER rather than return a token with more access than its source (WRK
 *   tokendup.c: "Make sure the new token has some restrictions"). Package and capability SIDs (`S-1-15-2-…`,
 *   `S-1-15-3-…`) are refused with ERROR_INVALID_PARAMETER.
 * - **WRITE_RESTRICTED** may not be applied to a token that is already restricted or write-restricted
 *   (ERROR_INVALID_PARAMETER, Windows 10 and later); a write-restricted source stays write-restricted.
 * - **LUA_TOKEN**: every user or group entry with an administrator-like RID ({@link ELEVATED_GROUP_RIDS})
 *   becomes deny-only; if the filter itself caught one, privileges are cut to {@link LUA_PRIVILEGES},
 *   otherwise only the powerful ones ({@link ELEVATED_PRIVILEGES} but SeDelegateSessionUserImpersonate)
 *   are deleted.
 *
 * @param source - the existing token (primary or impersonation, restricted or not)
 * @param options - CreateRestrictedToken's flags and lists
 * @param ids - the new TokenId and ModifiedId
 * @param securityDescriptor - the new token object's security descriptor; default: built from the source
 * token's owner, primary group and default DACL (right when the caller's effective token is the source, as
 * when a process restricts its own token)
 * @returns the frozen restricted token, or ERROR_INVALID_PARAMETER
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES, restrictToken, sid, token } from '@doublehop/core-token';
 *
 * const user = sid('S-1-5-21-1-2-3-1104');
 * const admins = sid('S-1-5-32-544');
 * const t = token({ user, groups: [admins], privileges: ['SeDebugPrivilege', 'SeChangeNotifyPrivilege'] });
 * const r = restrictToken(t, { disableMaxPrivilege: true, sidsToDisable: [admins], restrictingSids: [user] }, { tokenId: 2, modifiedId: 3 });
 * r.ok && r.value.groups[0]?.attributes === GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY; // true
 * r.ok && r.value.privileges.map((p) => p.name); // ['SeChangeNotifyPrivilege']
 * r.ok && r.value.restrictedSids.length;         // 1
 *
 * const again = r.ok ? restrictToken(r.value, { restrictingSids: [sid('S-1-1-0')] }, { tokenId: 4, modifiedId: 5 }) : r;
 * again.ok || again.error.code; // 'ERROR_INVALID_PARAMETER'
 * ```
 * @see CreateRestrictedToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-createrestrictedtoken;
 * Restricted Tokens, https://learn.microsoft.com/windows/win32/secauthz/restricted-tokens
 */
export function restrictToken(
  source: Token,
  options: RestrictTokenOptions,
  ids: NewTokenIds,
  securityDescriptor?: SecurityDescriptor,
): Result<Token, RestrictTokenError> {
  const sourceRestricted = source.restrictedSids.length > 0;
  if (options.writeRestricted === true && (sourceRestricted || source.writeRestricted)) {
    return err(
      win32Error(
        'ERROR_INVALID_PARAMETER',
        'WRITE_RESTRICTED cannot be applied to a token that is already restricted',
      ),
    );
  }
  const requested = options.restrictingSids ?? [];
  const appSid = requested.find(isPackageOrCapabilitySid);
  if (appSid !== undefined) {
    return err(
      win32Error(
        'ERROR_INVALID_PARAMETER',
        `${appSid.text} is a package or capability SID and cannot restrict a token`,
      ),
    );
  }
  const kept = sourceRestricted
    ? requested.filter((s) => source.restrictedSids.some((r) => r.sid === s))
    : requested;
  if (sourceRestricted && kept.length === 0) {
    return err(
      win32Error(
        'ERROR_INVALID_PARAMETER',
        'the token is already restricted and none of its restricting SIDs would remain: pass a subset of them',
      ),
    );
  }

  const disable = new Set(options.sidsToDisable ?? []);
  let luaCaught = false;
  let owner = source.owner;
  const filter = (entry: SidAndAttributes): SidAndAttributes => {
    if ((entry.attributes & SKIP) !== 0) return entry;
    let hit = disable.has(entry.sid);
    if (!hit && options.luaToken === true && isElevatedEntry(entry)) {
      hit = true;
      luaCaught = true;
    }
    if (!hit) return entry;
    if (entry.sid === owner) owner = source.user.sid;
    return Object.freeze({
      sid: entry.sid,
      attributes: ((entry.attributes & ~LOW_GROUP_BITS) | DENY_ONLY) >>> 0,
    });
  };
  const user = filter(source.user);
  const groups = Object.freeze(source.groups.map(filter));

  const privileges = Object.freeze(filterPrivileges(source.privileges, options, luaCaught));
  const restrictedSids = Object.freeze(
    kept.map((s) => Object.freeze({ sid: s, attributes: RESTRICTING_ATTRIBUTES })),
  );
  return ok(
    Object.freeze({
      ...source,
      user,
      groups,
      privileges,
      owner,
      restrictedSids,
      writeRestricted: source.writeRestricted || options.writeRestricted === true,
      tokenId: ids.tokenId,
      modifiedId: ids.modifiedId,
      securityDescriptor: securityDescriptor ?? objectSecurityFrom(source, OBJECT_TYPES.token.genericMapping),
    }),
  );
}

function filterPrivileges(
  privileges: readonly TokenPrivilege[],
  options: RestrictTokenOptions,
  luaCaught: boolean,
): TokenPrivilege[] {
  if (options.disableMaxPrivilege === true) {
    return privileges.filter((p) => p.name === 'SeChangeNotifyPrivilege');
  }
  if (options.luaToken === true) {
    return privileges.filter((p) => (luaCaught ? LUA_KEPT.has(p.name) : !LUA_DELETED.has(p.name)));
  }
  const deleted = new Set(options.privilegesToDelete ?? []);
  return privileges.filter((p) => !deleted.has(p.name));
}

/**
 * APPLICATION PACKAGE AUTHORITY package SIDs (`S-1-15-2-` and 7 or 11 more sub-authorities — not ALL
 * APPLICATION PACKAGES, `S-1-15-2-1`) and capability SIDs (`S-1-15-3-…`).
 */
function isPackageOrCapabilitySid(value: Sid): boolean {
  if (value.identifierAuthority !== 15) return false;
  const subs = value.subAuthorities;
  if (subs[0] === 2) return subs.length === 8 || subs.length === 12;
  return subs[0] === 3 && subs.length >= 2;
}
