import { IMPERSONATION_LEVELS, type ImpersonationLevel } from '@doublehop/core-token';
import type { EstateModel } from '../estate/estateModel.js';
import type { FlowVerdict, WhyNot } from '../estate/estateResults.js';
import { evaluateFlow } from '../estate/evaluateFlow.js';
import { WHY_NOT_REASONS, type WhyNotReason } from '../estate/whyNotReasons.js';

/**
 * The level rules whose step, on the last hop, explains why the user's identity arrived below the level a flow
 * needs: the client asked only to be identified (ISC_REQ_IDENTIFY / SecurityIdentification), the server lacks
 * SeImpersonatePrivilege (the impersonation check's silent Identification downgrade), or protocol transition ran
 * without SeTcbPrivilege. Later steps win: the last one decided the level.
 */
const LEVEL_REASONS: readonly WhyNotReason[] = [
  'client-requested-identify',
  'no-impersonate-privilege',
  's4u-identification-token',
];

/**
 * @internal A flow that reached its last service, but at a lower level than `required`, as a verdict with a
 * why-not at the last hop — so that the fixes for a level (an `impersonate` request, SeImpersonatePrivilege,
 * SeTcbPrivilege) are proposed for it like those for a refusal. Any other verdict is returned as it is.
 * @see "Impersonation Levels", https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels;
 * ImpersonateLoggedOnUser (the Identification downgrade without SeImpersonatePrivilege),
 * https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateloggedonuser
 */
export function levelShortfall(verdict: FlowVerdict, required: ImpersonationLevel): FlowVerdict {
  const last = verdict.hops.at(-1);
  if (!verdict.reached || last === undefined || last.level === null) return verdict;
  if (IMPERSONATION_LEVELS.indexOf(last.level) >= IMPERSONATION_LEVELS.indexOf(required)) return verdict;
  let reason: WhyNotReason | undefined;
  for (const step of last.steps) {
    const r = LEVEL_REASONS.find((candidate) => candidate === step.rule);
    if (r !== undefined) reason = r;
  }
  if (reason === undefined) return verdict;
  const info = WHY_NOT_REASONS[reason];
  const whyNot: WhyNot = Object.freeze({
    hop: last.hop,
    service: last.to,
    reason,
    rule: info.origin.rule,
    source: info.source,
    message: `${last.from} → ${last.to}: ${last.identity.name} arrives at ${last.level}, ${required} is required: ${info.summary}`,
    causes: Object.freeze([]),
  });
  return Object.freeze({ ...verdict, reached: false, whyNot });
}

/**
 * A flow's verdict judged against the level its last service needs: a flow whose user arrives there below that
 * level — only identified, because the client asked for no more, or the server lacks SeImpersonatePrivilege, or
 * protocol transition ran without SeTcbPrivilege — is reported as stopping at the last hop for that reason, which
 * is how {@link proposeFixes} sees it. Any other verdict is {@link evaluateFlow}'s.
 *
 * @param model - the estate
 * @param flowName - the flow
 * @param atLeast - the level required; default the `atLeast` of the model's `reaches` assertion about the flow's
 *   last service (as the user), else Impersonation
 * @returns the verdict, with `reached: false` and a why-not at the last hop when the level falls short
 * @throws TypeError - `evaluateFlow: …` for an unknown flow, user, machine or service
 * @example
 * ```ts
 * import { type EstateModel, verdictAtLevel } from '@doublehop/delegation';
 *
 * const estate: EstateModel = {
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'user', samAccountName: 'alice' }],
 *   machines: [{ name: 'WS01', domain: 'corp.example', role: 'workstation' }, { name: 'FS01', domain: 'corp.example' }],
 *   services: [{ name: 'files', machine: 'FS01', runsAs: 'LocalSystem', endpoint: { serviceClass: 'cifs', host: 'fs01.corp.example' }, authentication: ['negotiate'] }],
 *   flows: [{ name: 'peek', user: 'alice', start: { machine: 'WS01' }, path: ['files'], request: 'identify' }],
 * };
 * verdictAtLevel(estate, 'peek', 'Identification').reached;  // true
 * verdictAtLevel(estate, 'peek').whyNot?.reason;             // 'client-requested-identify'
 * ```
 * @see "Impersonation Levels", https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels
 */
export function verdictAtLevel(
  model: EstateModel,
  flowName: string,
  atLeast?: ImpersonationLevel,
): FlowVerdict {
  const verdict = evaluateFlow(model, flowName);
  return levelShortfall(verdict, atLeast ?? requiredLevel(model, verdict));
}

/** @internal The `atLeast` of the model's `reaches` assertion about the flow's last service (as the user), else Impersonation. */
export function requiredLevel(model: EstateModel, verdict: FlowVerdict): ImpersonationLevel {
  const last = verdict.path.at(-1);
  for (const a of model.assertions ?? []) {
    if (!('reaches' in a)) continue;
    const r = a.reaches;
    if (r.flow === verdict.flow && r.service === last && r.asUser !== false && r.atLeast !== undefined)
      return r.atLeast;
  }
  return 'Impersonation';
}
