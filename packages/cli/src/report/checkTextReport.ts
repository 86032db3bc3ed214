import { type CheckFileResult, type CheckSummary, summarizeCheck } from '../check/checkResult.js';
import type { Style } from '../cli/style.js';
import { describeAssertion } from './describeAssertion.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * @internal The text report of `doublehop check`, for people: per file, each assertion (✓ held, ✗ failed) with
 * its line, kind and what it states, and what was found when it failed; then each lint finding with its
 * severity, rule, subject and message (marked when a `lint` assertion expects it); then counts. Columns are
 * aligned per file; invalid files appear only in the summary (their diagnostics go to stderr).
 */
export function checkTextReport(results: readonly CheckFileResult[], style: Style): string {
  const blocks: string[] = [];
  for (const r of results) if (r.valid) blocks.push(fileBlock(r, style));
  blocks.push(`${style.bold('summary')}: ${summaryLine(summarizeCheck(results), style)}\n`);
  return blocks.join('\n');
}

function fileBlock(r: Extract<CheckFileResult, { valid: true }>, style: Style): string {
  const lines = [style.bold(r.file)];
  const lineWidth = Math.max(0, ...r.assertions.map((a) => String(a.line).length));
  const kindWidth = Math.max(0, ...r.assertions.map((a) => a.result.kind.length));
  const indent = ' '.repeat(4 + lineWidth + 1 + kindWidth + 2);
  for (const a of r.assertions) {
    const mark = a.result.held ? style.ok('✓') : style.error('✗');
    lines.push(
      `  ${mark} ${String(a.line).padStart(lineWidth)} ${a.result.kind.padEnd(kindWidth)}  ${describeAssertion(a.result.assertion)}`,
    );
    const message = a.result.held ? style.dim(a.result.message) : style.error(a.result.message);
    lines.push(`${indent}${message}`);
  }
  if (r.lints.length > 0) {
    const sevWidth = Math.max(...r.lints.map((l) => l.finding.severity.length));
    const ruleWidth = Math.max(...r.lints.map((l) => l.finding.rule.length));
    const subjectWidth = Math.max(...r.lints.map((l) => l.finding.subject.length));
    lines.push(`  ${style.bold('lint')}`);
    for (const l of r.lints) {
      const f = l.finding;
      const mark = l.fails ? style.error('✗') : l.expected ? style.ok('✓') : style.warn('!');
      const severity = f.severity.padEnd(sevWidth);
      const colored = f.severity === 'error' ? style.error(severity) : style.warn(severity);
      const note = l.expected ? style.dim(' (expected by an assertion)') : '';
      lines.push(
        `  ${mark} ${colored}  ${f.rule.padEnd(ruleWidth)}  ${f.subject.padEnd(subjectWidth)}  ${f.message}${note}`,
      );
    }
  }
  const held = r.assertions.filter((a) => a.result.held).length;
  const failed = r.assertions.length - held;
  const counts = [
    `${plural(r.assertions.length, 'assertion')}: ${held} held, ${failed > 0 ? style.error(`${failed} failed`) : '0 failed'}`,
    lintCounts(
      r.lints.map((l) => l.finding.severity),
      r.lints.filter((l) => l.expected).length,
      style,
    ),
  ];
  lines.push(`  ${counts.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

function lintCounts(severities: readonly string[], expected: number, style: Style): string {
  const errors = severities.filter((s) => s === 'error').length;
  const warnings = severities.length - errors;
  if (severities.length === 0) return 'no lint findings';
  const parts = [
    errors > 0 ? style.error(plural(errors, 'error')) : null,
    warnings > 0 ? style.warn(plural(warnings, 'warning')) : null,
  ].filter((p) => p !== null);
  return `${plural(severities.length, 'lint finding')} (${parts.join(', ')}${expected > 0 ? `; ${expected} expected` : ''})`;
}

function summaryLine(s: CheckSummary, style: Style): string {
  const files = `${plural(s.files, 'file')}${s.invalid > 0 ? ` (${style.error(`${s.invalid} invalid`)})` : ''}`;
  const assertions = `${plural(s.assertions, 'assertion')} (${s.held} held, ${s.failed > 0 ? style.error(`${s.failed} failed`) : '0 failed'})`;
  const severities = [...Array<string>(s.errors).fill('error'), ...Array<string>(s.warnings).fill('warning')];
  return `${files}, ${assertions}, ${lintCounts(severities, s.expected, style)}`;
}
