import type { AssertionResult, LintFinding } from '@doublehop/delegation';
import { type CheckFileResult, checkExitCode, fileHeld, summarizeCheck } from '../check/checkResult.js';
import type { JsonValue } from '../schema/schema.js';
import { stableJson } from './stableJson.js';

/** @internal The version of the check report's shape (docs/model-files.md, "doublehop check"). */
export const CHECK_REPORT_VERSION = 1;

/**
 * @internal The JSON report of `doublehop check`: the exit code, the summary, and per file its assertions (with
 * their lines and what was found) and lint findings (with whether they are expected and whether they fail), or
 * its diagnostics — keys sorted, so identical input gives identical bytes.
 */
export function checkJsonReport(results: readonly CheckFileResult[], failOnWarn: boolean): string {
  return stableJson({
    format: 'doublehop-check-report',
    version: CHECK_REPORT_VERSION,
    exitCode: checkExitCode(results),
    failOnWarn,
    summary: { ...summarizeCheck(results) },
    files: results.map(
      (r): JsonValue =>
        r.valid
          ? {
              file: r.file,
              valid: true,
              held: fileHeld(r),
              assertions: r.assertions.map((a) => ({ line: a.line, ...assertionJson(a.result) })),
              lints: r.lints.map((l) => ({
                ...findingJson(l.finding),
                expected: l.expected,
                fails: l.fails,
              })),
            }
          : { file: r.file, valid: false, diagnostics: r.diagnostics.map((d) => ({ ...d })) },
    ),
  });
}

function assertionJson(r: AssertionResult): { readonly [key: string]: JsonValue } {
  return {
    index: r.index,
    kind: r.kind,
    assertion: JSON.parse(JSON.stringify(r.assertion)) as JsonValue,
    held: r.held,
    message: r.message,
  };
}

/** @internal A lint finding as JSON. */
export function findingJson(f: LintFinding): { readonly [key: string]: JsonValue } {
  return {
    rule: f.rule,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
    source: f.source,
    related: [...f.related],
  };
}
