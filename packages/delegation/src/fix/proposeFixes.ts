import { IMPERSONATION_LEVELS, type ImpersonationLevel } from '@doublehop/core-token';
import { cmp, compileEstate } from '../estate/compileEstate.js';
import type { EstateModel } from '../estate/estateModel.js';
import type { FlowVerdict } from '../estate/estateResults.js';
import { evaluateFlow } from '../estate/evaluateFlow.js';
import type { WhyNotReason } from '../estate/whyNotReasons.js';
import { displayName } from '../kdc/principals.js';
import { applyFix } from './applyFix.js';
import type { CandidateStep } from './candidateContext.js';
import { exposureDiff } from './exposureDiff.js';
import { fixCandidates, UNDELEGABLE_REASONS } from './fixCandidates.js';
import type { FixChange } from './fixEdit.js';
import { type ExposureSnapshot, exposureSnapshot } from './fixExposure.js';
import { FIX_KINDS } from './fixKinds.js';
import type { FixExposure, FixProof, FixProposal, FixStep } from './fixProposal.js';
import { levelShortfall, requiredLevel } from './verdictAtLevel.js';

/**
 * Options of {@link proposeFixes}.
 *
 * @example
 * ```ts
 * import type { FixOptions } from '@doublehop/delegation';
 *
 * const delegationLevel: FixOptions = { atLeast: 'Delegation', maxSteps: 2 };
 * ```
 * @see {@link proposeFixes}
 */
export interface FixOptions {
  /**
   * The level the flow's last service must get for a fix to count as proven. Default: the `atLeast` of the model's
   * `reaches` assertion about the flow's last service, else `Impersonation`.
   */
  readonly atLeast?: ImpersonationLevel;
  /** At most this many changes in one fix (an earlier hop's problem can hide a later one's); default 3. */
  readonly maxSteps?: number;
  /** At most this many re-evaluations of the flow while searching; default 64. */
  readonly maxEvaluations?: number;
}

/**
 * Proposes the smallest changes that make a failing flow reach, each proven: for the hop where the flow stops
 * (and the earlier facts that led there, such as a missing SPN that made hop 1 fall back to NTLM), the candidate
 * changes — RBCD on the back end's account for the front end's account alone, the one SPN in the front end's
 * msDS-AllowedToDelegateTo (Kerberos only, or with protocol transition when the caller did not arrive with
 * Kerberos), unconstrained delegation, SPN registration or removal, CredSSP on a WinRM front end, TGT delegation
 * across a forest trust; for a refused logon the logon right or deny entry on that machine; SeImpersonatePrivilege
 * or SeTcbPrivilege for the service's identity; Impersonation instead of Identification in the calling code;
 * Negotiate instead of NTLM; Allowed-To-Authenticate across a selective-authentication trust — each with the exact
 * commands (PowerShell, setspn, dsacls, netdom, Group Policy and secedit), the model change, the exposure it adds,
 * and its proof; or, for a user who is sensitive or in Protected Users, a proposal without change saying it is not
 * fixable by configuration.
 *
 * @remarks
 * **Proof.** Every candidate is applied to a copy of the model ({@link applyFix}) and the flow evaluated again
 * with {@link evaluateFlow}: nothing here decides what Windows would do. A candidate after which the flow stops
 * later (or at the same hop for another reason) is extended with the candidates for the new failure, up to
 * `maxSteps`; a fix is `proven` only when the flow then reaches every service, the last at the level required.
 * Candidates that lead nowhere are kept, `proven: false`, with the verdict that says why.
 *
 * **Exposure.** On {@link buildEstateGraph}'s graph before and after the change: the (actor, user, SPN) triples —
 * an account that could obtain a service ticket as a user to an SPN — that are new. Actors are those
 * {@link delegationActors} finds, plus services receiving passwords (CredSSP, Basic), plus holders of
 * SeTcbPrivilege on the machine where the target's key is; an RBCD or protocol-transition actor reaches every user
 * who may be delegated, a Kerberos-only KCD or unconstrained one the users whose identity reaches its services with
 * Kerberos ({@link reachableUsers}) — unconstrained only where their TGT may cross the trusts —, a password every
 * user reaching it, SeTcbPrivilege every user; and a ticket for one SPN of an account can be presented to every
 * other SPN of that account — the service name is not in the ticket's encrypted part (service-name substitution)
 * —, so each grant counts all of them, and names the service classes its `HOST/` SPNs stand for. A new
 * SeTcbPrivilege grant is also a machine handed over (`exposure.machines`).
 *
 * **Ranking.** Proven first; then fewer machines handed over (SeTcbPrivilege: the holder can create any token, so
 * it never ranks as a least-privilege option beside a fix that works without it); then fewer added triples; then
 * fewer (actor, target) pairs; then fewer steps; then fewer model edits; then the kind's order in
 * {@link FIX_KINDS}; then the identifier. Deterministic: the same model gives the same proposals byte for byte, and
 * the input is never modified.
 * @param model - the estate
 * @param flowName - the flow that fails
 * @param options - the level required (default: the `atLeast` of the model's `reaches` assertion about the flow's
 *   last service, else Impersonation), and search limits
 * @returns the proposals, ranked — empty when the flow already reaches at the required level
 *   ({@link verdictAtLevel}: a flow arriving below it stops at its last hop, for the level's reason)
 * @throws TypeError - `evaluateFlow: …` for an unknown flow, user, machine or service
 * @example
 * ```ts
 * import { type EstateModel, proposeFixes } from '@doublehop/delegation';
 *
 * const estate: EstateModel = {
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'user', samAccountName: 'svc-web', servicePrincipalNames: ['HTTP/web01.corp.example'] },
 *     { kind: 'user', samAccountName: 'svc-sql', servicePrincipalNames: ['MSSQLSvc/sql01.corp.example:1433'] },
 *   ],
 *   machines: [{ name: 'WS01', domain: 'corp.example', role: 'workstation' }, { name: 'WEB01', domain: 'corp.example' }, { name: 'SQL01', domain: 'corp.example' }],
 *   services: [
 *     { name: 'web', machine: 'WEB01', runsAs: 'CORP\\svc-web', endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' }, authentication: ['negotiate'], calls: [{ service: 'sql' }] },
 *     { name: 'sql', machine: 'SQL01', runsAs: 'CORP\\svc-sql', endpoint: { serviceClass: 'MSSQLSvc', host: 'sql01.corp.example', port: 1433 }, authentication: ['negotiate'] },
 *   ],
 *   flows: [{ name: 'report', user: 'alice', start: { machine: 'WS01' }, path: ['web', 'sql'] }],
 * };
 * const fixes = proposeFixes(estate, 'report');
 * fixes.map((f) => `${f.kind} ${f.proven}`); // ['rbcd true', 'kcd true', 'unconstrained true']
 * fixes[0]?.commands;  // ['Set-ADUser -Identity svc-sql -PrincipalsAllowedToDelegateToAccount (Get-ADUser -Identity svc-web)']
 * fixes[0]?.exposure.grants.map((g) => `${g.actor} → ${g.target}`); // ['CORP\\svc-web → CORP\\svc-sql']
 * ```
 * @see MS-SFU 3.2.5; MS-KILE 3.3.5.1; Solino, "Kerberos Delegation, SPNs and More..." (2017),
 * https://www.secureauth.com/blog/kerberos-delegation-spns-and-more/; Shamir, "Wagging the Dog" (2019),
 * https://shenaniganslabs.io/2019/01/28/Wagging-the-Dog.html; docs/fixes.md
 */
export function proposeFixes(
  model: EstateModel,
  flowName: string,
  options: FixOptions = {},
): readonly FixProposal[] {
  const evaluated = evaluateFlow(model, flowName);
  const required = options.atLeast ?? requiredLevel(model, evaluated);
  // A flow that arrives below the required level is treated as stopping at its last hop, for the level's reason.
  const base = levelShortfall(evaluated, required);
  const why = base.whyNot;
  if (base.reached || why === null) return Object.freeze([]);
  const maxSteps = Math.max(1, options.maxSteps ?? 3);
  const budget = Math.max(1, options.maxEvaluations ?? 64);
  const proof = (v: FlowVerdict): FixProof => proofOf(v, required);
  const before = exposureSnapshot(model);
  const estate = compileEstate(model, 'proposeFixes');
  const back = estate.services.get(why.service);
  const backAccount = back?.keyAccount ?? null;
  const focus = {
    account: backAccount === null ? null : displayName(estate.directory, backAccount),
    spn: base.hops[why.hop - 1]?.spn ?? back?.spn ?? null,
  };
  const undelegable = (v: FlowVerdict): WhyNotReason | undefined =>
    v.whyNot === null
      ? undefined
      : [v.whyNot.reason, ...v.whyNot.causes.map((c) => c.reason)].find((r) => UNDELEGABLE_REASONS.has(r));
  const sensitive = undelegable(base);
  if (sensitive !== undefined)
    return Object.freeze([{ rank: 1, ...notFixable(base, sensitive, before, proof(base)) }]);

  interface Found {
    readonly steps: readonly CandidateStep[];
    readonly model: EstateModel;
    readonly verdict: FlowVerdict;
  }
  const proven = new Map<string, Found>();
  const tried: Found[] = [];
  const seen = new Set<string>();
  let evaluations = 0;
  let undelegableSeen: WhyNotReason | undefined;

  const explore = (current: EstateModel, verdict: FlowVerdict, steps: readonly CandidateStep[]): void => {
    for (const candidate of fixCandidates(current, verdict)) {
      if (steps.some((s) => s.id === candidate.id)) continue;
      const path = [...steps, candidate];
      const key = setKey(path);
      if (seen.has(key) || evaluations >= budget) continue;
      seen.add(key);
      evaluations++;
      const after = applyFix(current, candidate.change);
      const v = levelShortfall(evaluateFlow(after, flowName), required);
      if (steps.length === 0) tried.push({ steps: path, model: after, verdict: v });
      if (proofOf(v, required).reached) proven.set(key, { steps: path, model: after, verdict: v });
      else if (undelegable(v) !== undefined) undelegableSeen ??= undelegable(v);
      else if (path.length < maxSteps && progressed(verdict, v)) explore(after, v, path);
    }
  };
  explore(model, base, []);

  // Minimal only: drop a fix whose changes include all of another proven fix's.
  const sets = [...proven.keys()].map((k) => new Set(k.split('\n')));
  const minimal = [...proven.entries()].filter(([k]) => {
    const mine = new Set(k.split('\n'));
    return !sets.some((other) => other.size < mine.size && [...other].every((id) => mine.has(id)));
  });
  const proposals: Omit<FixProposal, 'rank'>[] = [];
  for (const [, found] of minimal) {
    // The proof is of the combined change applied to the model as given — what applyFix(model, p.change) gives.
    const change = found.steps.flatMap((s) => s.change);
    const after = found.steps.length === 1 ? found.model : applyFix(model, change);
    const verdict = found.steps.length === 1 ? found.verdict : evaluateFlow(after, flowName);
    proposals.push(proposal(found.steps, change, after, verdict));
  }
  // A first change that no minimal proven fix starts with: not proven, with the verdict that says why.
  const firsts = new Set(minimal.map(([, found]) => found.steps[0]?.id));
  for (const found of tried) {
    if (firsts.has(found.steps[0]?.id)) continue;
    proposals.push(proposal(found.steps, found.steps[0]?.change ?? [], found.model, found.verdict));
  }
  if (proposals.every((p) => !p.proven) && undelegableSeen !== undefined) {
    proposals.push(notFixable(base, undelegableSeen, before, proof(base)));
  }
  proposals.sort(
    (a, b) =>
      Number(b.proven) - Number(a.proven) ||
      a.exposure.machines.length - b.exposure.machines.length ||
      a.exposure.triples - b.exposure.triples ||
      a.exposure.grants.length - b.exposure.grants.length ||
      a.steps.length - b.steps.length ||
      a.change.length - b.change.length ||
      FIX_KINDS[a.kind].order - FIX_KINDS[b.kind].order ||
      cmp(a.id, b.id),
  );
  return Object.freeze(proposals.map((p, i) => Object.freeze({ rank: i + 1, ...p })));

  function proposal(
    steps: readonly CandidateStep[],
    change: FixChange,
    after: EstateModel,
    verdict: FlowVerdict,
  ): Omit<FixProposal, 'rank'> {
    const last = steps.at(-1) as CandidateStep;
    const p = proof(verdict);
    return {
      id: steps.map((s) => s.id).join(' + '),
      kind: last.kind,
      flow: base.flow,
      hop: why?.hop ?? 0,
      reason: why?.reason ?? 'kdc-refused',
      summary: steps.map((s) => s.summary).join('; then '),
      steps: Object.freeze(steps.map(publicStep)),
      commands: Object.freeze(steps.flatMap((s) => s.commands)),
      change: Object.freeze([...change]),
      exposure: exposureDiff(before, exposureSnapshot(after), focus),
      proven: p.reached,
      proof: p,
    };
  }
}

function publicStep(s: CandidateStep): FixStep {
  return Object.freeze({
    kind: s.kind,
    hop: s.hop,
    reason: s.reason,
    summary: s.summary,
    commands: Object.freeze([...s.commands]),
    change: Object.freeze([...s.change]),
  });
}

function setKey(steps: readonly CandidateStep[]): string {
  return steps
    .map((s) => s.id)
    .sort(cmp)
    .join('\n');
}

/** A later hop, or the same hop for another reason: the change fixed something. */
function progressed(before: FlowVerdict, after: FlowVerdict): boolean {
  const a = before.whyNot;
  const b = after.whyNot;
  if (a === null || b === null) return false;
  return b.hop > a.hop || (b.hop === a.hop && b.reason !== a.reason);
}

const rank = (level: ImpersonationLevel | null): number =>
  level === null ? -1 : IMPERSONATION_LEVELS.indexOf(level);

function proofOf(v: FlowVerdict, required: ImpersonationLevel): FixProof {
  const last = v.hops.at(-1);
  const level = last?.level ?? null;
  const reached = v.reached && rank(level) >= rank(required);
  const mechanisms = Object.freeze(v.hops.map((h) => h.mechanism));
  const detail = reached
    ? `the flow reaches ${last?.to} as ${last?.identity.name} at ${level} (${mechanisms.join(' → ')})`
    : v.whyNot !== null
      ? `the flow still stops at hop ${v.whyNot.hop} (${v.whyNot.service}): ${v.whyNot.reason} — ${v.whyNot.message}`
      : `the flow reaches ${last?.to} only at ${level ?? 'no level'}; ${required} is required`;
  return Object.freeze({ reached, required, level, mechanisms, whyNot: v.whyNot, detail });
}

/** The proposal without change for a user who may not be delegated (`reason`: why not). */
function notFixable(
  base: FlowVerdict,
  reason: WhyNotReason,
  before: ExposureSnapshot,
  proof: FixProof,
): Omit<FixProposal, 'rank'> {
  const why = base.whyNot;
  const hop = why?.hop ?? 1;
  const front = base.path[hop - 2];
  const back = base.path[hop - 1];
  const what =
    reason === 'protected-users'
      ? 'is in Protected Users'
      : 'is marked sensitive ("Account is sensitive and cannot be delegated")';
  const exposure: FixExposure = exposureDiff(before, before, { account: null, spn: null });
  return {
    id: 'not-fixable',
    kind: 'not-fixable',
    flow: base.flow,
    hop,
    reason: why?.reason ?? reason,
    summary:
      `not fixable by configuration: ${base.user} ${what}, so no delegation may carry them${front === undefined ? '' : ` past ${front}`}; ` +
      `use the service's own identity — have ${front ?? 'the front end'} call ${back ?? 'the back end'} as itself (calls: as: self) and authorize ${base.user} in the application, ` +
      `or give ${base.user} a separate, non-privileged account for this application; do not clear the protection`,
    steps: Object.freeze([]),
    commands: Object.freeze([]),
    change: Object.freeze([]),
    exposure,
    proven: false,
    proof,
  };
}
