import type { Result } from '@doublehop/core-token';
import {
  apReqDelegation,
  asExchange,
  createKdc,
  type ExplanationStep,
  type Kdc,
  type KdcError,
  type KdcReply,
  s4u2proxy,
  s4u2self,
  type Ticket,
  type TicketFlagsRecord,
  tgsExchange,
  ticketFlagsRecord,
} from '@doublehop/delegation';
import type { PrincipalAccount } from '@doublehop/logon';
import { checkExpectation } from './checkExpectation.js';
import { type Obtained, obtainTicket, qualified, ticketLabel } from './obtainTicket.js';
import type { Expectation, Scenario, ScenarioStep, StepKind, TicketSource } from './scenario.js';

/** @internal What a step produced, for reports: the outcome, the ticket, the expectation and the explanation. */
export interface StepOutcome {
  /** 1-based position. */
  readonly index: number;
  /** The step's id, or `null`. */
  readonly id: string | null;
  /** The exchange. */
  readonly kind: StepKind;
  /** The line the step starts on. */
  readonly line: number;
  /** The step's description, or `null`. */
  readonly description: string | null;
  /** The request, as replayed (accounts qualified, tickets named by where they came from). */
  readonly request: Readonly<Record<string, string | boolean | null>>;
  /** One line saying what the step asks. */
  readonly summary: string;
  /** `ok`, `refused` (a KDC error), or `not-run` (a ticket it needs was not obtained). */
  readonly status: 'ok' | 'refused' | 'not-run';
  /** The KDC error, or `null`. */
  readonly error: KdcError | null;
  /** Why the step did not run, or `null`. */
  readonly notRun: string | null;
  /** The ticket the step produced (for an ap-req, the forwarded TGT), or `null`. */
  readonly ticket: Ticket | null;
  /** Its flags as booleans, or `null`. */
  readonly flags: TicketFlagsRecord | null;
  /** For an ap-req: whether the client sent a forwarded TGT, and the SSP's reason. */
  readonly delegation: { readonly delegated: boolean; readonly reason: string } | null;
  /** The expectation, or `null`. */
  readonly expect: Expectation | null;
  /** Whether the expectation held; `null` without one. */
  readonly held: boolean | null;
  /** What did not match the expectation. */
  readonly mismatches: readonly string[];
  /** The rules applied (tampering first), each with its source. */
  readonly explanation: readonly ExplanationStep[];
}

/** @internal A scenario replayed. */
export interface ScenarioRun {
  /** The file. */
  readonly file: string;
  /** The KDC's patch level. */
  readonly patched: boolean;
  /** Every step's outcome, in order. */
  readonly steps: readonly StepOutcome[];
  /** Whether every expectation held. */
  readonly held: boolean;
}

type Answer =
  | {
      readonly ok: true;
      readonly reply: KdcReply;
      readonly produced: Ticket | null;
      readonly delegation: StepOutcome['delegation'];
    }
  | { readonly ok: false; readonly error: KdcError }
  | { readonly ok: false; readonly notRun: string };

/**
 * @internal Replays a loaded scenario against `@doublehop/delegation`'s KDC: each step becomes one call
 * (asExchange, tgsExchange, s4u2self, s4u2proxy, apReqDelegation), with the tickets of earlier steps, fresh TGTs
 * and described tickets obtained through the same exchanges, and tampering through tamperTicket. No rule is
 * decided here.
 */
export function runScenario(scenario: Scenario): ScenarioRun {
  const kdc = createKdc(scenario.directory, { patched: scenario.kdc.patched });
  const produced: (Ticket | null)[] = [];
  const steps: StepOutcome[] = [];
  for (const step of scenario.steps) {
    const outcome = runStep(kdc, step, scenario, produced);
    produced.push(outcome.ticket);
    steps.push(outcome);
  }
  return {
    file: scenario.file,
    patched: scenario.kdc.patched,
    steps,
    held: steps.every((s) => s.held !== false),
  };
}

function runStep(
  kdc: Kdc,
  step: ScenarioStep,
  scenario: Scenario,
  produced: readonly (Ticket | null)[],
): StepOutcome {
  const dir = scenario.directory;
  const label = (source: TicketSource, noun = 'ticket'): string =>
    ticketLabel(dir, scenario.steps, source, noun);
  const obtain = (source: TicketSource, service: string | null, front: PrincipalAccount | null): Obtained =>
    guard(() => obtainTicket(kdc, source, service, front, produced, label(source)));
  let request: Record<string, string | boolean | null>;
  let summary: string;
  let answer: Answer;
  let before: readonly ExplanationStep[] = [];
  const withTickets = (tickets: readonly Obtained[], call: (t: readonly Ticket[]) => Answer): Answer => {
    const got: Ticket[] = [];
    const explanation: ExplanationStep[] = [];
    for (const t of tickets) {
      if (!t.ok) return t;
      got.push(t.ticket);
      explanation.push(...t.explanation);
    }
    before = explanation;
    return guard(() => call(got));
  };
  switch (step.kind) {
    case 'as-req': {
      const client = qualified(dir, step.client);
      request = { client, forwardable: step.forwardable };
      summary = `${client} asks for a${step.forwardable ? ' forwardable' : ' non-forwardable'} TGT`;
      answer = guard(() => reply(asExchange(kdc, { client, forwardable: step.forwardable })));
      break;
    }
    case 'tgs-req': {
      request = {
        tgt: label(step.tgt, 'TGT'),
        service: step.service,
        forwardable: step.forwardable,
        forwarded: step.forwarded,
        followReferrals: step.followReferrals,
      };
      summary = `with ${label(step.tgt, 'TGT')}, asks for ${step.forwarded ? 'a forwarded TGT' : `a ticket to ${step.service}`}`;
      answer = withTickets([obtain(step.tgt, null, null)], ([tgt]) => {
        const t = tgt as Ticket;
        const service = step.service ?? t.server.spn;
        return reply(
          tgsExchange(kdc, {
            tgt: t,
            service,
            forwardable: step.forwardable,
            forwarded: step.forwarded,
            followReferrals: step.followReferrals,
          }),
        );
      });
      break;
    }
    case 's4u2self': {
      const service = qualified(dir, step.service);
      const user = qualified(dir, step.user);
      request = {
        service,
        user,
        tgt: label(step.tgt, 'TGT'),
        forwardable: step.forwardable,
        sname: step.sname,
      };
      summary = `${service} asks for a ticket to itself for ${user} (protocol transition)`;
      answer = withTickets([obtain(step.tgt, null, null)], ([tgt]) =>
        reply(
          s4u2self(kdc, {
            serviceTgt: tgt as Ticket,
            user,
            forwardable: step.forwardable,
            ...(step.sname === null ? {} : { service: step.sname }),
          }),
        ),
      );
      break;
    }
    case 's4u2proxy': {
      const service = qualified(dir, step.service);
      request = {
        service,
        evidence: label(step.evidence),
        target: step.target,
        rbcd: step.rbcd,
        tgt: label(step.tgt, 'TGT'),
      };
      summary = `${service} asks for a ticket to ${step.target} with ${label(step.evidence)} as evidence`;
      answer = withTickets(
        [obtain(step.tgt, null, null), obtain(step.evidence, null, step.service)],
        ([tgt, evidence]) =>
          reply(
            s4u2proxy(kdc, {
              serviceTgt: tgt as Ticket,
              evidence: evidence as Ticket,
              target: step.target,
              ...(step.rbcd === null ? {} : { resourceBased: step.rbcd }),
            }),
          ),
      );
      break;
    }
    case 'ap-req': {
      request = {
        tgt: label(step.tgt, 'TGT'),
        service: step.service,
        ticket: step.ticket === null ? null : label(step.ticket),
        delegate: step.delegate,
        credentialGuard: step.credentialGuard,
      };
      summary = `with ${label(step.tgt, 'TGT')}, the client authenticates to ${step.service}${step.delegate ? ', asking for delegation' : ''}`;
      const tickets = [obtain(step.tgt, null, null)];
      if (step.ticket !== null) tickets.push(obtain(step.ticket, step.service, null));
      answer = withTickets(tickets, ([tgt, held]) => {
        const r = apReqDelegation(kdc, {
          tgt: tgt as Ticket,
          service: step.service,
          delegate: step.delegate,
          credentialGuard: step.credentialGuard,
          ...(held === undefined ? {} : { serviceTicket: held }),
        });
        if (!r.ok) return r;
        return {
          ok: true,
          reply: r.value,
          produced: r.value.forwardedTgt,
          delegation: { delegated: r.value.forwardedTgt !== null, reason: r.value.decision.reason },
        };
      });
      break;
    }
  }
  return outcome(step, request, summary, answer, before);
}

function outcome(
  step: ScenarioStep,
  request: Readonly<Record<string, string | boolean | null>>,
  summary: string,
  answer: Answer,
  before: readonly ExplanationStep[],
): StepOutcome {
  const ticket = answer.ok ? answer.produced : null;
  const partial = {
    index: step.index,
    id: step.id,
    kind: step.kind,
    line: step.line,
    description: step.description,
    request,
    summary,
    status: answer.ok ? ('ok' as const) : 'error' in answer ? ('refused' as const) : ('not-run' as const),
    error: !answer.ok && 'error' in answer ? answer.error : null,
    notRun: !answer.ok && 'notRun' in answer ? answer.notRun : null,
    ticket,
    flags: ticket === null ? null : ticketFlagsRecord(ticket),
    delegation: answer.ok ? answer.delegation : null,
    expect: step.expect,
    explanation: [
      ...before,
      ...(answer.ok ? answer.reply.explanation : 'error' in answer ? answer.error.explanation : []),
    ],
  };
  const mismatches = step.expect === null ? [] : checkExpectation(step.expect, partial);
  return { ...partial, held: step.expect === null ? null : mismatches.length === 0, mismatches };
}

function reply(r: Result<KdcReply, KdcError>): Answer {
  return r.ok ? { ok: true, reply: r.value, produced: r.value.ticket, delegation: null } : r;
}

/** Runs a KDC call; a thrown TypeError (a request the model cannot express) becomes a step that did not run. */
function guard<T extends { readonly ok: boolean }>(
  call: () => T,
): T | { readonly ok: false; readonly notRun: string } {
  try {
    return call();
  } catch (e) {
    return {
      ok: false,
      notRun: `the KDC model cannot replay this request: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
