import type { ExplanationStep } from '../../kdc/rules.js';
import type { Ticket } from '../../kdc/tickets.js';
import type { DiagramMessage, FlowStep, HopTicket, WhyNotCause } from '../estateResults.js';
import { ESTATE_RULES, type EstateRuleId } from '../estateRules.js';
import { WHY_NOT_REASONS, type WhyNotReason } from '../whyNotReasons.js';

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
}

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
}

/** @internal A why-not cause for `reason` at `hop`, citing the rule that fires the reason. */
export function cause(hop: number, reason: WhyNotReason, message: string): WhyNotCause {
  const info = WHY_NOT_REASONS[reason];
  return Object.freeze({ hop, reason, rule: info.origin.rule, source: info.source, message });
}
