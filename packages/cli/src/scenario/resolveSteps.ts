import type { Directory, PrincipalAccount } from '@doublehop/logon';
import { reportResolution } from '../directory/describeResolution.js';
import { resolveAccountName } from '../directory/resolveAccountName.js';
import type { Path } from '../schema/schema.js';
import { closest, oneOf } from '../schema/suggest.js';
import type { LoadContext } from '../source/loadContext.js';
import type { StepDocument, TicketDocument } from './documentSchema.js';
import { resolveExpectation } from './resolveExpectation.js';
import type { ScenarioStep, StepKind, TicketKind, TicketSource } from './scenario.js';

/** @internal What a resolved step gives the steps after it. */
interface Produced {
  readonly index: number;
  readonly id: string | null;
  readonly kind: StepKind | null;
  /** `null` for a step that failed its schema check (references to it are not reported again). */
  readonly ticket: TicketKind | null;
  /** Whose ticket it is, when known statically. */
  readonly client: PrincipalAccount | null;
}

const SHORT: Readonly<Record<TicketKind, string>> = { tgt: 'a TGT', service: 'a service ticket' };

const KIND_WORDS: Readonly<Record<TicketKind, string>> = {
  tgt: 'a TGT (from as-req, or a forwarded TGT from ap-req)',
  service: 'a service ticket (from tgs-req, s4u2self or s4u2proxy)',
};

/**
 * @internal Resolves the steps: account names to accounts, ticket references to earlier steps of the right
 * kind, defaults to their values (a TGT is the client's latest as-req, or a fresh one). Reports every problem;
 * returns `undefined` when there was one.
 */
export function resolveSteps(
  steps: readonly (StepDocument | undefined)[],
  rawIds: readonly (string | undefined)[],
  lines: readonly number[],
  dir: Directory | undefined,
  knownFlags: ReadonlySet<string>,
  cx: LoadContext,
): ScenarioStep[] | undefined {
  let valid = true;
  const problem: LoadContext['problem'] = (...args) => {
    valid = false;
    cx.problem(...args);
  };
  const produced: Produced[] = [];
  const ids = new Map<string, number>();
  const allIds = new Map<string, number>();
  rawIds.forEach((id, i) => {
    if (id !== undefined && !allIds.has(id)) allIds.set(id, i + 1);
  });
  const out: ScenarioStep[] = [];

  const account = (name: string, path: Path): PrincipalAccount | undefined => {
    if (dir === undefined) return undefined;
    const r = resolveAccountName(dir, name, null);
    if (reportResolution(cx, path, name, r, false)) {
      valid = false;
      return undefined;
    }
    if (r.kind !== 'account') return undefined;
    if (r.account.kind === 'group') {
      problem('wrong-account-kind', path, {
        message: `"${name}" is a group; only users, computers and gMSAs take part in Kerberos exchanges`,
        found: `the group ${r.account.samAccountName}`,
        expected: 'a user, computer or gMSA',
      });
      return undefined;
    }
    return r.account;
  };

  const latestTgt = (
    client: PrincipalAccount | undefined,
  ): { source: TicketSource; client: PrincipalAccount | null } | undefined => {
    if (client === undefined) return undefined;
    for (let k = produced.length - 1; k >= 0; k--) {
      const p = produced[k];
      if (p !== undefined && p.kind === 'as-req' && p.client === client) {
        return { source: { from: 'step', step: p.index, tamper: null }, client };
      }
    }
    return { source: { from: 'fresh', client, tamper: null }, client };
  };

  const ticket = (
    ref: TicketDocument,
    path: Path,
    wanted: TicketKind,
    index: number,
  ): { source: TicketSource; client: PrincipalAccount | null } | undefined => {
    const stepRef = typeof ref === 'string' ? ref : ref.step;
    const tamper = typeof ref === 'string' || ref.tamper === undefined ? null : ref.tamper;
    if (tamper !== null && tamper.forwardable === undefined) {
      problem('missing-key', [...path, 'tamper'], {
        message: 'a tamper block needs the key "forwardable"',
        found: 'no "forwardable"',
        expected: '"forwardable": a boolean (true or false)',
      });
    }
    const tamperValue = tamper?.forwardable === undefined ? null : { forwardable: tamper.forwardable };
    if (stepRef !== undefined) {
      const refPath = typeof ref === 'string' ? path : [...path, 'step'];
      if (typeof ref !== 'string') {
        for (const k of ['client', 'service', 'forwardable', 'origin'] as const) {
          if (ref[k] === undefined) continue;
          problem(
            'invalid-value',
            [...path, k],
            {
              message: `a ticket is either an earlier step's ("step") or described ("client", "origin" …), not both`,
              found: `"${k}" beside "step"`,
              expected: 'only "step" and "tamper"',
            },
            { key: true },
          );
        }
      }
      const target = ids.get(stepRef);
      if (target === undefined) {
        const later = allIds.get(stepRef);
        if (later !== undefined && later >= index) {
          problem('forward-reference', refPath, {
            message: `step "${stepRef}" is ${later === index ? 'this very step' : `a later step (${later})`}; a step can use only the tickets of earlier steps`,
            found: `a reference to step ${later}`,
            expected: `the id of a step before step ${index}`,
          });
        } else {
          const near = closest(stepRef, ids.keys());
          problem('unknown-step', refPath, {
            message: `no step has the id "${stepRef}"`,
            found: `"${stepRef}"`,
            expected:
              ids.size === 0
                ? 'the id of an earlier step (none has an id yet)'
                : `one of ${oneOf([...ids.keys()].map((k) => `"${k}"`))}`,
            hint: near === undefined ? undefined : `did you mean "${near}"?`,
          });
        }
        return undefined;
      }
      const p = produced[target - 1];
      if (p === undefined || p.ticket === null || p.kind === null) return undefined;
      if (p.ticket !== wanted) {
        problem('wrong-ticket-kind', refPath, {
          message: `step "${stepRef}" (${p.kind}) gives ${SHORT[p.ticket]}, but ${String(path[path.length - 1])} needs ${SHORT[wanted]}`,
          found: `${SHORT[p.ticket]} from step ${p.index}`,
          expected: KIND_WORDS[wanted],
        });
        return undefined;
      }
      return { source: { from: 'step', step: p.index, tamper: tamperValue }, client: p.client };
    }
    if (typeof ref === 'string') return undefined;
    if (ref.client === undefined) {
      problem('missing-key', path, {
        message: 'a ticket mapping needs "step" (an earlier step) or "client" (a described ticket)',
        found: 'neither "step" nor "client"',
        expected: '"step": a step id, or "client": an account name',
      });
      return undefined;
    }
    const origin = ref.origin ?? (wanted === 'tgt' ? 'as' : 'tgs');
    const kind: TicketKind = origin === 'as' ? 'tgt' : 'service';
    if (kind !== wanted) {
      problem('wrong-ticket-kind', [...path, ref.origin === undefined ? 'client' : 'origin'], {
        message: `a ticket with origin "${origin}" is ${SHORT[kind]}, but ${String(path[path.length - 1])} needs ${SHORT[wanted]}`,
        found: `origin "${origin}"`,
        expected: wanted === 'tgt' ? 'origin "as"' : 'origin "tgs" or "s4u2self"',
      });
    }
    if (origin === 's4u2self' && path[path.length - 1] !== 'evidence') {
      problem('invalid-value', [...path, 'origin'], {
        message:
          'a described s4u2self ticket is obtained by the front end that presents it, so it can only be S4U2Proxy evidence',
        found: 'origin "s4u2self"',
        expected: wanted === 'tgt' ? 'origin "as"' : 'origin "tgs"',
      });
    }
    const client = account(ref.client, [...path, 'client']);
    if (client === undefined || kind !== wanted) return undefined;
    return {
      source: {
        from: 'described',
        client,
        service: ref.service ?? null,
        forwardable: ref.forwardable ?? null,
        origin,
        tamper: tamperValue,
      },
      client,
    };
  };

  /** The TGT of a tgs-req or ap-req: `tgt` (a reference) or `client` (her latest TGT), exactly one. */
  const tgtOf = (
    r: { readonly client?: string; readonly tgt?: TicketDocument },
    at: Path,
    index: number,
  ): { source: TicketSource; client: PrincipalAccount | null } | undefined => {
    if ((r.client === undefined) === (r.tgt === undefined)) {
      problem('missing-key', at, {
        message: `${at[at.length - 1] === 'ap-req' ? 'an' : 'a'} ${String(at[at.length - 1])} step needs exactly one of "client" (her latest TGT) and "tgt" (a given TGT)`,
        found: r.client === undefined ? 'neither' : 'both',
        expected: 'exactly one of "client" and "tgt"',
      });
      return undefined;
    }
    return r.tgt !== undefined
      ? ticket(r.tgt, [...at, 'tgt'], 'tgt', index)
      : latestTgt(account(r.client ?? '', [...at, 'client']));
  };

  steps.forEach((s, i) => {
    const index = i + 1;
    const path: Path = ['steps', i];
    if (s === undefined) {
      const id = rawIds[i];
      if (id !== undefined && !ids.has(id)) ids.set(id, index);
      produced.push({ index, id: id ?? null, kind: null, ticket: null, client: null });
      return;
    }
    const base = {
      index,
      id: s.id ?? null,
      line: lines[i] ?? 1,
      description: s.description ?? null,
      expect:
        s.expect === undefined
          ? null
          : resolveExpectation(s.expect, [...path, 'expect'], s['ap-req'] !== undefined, knownFlags, problem),
    };
    let step: ScenarioStep | undefined;
    let client: PrincipalAccount | null = null;
    if (s['as-req'] !== undefined) {
      const r = s['as-req'];
      const c = account(r.client, [...path, 'as-req', 'client']);
      if (c !== undefined) step = { ...base, kind: 'as-req', client: c, forwardable: r.forwardable ?? true };
      client = c ?? null;
    } else if (s['tgs-req'] !== undefined) {
      const r = s['tgs-req'];
      const at = [...path, 'tgs-req'];
      const t = tgtOf(r, at, index);
      if (r.service === undefined && r.forwarded !== true && !cx.has([...at, 'service'])) {
        problem('missing-key', at, {
          message: 'a tgs-req step needs the key "service" (it may be left out only with forwarded: true)',
          found: 'no "service"',
          expected: '"service": a service principal name',
        });
      }
      if (
        t !== undefined &&
        (r.service !== undefined || (r.forwarded === true && !cx.has([...at, 'service'])))
      ) {
        step = {
          ...base,
          kind: 'tgs-req',
          service: r.service ?? null,
          tgt: t.source,
          forwardable: r.forwardable ?? true,
          forwarded: r.forwarded ?? false,
          followReferrals: r.followReferrals ?? true,
        };
      }
      client = t?.client ?? null;
    } else if (s.s4u2self !== undefined) {
      const r = s.s4u2self;
      const at = [...path, 's4u2self'];
      const service = account(r.service, [...at, 'service']);
      const user = account(r.user, [...at, 'user']);
      const t = r.tgt !== undefined ? ticket(r.tgt, [...at, 'tgt'], 'tgt', index) : latestTgt(service);
      if (service !== undefined && user !== undefined && t !== undefined) {
        step = {
          ...base,
          kind: 's4u2self',
          service,
          user,
          tgt: t.source,
          forwardable: r.forwardable ?? true,
          sname: r.sname ?? null,
        };
      }
      client = user ?? null;
    } else if (s.s4u2proxy !== undefined) {
      const r = s.s4u2proxy;
      const at = [...path, 's4u2proxy'];
      const service = account(r.service, [...at, 'service']);
      const evidence = ticket(r.evidence, [...at, 'evidence'], 'service', index);
      const t = r.tgt !== undefined ? ticket(r.tgt, [...at, 'tgt'], 'tgt', index) : latestTgt(service);
      if (service !== undefined && evidence !== undefined && t !== undefined) {
        step = {
          ...base,
          kind: 's4u2proxy',
          service,
          evidence: evidence.source,
          target: r.target,
          rbcd: r.rbcd ?? null,
          tgt: t.source,
        };
      }
      client = evidence?.client ?? null;
    } else if (s['ap-req'] !== undefined) {
      const r = s['ap-req'];
      const at = [...path, 'ap-req'];
      const t = tgtOf(r, at, index);
      const held = r.ticket === undefined ? null : ticket(r.ticket, [...at, 'ticket'], 'service', index);
      if (t !== undefined && held !== undefined) {
        step = {
          ...base,
          kind: 'ap-req',
          service: r.service,
          tgt: t.source,
          ticket: held?.source ?? null,
          delegate: r.delegate ?? true,
          credentialGuard: r.credentialGuard ?? false,
        };
      }
      client = t?.client ?? null;
    }
    const kind = stepKind(s);
    const id = rawIds[i];
    if (id !== undefined) {
      if (ids.has(id)) {
        problem('duplicate', [...path, 'id'], {
          message: `the step id "${id}" is already step ${ids.get(id)}'s`,
          found: `a second "${id}"`,
          expected: 'a step id used once',
        });
      } else ids.set(id, index);
    }
    produced.push({ index, id: id ?? null, kind, ticket: producedKind(s), client });
    if (step !== undefined) out.push(step);
  });
  return valid && dir !== undefined ? out : undefined;
}

function stepKind(s: StepDocument): StepKind {
  if (s['as-req'] !== undefined) return 'as-req';
  if (s['tgs-req'] !== undefined) return 'tgs-req';
  if (s.s4u2self !== undefined) return 's4u2self';
  if (s.s4u2proxy !== undefined) return 's4u2proxy';
  return 'ap-req';
}

/**
 * A TGS-REQ for `krbtgt/…`, for a forwarded TGT, or that stops at the first referral gives a TGT; an AP-REQ
 * gives the forwarded TGT the service receives.
 */
function producedKind(s: StepDocument): TicketKind {
  if (s['as-req'] !== undefined || s['ap-req'] !== undefined) return 'tgt';
  const tgs = s['tgs-req'];
  if (tgs === undefined) return 'service';
  const krbtgt = tgs.service !== undefined && /^krbtgt\//i.test(tgs.service);
  return krbtgt || tgs.forwarded === true || tgs.followReferrals === false ? 'tgt' : 'service';
}
