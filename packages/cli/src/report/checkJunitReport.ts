import type { CheckFileResult } from '../check/checkResult.js';
import { type JunitCase, junitXml } from '../output/junitXml.js';
import { formatDiagnostic } from '../source/formatDiagnostic.js';
import { describeAssertion } from './describeAssertion.js';

/**
 * @internal The JUnit XML report of `doublehop check`, for CI dashboards: a test suite per file, a test case per
 * assertion (named by its line and what it states; a `<failure>` with what was found when it did not hold) and
 * per lint finding (a `<failure>` when it fails the check; a warning that does not is a passing case whose
 * message is in `<system-out>`); an invalid file is one test case with an `<error>` per diagnostic.
 */
export function checkJunitReport(results: readonly CheckFileResult[]): string {
  return junitXml(
    'doublehop check',
    results.map((r) => {
      if (!r.valid) {
        const text = r.diagnostics.map((d) => formatDiagnostic(d, null)).join('\n');
        const first = r.diagnostics[0];
        return {
          name: r.file,
          cases: [
            {
              name: 'load',
              classname: r.file,
              failure: {
                kind: 'error',
                type: first?.code ?? 'invalid-file',
                message: `${r.file} is not a valid model (${r.diagnostics.length} problem${r.diagnostics.length === 1 ? '' : 's'})${first === undefined ? '' : `: ${first.file}:${first.line}:${first.column} ${first.message}`}`,
                text,
              },
            },
          ],
        };
      }
      const cases: JunitCase[] = [
        ...r.assertions.map(
          (a): JunitCase => ({
            name: `assertion ${a.result.index + 1} (line ${a.line}): ${describeAssertion(a.result.assertion)}`,
            classname: `${r.file}.assertions`,
            failure: a.result.held
              ? null
              : {
                  kind: 'failure',
                  type: a.result.kind,
                  message: a.result.message,
                  text: `${r.file}:${a.line}: ${a.result.message}`,
                },
          }),
        ),
        ...r.lints.map((l): JunitCase => {
          const f = l.finding;
          const text = `${f.severity} ${f.rule} ${f.subject}: ${f.message}\nsource: ${f.source}${f.related.length > 0 ? `\nrelated: ${f.related.join(', ')}` : ''}`;
          return {
            name: `lint ${f.rule}: ${f.subject}`,
            classname: `${r.file}.lints`,
            failure: l.fails
              ? { kind: 'failure', type: f.rule, message: `${f.severity}: ${f.message}`, text }
              : null,
            ...(l.fails ? {} : { output: l.expected ? `${text}\n(expected by an assertion)` : text }),
          };
        }),
      ];
      return { name: r.file, cases };
    }),
  );
}
