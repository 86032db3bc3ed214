import { ok, type Result, type Token } from '@doublehop/core-token';
import { type EventOrigin, record4624, record4648, record4672 } from '../audit/records.js';
import type { LogonError } from '../errors.js';
import type { LogonRequest } from './logonRequest.js';
import type { LogonSession } from './logonSession.js';
import { allocateLuid, type Lsa, lsaState } from './lsa.js';
import type { Logon } from './lsaLogonUser.js';
import { resolvePrincipal } from './principal.js';
import { splitAccountName } from './splitAccountName.js';

/**
 * @internal LOGON32_LOGON_NEW_CREDENTIALS (`runas /netonly`): the caller's own token cloned into a new logon
 * session that holds other credentials for outbound connections only. Nothing is verified: a wrong password
 * succeeds here and is marked invalid for the first onward authentication to fail. Writes 4648 and 4624 (with
 * the outbound account) and 4672 when the cloned token holds a sensitive privilege.
 * @see LogonUserW (LOGON32_LOGON_NEW_CREDENTIALS), https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw;
 * "4624(S)" (Network Account Name, Network Account Domain)
 */
export function newCredentials(
  lsa: Lsa,
  request: LogonRequest,
  caller: LogonSession,
  origin: EventOrigin,
  firstEvent: number,
): Result<Logon, LogonError> {
  const state = lsaState(lsa);
  if (request.credential.kind !== 'password') {
    throw new TypeError('lsaLogonUser: NewCredentials needs a password credential');
  }
  const [domain, user] = splitAccountName(request.account, lsa.machine.name);
  const target = resolvePrincipal(lsa, request.account);
  const expected =
    target?.kind === 'domain'
      ? target.account.password
      : target?.kind === 'local'
        ? target.user.password
        : null;
  const sessionLuid = allocateLuid(lsa);
  const tokenId = allocateLuid(lsa);
  const clone: Token = Object.freeze({
    ...caller.token,
    tokenId,
    modifiedId: tokenId,
    authenticationId: sessionLuid,
    origin: caller.logonId,
  });
  const session: LogonSession = Object.freeze({
    logonId: sessionLuid,
    logonType: 'NewCredentials',
    authenticationPackage: 'Negotiate',
    protocol: null,
    logonProcessName: 'seclogo',
    user: caller.user,
    userName: caller.userName,
    domainName: caller.domainName,
    token: clone,
    credentials: {
      kind: 'secrets' as const,
      account: target?.name ?? user,
      domain: target?.domain ?? domain,
      sid: target?.sid ?? null,
      password: true,
      ntHash: true,
      tgt: null,
      valid: expected !== null && expected === request.credential.password,
      isolated: lsa.machine.credentialGuard,
    },
    linkedLogonId: null,
    elevated: caller.elevated,
    virtualAccount: false,
    terminalSessionId: caller.terminalSessionId,
  });
  state.sessions.set(sessionLuid, session);
  record4648(lsa, origin, target?.name ?? user, target?.domain ?? domain);
  record4624(lsa, session, origin, {
    transitedServices: [],
    outbound: { user: target?.name ?? user, domain: target?.domain ?? domain },
  });
  record4672(lsa, session);
  return ok(
    Object.freeze({
      session,
      token: clone,
      linkedSession: null,
      events: Object.freeze(state.events.slice(firstEvent)),
    }),
  );
}
