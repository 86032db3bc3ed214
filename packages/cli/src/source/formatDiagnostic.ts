import { type Style, styles } from '../cli/style.js';
import type { Diagnostic } from './diagnostic.js';
import { lineText, type SourceText } from './sourceText.js';

/**
 * @internal Renders a diagnostic as rustc and zed do: a headline, the `--> file:line:column` location, the
 * source line with a caret under the span labelled with what was found, then what was expected and the hint.
 *
 * ```text
 * error[unknown-key]: unknown key "forwardabel" in an as-req step
 *   --> bad.yaml:3:39
 *    |
 *  3 |   - { id: tgt, as-req: { client: alice, forwardabel: true } }
 *    |                                         ^^^^^^^^^^^ "forwardabel"
 *    |
 *    = expected: one of client or forwardable
 *    = help: did you mean "forwardable"?
 * ```
 *
 * Tabs are shown as four spaces, with the caret moved to match; a span running past its line is underlined to
 * the end of the line.
 */
export function formatDiagnostic(
  d: Diagnostic,
  source: SourceText | null,
  style: Style = styles(false),
): string {
  const out: string[] = [];
  out.push(`${style.error(`error[${d.code}]`)}${style.bold(`: ${d.message}`)}`);
  const gutter = ' '.repeat(String(d.line).length);
  out.push(`${gutter}${style.dim('-->')} ${d.file}:${d.line}:${d.column}`);
  if (source !== null && source.text.length > 0) {
    const raw = lineText(source, d.line);
    const expand = (s: string): string => s.replace(/\t/g, '    ');
    const before = expand(raw.slice(0, d.column - 1));
    const spanEnd = d.endLine === d.line ? d.endColumn - 1 : raw.length;
    const underlined = expand(raw.slice(d.column - 1, Math.max(spanEnd, d.column)));
    const carets = '^'.repeat(Math.max(1, underlined.length));
    out.push(`${gutter} ${style.dim('|')}`);
    out.push(`${style.dim(`${d.line} |`)} ${expand(raw)}`.trimEnd());
    out.push(
      `${gutter} ${style.dim('|')} ${' '.repeat(before.length)}${style.error(`${carets} ${d.found}`)}`.trimEnd(),
    );
    out.push(`${gutter} ${style.dim('|')}`);
  } else {
    out.push(`${gutter} ${style.dim('=')} ${style.bold('found')}: ${d.found}`);
  }
  out.push(`${gutter} ${style.dim('=')} ${style.bold('expected')}: ${d.expected}`);
  if (d.hint !== null) out.push(`${gutter} ${style.dim('=')} ${style.bold('help')}: ${d.hint}`);
  return `${out.join('\n')}\n`;
}
