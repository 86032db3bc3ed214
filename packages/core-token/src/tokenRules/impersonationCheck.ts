import {
  hasEnabledPrivilege,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  type Token,
} from '../token/token.js';
import { integrityRid } from './integrityRid.js';
import { isElevated } from './isElevated.js';

/**
 * Which condition of the kernel's impersonation check (SeTokenCanImpersonate, called by PsImpersonateClient
 * for ImpersonateLoggedOnUser, SetThreadToken and every other impersonation) decided the outcome, in the
 * order the kernel tests them.
 *
 * @remarks
 * Allowed, the thread gets the token's own level: `'belowImpersonation'` (the token is Identification or
 * Anonymous already), `'anonymousLogonSession'` (the token belongs to the ANONYMOUS LOGON session 0x3e6),
 * `'seImpersonatePrivilege'`, `'originIsCallerLogonSession'` (created by LogonUser in the caller's logon
 * session), `'sameUser'` (every remaining check passed). Downgraded to Identification:
 * `'integrityAboveCaller'`, `'differentUser'`, `'elevatedFromFilteredCaller'`, `'lessRestrictedThanCaller'`,
 * `'sessionZeroFromOtherSession'`.
 * @see {@link impersonationCheck}
 */
export type ImpersonationRule =
  | 'belowImpersonation'
  | 'anonymousLogonSession'
  | 'seImpersonatePrivilege'
  | 'integrityAboveCaller'
  | 'originIsCallerLogonSession'
  | 'differentUser'
  | 'elevatedFromFilteredCaller'
  | 'lessRestrictedThanCaller'
  | 'sessionZeroFromOtherSession'
  | 'sameUser';

/**
 * What {@link impersonationCheck} decided: the level the impersonating thread actually gets, whether that is
 * the silent downgrade to Identification, which rule decided, and where the rule is documented.
 *
 * @example
 * ```ts
 * import type { ImpersonationCheckResult } from '@doublehop/core-token';
 *
 * const allowed: ImpersonationCheckResult = {
 *   level: 'Impersonation', downgraded: false, rule: 'seImpersonatePrivilege', source: 'ImpersonateLoggedOnUser remarks',
 * };
 * ```
 */
export interface ImpersonationCheckResult {
  /** The impersonation level the thread's token gets. */
  readonly level: ImpersonationLevel;
  /** `true` when the kernel silently replaced the level with Identification (the call still succeeds). */
  readonly downgraded: boolean;
  /** The condition that decided. */
  readonly rule: ImpersonationRule;
  /** Where the rule is documented. */
  readonly source: string;
}

/**
 * Options for {@link impersonationCheck}.
 *
 * @example
 * ```ts
 * import type { ImpersonationCheckOptions } from '@doublehop/core-token';
 *
 * const uacOff: ImpersonationCheckOptions = { uacEnabled: false };
 * ```
 */
export interface ImpersonationCheckOptions {
  /**
   * Whether UAC is on (RtlQueryElevationFlags' ElevationEnabled, the EnableLUA policy). Only then does the
   * elevated-token rule apply. Default `true`.
   */
  readonly uacEnabled?: boolean;
}

/** The ANONYMOUS LOGON session's LUID (ANONYMOUS_LOGON_LUID, ntseapi.h). */
const ANONYMOUS_LOGON_LUID = 0x3e6;

const DOCS =
  'ImpersonateLoggedOnUser remarks, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateloggedonuser';
const FORSHAW = 'Forshaw, Windows Security Internals ch. 4 (SeTokenCanImpersonate)';
const ORIGIN =
  'ImpersonateLoggedOnUser remarks; TOKEN_ORIGIN, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_origin';
const INTEGRITY = `${FORSHAW}; "How can my application work when UAC is enabled and fail when it is disabled?", https://blogs.msdn.com/b/winsdk/archive/2013/02/05/how-can-my-application-work-when-uac-is-enabled-and-fail-when-it-is-disabled.aspx`;

function allow(level: ImpersonationLevel, rule: ImpersonationRule, source: string): ImpersonationCheckResult {
  return { level, downgraded: false, rule, source };
}

function downgrade(rule: ImpersonationRule, source: string): ImpersonationCheckResult {
  return { level: 'Identification', downgraded: true, rule, source };
}

/**
 * Decides which impersonation level a thread really gets when it impersonates a token — the kernel's
 * SeTokenCanImpersonate check behind ImpersonateLoggedOnUser, SetThreadToken, ImpersonateNamedPipeClient and
 * the rest. When no exception applies the call still *succeeds*, but the thread is silently given an
 * Identification-level copy of the token, so its next object open fails with ERROR_BAD_IMPERSONATION_LEVEL.
 *
 * @remarks
 * The documented exceptions ("All impersonate functions … allow the requested impersonation if one of the
 * following is true") and the further conditions Forshaw describes, tested in the kernel's order:
 * 1. the token is below Impersonation (Identification or Anonymous): allowed as is;
 * 2. the token belongs to the ANONYMOUS LOGON session (AuthenticationId 0x3e6): allowed;
 * 3. the caller's process token has SeImpersonatePrivilege *enabled*: allowed;
 * 4. the token's integrity level is above the caller's: downgraded — so a Medium process impersonating a
 *    High (UAC-off administrator) logon of the same user gets Identification;
 * 5. the token's TokenOrigin is the caller's logon session (LogonUser/LsaLogonUser with explicit
 *    credentials, called from the caller's logon session): allowed. An origin of 0 (network logons,
 *    unallocated tokens) never matches;
 * 6. the token's user differs from the caller's: downgraded;
 * 7. with UAC on, the token is elevated ({@link isElevated}) but the caller is not and is the filtered half
 *    of a split token: downgraded (the fix for impersonating a same-user elevated token from the limited
 *    desktop). Windows tests an internal flag of the caller's logon session here; doublehop reads it as the
 *    caller's elevation type being `'limited'`;
 * 8. the caller is restricted but the token is not, or the caller is fully restricted and the token only
 *    write-restricted: downgraded;
 * 9. the token is in session 0 and the caller in another session: downgraded;
 * 10. otherwise (same user, nothing above refused): allowed.
 *
 * A primary token (ImpersonateLoggedOnUser accepts one) is checked at Impersonation level, the level
 * ImpersonateLoggedOnUser duplicates it to. AppContainer, capability and process-trust conditions are not
 * modelled.
 *
 * @param caller - the process (primary) token of the thread that wants to impersonate; its thread token
 * does not matter
 * @param candidate - the token to impersonate
 * @param options - whether UAC is on
 * @returns the level the thread gets, whether it was downgraded, and the deciding rule with its source
 * @example
 * ```ts
 * import { impersonationCheck, sid, token } from '@doublehop/core-token';
 *
 * const client = token({ user: sid('S-1-5-21-1-2-3-1104') });
 * const iis = token({ user: sid('S-1-5-20'), type: 'primary', privileges: ['SeImpersonatePrivilege'] });
 * impersonationCheck(iis, client).level; // 'Impersonation'
 *
 * const noPrivilege = token({ user: sid('S-1-5-21-1-2-3-1105'), type: 'primary' });
 * const r = impersonationCheck(noPrivilege, client);
 * r.level;      // 'Identification'
 * r.downgraded; // true
 * r.rule;       // 'differentUser'
 * ```
 * @see ImpersonateLoggedOnUser, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateloggedonuser;
 * SetThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-setthreadtoken;
 * Forshaw, *Windows Security Internals* ch. 4
 */
export function impersonationCheck(
  caller: Token,
  candidate: Token,
  options: ImpersonationCheckOptions = {},
): ImpersonationCheckResult {
  const level: ImpersonationLevel = candidate.impersonationLevel ?? 'Impersonation';
  if (IMPERSONATION_LEVELS.indexOf(level) < IMPERSONATION_LEVELS.indexOf('Impersonation')) {
    return allow(level, 'belowImpersonation', DOCS);
  }
  if (candidate.authenticationId === ANONYMOUS_LOGON_LUID) {
    return allow(level, 'anonymousLogonSession', FORSHAW);
  }
  if (hasEnabledPrivilege(caller, 'SeImpersonatePrivilege')) {
    return allow(level, 'seImpersonatePrivilege', DOCS);
  }
  if (integrityRid(candidate.integrityLevel) > integrityRid(caller.integrityLevel)) {
    return downgrade('integrityAboveCaller', INTEGRITY);
  }
  if (candidate.origin !== 0 && candidate.origin === caller.authenticationId) {
    return allow(level, 'originIsCallerLogonSession', ORIGIN);
  }
  if (candidate.user.sid !== caller.user.sid) return downgrade('differentUser', DOCS);
  if (
    (options.uacEnabled ?? true) &&
    caller.elevationType === 'limited' &&
    isElevated(candidate) &&
    !isElevated(caller)
  ) {
    return downgrade('elevatedFromFilteredCaller', FORSHAW);
  }
  if (
    isRestricted(caller) &&
    !(isRestricted(candidate) && (caller.writeRestricted || !candidate.writeRestricted))
  ) {
    return downgrade('lessRestrictedThanCaller', FORSHAW);
  }
  if (candidate.sessionId === 0 && caller.sessionId !== 0) {
    return downgrade('sessionZeroFromOtherSession', FORSHAW);
  }
  return allow(level, 'sameUser', DOCS);
}

/** IsTokenRestricted: the token has restricting SIDs (a WRITE_RESTRICTED token has them too). */
function isRestricted(subject: Token): boolean {
  return subject.restrictedSids.length > 0 || subject.writeRestricted;
}
