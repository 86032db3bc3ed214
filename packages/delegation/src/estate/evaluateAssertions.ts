import { IMPERSONATION_LEVELS } from '@doublehop/core-token';
import { findAccount } from '@doublehop/logon';
import { displayName } from '../kdc/principals.js';
import { lintAssertionMatches } from '../lint/lintAssertionMatches.js';
import { lintEstate } from '../lint/lintEstate.js';
import { graphOf } from './buildEstateGraph.js';
import { cmp, compileEstate } from './compileEstate.js';
import type { EstateAssertion, EstateModel } from './estateModel.js';
import type { AssertionResult, FlowVerdict } from './estateResults.js';
import { evaluateCompiledFlow } from './evaluateFlow.js';
import { reachableUsers } from './reachableUsers.js';

/**
 * Checks every assertion of the model — all of them, not up to the first failure — and says for each whether it
 * held, with what was expected and what was found.
 *
 * @remarks
 * - `reaches`: the flow's hop to the service reached, the identity that arrived is the flow's user (or, with
 *   `asUser: false`, a service's own account), at `atLeast` (default Impersonation) or higher.
 * - `refused`: the flow's why-not is at that hop (number, or the service's name) with that reason.
 * - `reachableBy`: {@link reachableUsers} of the service is exactly that set of users.
 * - `lint`: {@link lintEstate} has (or, with `present: false`, has not) a finding of the rule, about the subject
 *   when one is given.
 * An assertion naming an unknown flow or service does not hold, and says so.
 * @param model - the estate
 * @returns one result per assertion, in the model's order
 * @throws TypeError - `evaluateAssertions: …` for a model whose machines, services or accounts do not resolve
 * @example
 * ```ts
 * import { evaluateAssertions } from '@doublehop/delegation';
 *
 * const results = evaluateAssertions({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'WEB01', trustedForDelegation: true }],
 *   assertions: [
 *     { lint: { rule: 'unconstrained-delegation-on-non-dc', subject: 'CORP\\WEB01$' } },
 *     { lint: { rule: 'duplicate-spn', present: false } },
 *   ],
 * });
 * results.map((r) => r.held); // [true, true]
 * ```
 * @see {@link evaluateFlow}; {@link reachableUsers}; {@link lintEstate}
 */
export function evaluateAssertions(model: EstateModel): readonly AssertionResult[] {
  const estate = compileEstate(model, 'evaluateAssertions');
  const verdicts = new Map<string, FlowVerdict>();
  const verdict = (name: string): FlowVerdict | undefined => {
    const flow = estate.flows.get(name);
    if (flow === undefined) return undefined;
    let v = verdicts.get(name);
    if (v === undefined) {
      v = evaluateCompiledFlow(estate, flow);
      verdicts.set(name, v);
    }
    return v;
  };
  const results = (model.assertions ?? []).map((assertion, index): AssertionResult => {
    const [kind, held, message] = check(assertion);
    return Object.freeze({ index, kind, assertion, held, message });
  });
  return Object.freeze(results);

  function check(a: EstateAssertion): [AssertionResult['kind'], boolean, string] {
    if ('reaches' in a) {
      const { flow, service } = a.reaches;
      const atLeast = a.reaches.atLeast ?? 'Impersonation';
      const asUser = a.reaches.asUser ?? true;
      const v = verdict(flow);
      if (v === undefined) return ['reaches', false, `the model has no flow named "${flow}"`];
      const at = v.path.indexOf(service);
      if (at < 0)
        return ['reaches', false, `${service} is not on flow ${flow}'s path (${v.path.join(' → ')})`];
      const hop = v.hops[at];
      const expected = `${flow} reaches ${service} as ${asUser ? v.user : "a service's own account"} at ${atLeast} or higher`;
      if (hop === undefined) {
        return [
          'reaches',
          false,
          `expected ${expected}; the flow stopped at hop ${v.whyNot?.hop} (${v.whyNot?.reason})`,
        ];
      }
      const levelOk =
        hop.level !== null &&
        IMPERSONATION_LEVELS.indexOf(hop.level) >= IMPERSONATION_LEVELS.indexOf(atLeast);
      const whoOk = asUser ? hop.identity.kind === 'user' : hop.identity.kind === 'service';
      const held = (hop.outcome === 'reached' || (!asUser && hop.outcome === 'service')) && levelOk && whoOk;
      return [
        'reaches',
        held,
        held
          ? `${expected}: ${hop.identity.name} at ${hop.level}`
          : `expected ${expected}; found ${hop.identity.name ?? 'no one'} (${hop.outcome}) at ${hop.level ?? 'no level'}${hop.reason === null ? '' : `: ${hop.reason}`}`,
      ];
    }
    if ('refused' in a) {
      const { flow, hop, reason } = a.refused;
      const v = verdict(flow);
      if (v === undefined) return ['refused', false, `the model has no flow named "${flow}"`];
      const number = typeof hop === 'number' ? hop : v.path.indexOf(hop) + 1;
      if (number < 1)
        return ['refused', false, `${hop} is not on flow ${flow}'s path (${v.path.join(' → ')})`];
      const w = v.whyNot;
      const held = w !== null && w.hop === number && w.reason === reason;
      return [
        'refused',
        held,
        w === null
          ? `expected ${flow} to stop at hop ${number} (${reason}); it reaches every service`
          : held
            ? `${flow} stops at hop ${number} (${w.service}): ${reason}`
            : `expected ${flow} to stop at hop ${number} (${reason}); it stops at hop ${w.hop} (${w.service}): ${w.reason}`,
      ];
    }
    if ('reachableBy' in a) {
      const { service, users } = a.reachableBy;
      if (!estate.services.has(service))
        return ['reachableBy', false, `the model has no service named "${service}"`];
      const actual = reachableUsers(graphOf(estate), service);
      const expected = [
        ...new Set(
          users.map((u) => {
            const found = findAccount(estate.directory, u);
            return found === undefined || found.kind === 'group' ? u : displayName(estate.directory, found);
          }),
        ),
      ].sort(cmp);
      const held = expected.length === actual.length && expected.every((u, i) => u === actual[i]);
      return [
        'reachableBy',
        held,
        held
          ? `${service} is reachable by exactly ${actual.join(', ') || 'no user'}`
          : `expected ${service} to be reachable by ${expected.join(', ') || 'no user'}; it is reachable by ${actual.join(', ') || 'no user'}`,
      ];
    }
    const { rule, subject } = a.lint;
    const present = a.lint.present ?? true;
    const matching = lintEstate(model).filter((f) => lintAssertionMatches(a.lint, f));
    const held = present === matching.length > 0;
    const what = `${rule}${subject === undefined ? '' : ` about ${subject}`}`;
    return [
      'lint',
      held,
      held
        ? `${what}: ${present ? matching.length : 'no'} finding${matching.length === 1 ? '' : 's'}, as expected`
        : present
          ? `expected a finding of ${what}; there is none`
          : `expected no finding of ${what}; found: ${matching.map((f) => f.message).join('; ')}`,
    ];
  }
}
