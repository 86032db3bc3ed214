import type { StepOutcome } from './runScenario.js';
import type { Expectation } from './scenario.js';

/**
 * @internal What did not happen as expected: the success or refusal, the error name, the ap-req delegation,
 * each expected flag. Empty when the expectation held.
 */
export function checkExpectation(
  expect: Expectation,
  outcome: Pick<StepOutcome, 'status' | 'error' | 'notRun' | 'flags' | 'delegation'>,
): string[] {
  if (outcome.status === 'not-run') return [`the step did not run: ${outcome.notRun ?? ''}`];
  const got = outcome.error === null ? 'a ticket' : outcome.error.code;
  const out: string[] = [];
  if (expect.ok === true && outcome.error !== null) out.push(`expected success, got ${got}`);
  if (expect.ok === false && expect.error === null && outcome.error === null)
    out.push('expected a refusal, got a ticket');
  if (expect.error !== null && outcome.error?.code !== expect.error)
    out.push(`expected ${expect.error}, got ${got}`);
  if (
    expect.delegated !== null &&
    outcome.delegation !== null &&
    outcome.delegation.delegated !== expect.delegated
  ) {
    out.push(
      expect.delegated
        ? `expected a forwarded TGT, but the client sent none (${outcome.delegation.reason})`
        : `expected no forwarded TGT, but the client sent one (${outcome.delegation.reason})`,
    );
  }
  if (expect.delegated !== null && outcome.delegation === null && outcome.error === null) {
    out.push('expected a delegation decision, but the step made none');
  }
  for (const [name, value] of Object.entries(expect.flags)) {
    if (outcome.flags === null) {
      out.push(`expected ${name}: ${value}, but the step produced no ticket`);
      continue;
    }
    const actual = (outcome.flags as unknown as Record<string, boolean | undefined>)[name];
    if (actual !== value) out.push(`expected ${name}: ${value}, got ${String(actual ?? false)}`);
  }
  return out;
}
