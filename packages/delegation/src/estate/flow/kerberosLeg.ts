import type { Result } from '@doublehop/core-token';
import type { KerberosDelegationDecision } from '@doublehop/impersonation-levels';
import type { KdcError } from '../../errors.js';
import { type ApReqOutcome, apReqDelegation } from '../../kdc/apReq.js';
import type { KdcReply } from '../../kdc/reply.js';
import type { ExplanationStep } from '../../kdc/rules.js';
import { s4u2proxy } from '../../kdc/s4u2proxy.js';
import type { Ticket } from '../../kdc/tickets.js';
import type { CompiledService } from '../compileEstate.js';
import type { EstateRequest } from '../estateModel.js';
import type { DelegationMechanism } from '../estateResults.js';
import type { CarriedIdentity, ClientSide, FlowContext } from './flowTypes.js';
import { participantId } from './flowTypes.js';
import type { HopRecorder } from './hopRecorder.js';

/** @internal The Kerberos half of a hop: the service ticket the client side presents, or the KDC's refusal. */
export type KerberosLeg =
  | {
      readonly ok: true;
      readonly ticket: Ticket;
      readonly forwardedTgt: Ticket | null;
      readonly decision: KerberosDelegationDecision | null;
      readonly tgtForwardable: boolean;
      readonly credentialGuard: boolean;
      readonly mechanism: DelegationMechanism;
    }
  | { readonly ok: false; readonly error: KdcError; readonly mechanism: DelegationMechanism };

/**
 * @internal Obtains the ticket a hop's client side presents to `spn`, with the KDC: the user's TGT (AS exchange)
 * and an AP-REQ with delegation; a forwarded TGT; S4U2Proxy with the evidence the calling service holds
 * (KCD or RBCD, after S4U2Self for protocol transition); the password (a new AS exchange); or the service's own
 * TGT. Records the tickets, the KDC's rules and the diagram's arrows.
 */
export function kerberosLeg(
  ctx: FlowContext,
  client: ClientSide,
  identity: CarriedIdentity,
  spn: string,
  request: EstateRequest,
  rec: HopRecorder,
): KerberosLeg {
  const { runtime } = ctx;
  const kdc = runtime.estate.kdc;
  const from = client.kind === 'user' ? participantId.client : participantId.service(client.service.name);
  const delegate = request === 'delegate';
  const withTgt = (tgt: Ticket, credentialGuard: boolean, mechanism: DelegationMechanism): KerberosLeg => {
    // The client asks the KDC of its TGT's realm, and follows the referrals the KDC reports (RFC 6806 8).
    const home = participantId.kdc(tgt.server.realm);
    const text = `TGS-REQ ${spn} (${identity.name})`;
    const r = apReqDelegation(kdc, { tgt, service: spn, delegate, credentialGuard });
    if (!r.ok) return refused(r.error, mechanism, rec.kdcRequest(from, home, text, r.error.referrals));
    const kdcId = rec.kdcRequest(from, home, text, r.value.referrals, trustBlocked(r.value));
    rec.kdcSteps(r.value.explanation);
    rec.ticket(r.value.ticket);
    rec.message(kdcId, from, 'reply', `TGS-REP ${spn} [${r.value.ticket.flags.join(' ')}]`);
    if (r.value.forwardedTgt !== null) {
      // A forwarded TGT is a TGT of the client's own realm: its own KDC issues it (RFC 4120 2.6).
      rec.ticket(r.value.forwardedTgt);
      rec.message(from, home, 'request', `TGS-REQ ${r.value.forwardedTgt.server.spn} (FORWARDED)`);
      rec.message(home, from, 'reply', `TGS-REP forwarded TGT [${r.value.forwardedTgt.flags.join(' ')}]`);
    }
    return {
      ok: true,
      ticket: r.value.ticket,
      forwardedTgt: r.value.forwardedTgt,
      decision: r.value.decision,
      tgtForwardable: tgt.flags.includes('FORWARDABLE'),
      credentialGuard,
      mechanism,
    };
  };
  const refused = (error: KdcError, mechanism: DelegationMechanism, kdcId: string): KerberosLeg => {
    rec.kdcSteps(error.explanation);
    rec.message(kdcId, from, 'error', `${error.code} (${error.rule})`);
    return { ok: false, error, mechanism };
  };
  const ownTgt = (
    service: CompiledService,
    mechanism: DelegationMechanism,
  ): Result<KdcReply, KdcError> | null => {
    if (service.keyAccount === null) return null;
    const r = runtime.tgt(service.keyAccount);
    if (r.ok) rec.ticket(r.value.ticket);
    else rec.kdcSteps(r.error.explanation);
    void mechanism;
    return r;
  };
  const userTgt = (): KerberosLeg | Ticket => {
    const r = runtime.tgt(identity.account);
    if (!r.ok)
      return refused(
        r.error,
        client.kind === 'user' ? 'logon-session' : 'password',
        participantId.kdc(identity.account.domain),
      );
    rec.ticket(r.value.ticket);
    return r.value.ticket;
  };

  switch (client.kind) {
    case 'user': {
      const tgt = userTgt();
      if (!('kind' in tgt)) return tgt;
      return withTgt(tgt, client.machine.machine.credentialGuard, 'logon-session');
    }
    case 'self': {
      const tgt = ownTgt(client.service, 'service-identity');
      if (tgt === null || !tgt.ok) {
        return tgt === null
          ? unreachable()
          : refused(
              tgt.error,
              'service-identity',
              participantId.kdc(client.service.keyAccount?.domain ?? ''),
            );
      }
      return withTgt(tgt.value.ticket, client.service.machine.machine.credentialGuard, 'service-identity');
    }
    default:
      break;
  }
  const { service, carrier } = client;
  switch (carrier.kind) {
    case 'forwarded-tgt':
      return withTgt(carrier.tgt, false, 'forwarded-tgt');
    case 'password': {
      const tgt = userTgt();
      if (!('kind' in tgt)) return tgt;
      return withTgt(tgt, service.machine.machine.credentialGuard, 'password');
    }
    case 'evidence':
    case 'transition': {
      const evidence = carrier.kind === 'evidence' ? carrier.ticket : carrier.evidence;
      const serviceTgt = ownTgt(service, 'kcd');
      const home = participantId.kdc(service.keyAccount?.domain ?? '');
      if (serviceTgt === null) return unreachable();
      if (!serviceTgt.ok) return refused(serviceTgt.error, 'kcd', home);
      const text = `S4U2Proxy TGS-REQ ${spn} for ${identity.name}`;
      const r = s4u2proxy(kdc, { serviceTgt: serviceTgt.value.ticket, evidence, target: spn });
      // MS-SFU 3.1.5.2.2: to a target of another domain, the request follows the user's referral TGTs.
      const kdcId = rec.kdcRequest(from, home, text, r.ok ? r.value.referrals : r.error.referrals);
      if (!r.ok) {
        const kind = rbcd(r.error.explanation) ? 'rbcd' : 'kcd';
        return refused(r.error, carrier.kind === 'transition' ? `${kind}-protocol-transition` : kind, kdcId);
      }
      rec.kdcSteps(r.value.explanation);
      rec.ticket(r.value.ticket);
      rec.message(
        kdcId,
        from,
        'reply',
        `TGS-REP ${spn} for ${identity.name} [${r.value.ticket.flags.join(' ')}]`,
      );
      const kind = rbcd(r.value.explanation) ? 'rbcd' : 'kcd';
      return {
        ok: true,
        ticket: r.value.ticket,
        forwardedTgt: null,
        decision: null,
        tgtForwardable: false,
        credentialGuard: false,
        mechanism: carrier.kind === 'transition' ? `${kind}-protocol-transition` : kind,
      };
    }
    default:
      return unreachable();
  }
}

/**
 * Whether the KDC's answer went through RBCD (an index loop: explanations are frozen, and V8 has no fast path
 * for .some() or for…of over frozen arrays).
 */
function rbcd(steps: readonly ExplanationStep[]): boolean {
  for (let i = 0; i < steps.length; i++) if (steps[i]?.rule === 's4u2proxy.rbcd-allowed') return true;
  return false;
}

/**
 * Whether the service was TRUSTED_FOR_DELEGATION but its ticket came without OK-AS-DELEGATE because a referral
 * lacked it (MS-KILE 3.3.5.7.5) — read from the KDC's own last OK-AS-DELEGATE rule for the service ticket, so the
 * diagram can show where the trust stopped the TGT. Checked only when the client did not delegate for that reason.
 */
function trustBlocked(r: ApReqOutcome): boolean {
  if (r.decision.reason !== 'ok-as-delegate-not-set' || (r.referrals?.length ?? 0) === 0) return false;
  const steps = r.explanation;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as ExplanationStep;
    if (s.rule === 'tgs.ok-as-delegate') return false;
    if (s.rule === 'tgs.ok-as-delegate-cross-realm') return s.outcome === 'passed';
  }
  return false;
}

function unreachable(): never {
  throw new TypeError(
    'evaluateFlow: internal error: a client side without Kerberos credentials reached the KDC',
  );
}
