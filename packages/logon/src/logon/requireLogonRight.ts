import type { Sid } from '@doublehop/core-token';
import { type LogonError, logonError, NT_STATUS } from '../errors.js';
import type { Machine } from '../machine/machine.js';
import { checkLogonRight } from './checkLogonRight.js';
import type { LogonTypeName } from './logonType.js';
import { isIusr, isServiceIdentity, type Principal } from './principal.js';

/**
 * @internal Step 5b of LsaLogonUser: the would-be token's SIDs must hold the logon right of the logon type, and
 * no SID may hold its deny right — deny wins ({@link checkLogonRight}). SYSTEM, LOCAL SERVICE, NETWORK SERVICE
 * and the virtual accounts hold the service logon right by definition (IUSR does not).
 * @see "User Rights Assignment" ("the Deny … setting supersedes …"); LogonUser: ERROR_LOGON_TYPE_NOT_GRANTED
 * ("4625(F)" Status 0xC000015B); "Service User Accounts"
 */
export function requireLogonRight(
  machine: Machine,
  logonType: LogonTypeName,
  principal: Principal,
  sids: readonly Sid[],
): LogonError | null {
  const implicitService = isServiceIdentity(principal) && !isIusr(principal);
  const right = checkLogonRight(machine, logonType, sids, implicitService);
  if (right.granted) return null;
  const denied = right.deniedSid !== null;
  return logonError(
    'ERROR_LOGON_TYPE_NOT_GRANTED',
    denied ? 'logon-right-denied' : 'logon-right-missing',
    NT_STATUS.STATUS_LOGON_TYPE_NOT_GRANTED,
    NT_STATUS.STATUS_SUCCESS,
    denied
      ? `${right.right} on ${machine.name} names ${right.deniedSid?.text}, which ${principal.domain}\\${principal.name} has: deny wins`
      : `${principal.domain}\\${principal.name} does not hold ${right.right} on ${machine.name}`,
    'User Rights Assignment ("the Deny … setting supersedes …"); LogonUser: ERROR_LOGON_TYPE_NOT_GRANTED (4625 Status 0xC000015B)',
    denied ? { right: right.right, deniedSid: right.deniedSid?.text ?? '' } : { right: right.right },
  );
}
