import { type Err, err, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { record4625 } from '../audit/records.js';
import type { LogonError } from '../errors.js';
import type { LogonRequest } from './logonRequest.js';
import type { Lsa } from './lsa.js';
import type { Principal } from './principal.js';
import type { RequestAuditFields } from './requestAuditFields.js';
import { splitAccountName } from './splitAccountName.js';

/**
 * @internal Ends a logon attempt with a refusal: writes 4625 naming the resolved account, or — when none was
 * resolved — the domain and user as the request spelled them (SID `S-1-0-0`), and returns the error. Every
 * refusal goes through here so the Security log and the returned error always agree.
 * @see "4625(F) An account failed to log on", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4625
 */
export function refuseLogon(
  lsa: Lsa,
  request: LogonRequest,
  audit: RequestAuditFields,
  error: LogonError,
  principal?: Principal,
): Err<LogonError> {
  const [givenDomain, givenUser] = splitAccountName(request.account, lsa.machine.name);
  record4625(
    lsa,
    audit.origin,
    {
      sid: (principal?.sid ?? WELL_KNOWN_SIDS.NULL.sid).text,
      user: principal?.name ?? givenUser,
      domain: principal?.domain ?? givenDomain,
    },
    request.logonType,
    audit.logonProcessName,
    audit.authenticationPackage,
    error,
  );
  return err(error);
}
