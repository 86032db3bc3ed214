import type { ScenarioRun } from '../scenario/runScenario.js';
import type { Diagnostic } from '../source/diagnostic.js';

/** @internal What the scenario command found for one file: a replay, or the reasons it is invalid. */
export type FileResult =
  | { readonly valid: true; readonly file: string; readonly run: ScenarioRun }
  | { readonly valid: false; readonly file: string; readonly diagnostics: readonly Diagnostic[] };

/** @internal The exit code for a set of results: 2 if a file is invalid, else 1 if an expectation failed, else 0. */
export function exitCodeOf(results: readonly FileResult[]): 0 | 1 | 2 {
  if (results.some((r) => !r.valid)) return 2;
  return results.every((r) => r.valid && r.run.held) ? 0 : 1;
}

/** @internal Counts for the summary line and the JSON report. */
export interface Summary {
  /** Files given. */
  readonly files: number;
  /** Files refused. */
  readonly invalid: number;
  /** Steps replayed. */
  readonly steps: number;
  /** Steps whose expectation held. */
  readonly held: number;
  /** Steps whose expectation failed. */
  readonly failed: number;
  /** Steps without an expectation. */
  readonly unchecked: number;
}

/** @internal Counts files and steps. */
export function summarize(results: readonly FileResult[]): Summary {
  const steps = results.flatMap((r) => (r.valid ? r.run.steps : []));
  return {
    files: results.length,
    invalid: results.filter((r) => !r.valid).length,
    steps: steps.length,
    held: steps.filter((s) => s.held === true).length,
    failed: steps.filter((s) => s.held === false).length,
    unchecked: steps.filter((s) => s.held === null).length,
  };
}
