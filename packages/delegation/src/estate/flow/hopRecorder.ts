import type { KdcReferral } from '../../kdc/reply.js';
import type { ExplanationStep } from '../../kdc/rules.js';
import type { Ticket } from '../../kdc/tickets.js';
import type { DiagramMessage, FlowStep, HopTicket, WhyNotCause } from '../estateResults.js';
import { ESTATE_RULES, type EstateRuleId } from '../estateRules.js';
import { WHY_NOT_REASONS, type WhyNotReason } from '../whyNotReasons.js';
import { participantId } from './flowTypes.js';

/** @internal Collects a hop's story while it is evaluated: steps, tickets and diagram messages. */
export interface HopRecorder {
  readonly hop: number;
  readonly steps: FlowStep[];
  readonly tickets: HopTicket[];
  readonly messages: DiagramMessage[];
  kdcSteps(steps: readonly ExplanationStep[]): void;
  estate(rule: EstateRuleId, outcome: FlowStep['outcome'], detail: string): void;
  step(step: FlowStep): void;
  ticket(t: Ticket): void;
  message(from: string, to: string, kind: DiagramMessage['kind'], text: string): void;
  kdcRequest(from: string, kdc: string, text: string, via: Referrals, blocked?: boolean): string;
}

/** @internal The referrals a KDC reply or refusal reports (`undefined`: none). */
type Referrals = readonly KdcReferral[] | undefined;

/** @internal A new recorder for hop `hop`. */
export function hopRecorder(hop: number): HopRecorder {
  return new Recorder(hop);
}

// A class: its methods are shared, where an object literal of arrow functions allocated six closures a hop.
class Recorder implements HopRecorder {
  readonly steps: FlowStep[] = [];
  readonly tickets: HopTicket[] = [];
  readonly messages: DiagramMessage[] = [];

  constructor(readonly hop: number) {}

  kdcSteps(list: readonly ExplanationStep[]): void {
    for (const s of list) {
      this.steps.push(
        Object.freeze({
          origin: '@doublehop/delegation',
          rule: s.rule,
          source: s.source,
          outcome: s.outcome,
          detail: s.detail,
        }),
      );
    }
  }

  estate(rule: EstateRuleId, outcome: FlowStep['outcome'], detail: string): void {
    this.steps.push(
      Object.freeze({ origin: 'estate', rule, source: ESTATE_RULES[rule].source, outcome, detail }),
    );
  }

  step(s: FlowStep): void {
    this.steps.push(Object.freeze(s));
  }

  ticket(t: Ticket): void {
    this.tickets.push(
      Object.freeze({
        client: `${t.client.name}@${t.client.realm}`,
        server: t.server.spn,
        account: t.server.account,
        flags: t.flags,
        origin: t.origin,
        assertedIdentity: t.pac.assertedIdentity.text,
      }),
    );
  }

  message(from: string, to: string, kind: DiagramMessage['kind'], text: string): void {
    this.messages.push(Object.freeze({ hop: this.hop, from, to, kind, text }));
  }

  /**
   * Records a request `from` sends to the KDCs, as it went (RFC 4120 1.2, 3.3; RFC 6806 8): first to `kdc` — the
   * KDC of the presented TGT's realm — then, for each referral the reply or refusal reports, the referral TGT back
   * from the KDC that issued it and the same request to the KDC of the realm it names (a referral answering a
   * request for `krbtgt/…` draws that request: the first leg of a cross-realm S4U2Self, MS-SFU 4.2). The KDC
   * decided the referrals; this only draws them. With `blocked` (the client did not delegate its TGT for want of
   * OK-AS-DELEGATE), the first referral without OK-AS-DELEGATE gets a note with the KDC's reason — MS-KILE
   * 3.3.5.7.5: that is where the trust stopped the delegation. Returns the id of the KDC the request ended at, whose
   * answer or refusal the caller draws next.
   */
  kdcRequest(from: string, kdc: string, text: string, via: Referrals, blocked = false): string {
    let at = kdc;
    let noted = !blocked;
    // An index loop: the KDC's lists are frozen, and V8 has no fast path for for…of over frozen arrays.
    for (let i = 0; via !== undefined && i < via.length; i++) {
      const r = via[i] as KdcReferral;
      at = participantId.kdc(r.realm);
      const t = r.ticket;
      this.message(from, at, 'request', /^krbtgt\//i.test(r.sname) ? `TGS-REQ ${r.sname}` : text);
      this.ticket(t);
      this.message(
        at,
        from,
        'reply',
        `TGS-REP referral ${t.server.spn}@${t.server.realm} [${t.flags.join(' ')}]`,
      );
      if (!noted && !t.flags.includes('OK-AS-DELEGATE')) {
        noted = true;
        const why = r.explanation.find((s) => s.rule === 'tgs.ok-as-delegate-cross-realm');
        if (why !== undefined) this.message(at, at, 'note', why.detail);
      }
      at = participantId.kdc(r.to);
    }
    this.message(from, at, 'request', text);
    return at;
  }
}

/** @internal A why-not cause for `reason` at `hop`, citing the rule that fires the reason. */
export function cause(hop: number, reason: WhyNotReason, message: string): WhyNotCause {
  const info = WHY_NOT_REASONS[reason];
  return Object.freeze({ hop, reason, rule: info.origin.rule, source: info.source, message });
}
