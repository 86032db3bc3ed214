import { sidDisplayName, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { type NetworkIdentity, networkIdentity } from '@doublehop/logon';
import { SOURCES } from '../sources.js';
import type { RemoteIdentity, RemoteReasonCode, ThreadContext } from './threadTypes.js';

const ANONYMOUS: NetworkIdentity = Object.freeze({ kind: 'anonymous', reason: 'no-credentials' });
const ANONYMOUS_NAME = WELL_KNOWN_SIDS.ANONYMOUS_LOGON.name;

function nameOf(network: NetworkIdentity): string {
  return network.kind === 'anonymous' ? ANONYMOUS_NAME : network.name;
}

function remote(
  network: NetworkIdentity,
  asClient: boolean,
  reason: RemoteReasonCode,
  source: string,
): RemoteIdentity {
  return Object.freeze({ name: nameOf(network), network, asClient, reason, source });
}

/**
 * Whom a remote server sees when the thread connects to `service` — the thread must be at Impersonation or
 * above, or act as its process (the caller checks the level first).
 *
 * @remarks
 * Outbound authentication uses the logon session of the thread's effective token, as logon's
 * `networkIdentity` describes it: not impersonating, the service's own account; impersonating, the client's
 * session — a forwarded TGT (usable at Delegation level only), the password (Basic, CredSSP, LogonUser), or
 * nothing at all for a plain network logon, which goes out as NT AUTHORITY\ANONYMOUS LOGON (the NTLM double
 * hop) — unless the delegation package obtained a constrained-delegation ticket to that service.
 *
 * @internal
 */
export function remoteIdentityOf(context: ThreadContext, service: string): RemoteIdentity {
  const imp = context.impersonation;
  if (imp === null) {
    return remote(networkIdentity(context.session), false, 'process-identity', SOURCES.serviceAccounts);
  }
  const credentials = imp.session?.credentials ?? { kind: 'none' as const };
  const delegation = imp.token.impersonationLevel === 'Delegation';
  if (credentials.kind === 'forwardedTgt' && delegation && imp.session !== null) {
    return remote(networkIdentity(imp.session), true, 'forwarded-tgt', SOURCES.kileClientDelegate);
  }
  if (imp.tickets.includes(service.toLowerCase())) {
    const name =
      imp.session === null
        ? sidDisplayName(imp.token.user.sid)
        : `${imp.session.domainName}\\${imp.session.userName}`;
    const network: NetworkIdentity = Object.freeze({
      kind: 'account',
      name,
      sid: imp.token.user.sid,
      protocols: Object.freeze(['Kerberos'] as const),
    });
    return remote(network, true, 'constrained-delegation', SOURCES.kcd);
  }
  if (credentials.kind === 'forwardedTgt') {
    return remote(ANONYMOUS, false, 'level-below-delegation', SOURCES.impersonationLevels);
  }
  if (credentials.kind === 'none' || imp.session === null) {
    return remote(ANONYMOUS, false, 'ntlm-double-hop', SOURCES.anonymousLogon);
  }
  const network = networkIdentity(imp.session);
  return remote(network, network.kind === 'account', 'session-credentials', SOURCES.serviceAccounts);
}
