import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Token } from '../token/token.js';

/** Why OpenThreadToken fails before any access check: no impersonation token, or an Anonymous-level one. */
export type OpenThreadTokenError = Win32Error<'ERROR_NO_TOKEN' | 'ERROR_CANT_OPEN_ANONYMOUS'>;

/**
 * The level rules of OpenThreadToken (NtOpenThreadToken), before the access check on the token object: a
 * thread that is not impersonating has no token to open (ERROR_NO_TOKEN), and an Anonymous-level token cannot
 * be opened at all (ERROR_CANT_OPEN_ANONYMOUS). The access check that follows is {@link objectOpenCheck} on
 * the token object, as the process token (OpenAsSelf = TRUE) or as the thread.
 *
 * @param impersonationToken - the thread's impersonation token, or `null` when it acts as its process
 * @returns success, or the error OpenThreadToken fails with
 * @example
 * ```ts
 * import { openThreadTokenRules, sid, token } from '@doublehop/core-token';
 *
 * openThreadTokenRules(null); // { ok: false, error: { code: 'ERROR_NO_TOKEN', win32: 1008 } }
 * openThreadTokenRules(token({ user: sid('S-1-5-7'), impersonationLevel: 'Anonymous' })); // { ok: false, error: { code: 'ERROR_CANT_OPEN_ANONYMOUS', win32: 1347 } }
 * openThreadTokenRules(token({ user: sid('S-1-5-21-1-2-3-1104'), impersonationLevel: 'Identification' })).ok; // true
 * ```
 * @see OpenThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openthreadtoken;
 * NtOpenThreadToken, https://learn.microsoft.com/windows-hardware/drivers/ddi/ntifs/nf-ntifs-ntopenthreadtoken
 */
export function openThreadTokenRules(impersonationToken: Token | null): Result<void, OpenThreadTokenError> {
  if (impersonationToken === null) {
    return err(win32Error('ERROR_NO_TOKEN', 'the thread is not impersonating'));
  }
  if (impersonationToken.impersonationLevel === 'Anonymous') {
    return err(win32Error('ERROR_CANT_OPEN_ANONYMOUS', 'an Anonymous-level token cannot be opened'));
  }
  return ok(undefined);
}
