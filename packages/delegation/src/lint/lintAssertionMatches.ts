import type { LintAssertion } from '../estate/estateModel.js';
import type { LintFinding } from '../estate/estateResults.js';

/**
 * Whether a lint finding is one a `lint` assertion speaks of: the same rule, and the same subject when the
 * assertion names one (compared ignoring case, as SPNs and account names are). `present` is not read: the
 * assertion holds when matching findings exist (`present: true`) or do not (`present: false`), and a checker
 * treats the findings an assertion expects as expected rather than failing.
 *
 * @param assertion - the assertion
 * @param finding - a finding of {@link lintEstate}
 * @returns `true` when the assertion is about this finding
 * @example
 * ```ts
 * import { lintAssertionMatches, type LintFinding } from '@doublehop/delegation';
 *
 * const finding: LintFinding = {
 *   rule: 'duplicate-spn', severity: 'error', subject: 'HTTP/web01.corp.example',
 *   message: 'HTTP/web01.corp.example is on two accounts', source: 'setspn', related: [],
 * };
 * lintAssertionMatches({ rule: 'duplicate-spn' }, finding);                                   // true
 * lintAssertionMatches({ rule: 'duplicate-spn', subject: 'http/WEB01.corp.example' }, finding); // true
 * lintAssertionMatches({ rule: 'duplicate-spn', subject: 'HTTP/web02.corp.example' }, finding); // false
 * ```
 * @see {@link evaluateAssertions} (the `lint` assertion)
 */
export function lintAssertionMatches(assertion: LintAssertion, finding: LintFinding): boolean {
  return (
    assertion.rule === finding.rule &&
    (assertion.subject === undefined || assertion.subject.toLowerCase() === finding.subject.toLowerCase())
  );
}
