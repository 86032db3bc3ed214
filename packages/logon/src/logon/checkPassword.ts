import { type LogonError, logonError, NT_STATUS } from '../errors.js';
import type { LogonRequest } from './logonRequest.js';
import type { Principal } from './principal.js';

/**
 * @internal Step 4 of LsaLogonUser: a password, or an NTLM response computed from one, must match the account's
 * secret (MSV1_0 or the KDC checks it). Kerberos tickets, S4U and service identities carry no secret here: the
 * KDC or LSA vouched for them already.
 * @see LsaLogonUser: STATUS_LOGON_FAILURE / STATUS_WRONG_PASSWORD ("4625(F)" Sub Status 0xC000006A)
 */
export function checkPassword(principal: Principal, request: LogonRequest): LogonError | null {
  const cred = request.credential;
  if (cred.kind !== 'password' && cred.kind !== 'ntlm') return null;
  const expected =
    principal.kind === 'local'
      ? principal.user.password
      : principal.kind === 'domain'
        ? principal.account.password
        : null;
  return expected === null || expected !== cred.password ? wrongPassword(request.account) : null;
}

/** @internal The wrong-password refusal, shared with the account-state check (an account given no secret). */
export function wrongPassword(account: string): LogonError {
  return logonError(
    'ERROR_LOGON_FAILURE',
    'wrong-password',
    NT_STATUS.STATUS_LOGON_FAILURE,
    NT_STATUS.STATUS_WRONG_PASSWORD,
    `the password of "${account}" is wrong`,
    'LsaLogonUser: STATUS_LOGON_FAILURE / STATUS_WRONG_PASSWORD (4625 Sub Status 0xC000006A)',
  );
}
