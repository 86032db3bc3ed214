import type { Scalar } from 'yaml';

const ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 4, u: 6, U: 10 };

/**
 * @internal Where the character at `index` of a scalar's value is written in the file, so an error inside a
 * SID or SDDL string points at the right column: plain scalars map one to one, single-quoted ones skip the
 * quote and count `''` as one character, double-quoted ones count each escape (`\\`, `\x41`, `\u0041`) as
 * one. Folded or block scalars (whose value is rewrapped) fall back to the scalar's start.
 */
export function scalarOffset(node: Scalar, text: string, index: number): number {
  const range = node.range;
  if (range === undefined || range === null) return 0;
  const start = range[0];
  const end = range[1];
  const type = node.type;
  if (type === 'PLAIN') {
    const slice = text.slice(start, end);
    return /[\r\n]/.test(slice) ? start : Math.min(start + index, end);
  }
  if (type !== 'QUOTE_SINGLE' && type !== 'QUOTE_DOUBLE') return start;
  let at = start + 1;
  for (let seen = 0; seen < index && at < end - 1; seen++) {
    const c = text[at];
    if (c === '\n' || c === '\r') return start;
    if (type === 'QUOTE_SINGLE') at += c === "'" && text[at + 1] === "'" ? 2 : 1;
    else if (c === '\\') at += ESCAPE_LENGTH[text[at + 1] ?? ''] ?? 2;
    else at += 1;
  }
  return at;
}
