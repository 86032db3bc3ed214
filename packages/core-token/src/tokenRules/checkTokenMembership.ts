import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Sid } from '../sid/sid.js';
import { GROUP_ATTRIBUTES, type Token } from '../token/token.js';

/** Why CheckTokenMembership fails: the token is a primary token, or an Anonymous-level one. */
export type CheckTokenMembershipError = Win32Error<
  'ERROR_NO_IMPERSONATION_TOKEN' | 'ERROR_BAD_IMPERSONATION_LEVEL'
>;

/**
 * CheckTokenMembership: is this SID *enabled* in the token — present and usable to grant access?
 *
 * @remarks
 * - The user counts unless it is deny-only; a group counts only with SE_GROUP_ENABLED and without
 *   SE_GROUP_USE_FOR_DENY_ONLY. As in the access check, the first entry carrying the SID decides.
 * - "If TokenHandle is a restricted token … CheckTokenMembership also checks whether the SID is present in
 *   the list of restricting SIDs" — for a write-restricted token too.
 * - "The token must be an impersonation token": a primary token fails with ERROR_NO_IMPERSONATION_TOKEN,
 *   and an Anonymous-level one with ERROR_BAD_IMPERSONATION_LEVEL, as the access check underneath fails.
 *   (With a NULL handle Windows uses the thread's impersonation token or an Identification-level duplicate
 *   of the process token — the machine's part.)
 *
 * @param subject - the (impersonation) token to test
 * @param member - the SID to look for
 * @returns IsMember, or the error that fails the call
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES, checkTokenMembership, sid, token } from '@doublehop/core-token';
 *
 * const admins = sid('S-1-5-32-544');
 * const filtered = token({
 *   user: sid('S-1-5-21-1-2-3-1104'),
 *   groups: [{ sid: admins, attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY }],
 * });
 * checkTokenMembership(filtered, admins);                   // { ok: true, value: false }
 * checkTokenMembership(filtered, sid('S-1-5-21-1-2-3-1104')); // { ok: true, value: true }
 * ```
 * @see CheckTokenMembership, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-checktokenmembership;
 * SID Attributes in an Access Token, https://learn.microsoft.com/windows/win32/secauthz/sid-attributes-in-an-access-token
 */
export function checkTokenMembership(
  subject: Token,
  member: Sid,
): Result<boolean, CheckTokenMembershipError> {
  if (subject.type !== 'impersonation') {
    return err(
      win32Error('ERROR_NO_IMPERSONATION_TOKEN', 'CheckTokenMembership needs an impersonation token'),
    );
  }
  if (subject.impersonationLevel === 'Anonymous') {
    return err(win32Error('ERROR_BAD_IMPERSONATION_LEVEL', 'an Anonymous-level token cannot be checked'));
  }
  if (!isEnabledSid(subject, member)) return ok(false);
  if (subject.restrictedSids.length > 0 || subject.writeRestricted) {
    return ok(subject.restrictedSids.some((r) => r.sid === member));
  }
  return ok(true);
}

/**
 * Whether a SID is an enabled SID of the token: the user unless deny-only, or the first group entry with
 * the SID, enabled and not deny-only.
 *
 * @internal
 */
export function isEnabledSid(subject: Token, member: Sid): boolean {
  const { SE_GROUP_ENABLED, SE_GROUP_USE_FOR_DENY_ONLY } = GROUP_ATTRIBUTES;
  if (subject.user.sid === member) return (subject.user.attributes & SE_GROUP_USE_FOR_DENY_ONLY) === 0;
  const group = subject.groups.find((g) => g.sid === member);
  if (group === undefined) return false;
  return (group.attributes & SE_GROUP_ENABLED) !== 0 && (group.attributes & SE_GROUP_USE_FOR_DENY_ONLY) === 0;
}
