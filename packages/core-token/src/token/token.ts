import { ACCESS_RIGHTS } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { type Ace, type Acl, ace } from '../securityDescriptor/ace.js';
import { objectSecurityFrom } from '../securityDescriptor/defaultObjectSecurity.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { PRIVILEGE_ATTRIBUTES, type PrivilegeName } from './privileges.js';

/**
 * The four SECURITY_IMPERSONATION_LEVEL values, in increasing order of what a server may do with the
 * client's identity: nothing, look at it, act as the client on this machine, act as the client on other
 * machines.
 *
 * @see MS-DTYP 2.5.2 (Token/ImpersonationLevel); SECURITY_IMPERSONATION_LEVEL, https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-security_impersonation_level
 */
export type ImpersonationLevel = 'Anonymous' | 'Identification' | 'Impersonation' | 'Delegation';

/**
 * The impersonation levels in increasing order; a level's index is its SECURITY_IMPERSONATION_LEVEL value
 * (SecurityAnonymous = 0 … SecurityDelegation = 3).
 *
 * @example
 * ```ts
 * import { IMPERSONATION_LEVELS } from '@doublehop/core-token';
 *
 * IMPERSONATION_LEVELS.indexOf('Impersonation'); // 2
 * ```
 * @see SECURITY_IMPERSONATION_LEVEL
 */
export const IMPERSONATION_LEVELS: readonly ImpersonationLevel[] = Object.freeze([
  'Anonymous',
  'Identification',
  'Impersonation',
  'Delegation',
]);

/**
 * Group attributes (SID_AND_ATTRIBUTES.Attributes in TOKEN_GROUPS).
 *
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES } from '@doublehop/core-token';
 *
 * GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY; // 0x10
 * ```
 * @see TOKEN_GROUPS, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_groups
 */
export const GROUP_ATTRIBUTES = {
  /** The group cannot be disabled. */
  SE_GROUP_MANDATORY: 0x1,
  /** The group is enabled by default. */
  SE_GROUP_ENABLED_BY_DEFAULT: 0x2,
  /** The group is enabled: it matches access-allowed ACEs (and access-denied ones). */
  SE_GROUP_ENABLED: 0x4,
  /** The group can be the owner of objects the token creates. */
  SE_GROUP_OWNER: 0x8,
  /** The group matches only access-denied ACEs, never allowed ones (set by CreateRestrictedToken and UAC filtering). */
  SE_GROUP_USE_FOR_DENY_ONLY: 0x10,
  /** The SID is a mandatory integrity SID. */
  SE_GROUP_INTEGRITY: 0x20,
  /** The integrity SID is used for the mandatory integrity check. */
  SE_GROUP_INTEGRITY_ENABLED: 0x40,
  /** A domain-local group (from the resource domain's part of the PAC). */
  SE_GROUP_RESOURCE: 0x2000_0000,
  /** The logon SID of the token's logon session. */
  SE_GROUP_LOGON_ID: 0xc000_0000,
} as const;

/** The attributes of a group given as a bare SID: mandatory, enabled by default, enabled. */
export const DEFAULT_GROUP_ATTRIBUTES =
  GROUP_ATTRIBUTES.SE_GROUP_MANDATORY |
  GROUP_ATTRIBUTES.SE_GROUP_ENABLED_BY_DEFAULT |
  GROUP_ATTRIBUTES.SE_GROUP_ENABLED;

/**
 * Token mandatory policy flags (TOKEN_MANDATORY_POLICY).
 *
 * @example
 * ```ts
 * import { TOKEN_MANDATORY_POLICY } from '@doublehop/core-token';
 *
 * TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NO_WRITE_UP; // 1
 * ```
 * @see TOKEN_MANDATORY_POLICY, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_mandatory_policy
 */
export const TOKEN_MANDATORY_POLICY = {
  /** No mandatory integrity policy is enforced for the token. */
  TOKEN_MANDATORY_POLICY_OFF: 0x0,
  /** The token cannot write to objects of a higher integrity level (the default). */
  TOKEN_MANDATORY_POLICY_NO_WRITE_UP: 0x1,
  /** A process created with the token gets the lower of its integrity level and its executable's. */
  TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN: 0x2,
} as const;

/**
 * A SID with attributes: a token's user, one of its groups, or a restricting SID.
 *
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES, sid } from '@doublehop/core-token';
 *
 * const denyOnlyAdmins = { sid: sid('S-1-5-32-544'), attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY };
 * ```
 * @see SID_AND_ATTRIBUTES, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-sid_and_attributes
 */
export interface SidAndAttributes {
  /** The SID. */
  readonly sid: Sid;
  /** {@link GROUP_ATTRIBUTES} bits; for the user, 0 or SE_GROUP_USE_FOR_DENY_ONLY. */
  readonly attributes: number;
}

/**
 * A privilege held by a token, with its attributes.
 *
 * @example
 * ```ts
 * import { PRIVILEGE_ATTRIBUTES } from '@doublehop/core-token';
 *
 * const held = { name: 'SeImpersonatePrivilege', attributes: PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED } as const;
 * ```
 * @see LUID_AND_ATTRIBUTES
 */
export interface TokenPrivilege {
  /** The privilege. */
  readonly name: PrivilegeName;
  /** {@link PRIVILEGE_ATTRIBUTES} bits; the privilege counts only with SE_PRIVILEGE_ENABLED. */
  readonly attributes: number;
}

/** Whether a token is a process's primary token or a thread's impersonation token. */
export type TokenType = 'primary' | 'impersonation';

/**
 * An access token, as far as the access check reads it (MS-DTYP 2.5.2): who (user and groups, with
 * their attributes), what they may do regardless of ACLs (privileges), at which integrity level, and the
 * restrictions a restricted token carries.
 *
 * @remarks
 * Tokens are immutable values; operations that change a token (AdjustTokenPrivileges, duplication …)
 * return a new one. The integrity level is the token's SE_GROUP_INTEGRITY group, kept in its own field.
 * @example
 * ```ts
 * import { sid, token } from '@doublehop/core-token';
 *
 * const billy = token({
 *   user: sid('S-1-5-21-1-2-3-1104'),
 *   groups: [sid('S-1-1-0'), sid('S-1-5-11'), sid('S-1-5-21-1-2-3-513')],
 * });
 * billy.impersonationLevel; // 'Impersonation'
 * ```
 * @see MS-DTYP 2.5.2 Token/Authorization Context; TOKEN_INFORMATION_CLASS
 */
export interface Token {
  /** Primary (a process's) or impersonation (a thread's). */
  readonly type: TokenType;
  /** The impersonation level of an impersonation token; `null` for a primary token. */
  readonly impersonationLevel: ImpersonationLevel | null;
  /** The user SID; its attributes are 0, or SE_GROUP_USE_FOR_DENY_ONLY in a restricted token. */
  readonly user: SidAndAttributes;
  /** The group SIDs with their attributes, including well-known groups such as Everyone and the logon SID. */
  readonly groups: readonly SidAndAttributes[];
  /** The privileges the token holds, enabled or not. */
  readonly privileges: readonly TokenPrivilege[];
  /** The integrity level SID (`S-1-16-…`). */
  readonly integrityLevel: Sid;
  /** {@link TOKEN_MANDATORY_POLICY} bits. */
  readonly mandatoryPolicy: number;
  /** The restricting SIDs of a restricted token (CreateRestrictedToken); empty for an unrestricted token. */
  readonly restrictedSids: readonly SidAndAttributes[];
  /** A write-restricted token (WRITE_RESTRICTED): the restricting SIDs are checked only for write access. */
  readonly writeRestricted: boolean;
  /** The default owner of objects the token creates (TokenOwner): the user or a group with SE_GROUP_OWNER. */
  readonly owner: Sid;
  /** The default primary group of objects the token creates (TokenPrimaryGroup). */
  readonly primaryGroup: Sid;
  /**
   * The default DACL of objects the token creates without an explicit descriptor or inheritable ACEs
   * (TokenDefaultDacl); `null` gives such objects a NULL DACL. Its generic rights are mapped when applied.
   */
  readonly defaultDacl: Acl | null;
  /** The token's own LUID (TokenStatistics.TokenId); 0 for a token no machine has allocated. */
  readonly tokenId: Luid;
  /** The logon session the token belongs to (TokenStatistics.AuthenticationId): 0x3e7 is SYSTEM's. */
  readonly authenticationId: Luid;
  /**
   * The logon session that created the token (TokenOrigin, TOKEN_ORIGIN.OriginatingLogonSession): for a
   * token from LogonUser/LsaLogonUser with explicit credentials, the caller's logon session; 0 for network
   * logons and tokens no machine has allocated. The impersonation check lets a process impersonate a
   * token whose origin is its own logon session.
   */
  readonly origin: Luid;
  /** Changes each time the token is modified (TokenStatistics.ModifiedId). */
  readonly modifiedId: Luid;
  /** The Terminal Services session (TokenSessionId); 0 for services. */
  readonly sessionId: number;
  /** Who created the token (TOKEN_SOURCE): `User32`, `NtLmSsp`, `Kerberos`, `Advapi`, `*SYSTEM*` … */
  readonly source: TokenSource;
  /** UAC: `'default'` (no split token), `'full'` (the elevated half) or `'limited'` (the filtered half). */
  readonly elevationType: ElevationType;
  /** UAC: the other half of a split token (TokenLinkedToken), or `null`. */
  readonly linkedToken: Token | null;
  /** The token *object's* own security descriptor: who may open this token, and for what. */
  readonly securityDescriptor: SecurityDescriptor;
}

/**
 * A locally unique identifier (LUID): 64 bits in Windows, kept as a non-negative safe integer here.
 * `0x3e7` (999) is the SYSTEM logon session, `0x3e4` NETWORK SERVICE's, `0x3e5` LOCAL SERVICE's.
 */
export type Luid = number;

/**
 * Who created a token (TOKEN_SOURCE), as `whoami /all` does not show but GetTokenInformation(TokenSource) does.
 *
 * @example
 * ```ts
 * import type { TokenSource } from '@doublehop/core-token';
 *
 * const ntlm: TokenSource = { name: 'NtLmSsp', identifier: 0 };
 * ```
 * @see TOKEN_SOURCE, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_source
 */
export interface TokenSource {
  /** At most 8 characters, e.g. `User32` (interactive logon), `NtLmSsp`, `Kerberos`, `Advapi` (LogonUser). */
  readonly name: string;
  /** A LUID the source chose. */
  readonly identifier: Luid;
}

/**
 * The UAC elevation type of a token (TOKEN_ELEVATION_TYPE): `'default'` — no split token (UAC off, or not
 * an administrator); `'full'` — the elevated half; `'limited'` — the filtered half an administrator's
 * desktop runs with.
 *
 * @see TOKEN_ELEVATION_TYPE, https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-token_elevation_type
 */
export type ElevationType = 'default' | 'full' | 'limited';

/**
 * What {@link token} accepts: the user, and optionally everything else, with groups as bare SIDs (made
 * mandatory and enabled) or with attributes, and privileges as bare names (enabled) or with attributes.
 *
 * @example
 * ```ts
 * import type { TokenInit } from '@doublehop/core-token';
 * import { sid } from '@doublehop/core-token';
 *
 * const init: TokenInit = { user: sid('S-1-5-18'), privileges: ['SeImpersonatePrivilege'] };
 * ```
 */
export interface TokenInit {
  /** The user SID, or the user with attributes. */
  readonly user: Sid | SidAndAttributes;
  /** Groups; a bare SID becomes mandatory, enabled by default and enabled. Default: none. */
  readonly groups?: readonly (Sid | SidAndAttributes)[];
  /** Privileges; a bare name becomes enabled and enabled by default. Default: none. */
  readonly privileges?: readonly (PrivilegeName | TokenPrivilege)[];
  /** Default: `'impersonation'`. */
  readonly type?: TokenType;
  /** Default: `'Impersonation'` for an impersonation token, `null` for a primary token. */
  readonly impersonationLevel?: ImpersonationLevel | null;
  /** Default: Medium (`S-1-16-8192`). */
  readonly integrityLevel?: Sid;
  /** Default: NO_WRITE_UP | NEW_PROCESS_MIN, as LSA sets for every logon. */
  readonly mandatoryPolicy?: number;
  /** Restricting SIDs; a bare SID becomes enabled. Default: none. */
  readonly restrictedSids?: readonly (Sid | SidAndAttributes)[];
  /** Default: `false`. */
  readonly writeRestricted?: boolean;
  /** Default: the user. */
  readonly owner?: Sid;
  /** Default: the user. */
  readonly primaryGroup?: Sid;
  /**
   * Default: what LSA gives a logon — GENERIC_ALL to the user and SYSTEM, GENERIC_READ | GENERIC_EXECUTE
   * to the logon SID if the token has one.
   */
  readonly defaultDacl?: Acl | null;
  /** Default: built from the token's own owner, primary group and default DACL, as LSA builds it at logon. */
  readonly securityDescriptor?: SecurityDescriptor;
  /** Default: 0 (not allocated by a machine). */
  readonly tokenId?: Luid;
  /** Default: 0. */
  readonly authenticationId?: Luid;
  /** Default: 0 (no originating logon session). */
  readonly origin?: Luid;
  /** Default: 0. */
  readonly modifiedId?: Luid;
  /** Default: 0. */
  readonly sessionId?: number;
  /** Default: `{ name: 'Advapi', identifier: 0 }`. */
  readonly source?: TokenSource;
  /** Default: `'default'`. */
  readonly elevationType?: ElevationType;
  /** Default: `null`. */
  readonly linkedToken?: Token | null;
}

/**
 * Builds a {@link Token} with sensible defaults: an impersonation token at Impersonation level, Medium
 * integrity, the default mandatory policy, no restrictions.
 *
 * @param init - the user and any other fields
 * @returns a frozen token
 * @throws TypeError - `token: …` when a primary token is given an impersonation level or an impersonation
 * token none (a programmer error)
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES, sid, token } from '@doublehop/core-token';
 *
 * const filteredAdmin = token({
 *   user: sid('S-1-5-21-1-2-3-500'),
 *   groups: [{ sid: sid('S-1-5-32-544'), attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY }],
 *   type: 'primary',
 * });
 * ```
 * @see MS-DTYP 2.5.2
 */
export function token(init: TokenInit): Token {
  const type = init.type ?? 'impersonation';
  const impersonationLevel =
    init.impersonationLevel !== undefined
      ? init.impersonationLevel
      : type === 'primary'
        ? null
        : 'Impersonation';
  if (type === 'primary' && impersonationLevel !== null) {
    throw new TypeError('token: a primary token has no impersonation level');
  }
  if (type === 'impersonation' && impersonationLevel === null) {
    throw new TypeError('token: an impersonation token needs an impersonation level');
  }
  const user = Object.freeze(
    isSidAndAttributes(init.user) ? { ...init.user } : { sid: init.user, attributes: 0 },
  );
  const groups = Object.freeze((init.groups ?? []).map((g) => withAttributes(g, DEFAULT_GROUP_ATTRIBUTES)));
  const owner = init.owner ?? user.sid;
  const primaryGroup = init.primaryGroup ?? user.sid;
  const defaultDacl = init.defaultDacl === undefined ? logonDefaultDacl(user.sid, groups) : init.defaultDacl;
  return Object.freeze({
    type,
    impersonationLevel,
    user,
    groups,
    privileges: Object.freeze(
      (init.privileges ?? []).map((p) =>
        typeof p === 'string'
          ? Object.freeze({
              name: p,
              attributes:
                PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED |
                PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED_BY_DEFAULT,
            })
          : frozenCopy(p),
      ),
    ),
    integrityLevel: init.integrityLevel ?? WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid,
    mandatoryPolicy:
      init.mandatoryPolicy ??
      TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
        TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN,
    restrictedSids:
      init.restrictedSids === undefined || init.restrictedSids.length === 0
        ? NONE
        : Object.freeze(
            init.restrictedSids.map((g) =>
              withAttributes(
                g,
                GROUP_ATTRIBUTES.SE_GROUP_ENABLED |
                  GROUP_ATTRIBUTES.SE_GROUP_ENABLED_BY_DEFAULT |
                  GROUP_ATTRIBUTES.SE_GROUP_MANDATORY,
              ),
            ),
          ),
    writeRestricted: init.writeRestricted ?? false,
    owner,
    primaryGroup,
    defaultDacl: defaultDacl === null ? null : Object.freeze([...defaultDacl]),
    tokenId: init.tokenId ?? 0,
    authenticationId: init.authenticationId ?? 0,
    origin: init.origin ?? 0,
    modifiedId: init.modifiedId ?? 0,
    sessionId: init.sessionId ?? 0,
    source: init.source === undefined ? ADVAPI : frozenCopy(init.source),
    elevationType: init.elevationType ?? 'default',
    linkedToken: init.linkedToken ?? null,
    securityDescriptor:
      init.securityDescriptor ??
      objectSecurityFrom({ owner, primaryGroup, defaultDacl }, OBJECT_TYPES.token.genericMapping),
  });
}

/**
 * The default DACL LSA gives a new logon's token: GENERIC_ALL to the user and to SYSTEM, and
 * GENERIC_READ | GENERIC_EXECUTE to the logon SID (Windows Security Internals ch. 4, "Default DACL").
 */
function logonDefaultDacl(userSid: Sid, groups: readonly SidAndAttributes[]): Acl {
  const dacl = [fullControl(userSid), fullControl(WELL_KNOWN_SIDS.SYSTEM.sid)];
  // An index loop, not .find(): `groups` is frozen, and V8 has no fast path for frozen arrays.
  let logon: SidAndAttributes | undefined;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as SidAndAttributes;
    // `>>> 0`: `&` yields a signed 32-bit number, and SE_GROUP_LOGON_ID has the sign bit set.
    if ((g.attributes & GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID) >>> 0 === GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID) {
      logon = g;
      break;
    }
  }
  if (logon !== undefined) {
    dacl.push(ace('ACCESS_ALLOWED', logon.sid, ACCESS_RIGHTS.GENERIC_READ | ACCESS_RIGHTS.GENERIC_EXECUTE));
  }
  return dacl;
}

/** The restricted SIDs of an unrestricted token: one frozen empty list for all. */
const NONE: readonly SidAndAttributes[] = Object.freeze([]);
const ADVAPI: TokenSource = Object.freeze({ name: 'Advapi', identifier: 0 });

/** GENERIC_ALL for a SID: the same frozen ACE for every token of the user (and SYSTEM's for all). */
function fullControl(who: Sid): Ace {
  let entry = fullControlAces.get(who);
  if (entry === undefined) {
    entry = ace('ACCESS_ALLOWED', who, ACCESS_RIGHTS.GENERIC_ALL);
    fullControlAces.set(who, entry);
  }
  return entry;
}

const fullControlAces = new WeakMap<Sid, Ace>();

function isSidAndAttributes(value: Sid | SidAndAttributes): value is SidAndAttributes {
  return 'attributes' in value;
}

function withAttributes(value: Sid | SidAndAttributes, defaults: number): SidAndAttributes {
  return isSidAndAttributes(value) ? frozenCopy(value) : Object.freeze({ sid: value, attributes: defaults });
}

/** A frozen copy of a plain entry — or the entry itself when it is frozen already (a token's, LSA's). */
function frozenCopy<T extends object>(value: T): T {
  return Object.isFrozen(value) ? value : Object.freeze({ ...value });
}

/**
 * Whether a token holds a privilege and has it enabled — the only state in which a privilege takes effect.
 *
 * @param subject - the token
 * @param name - the privilege
 * @returns `true` if present with SE_PRIVILEGE_ENABLED
 * @example
 * ```ts
 * import { hasEnabledPrivilege, sid, token } from '@doublehop/core-token';
 *
 * hasEnabledPrivilege(token({ user: sid('S-1-5-18'), privileges: ['SeTcbPrivilege'] }), 'SeTcbPrivilege'); // true
 * ```
 * @see PrivilegeCheck, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-privilegecheck
 */
export function hasEnabledPrivilege(subject: Token, name: PrivilegeName): boolean {
  // An index loop: for…of over a frozen array allocates an iterator result per element on V8.
  const { privileges } = subject;
  for (let i = 0; i < privileges.length; i++) {
    const p = privileges[i] as TokenPrivilege;
    if (p.name === name) return (p.attributes & PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED) !== 0;
  }
  return false;
}
