import type { AssertionResult, LintFinding } from '@doublehop/delegation';
import type { Diagnostic } from '../source/diagnostic.js';

/** @internal An assertion's result, with the line it is written on. */
export interface CheckedAssertion {
  /** The engine's result. */
  readonly result: AssertionResult;
  /** The 1-based line of the assertion in the file. */
  readonly line: number;
}

/**
 * @internal A lint finding, and what the check makes of it: `expected` when a `lint` assertion of the file
 * names its rule (and subject), so it is the file's own statement and not a failure; `fails` when it fails the
 * check (an unexpected error, or an unexpected warning with `--fail-on-warn`).
 */
export interface CheckedLint {
  /** The engine's finding. */
  readonly finding: LintFinding;
  /** Whether a `lint` assertion of the file expects it. */
  readonly expected: boolean;
  /** Whether it fails the check. */
  readonly fails: boolean;
}

/** @internal What `doublehop check` found for one file: its assertions and lint findings, or why it is invalid. */
export type CheckFileResult =
  | {
      /** The file loaded. */
      readonly valid: true;
      /** The file name as given. */
      readonly file: string;
      /** Every assertion, in file order. */
      readonly assertions: readonly CheckedAssertion[];
      /** Every lint finding, in the engine's (sorted) order. */
      readonly lints: readonly CheckedLint[];
    }
  | {
      /** The file did not load. */
      readonly valid: false;
      /** The file name as given. */
      readonly file: string;
      /** Every problem. */
      readonly diagnostics: readonly Diagnostic[];
    };

/** @internal Whether a file's checks all held. */
export function fileHeld(r: CheckFileResult): boolean {
  return r.valid && r.assertions.every((a) => a.result.held) && r.lints.every((l) => !l.fails);
}

/** @internal The exit code: 2 if a file is invalid, else 1 if an assertion (or a failing finding) failed, else 0. */
export function checkExitCode(results: readonly CheckFileResult[]): 0 | 1 | 2 {
  if (results.some((r) => !r.valid)) return 2;
  return results.every(fileHeld) ? 0 : 1;
}

/** @internal Counts for the summary line and the JSON report. */
export interface CheckSummary {
  /** Files given. */
  readonly files: number;
  /** Files refused. */
  readonly invalid: number;
  /** Assertions checked. */
  readonly assertions: number;
  /** Assertions that held. */
  readonly held: number;
  /** Assertions that failed. */
  readonly failed: number;
  /** Lint findings of severity error. */
  readonly errors: number;
  /** Lint findings of severity warning. */
  readonly warnings: number;
  /** Lint findings a `lint` assertion expects. */
  readonly expected: number;
  /** Lint findings that fail the check. */
  readonly failing: number;
}

/** @internal Counts files, assertions and findings. */
export function summarizeCheck(results: readonly CheckFileResult[]): CheckSummary {
  const assertions = results.flatMap((r) => (r.valid ? r.assertions : []));
  const lints = results.flatMap((r) => (r.valid ? r.lints : []));
  return {
    files: results.length,
    invalid: results.filter((r) => !r.valid).length,
    assertions: assertions.length,
    held: assertions.filter((a) => a.result.held).length,
    failed: assertions.filter((a) => !a.result.held).length,
    errors: lints.filter((l) => l.finding.severity === 'error').length,
    warnings: lints.filter((l) => l.finding.severity === 'warning').length,
    expected: lints.filter((l) => l.expected).length,
    failing: lints.filter((l) => l.fails).length,
  };
}
