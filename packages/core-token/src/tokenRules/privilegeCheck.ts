import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { PrivilegeName } from '../token/privileges.js';
import { hasEnabledPrivilege, type Token } from '../token/token.js';

/** Why PrivilegeCheck fails: the token is a primary token, or below Identification level. */
export type PrivilegeCheckError = Win32Error<
  'ERROR_NO_IMPERSONATION_TOKEN' | 'ERROR_BAD_IMPERSONATION_LEVEL'
>;

/**
 * PrivilegeCheck: are these privileges enabled in the client's token?
 *
 * @remarks
 * With `requireAll` (PRIVILEGE_SET_ALL_NECESSARY) every listed privilege must be held *and enabled* — an
 * empty list passes; without it, any one suffices — an empty list fails. A privilege that is held but
 * disabled counts for nothing. The token "must have been obtained by opening the token of a thread
 * impersonating the client": a primary token fails with ERROR_NO_IMPERSONATION_TOKEN and an Anonymous-level
 * one with ERROR_BAD_IMPERSONATION_LEVEL (NtPrivilegeCheck).
 *
 * @param subject - the client's impersonation token
 * @param privileges - the PRIVILEGE_SET
 * @param requireAll - PRIVILEGE_SET_ALL_NECESSARY
 * @returns pfResult, or the error that fails the call
 * @example
 * ```ts
 * import { PRIVILEGE_ATTRIBUTES, privilegeCheck, sid, token } from '@doublehop/core-token';
 *
 * const client = token({
 *   user: sid('S-1-5-21-1-2-3-1104'),
 *   privileges: ['SeChangeNotifyPrivilege', { name: 'SeShutdownPrivilege', attributes: 0 }],
 * });
 * privilegeCheck(client, ['SeChangeNotifyPrivilege', 'SeShutdownPrivilege'], true);  // { ok: true, value: false }
 * privilegeCheck(client, ['SeChangeNotifyPrivilege', 'SeShutdownPrivilege'], false); // { ok: true, value: true }
 * ```
 * @see PrivilegeCheck, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-privilegecheck;
 * PRIVILEGE_SET, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-privilege_set
 */
export function privilegeCheck(
  subject: Token,
  privileges: readonly PrivilegeName[],
  requireAll: boolean,
): Result<boolean, PrivilegeCheckError> {
  if (subject.type !== 'impersonation') {
    return err(win32Error('ERROR_NO_IMPERSONATION_TOKEN', 'PrivilegeCheck needs an impersonation token'));
  }
  if (subject.impersonationLevel === 'Anonymous') {
    return err(win32Error('ERROR_BAD_IMPERSONATION_LEVEL', 'an Anonymous-level token cannot be checked'));
  }
  const enabled = (name: PrivilegeName) => hasEnabledPrivilege(subject, name);
  return ok(requireAll ? privileges.every(enabled) : privileges.some(enabled));
}
