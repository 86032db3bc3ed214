import { USER_ACCOUNT_CONTROL } from '../directory/userAccountControl.js';
import { type LogonError, logonError, NT_STATUS } from '../errors.js';
import { wrongPassword } from './checkPassword.js';
import type { LogonRequest } from './logonRequest.js';
import type { LogonTypeName } from './logonType.js';
import { isGmsa, isIusr, isServiceIdentity, type Principal } from './principal.js';

/**
 * @internal Step 2 of LsaLogonUser: whether this account may log on this way at all, before any secret is
 * checked. Service identities (and a gMSA given no password) are logged on only by the system, without a
 * secret, as a service — IUSR as a network, interactive or batch logon; an ordinary account given no secret is
 * refused as a wrong password; a disabled account is refused whatever the password (the KDC answers
 * KDC_ERR_CLIENT_REVOKED before pre-authentication; LogonUser reports the sub-status).
 * @see "Service User Accounts"; LogonUserExExW (LOGON32_PROVIDER_VIRTUAL); LsaLogonUser:
 * STATUS_ACCOUNT_RESTRICTION / STATUS_ACCOUNT_DISABLED ("4625(F)" 0xC000006E / 0xC0000072)
 */
export function checkAccountState(principal: Principal, request: LogonRequest): LogonError | null {
  const cred = request.credential;
  if (isServiceIdentity(principal) || (isGmsa(principal) && cred.kind === 'none')) {
    const allowed: readonly LogonTypeName[] = isIusr(principal)
      ? ['Network', 'NetworkCleartext', 'Interactive', 'Batch']
      : ['Service'];
    if (cred.kind !== 'none' || !allowed.includes(request.logonType)) {
      return logonError(
        'ERROR_LOGON_FAILURE',
        'logon-type-not-supported',
        NT_STATUS.STATUS_LOGON_FAILURE,
        NT_STATUS.STATUS_SUCCESS,
        `${principal.domain}\\${principal.name} is logged on only by the system, as a ${allowed.join(' or ')} logon without a password`,
        'Service User Accounts; LogonUserExExW (LOGON32_PROVIDER_VIRTUAL)',
      );
    }
  } else if (cred.kind === 'none') {
    return wrongPassword(request.account);
  }
  const disabled =
    (principal.kind === 'local' && !principal.user.enabled) ||
    (principal.kind === 'domain' &&
      (principal.account.userAccountControl & USER_ACCOUNT_CONTROL.ACCOUNTDISABLE) !== 0);
  if (!disabled) return null;
  return logonError(
    'ERROR_ACCOUNT_DISABLED',
    'account-disabled',
    NT_STATUS.STATUS_ACCOUNT_RESTRICTION,
    NT_STATUS.STATUS_ACCOUNT_DISABLED,
    `${principal.domain}\\${principal.name} is disabled`,
    'LsaLogonUser: STATUS_ACCOUNT_RESTRICTION with SubStatus STATUS_ACCOUNT_DISABLED; LogonUser reports the sub-status (4625 0xC000006E / 0xC0000072)',
  );
}
