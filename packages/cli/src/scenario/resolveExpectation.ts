import { KRB_ERROR_CODES } from '@doublehop/delegation';
import type { Path } from '../schema/schema.js';
import { closest, oneOf } from '../schema/suggest.js';
import type { LoadContext } from '../source/loadContext.js';
import type { ExpectDocument } from './documentSchema.js';
import type { Expectation } from './scenario.js';

/**
 * @internal A step's `expect` block as an {@link Expectation}: `error` implies `ok: false`; `ok: true` with an
 * error, an error name the KDC model never answers with (KRB_ERROR_CODES), `delegated` on a step other than
 * ap-req, and an unknown flag name are reported.
 */
export function resolveExpectation(
  e: ExpectDocument,
  path: Path,
  isApReq: boolean,
  knownFlags: ReadonlySet<string>,
  problem: LoadContext['problem'],
): Expectation {
  if (e.ok === true && e.error !== undefined) {
    problem('invalid-value', [...path, 'error'], {
      message: 'an expectation cannot both succeed (ok: true) and fail with an error',
      found: `ok: true and error: ${e.error}`,
      expected: 'ok: false with an error, or ok: true without one',
    });
  }
  const errors = Object.keys(KRB_ERROR_CODES);
  if (e.error !== undefined && !errors.includes(e.error)) {
    const near = closest(e.error, errors);
    problem('invalid-value', [...path, 'error'], {
      message: `the KDC model never answers ${e.error}`,
      found: `"${e.error}"`,
      expected: `one of ${oneOf(errors)}`,
      hint: near === undefined ? undefined : `did you mean "${near}"?`,
    });
  }
  if (e.delegated !== undefined && !isApReq) {
    problem(
      'invalid-value',
      [...path, 'delegated'],
      {
        message: '"delegated" applies to ap-req steps only (whether the client sends a forwarded TGT)',
        found: '"delegated" on another kind of step',
        expected: 'ok, error and flags',
      },
      { key: true },
    );
  }
  const flags: Record<string, boolean> = {};
  for (const { key, value } of e.flags ?? []) {
    if (knownFlags.size > 0 && !knownFlags.has(key)) {
      const near = closest(key, knownFlags);
      problem(
        'unknown-key',
        [...path, 'flags', key],
        {
          message: `unknown ticket flag "${key}"`,
          found: `"${key}"`,
          expected: `one of ${oneOf([...knownFlags])}`,
          hint: near === undefined ? undefined : `did you mean "${near}"?`,
        },
        { key: true },
      );
    }
    flags[key] = value;
  }
  const sorted = Object.fromEntries(Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    ok: e.ok ?? (e.error !== undefined ? false : null),
    error: e.error ?? null,
    delegated: e.delegated ?? null,
    flags: sorted,
  };
}
