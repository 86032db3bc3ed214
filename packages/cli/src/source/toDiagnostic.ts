import type { Problem } from '../schema/schema.js';
import type { Diagnostic } from './diagnostic.js';
import { formatPath } from './nodeAtPath.js';
import { lineColumn, type SourceText } from './sourceText.js';

/** @internal Places a problem on its line and column. */
export function toDiagnostic(source: SourceText, problem: Problem): Diagnostic {
  const offset = Math.max(0, Math.min(problem.span.offset, source.text.length));
  const length = Math.max(0, Math.min(problem.span.length, source.text.length - offset));
  const start = lineColumn(source, offset);
  const end = lineColumn(source, offset + length);
  return {
    code: problem.code,
    file: source.name,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset,
    length,
    path: formatPath(problem.path),
    message: problem.message,
    found: problem.found,
    expected: problem.expected,
    hint: problem.hint ?? null,
  };
}

/** @internal Sorts diagnostics by position, then code and message, and drops exact duplicates. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic): string => `${d.code}\u0000${d.message}\u0000${d.path}`;
  const sorted = [...diagnostics].sort(
    (a, b) => a.offset - b.offset || a.length - b.length || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0),
  );
  return sorted.filter(
    (d, i) => i === 0 || key(d) !== key(sorted[i - 1] as Diagnostic) || d.offset !== sorted[i - 1]?.offset,
  );
}
