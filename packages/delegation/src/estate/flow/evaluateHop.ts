import {
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  type Sid,
  type Token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import type { ConnectionLevel, NegotiatedProtocol } from '@doublehop/impersonation-levels';
import { requestedLevel } from '@doublehop/impersonation-levels';
import type { Logon } from '@doublehop/logon';
import { USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import { displayName, lookupServer } from '../../kdc/principals.js';
import { s4u2self } from '../../kdc/s4u2self.js';
import { type CompiledService, MODEL_PASSWORD } from '../compileEstate.js';
import type { EstateAuthentication, EstateRequest } from '../estateModel.js';
import type { ArrivingIdentity, DelegationMechanism, HopResult, WhyNotCause } from '../estateResults.js';
import type { WhyNotReason } from '../whyNotReasons.js';
import type { CarriedIdentity, Carrier, ClientSide, FlowContext } from './flowTypes.js';
import { participantId } from './flowTypes.js';
import { cause, type HopRecorder, hopRecorder } from './hopRecorder.js';
import { kerberosLeg } from './kerberosLeg.js';
import { kdcRefusalReason, logonRefusalReason, spnLookup, undelegableReason } from './refusalReason.js';
import {
  clientRequest,
  connectionOutcome,
  enableTcbForS4u,
  hopLogon,
  impersonationLevelOf,
  serverLogon,
} from './serverLogon.js';

/** @internal One hop to evaluate. */
export interface HopInput {
  readonly hop: number;
  readonly client: ClientSide;
  /** The hop's start: the user's machine (hop 1) or the calling service. */
  readonly from: string;
  readonly target: CompiledService;
  readonly as: 'caller' | 'self';
  readonly request: EstateRequest;
  /** The identity the client side presents, or `null` with the reason it has none. */
  readonly identity: CarriedIdentity | null;
  readonly noIdentity: WhyNotCause | null;
}

/** @internal A hop's result, and what its service now holds to go onward as the identity that arrived. */
export interface HopOutcome {
  readonly result: HopResult;
  readonly carrier: Carrier | null;
  readonly identity: CarriedIdentity | null;
  readonly messages: HopRecorder['messages'];
}

const ANONYMOUS: ArrivingIdentity = Object.freeze({
  kind: 'anonymous',
  name: 'NT AUTHORITY\\ANONYMOUS LOGON',
  sid: WELL_KNOWN_SIDS.ANONYMOUS_LOGON.sid.text,
});
const REFUSED: ArrivingIdentity = Object.freeze({ kind: 'refused', name: null, sid: null });

const rank = (level: ImpersonationLevel): number => IMPERSONATION_LEVELS.indexOf(level);

/** @internal Evaluates one hop: method, protocol, tickets, server logon, level, who arrives, what it holds onward. */
export function evaluateHop(ctx: FlowContext, input: HopInput): HopOutcome {
  const { runtime } = ctx;
  const dir = runtime.estate.directory;
  const { hop, client, target, identity, request } = input;
  const rec = hopRecorder(hop);
  const from = client.kind === 'user' ? participantId.client : participantId.service(client.service.name);
  const to = participantId.service(target.name);
  const spn = target.spn;
  const clientMachine = client.kind === 'user' ? client.machine : client.service.machine;
  const local = clientMachine.name === target.machine.name;
  const uacEnabled = target.machine.machine.uac;
  const requested = requestedLevel(clientRequest(request), local).level;
  let spnState: HopResult['spnLookup'] = 'not-attempted';
  let spnAccount: string | null = null;
  const finish = (r: {
    authentication: EstateAuthentication | null;
    protocol: HopResult['protocol'];
    mechanism: DelegationMechanism;
    logon: Logon | null;
    level: ImpersonationLevel | null;
    arrived: ArrivingIdentity;
    outcome: HopResult['outcome'];
    onward: HopResult['onward'];
    reason: WhyNotReason | null;
    carrier: Carrier | null;
    carried: CarriedIdentity | null;
  }): HopOutcome => ({
    // Field by field: a `{ ...base, more }` literal costs V8 a new hidden class per hop.
    result: Object.freeze({
      hop,
      from: input.from,
      to: target.name,
      machine: target.machine.name,
      as: input.as,
      presents: identity?.name ?? null,
      spn: spnState === 'not-attempted' ? null : spn,
      spnLookup: spnState,
      spnAccount,
      authentication: r.authentication,
      protocol: r.protocol,
      mechanism: r.mechanism,
      tickets: Object.freeze(rec.tickets),
      logon: r.logon === null ? null : hopLogon(r.logon),
      level: r.level,
      identity: r.arrived,
      outcome: r.outcome,
      onward: r.onward,
      reason: r.reason,
      steps: Object.freeze(rec.steps),
    }),
    carrier: r.carrier,
    identity: r.carried,
    messages: rec.messages,
  });
  const refuse = (
    reason: WhyNotReason,
    authentication: EstateAuthentication | null,
    mechanism: DelegationMechanism,
    text: string,
  ) => {
    rec.message(to, from, 'error', text);
    return finish({
      authentication,
      protocol: null,
      mechanism,
      logon: null,
      level: null,
      arrived: REFUSED,
      outcome: 'refused',
      onward: 'none',
      reason,
      carrier: null,
      carried: null,
    });
  };

  const process = runtime.process(target);
  if (!process.ok) {
    rec.step({
      origin: '@doublehop/logon',
      rule: process.error.reason,
      source: process.error.rule,
      outcome: 'refused',
      detail: `the Service Control Manager cannot log ${target.def.runsAs} on to run ${target.name}: ${process.error.code} (${process.error.message})`,
    });
    return refuse(
      logonRefusalReason(process.error),
      null,
      'none',
      `${target.name} is not running (${process.error.code})`,
    );
  }
  const serverToken = process.token;
  const methods = target.def.authentication;

  // Nothing to authenticate with: a null session, where the service allows one.
  if (identity === null) {
    const why = input.noIdentity ?? cause(hop, 'delegation-not-configured', 'no credentials');
    const nullSession = methods.find((m) => m === 'anonymous' || m === 'negotiate' || m === 'ntlm');
    rec.estate(
      'client.authentication-method',
      nullSession === undefined ? 'refused' : 'applied',
      `${input.from} has no credentials for the identity: ${why.message}`,
    );
    if (nullSession === undefined)
      return refuse(why.reason, null, 'none', `no credentials for ${methods.join(', ')}`);
    return anonymousArrival(nullSession, why.reason, 'none');
  }

  const password = client.kind === 'user' || (client.kind === 'caller' && client.carrier.kind === 'password');
  const canKerberos = client.kind !== 'self' || client.service.keyAccount !== null;
  const canNtlm = client.kind !== 'caller' || client.carrier.kind === 'password';
  const usable = (m: EstateAuthentication): boolean =>
    m === 'anonymous' ||
    (m === 'negotiate' && (canKerberos || canNtlm)) ||
    (m === 'kerberos' && canKerberos) ||
    (m === 'ntlm' && canNtlm) ||
    ((m === 'basic' || m === 'credssp' || m === 'forms') && password);
  const method = methods.find(usable);
  const clientMechanism: DelegationMechanism =
    client.kind === 'user'
      ? 'logon-session'
      : client.kind === 'self'
        ? 'service-identity'
        : mechanismOf(client.carrier);
  if (method === undefined) {
    rec.estate(
      'client.authentication-method',
      'refused',
      `${target.name} accepts ${methods.join(', ')}; ${input.from} holds no credential for any of them as ${identity.name}`,
    );
    return refuse(
      'authentication-not-accepted',
      null,
      clientMechanism,
      `no usable method (${methods.join(', ')})`,
    );
  }
  rec.estate(
    'client.authentication-method',
    'applied',
    `${target.name} accepts ${methods.join(', ')}: ${input.from} uses ${method}`,
  );

  switch (method) {
    case 'anonymous':
      return anonymousArrival('anonymous', 'anonymous-authentication', clientMechanism);
    case 'basic':
    case 'credssp':
      return passwordArrival(method);
    case 'forms':
      return formsArrival();
    case 'ntlm':
      return ntlmArrival('ntlm', false);
    default:
      return kerberosArrival(method);
  }

  function anonymousArrival(
    m: EstateAuthentication,
    reason: WhyNotReason,
    mechanism: DelegationMechanism,
  ): HopOutcome {
    rec.message(
      from,
      to,
      'request',
      m === 'anonymous' ? 'anonymous request' : `${m}: null session (no credentials)`,
    );
    const c = connection('anonymous', false, false, false, null);
    rec.message(to, to, 'note', `${target.name} sees NT AUTHORITY\\ANONYMOUS LOGON`);
    return finish({
      authentication: m,
      protocol: 'anonymous',
      mechanism,
      logon: null,
      level: c.level,
      arrived: ANONYMOUS,
      outcome: 'anonymous',
      onward: 'none',
      reason,
      carrier: null,
      carried: null,
    });
  }

  function connection(
    protocol: NegotiatedProtocol,
    okAsDelegate: boolean,
    tgtForwardable: boolean,
    credentialGuard: boolean,
    logon: Logon | null,
  ): ConnectionLevel {
    return connectionOutcome(
      {
        request,
        local,
        protocol,
        okAsDelegate,
        tgtForwardable,
        credentialGuard,
        server: serverToken,
        client: logon?.token ?? null,
        uacEnabled,
      },
      rec,
    );
  }

  /** The identity arrived: what the service holds onward, given the level and the protocol. */
  function arrived(
    who: CarriedIdentity,
    m: EstateAuthentication,
    protocol: HopResult['protocol'],
    mechanism: DelegationMechanism,
    logon: Logon | null,
    level: ImpersonationLevel | null,
    onward: HopResult['onward'],
    carrier: Carrier,
  ): HopOutcome {
    const blockedLevel = level !== null && rank(level) < rank('Impersonation') ? levelCause(level) : null;
    const kept: Carrier = blockedLevel !== null ? { kind: 'none', cause: blockedLevel } : carrier;
    const shown =
      logon === null
        ? ''
        : ` (${logon.token.impersonationLevel} token${hasGroup(logon.token, WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid) ? ', S-1-18-2' : hasGroup(logon.token, WELL_KNOWN_SIDS.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY.sid) ? ', S-1-18-1' : ''})`;
    rec.message(to, to, 'note', `${target.name} impersonates ${who.name} at ${level ?? 'no level'}${shown}`);
    return finish({
      authentication: m,
      protocol,
      mechanism,
      logon,
      level,
      arrived: identityOf(who),
      outcome: 'reached',
      onward,
      reason: null,
      carrier: kept,
      carried: who,
    });
  }

  function levelCause(level: ImpersonationLevel): WhyNotCause {
    const all = rec.steps.map((s) => s.rule);
    const reason: WhyNotReason = all.includes('no-impersonate-privilege')
      ? 'no-impersonate-privilege'
      : all.includes('client-requested-identify')
        ? 'client-requested-identify'
        : all.includes('s4u-identification-token')
          ? 's4u-identification-token'
          : 'anonymous-authentication';
    return cause(hop, reason, `${target.name} holds ${identity?.name ?? 'the caller'} only at ${level}`);
  }

  function passwordArrival(m: 'basic' | 'credssp'): HopOutcome {
    const who = identity as CarriedIdentity;
    rec.message(
      from,
      to,
      'request',
      m === 'basic'
        ? `HTTP Basic: ${who.name} and password`
        : `CredSSP: TLS, SPNEGO, then ${who.name}'s password (TSPasswordCreds)`,
    );
    const logon = serverLogon(
      runtime,
      target,
      who.name,
      'NetworkCleartext',
      { kind: 'password', password: passwordOf(who) },
      rec,
    );
    if (!logon.ok) return refuse(logonRefusalReason(logon.error), m, clientMechanism, `${logon.error.code}`);
    const c = connection(m, false, false, false, logon.logon);
    const carrier: Carrier = target.impersonates ? { kind: 'password' } : notImpersonating(who);
    return arrived(who, m, m, clientMechanism, logon.logon, c.level, c.onward, carrier);
  }

  function formsArrival(): HopOutcome {
    const who = identity as CarriedIdentity;
    rec.message(
      from,
      to,
      'request',
      `forms: ${who.name}'s user name and password, checked by the application`,
    );
    if (!target.protocolTransition || !target.impersonates) {
      rec.estate(
        'service.protocol-transition',
        'passed',
        `${target.name} knows ${who.name} only inside the application: no Windows logon`,
      );
      return finish({
        authentication: 'forms',
        protocol: 'forms',
        mechanism: clientMechanism,
        logon: null,
        level: null,
        arrived: identityOf(who),
        outcome: 'reached',
        onward: 'none',
        reason: null,
        carrier: notImpersonating(who),
        carried: who,
      });
    }
    const t = transition(who);
    if ('reason' in t) return refuse(t.reason, 'forms', clientMechanism, t.text);
    return arrived(who, 'forms', 'forms', clientMechanism, t.logon, t.level, 'none', t.carrier);
  }

  /** Protocol transition on the service: S4U2Self for the evidence, KERB_S4U_LOGON for the token to impersonate. */
  function transition(
    who: CarriedIdentity,
  ): { logon: Logon; level: ImpersonationLevel; carrier: Carrier } | { reason: WhyNotReason; text: string } {
    const account = target.keyAccount;
    if (account === null)
      return {
        reason: 'delegation-not-configured',
        text: `${target.name} has no domain identity for S4U2Self`,
      };
    const tgt = runtime.tgt(account);
    if (!tgt.ok)
      return { reason: kdcRefusalReason(dir, tgt.error, who.account, account, null), text: tgt.error.code };
    rec.estate(
      'service.protocol-transition',
      'applied',
      `${target.name} logs ${who.name} on with KERB_S4U_LOGON (S4U2Self)`,
    );
    const self = s4u2self(runtime.estate.kdc, { serviceTgt: tgt.value.ticket, user: who.account.sid.text });
    // MS-SFU 4.2: for a user of another realm, through the referrals the KDC reports, then back to its own KDC.
    const kdcId = rec.kdcRequest(
      to,
      participantId.kdc(account.domain),
      `S4U2Self TGS-REQ for ${who.name}`,
      self.ok ? self.value.referrals : self.error.referrals,
    );
    if (!self.ok) {
      rec.kdcSteps(self.error.explanation);
      rec.message(kdcId, to, 'error', `${self.error.code} (${self.error.rule})`);
      return { reason: kdcRefusalReason(dir, self.error, who.account, account, null), text: self.error.code };
    }
    rec.kdcSteps(self.value.explanation);
    rec.ticket(self.value.ticket);
    rec.message(
      kdcId,
      to,
      'reply',
      `TGS-REP ${self.value.ticket.server.spn} for ${who.name} [${self.value.ticket.flags.join(' ')}]`,
    );
    const caller = {
      logonId: processSessionId(),
      token: enableTcbForS4u(serverToken, target.def.runsAs, rec),
    };
    const logon = serverLogon(runtime, target, who.name, 'Network', { kind: 's4u' }, rec, caller);
    if (!logon.ok) return { reason: logonRefusalReason(logon.error), text: logon.error.code };
    if (logon.logon.token.impersonationLevel === 'Identification') {
      rec.step({
        origin: '@doublehop/logon',
        rule: 's4u-identification-token',
        source:
          'LsaLogonUser, LsaHandle (SeTcbPrivilege is needed when a KERB_S4U_LOGON caller wants an impersonation token; without it LSA returns an identification token), https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser',
        outcome: 'applied',
        detail: `${target.def.runsAs} has no SeTcbPrivilege enabled on ${target.machine.name}: the S4U token is an Identification token`,
      });
    }
    const level = impersonationLevelOf(serverToken, logon.logon.token, uacEnabled, rec);
    return { logon: logon.logon, level, carrier: { kind: 'transition', evidence: self.value.ticket } };
  }

  function processSessionId(): number {
    return process.ok ? process.session.logonId : 0x3e7;
  }

  function ntlmArrival(m: 'negotiate' | 'ntlm', fallback: boolean): HopOutcome {
    const who = identity as CarriedIdentity;
    if (!canNtlm) {
      const why = ctx.causes.at(-1) ?? cause(hop, 'spn-missing', `no ticket for ${spn}`);
      return anonymousArrival(m, why.reason, clientMechanism);
    }
    rec.message(from, to, 'request', `NTLM NEGOTIATE / CHALLENGE / AUTHENTICATE (${who.name})`);
    const logon = serverLogon(
      runtime,
      target,
      who.name,
      'Network',
      { kind: 'ntlm', password: passwordOf(who), impersonationLevel: requested },
      rec,
    );
    if (!logon.ok) return refuse(logonRefusalReason(logon.error), m, clientMechanism, `${logon.error.code}`);
    const protocol: NegotiatedProtocol = fallback || m === 'negotiate' ? 'negotiate-ntlm' : 'ntlm';
    const c = connection(protocol, false, false, false, logon.logon);
    let carrier: Carrier;
    if (!target.impersonates) carrier = notImpersonating(who);
    else if (c.onward === 'logon-session') carrier = { kind: 'password' };
    else if (target.protocolTransition && rank(c.level) >= rank('Impersonation')) {
      const t = transition(who);
      carrier =
        'reason' in t
          ? { kind: 'none', cause: cause(hop, t.reason, t.text) }
          : t.level === 'Identification'
            ? {
                kind: 'none',
                cause: cause(
                  hop,
                  's4u-identification-token',
                  `${target.name}'s S4U token for ${who.name} is an Identification token`,
                ),
              }
            : t.carrier;
    } else
      carrier = {
        kind: 'none',
        cause: cause(
          hop,
          'ntlm-cannot-delegate',
          `${who.name} reached ${target.name} with NTLM: ${target.name} holds no credential to go onward with`,
        ),
      };
    return arrived(who, m, protocol, clientMechanism, logon.logon, c.level, c.onward, carrier);
  }

  function kerberosArrival(m: 'negotiate' | 'kerberos'): HopOutcome {
    const who = identity as CarriedIdentity;
    const found = lookupServer(dir, spn);
    spnState = spnLookup(dir, spn);
    spnAccount = found.kind === 'found' ? displayName(dir, found.account) : null;
    const leg = kerberosLeg(ctx, client, who, spn, request, rec);
    if (!leg.ok) {
      const frontEnd = client.kind === 'caller' ? client.service.keyAccount : null;
      let reason = kdcRefusalReason(dir, leg.error, who.account, frontEnd, spn);
      const spnProblem = reason === 'spn-missing' || reason === 'spn-duplicate';
      if (spnProblem && m === 'negotiate') {
        ctx.causes.push(cause(hop, reason, `${leg.error.code}: ${leg.error.message}`));
        rec.estate(
          'negotiate.protocol',
          'applied',
          `the KDC answered ${leg.error.code} for ${spn}: Negotiate falls back to NTLM`,
        );
        return ntlmArrival('negotiate', true);
      }
      const credentialLess =
        client.kind === 'caller' &&
        (client.carrier.kind === 'evidence' ||
          client.carrier.kind === 'transition' ||
          client.carrier.kind === 'forwarded-tgt');
      if (client.kind === 'caller' && client.carrier.kind === 'evidence' && client.carrier.blocked !== null) {
        ctx.causes.push(cause(hop, reason, `${leg.error.code}: ${leg.error.message}`));
        reason = client.carrier.blocked.reason;
      } else if (client.kind === 'caller') {
        ctx.causes.push(cause(hop, reason, `${leg.error.code}: ${leg.error.message}`));
      }
      if (credentialLess && m === 'negotiate') return anonymousArrival(m, reason, leg.mechanism);
      return refuse(reason, m, leg.mechanism, `${leg.error.code}`);
    }
    const ticket = leg.ticket;
    if (m === 'negotiate')
      rec.estate(
        'negotiate.protocol',
        'applied',
        `the KDC issued a ticket for ${spn}: Negotiate uses Kerberos`,
      );
    const key = target.keyAccount;
    if (key === null || ticket.server.sid !== key.sid) {
      rec.estate(
        'ap.ticket-decryption',
        'refused',
        `the ticket for ${spn} is encrypted for ${ticket.server.account}, but ${target.name} runs as ${target.def.runsAs}${key === null ? '' : ` (${displayName(dir, key)})`}: KRB_AP_ERR_MODIFIED`,
      );
      rec.message(from, to, 'request', `AP-REQ ${spn}`);
      return refuse('spn-on-wrong-account', m, leg.mechanism, 'KRB_AP_ERR_MODIFIED');
    }
    rec.estate(
      'ap.ticket-decryption',
      'passed',
      `${target.name} decrypts the ticket with ${displayName(dir, key)}'s key`,
    );
    rec.message(
      from,
      to,
      'request',
      `AP-REQ ${spn}${leg.forwardedTgt === null ? '' : ' + forwarded TGT (KRB-CRED)'}`,
    );
    const serviceAsserted = ticket.pac.assertedIdentity === WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid;
    const transited = ticket.pac.delegationInfo?.transitedServices ?? [];
    const logon = serverLogon(
      runtime,
      target,
      who.name,
      'Network',
      {
        kind: 'kerberos',
        delegatedTgt: leg.forwardedTgt !== null,
        serviceAsserted,
        impersonationLevel: requested,
        ...(transited.length > 0 ? { transitedServices: transited } : {}),
      },
      rec,
    );
    if (!logon.ok) return refuse(logonRefusalReason(logon.error), m, leg.mechanism, logon.error.code);
    const c = connection(
      'kerberos',
      ticket.flags.includes('OK-AS-DELEGATE'),
      leg.tgtForwardable,
      leg.credentialGuard,
      logon.logon,
    );
    let carrier: Carrier;
    if (!target.impersonates) carrier = notImpersonating(who);
    else if (c.onward === 'forwarded-tgt' && leg.forwardedTgt !== null)
      carrier = { kind: 'forwarded-tgt', tgt: leg.forwardedTgt };
    else carrier = { kind: 'evidence', ticket, blocked: blockedTgt(who, leg.decision?.reason ?? null) };
    return arrived(who, m, 'kerberos', leg.mechanism, logon.logon, c.level, c.onward, carrier);
  }

  /** Why the client did not forward its TGT to a service trusted for unconstrained delegation, if it did not. */
  function blockedTgt(who: CarriedIdentity, decision: string | null): WhyNotCause | null {
    const key = target.keyAccount;
    if (key === null || (key.userAccountControl & USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION) === 0)
      return null;
    switch (decision) {
      case 'tgt-not-forwardable':
        return cause(
          hop,
          undelegableReason(dir, who.account) ?? 'account-not-delegated',
          `${who.name}'s TGT is not FORWARDABLE: no TGT is forwarded to ${target.name}`,
        );
      case 'credential-guard-blocks-tgt-delegation':
        return cause(
          hop,
          'credential-guard-blocks-tgt-delegation',
          `Credential Guard on ${clientMachine.name} keeps ${who.name}'s TGT from ${target.name}`,
        );
      case 'ok-as-delegate-not-set':
        return rec.steps.some((s) => s.rule === 'tgs.ok-as-delegate-cross-realm' && s.outcome === 'passed')
          ? cause(
              hop,
              'trust-blocks-tgt-delegation',
              `the trust into ${target.name}'s forest does not enable TGT delegation: no OK-AS-DELEGATE`,
            )
          : null;
      default:
        return null;
    }
  }

  function notImpersonating(who: CarriedIdentity): Carrier {
    return {
      kind: 'none',
      cause: cause(hop, 'service-does-not-impersonate', `${target.name} does not impersonate ${who.name}`),
    };
  }

  function identityOf(who: CarriedIdentity): ArrivingIdentity {
    return Object.freeze({
      kind: who.isUser ? 'user' : 'service',
      name: who.name,
      sid: who.account.sid.text,
    });
  }
}

/** An index loop, not .some(): a token's groups are frozen, and V8 has no fast path for frozen arrays. */
function hasGroup(t: Token, sid: Sid): boolean {
  for (let i = 0; i < t.groups.length; i++) if (t.groups[i]?.sid === sid) return true;
  return false;
}

function passwordOf(who: CarriedIdentity): string {
  return who.account.password ?? MODEL_PASSWORD;
}

function mechanismOf(carrier: Carrier): DelegationMechanism {
  switch (carrier.kind) {
    case 'forwarded-tgt':
      return 'forwarded-tgt';
    case 'password':
      return 'password';
    case 'evidence':
      return 'kcd';
    case 'transition':
      return 'kcd-protocol-transition';
    default:
      return 'none';
  }
}
