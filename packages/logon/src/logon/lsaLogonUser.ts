import { ok, type Result, type Token } from '@doublehop/core-token';
import type { AuditEvent } from '../audit/auditEvent.js';
import type { LogonError } from '../errors.js';
import { applyUac, uacMode } from './applyUac.js';
import { buildLogonToken } from './buildLogonToken.js';
import { checkAccountState } from './checkAccountState.js';
import { checkPassword } from './checkPassword.js';
import { createLogonSessions } from './createLogonSessions.js';
import { logonGroupContext } from './logonGroupContext.js';
import { logonGroups } from './logonGroups.js';
import type { LogonRequest } from './logonRequest.js';
import type { LogonSession } from './logonSession.js';
import { allocateLuid, type Lsa, lsaState } from './lsa.js';
import { newCredentials } from './newCredentials.js';
import type { Principal } from './principal.js';
import { recordLogon } from './recordLogon.js';
import { refuseLogon } from './refuseLogon.js';
import { requestAuditFields } from './requestAuditFields.js';
import { requireLogonRight } from './requireLogonRight.js';
import { resolveLogonPrincipal } from './resolveLogonPrincipal.js';
import { cachesVerifier, selectProtocol } from './selectProtocol.js';
import { sessionCredentialsFor } from './sessionCredentialsFor.js';
import { terminalSessionId } from './terminalSessionId.js';
import { WELL_KNOWN_LUIDS } from './wellKnownLuids.js';

/**
 * A successful logon: the session (or, for a UAC administrator, the filtered half and its elevated twin), the
 * token LogonUser would return, and the events it wrote.
 *
 * @example
 * ```ts
 * import type { Logon } from '@doublehop/logon';
 *
 * const elevatedToken = (l: Logon) => l.linkedSession?.token ?? l.token;
 * ```
 */
export interface Logon {
  /** The session of {@link Logon.token}. */
  readonly session: LogonSession;
  /** The token returned: for a UAC administrator's interactive logon, the filtered one (its `linkedToken` is the elevated one). */
  readonly token: Token;
  /** The elevated twin session of a UAC split logon, else `null`. */
  readonly linkedSession: LogonSession | null;
  /** The events written, in order (4648, 4624, 4672 …). */
  readonly events: readonly AuditEvent[];
}

/**
 * Logs an account on, as LsaLogonUser does: authenticates it (Kerberos or NTLM, or from the cache), checks the
 * machine's logon rights, builds the token — groups, privileges, integrity level, type and impersonation level
 * — and the logon session with the credentials it keeps, and writes the Security log events.
 *
 * @remarks
 * The rules, in order, each with its source:
 * 1. **Unknown account** → ERROR_LOGON_FAILURE (1326), 0xC000006D / 0xC0000064. Accounts of domains the
 *    machine's domain does not trust are unknown.
 * 2. **Disabled account** → ERROR_ACCOUNT_DISABLED (1331), 0xC000006E / 0xC0000072 — whatever the password (the
 *    KDC answers KDC_ERR_CLIENT_REVOKED before pre-authentication). LsaLogonUser returns STATUS_ACCOUNT_RESTRICTION
 *    with sub-status STATUS_ACCOUNT_DISABLED, and LogonUser reports the sub-status.
 * 3. **Protocol**: local accounts use NTLM (MSV1_0); domain accounts Kerberos under Negotiate when a domain
 *    controller answers. Without one, an interactive logon falls back to **cached credentials** (the session's
 *    logon type becomes CachedInteractive, 11) if a verifier is cached, else ERROR_NO_LOGON_SERVERS (1311).
 *    **Protected Users** (domain functional level 2012 R2+) cannot use NTLM (ERROR_ACCOUNT_RESTRICTION, 1327) and
 *    have no cached verifier; their TGT is not forwardable and LSA keeps neither password nor NT hash.
 * 4. **Wrong password** → ERROR_LOGON_FAILURE (1326), 0xC000006D / 0xC000006A.
 * 5. **Logon right** ({@link checkLogonRight}): a deny right matching any SID of the token, or no allow right →
 *    ERROR_LOGON_TYPE_NOT_GRANTED (1385), 0xC000015B. SYSTEM, LOCAL SERVICE, NETWORK SERVICE and virtual accounts
 *    hold the service logon right by definition.
 * 6. **Token type**: Network → an impersonation token at Impersonation level (Delegation when the client forwarded
 *    its TGT, Identification when it asked for no more); S4U without SeTcbPrivilege enabled in the caller's token →
 *    an impersonation token at **Identification** level; everything else → a primary token.
 * 7. **Integrity**: System for SYSTEM, LOCAL SERVICE and NETWORK SERVICE; High when the token is elevated
 *    (administrator groups or elevated privileges, core-token's `isElevated`); Medium otherwise.
 * 8. **UAC**: an elevated interactive logon (2, 7, 10, 11) on a machine with UAC gets a split token — core-token's
 *    `filterAdministratorToken` and `linkUacTokens` — in two linked sessions; the built-in Administrator (RID 500)
 *    is exempt unless FilterAdministratorToken is set. A local administrator's network logon gets only the
 *    filtered token (UAC remote restrictions) unless LocalAccountTokenFilterPolicy is set.
 * Events: 4648 first for a password logon (explicit credentials), 4624 per session, 4672 when the token holds a
 * sensitive privilege; a refusal writes 4625.
 * @param lsa - the machine's LSA
 * @param request - the logon request
 * @returns the logon, or the refusal
 * @example
 * ```ts
 * import { createLsa, directory, lsaLogonUser, machine } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'user', samAccountName: 'billy', password: 'P@ss' }, { kind: 'computer', samAccountName: 'WEB01' }],
 * });
 * const lsa = createLsa(machine({ name: 'WEB01', domain: 'corp.example' }, dir), dir);
 * const r = lsaLogonUser(lsa, { logonType: 'Network', account: 'CORP\\billy', credential: { kind: 'kerberos' } });
 * r.ok && r.value.token.type;               // 'impersonation'
 * r.ok && r.value.token.impersonationLevel; // 'Impersonation'
 * r.ok && r.value.session.credentials.kind; // 'none'
 * ```
 * @see LsaLogonUser, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser; LogonUserW;
 * "4624(S)", "4625(F)"; "Protected Users Security Group"; "How User Account Control works"
 */
export function lsaLogonUser(lsa: Lsa, request: LogonRequest): Result<Logon, LogonError> {
  const state = lsaState(lsa);
  const firstEvent = state.events.length;
  const caller = state.sessions.get(request.caller ?? WELL_KNOWN_LUIDS.SYSTEM);
  if (caller === undefined)
    throw new TypeError(`lsaLogonUser: no logon session 0x${(request.caller ?? 0).toString(16)}`);
  if (request.callerToken !== undefined && request.callerToken.authenticationId !== caller.logonId)
    throw new TypeError(
      `lsaLogonUser: the caller's token belongs to logon session 0x${request.callerToken.authenticationId.toString(16)}, not the caller's 0x${caller.logonId.toString(16)}`,
    );
  const cred = request.credential;
  if ((cred.kind === 'kerberos' || cred.kind === 'ntlm') && request.logonType !== 'Network') {
    throw new TypeError(
      `lsaLogonUser: a ${cred.kind} credential makes a Network logon, not ${request.logonType}`,
    );
  }
  const audit = requestAuditFields(request, caller, lsa.machine.name);
  if (request.logonType === 'NewCredentials')
    return newCredentials(lsa, request, caller, audit.origin, firstEvent);
  if (request.logonType === 'System')
    throw new TypeError('lsaLogonUser: logon type System is SYSTEM’s own session');
  const refuse = (error: LogonError, principal?: Principal) =>
    refuseLogon(lsa, request, audit, error, principal);

  // 1. Who is it? Unknown or untrusted: STATUS_NO_SUCH_USER (LsaLogonUser; MS-ADTS 6.1.6).
  const resolved = resolveLogonPrincipal(lsa, request.account);
  if (!resolved.ok) return refuse(resolved.error);
  const { principal, otherOrganization } = resolved.value;

  // 2. May it log on this way at all? Service identities, no secret, disabled ("Service User Accounts").
  const restricted = checkAccountState(principal, request);
  if (restricted !== null) return refuse(restricted, principal);

  // 3. Which package authenticates it, or the cached verifier (Negotiate; "Protected Users Security Group").
  const chosen = selectProtocol(lsa, principal, request, state.cachedLogons);
  if (!chosen.ok) return refuse(chosen.error, principal);
  const { protocol, logonType, protectedUser } = chosen.value;

  // 4. The secret: STATUS_WRONG_PASSWORD (LsaLogonUser).
  const wrong = checkPassword(principal, request);
  if (wrong !== null) return refuse(wrong, principal);

  // 5. The token groups, then the logon right they must hold — deny wins ("User Rights Assignment").
  const logonId = principal.kind === 'builtin' ? principal.fixedLogonId : allocateLuid(lsa);
  const groups = logonGroups(
    lsa,
    principal,
    logonGroupContext(principal, request, { protocol, logonType, logonId, otherOrganization }),
  );
  const sids = [principal.sid];
  for (const g of groups) sids.push(g.sid);
  const denied = requireLogonRight(lsa.machine, logonType, principal, sids);
  if (denied !== null) return refuse(denied, principal);

  // 6. The token: privileges, type and level, integrity (LsaLogonUser; "Mandatory Integrity Control").
  const { token: full, elevated } = buildLogonToken(lsa, {
    principal,
    groups,
    sids,
    logonType,
    credential: cred,
    caller,
    callerToken: request.callerToken ?? caller.token,
    logonId,
    tokenId: allocateLuid(lsa),
    sessionId: terminalSessionId(logonType, state.sessions.values()),
    logonProcessName: audit.logonProcessName,
  });

  // 7. The credentials the session keeps for onward authentication (LogonUserW; "Credential Guard").
  const credentials = sessionCredentialsFor(lsa, principal, logonType, cred, protocol, protectedUser);

  // 8. UAC: the split token, or the remote restriction ("How User Account Control works").
  const mode = uacMode(lsa.machine, principal, logonType, elevated);
  const halves = applyUac(full, elevated, mode, () => allocateLuid(lsa));

  // 9. The logon sessions, registered with LSA (the built-in accounts keep their fixed ones).
  const { session, linkedSession } = createLogonSessions(
    { principal, logonType, protocol, audit, credentials, terminalSessionId: full.sessionId },
    halves,
  );
  const created: readonly LogonSession[] = linkedSession === null ? [session] : [linkedSession, session];
  if (principal.kind !== 'builtin') for (const s of created) state.sessions.set(s.logonId, s);

  // 10. The Security log (4648, 4624, 4672), and the verifier cached for offline logons.
  recordLogon(lsa, audit, cred, principal, created);
  if (cachesVerifier(principal, logonType, protectedUser)) state.cachedLogons.add(principal.sid);
  return ok(
    Object.freeze({
      session,
      token: session.token,
      linkedSession,
      events: Object.freeze(state.events.slice(firstEvent)),
    }),
  );
}
