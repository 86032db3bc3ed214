import { err, ok, type Result, type Sid } from '@doublehop/core-token';
import type { Directory } from '../directory/directory.js';
import { isProtectedUser } from '../directory/directoryGroups.js';
import { FUNCTIONAL_LEVELS } from '../directory/domain.js';
import { findDomain } from '../directory/findDomain.js';
import { type LogonError, logonError, NT_STATUS } from '../errors.js';
import type { LogonRequest } from './logonRequest.js';
import { isInteractiveLogon, type LogonTypeName } from './logonType.js';
import type { Lsa } from './lsa.js';
import type { Principal } from './principal.js';

/** @internal How a logon is authenticated. */
export interface ProtocolChoice {
  /** The protocol that authenticates the account; `null` for a cached logon, S4U of a local account, service identities. */
  readonly protocol: 'Kerberos' | 'NTLM' | null;
  /** The logon type, which becomes CachedInteractive when the cached verifier is used. */
  readonly logonType: LogonTypeName;
  /** A Protected Users member in a domain at 2012 R2 or above: no NTLM, no cached verifier, no kept secrets. */
  readonly protectedUser: boolean;
}

/**
 * @internal Step 3 of LsaLogonUser: which package authenticates the account. Local accounts use NTLM (MSV1_0);
 * domain accounts Kerberos under Negotiate when a domain controller answers, NTLM when asked for or when the
 * credential is an NTLM response. Without a domain controller an interactive logon falls back to the cached
 * verifier (CachedInteractive, 11), else STATUS_NO_LOGON_SERVERS. Protected Users cannot use NTLM and have no
 * cached verifier.
 * @see LsaLogonUser: STATUS_NO_LOGON_SERVERS ("4625(F)" 0xC000005E); "Cached domain logon information";
 * "Protected Users Security Group", https://learn.microsoft.com/windows-server/security/credentials-protection-and-management/protected-users-security-group
 */
export function selectProtocol(
  lsa: Lsa,
  principal: Principal,
  request: LogonRequest,
  cachedLogons: ReadonlySet<Sid>,
): Result<ProtocolChoice, LogonError> {
  const { machine, directory } = lsa;
  const cred = request.credential;
  const requestedPackage = request.authenticationPackage ?? 'Negotiate';
  const protectedUser =
    principal.kind === 'domain' && directory !== null && inProtectedUsers(directory, principal);
  if (principal.kind === 'local') {
    if (cred.kind === 'kerberos' || requestedPackage === 'Kerberos') {
      return err(noLogonServers('no-logon-servers', 'Kerberos cannot log on a local account'));
    }
    return ok({ protocol: cred.kind === 's4u' ? null : 'NTLM', logonType: request.logonType, protectedUser });
  }
  if (principal.kind !== 'domain') return ok({ protocol: null, logonType: request.logonType, protectedUser });
  const wantsCache =
    request.logonType === 'CachedInteractive' ||
    (!machine.domainControllerReachable && isInteractiveLogon(request.logonType) && cred.kind === 'password');
  if (wantsCache) {
    if (protectedUser || !cachedLogons.has(principal.sid)) {
      return err(
        noLogonServers(
          'no-cached-credentials',
          protectedUser
            ? `${principal.domain}\\${principal.name} is in Protected Users: no cached verifier, no offline sign-in`
            : `no domain controller answered and no logon of ${principal.domain}\\${principal.name} is cached on ${machine.name}`,
        ),
      );
    }
    return ok({ protocol: null, logonType: 'CachedInteractive', protectedUser });
  }
  let protocol: 'Kerberos' | 'NTLM';
  if (cred.kind === 'kerberos') protocol = 'Kerberos';
  else if (cred.kind === 'ntlm') protocol = 'NTLM';
  else {
    if (!machine.domainControllerReachable) {
      return err(
        noLogonServers('no-logon-servers', `no domain controller of ${principal.dnsDomain} answered`),
      );
    }
    protocol = requestedPackage === 'NTLM' ? 'NTLM' : 'Kerberos';
  }
  if (protocol === 'NTLM' && protectedUser) {
    return err(
      logonError(
        'ERROR_ACCOUNT_RESTRICTION',
        'protected-users-ntlm',
        NT_STATUS.STATUS_ACCOUNT_RESTRICTION,
        NT_STATUS.STATUS_SUCCESS,
        `${principal.domain}\\${principal.name} is in Protected Users, which cannot authenticate with NTLM`,
        '"Protected Users Security Group": domain controller protections (no NTLM)',
      ),
    );
  }
  return ok({ protocol, logonType: request.logonType, protectedUser });
}

/**
 * @internal Whether a successful logon leaves a cached verifier for later offline interactive logons: domain
 * accounts' interactive logons do, except Protected Users'. The counterpart of the cache fallback above.
 * @see "Cached domain logon information"; "Protected Users Security Group"
 */
export function cachesVerifier(
  principal: Principal,
  logonType: LogonTypeName,
  protectedUser: boolean,
): boolean {
  return principal.kind === 'domain' && isInteractiveLogon(logonType) && !protectedUser;
}

/** Protected Users' protections need the account's domain at the 2012 R2 functional level or above. */
function inProtectedUsers(dir: Directory, principal: Principal & { kind: 'domain' }): boolean {
  return (
    isProtectedUser(dir, principal.account) &&
    (findDomain(dir, principal.dnsDomain)?.functionalLevel ?? 0) >= FUNCTIONAL_LEVELS.WIN2012R2
  );
}

function noLogonServers(reason: 'no-logon-servers' | 'no-cached-credentials', why: string): LogonError {
  return logonError(
    'ERROR_NO_LOGON_SERVERS',
    reason,
    NT_STATUS.STATUS_NO_LOGON_SERVERS,
    NT_STATUS.STATUS_SUCCESS,
    why,
    reason === 'no-cached-credentials'
      ? 'Cached domain logon information; "Protected Users Security Group" (no cached verifier: offline sign-in is not supported)'
      : 'LsaLogonUser: STATUS_NO_LOGON_SERVERS (4625 Status 0xC000005E)',
  );
}
