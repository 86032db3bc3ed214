import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Acl } from '../securityDescriptor/ace.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import {
  type ElevationType,
  GROUP_ATTRIBUTES,
  type ImpersonationLevel,
  type Luid,
  type SidAndAttributes,
  type Token,
  type TokenPrivilege,
  type TokenSource,
  type TokenType,
} from '../token/token.js';
import { isElevated } from './isElevated.js';

/**
 * TOKEN_STATISTICS, as GetTokenInformation(TokenStatistics) returns it (without the quota and expiration
 * fields, which doublehop does not model).
 *
 * @example
 * ```ts
 * import type { TokenStatisticsInfo } from '@doublehop/core-token';
 *
 * const changedSince = (a: TokenStatisticsInfo, b: TokenStatisticsInfo) => a.modifiedId !== b.modifiedId;
 * ```
 * @see TOKEN_STATISTICS, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_statistics
 */
export interface TokenStatisticsInfo {
  /** TokenId: this token object's LUID. */
  readonly tokenId: Luid;
  /** AuthenticationId: the logon session's LUID. */
  readonly authenticationId: Luid;
  /** TokenType. */
  readonly tokenType: TokenType;
  /** ImpersonationLevel; `null` for a primary token (the field is undefined there). */
  readonly impersonationLevel: ImpersonationLevel | null;
  /** GroupCount: the entries TokenGroups returns, integrity label included. */
  readonly groupCount: number;
  /** PrivilegeCount. */
  readonly privilegeCount: number;
  /** ModifiedId: changes with every AdjustTokenPrivileges/AdjustTokenGroups/SetTokenInformation that changes the token. */
  readonly modifiedId: Luid;
}

/**
 * The value GetTokenInformation returns for each TOKEN_INFORMATION_CLASS doublehop models, by class name.
 *
 * @example
 * ```ts
 * import type { TokenInformation } from '@doublehop/core-token';
 *
 * type Level = TokenInformation['TokenImpersonationLevel']; // 'Anonymous' | 'Identification' | …
 * ```
 * @see TOKEN_INFORMATION_CLASS, https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-token_information_class
 */
export interface TokenInformation {
  /** TOKEN_USER.User. */
  readonly TokenUser: SidAndAttributes;
  /** TOKEN_GROUPS: the groups, then the integrity label (SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED), as `whoami /groups` lists them. */
  readonly TokenGroups: readonly SidAndAttributes[];
  /** TOKEN_PRIVILEGES. */
  readonly TokenPrivileges: readonly TokenPrivilege[];
  /** TOKEN_OWNER.Owner: the default owner of new objects. */
  readonly TokenOwner: Sid;
  /** TOKEN_PRIMARY_GROUP.PrimaryGroup. */
  readonly TokenPrimaryGroup: Sid;
  /** TOKEN_DEFAULT_DACL.DefaultDacl; `null` for none. */
  readonly TokenDefaultDacl: Acl | null;
  /** TOKEN_SOURCE (needs TOKEN_QUERY_SOURCE on the handle). */
  readonly TokenSource: TokenSource;
  /** TOKEN_TYPE. */
  readonly TokenType: TokenType;
  /** SECURITY_IMPERSONATION_LEVEL; a primary token fails with ERROR_INVALID_PARAMETER. */
  readonly TokenImpersonationLevel: ImpersonationLevel;
  /** TOKEN_STATISTICS. */
  readonly TokenStatistics: TokenStatisticsInfo;
  /** TOKEN_GROUPS of restricting SIDs; empty for an unrestricted token. */
  readonly TokenRestrictedSids: readonly SidAndAttributes[];
  /** The Terminal Services session ID. */
  readonly TokenSessionId: number;
  /** TOKEN_ORIGIN.OriginatingLogonSession. */
  readonly TokenOrigin: Luid;
  /** TOKEN_ELEVATION.TokenIsElevated ({@link isElevated}). */
  readonly TokenElevation: boolean;
  /** TOKEN_ELEVATION_TYPE. */
  readonly TokenElevationType: ElevationType;
  /** TOKEN_LINKED_TOKEN.LinkedToken: the other half of a UAC split token. */
  readonly TokenLinkedToken: Token;
  /** TOKEN_MANDATORY_LABEL.Label: the integrity SID with SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED. */
  readonly TokenIntegrityLevel: SidAndAttributes;
  /** TOKEN_MANDATORY_POLICY.Policy. */
  readonly TokenMandatoryPolicy: number;
  /** Whether the token has restricting SIDs (IsTokenRestricted); `true` for a write-restricted token too. */
  readonly TokenIsRestricted: boolean;
  /** TOKEN_GROUPS holding the logon SID(s) (SE_GROUP_LOGON_ID); ERROR_NOT_FOUND if there is none. */
  readonly TokenLogonSid: readonly SidAndAttributes[];
}

/** A TOKEN_INFORMATION_CLASS name doublehop answers, such as `'TokenUser'`. */
export type TokenInformationClass = keyof TokenInformation;

/** Why GetTokenInformation fails for a class doublehop models. */
export type GetTokenInformationError = Win32Error<
  'ERROR_INVALID_PARAMETER' | 'ERROR_NO_SUCH_LOGON_SESSION' | 'ERROR_NOT_FOUND'
>;

/**
 * Who is asking, for the classes whose answer depends on it (TokenLinkedToken).
 *
 * @example
 * ```ts
 * import type { GetTokenInformationContext } from '@doublehop/core-token';
 *
 * const asService: GetTokenInformationContext = { callerHasTcbPrivilege: true };
 * ```
 */
export interface GetTokenInformationContext {
  /** Whether the caller has SeTcbPrivilege enabled — then TokenLinkedToken returns the real linked token. */
  readonly callerHasTcbPrivilege: boolean;
  /**
   * The TokenId and object security descriptor of the Identification-level copy of the linked token a
   * caller without SeTcbPrivilege receives (the machine allocates them); default: the linked token's own.
   */
  readonly linkedTokenCopy?: { readonly tokenId: Luid; readonly securityDescriptor: SecurityDescriptor };
}

const INTEGRITY_LABEL_ATTRIBUTES =
  GROUP_ATTRIBUTES.SE_GROUP_INTEGRITY | GROUP_ATTRIBUTES.SE_GROUP_INTEGRITY_ENABLED;

type Reader<K extends TokenInformationClass> = (
  t: Token,
  context: GetTokenInformationContext,
) => Result<TokenInformation[K], GetTokenInformationError>;

const label = (t: Token): SidAndAttributes =>
  Object.freeze({ sid: t.integrityLevel, attributes: INTEGRITY_LABEL_ATTRIBUTES });
const tokenGroups = (t: Token): readonly SidAndAttributes[] => Object.freeze([...t.groups, label(t)]);

const READERS: { readonly [K in TokenInformationClass]: Reader<K> } = {
  TokenUser: (t) => ok(t.user),
  TokenGroups: (t) => ok(tokenGroups(t)),
  TokenPrivileges: (t) => ok(t.privileges),
  TokenOwner: (t) => ok(t.owner),
  TokenPrimaryGroup: (t) => ok(t.primaryGroup),
  TokenDefaultDacl: (t) => ok(t.defaultDacl),
  TokenSource: (t) => ok(t.source),
  TokenType: (t) => ok(t.type),
  TokenImpersonationLevel: (t) =>
    t.impersonationLevel === null
      ? err(
          win32Error(
            'ERROR_INVALID_PARAMETER',
            'TokenImpersonationLevel is not defined for a primary token (STATUS_INVALID_INFO_CLASS)',
          ),
        )
      : ok(t.impersonationLevel),
  TokenStatistics: (t) =>
    ok(
      Object.freeze({
        tokenId: t.tokenId,
        authenticationId: t.authenticationId,
        tokenType: t.type,
        impersonationLevel: t.impersonationLevel,
        groupCount: t.groups.length + 1,
        privilegeCount: t.privileges.length,
        modifiedId: t.modifiedId,
      }),
    ),
  TokenRestrictedSids: (t) => ok(t.restrictedSids),
  TokenSessionId: (t) => ok(t.sessionId),
  TokenOrigin: (t) => ok(t.origin),
  TokenElevation: (t) => ok(isElevated(t)),
  TokenElevationType: (t) => ok(t.elevationType),
  TokenLinkedToken: (t, context) => {
    const linked = t.linkedToken;
    if (linked === null) {
      return err(
        win32Error('ERROR_NO_SUCH_LOGON_SESSION', 'the token has no linked token (no UAC split token)'),
      );
    }
    if (context.callerHasTcbPrivilege) return ok(linked);
    const copy = context.linkedTokenCopy;
    return ok(
      Object.freeze({
        ...linked,
        type: 'impersonation',
        impersonationLevel: 'Identification',
        tokenId: copy?.tokenId ?? linked.tokenId,
        securityDescriptor: copy?.securityDescriptor ?? linked.securityDescriptor,
      }),
    );
  },
  TokenIntegrityLevel: (t) => ok(label(t)),
  TokenMandatoryPolicy: (t) => ok(t.mandatoryPolicy),
  TokenIsRestricted: (t) => ok(t.restrictedSids.length > 0 || t.writeRestricted),
  TokenLogonSid: (t) => {
    const logon = t.groups.filter(
      (g) => (g.attributes & GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID) >>> 0 === GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID,
    );
    return logon.length === 0
      ? err(win32Error('ERROR_NOT_FOUND', 'the token has no logon SID'))
      : ok(Object.freeze(logon));
  },
};

/**
 * GetTokenInformation for one information class, typed per class: `'TokenUser'` gives a
 * {@link SidAndAttributes}, `'TokenElevationType'` an {@link ElevationType}, and so on ({@link TokenInformation}).
 *
 * @remarks
 * The edge cases Windows has:
 * - TokenImpersonationLevel on a primary token fails with ERROR_INVALID_PARAMETER (the kernel's
 *   STATUS_INVALID_INFO_CLASS).
 * - TokenLinkedToken fails with ERROR_NO_SUCH_LOGON_SESSION when there is no split token (UAC off, a
 *   standard user, a service). A caller *with* SeTcbPrivilege gets the linked token itself — for a filtered
 *   token, the full primary token it can start elevated processes with; any other caller gets an
 *   **Identification-level impersonation copy**, good for inspecting groups (CheckTokenMembership) and
 *   nothing else.
 * - TokenGroups ends with the integrity label (SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED), as
 *   `whoami /groups` shows "Mandatory Label\…".
 * - TokenLogonSid fails with ERROR_NOT_FOUND when the token has no logon SID (SYSTEM's, for one).
 *
 * The handle's TOKEN_QUERY (TOKEN_QUERY_SOURCE for TokenSource) is the machine's check.
 *
 * @typeParam C - the information class
 * @param subject - the token
 * @param infoClass - the TOKEN_INFORMATION_CLASS name
 * @param context - whether the caller has SeTcbPrivilege (default: it has not)
 * @returns the class's value, or the error GetTokenInformation fails with
 * @throws TypeError - `getTokenInformation: …` for a class name doublehop does not model (a programmer error)
 * @example
 * ```ts
 * import { getTokenInformation, sid, token } from '@doublehop/core-token';
 *
 * const service = token({ user: sid('S-1-5-20'), type: 'primary' });
 * getTokenInformation(service, 'TokenType');                 // { ok: true, value: 'primary' }
 * getTokenInformation(service, 'TokenIntegrityLevel').ok;     // true
 * const level = getTokenInformation(service, 'TokenImpersonationLevel');
 * level.ok || level.error.code;                              // 'ERROR_INVALID_PARAMETER'
 * const linked = getTokenInformation(service, 'TokenLinkedToken', { callerHasTcbPrivilege: false });
 * linked.ok || linked.error.code;                            // 'ERROR_NO_SUCH_LOGON_SESSION'
 * ```
 * @see GetTokenInformation, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-gettokeninformation;
 * TOKEN_INFORMATION_CLASS, https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-token_information_class;
 * Forshaw, *Windows Security Internals* ch. 4 (the linked token at Identification level)
 */
export function getTokenInformation<C extends TokenInformationClass>(
  subject: Token,
  infoClass: C,
  context: GetTokenInformationContext = { callerHasTcbPrivilege: false },
): Result<TokenInformation[C], GetTokenInformationError> {
  const reader = READERS[infoClass] as Reader<C> | undefined;
  if (reader === undefined) {
    throw new TypeError(`getTokenInformation: unknown information class ${String(infoClass)}`);
  }
  return reader(subject, context);
}
