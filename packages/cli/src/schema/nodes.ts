import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Span } from './schema.js';

/** @internal Follows aliases (`*name`) to the anchored node; `null` for an unknown anchor or an alias cycle. */
export function deref(node: unknown, doc: Document.Parsed): Node | null {
  let current = node;
  for (let hops = 0; isAlias(current); hops++) {
    if (hops > 64) return null;
    current = current.resolve(doc) ?? null;
  }
  return (current as Node | null) ?? null;
}

/**
 * @internal The span to underline for a node: a scalar's whole text; a mapping's or list's first line only
 * (so a caret never runs across a page).
 */
export function spanOf(node: Node | null | undefined, text: string, fallback: Span): Span {
  const range = node?.range;
  if (range === undefined || range === null) return fallback;
  const start = range[0];
  let end = Math.max(range[1], start);
  if (!isScalar(node)) {
    // Only within the node: a scan to the end of the text, for every mapping of a one-line JSON file, is quadratic.
    const lineEnd = text.slice(start, end).search(/[\r\n]/);
    if (lineEnd >= 0) end = start + lineEnd;
    end = start + text.slice(start, end).trimEnd().length;
  }
  return { offset: start, length: Math.max(end - start, 1) };
}

/** @internal Describes what a node is, for "found …": `the string "yes"`, `a list`, `null`. */
export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'null (an empty value)';
    if (typeof v === 'string') return `the string ${quote(v)}`;
    if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(v)}`;
    if (typeof v === 'boolean') return `the boolean ${String(v)}`;
    return 'a value';
  }
  return 'an alias to an unknown anchor';
}

/** @internal A short, quoted excerpt of a string. */
export function quote(text: string, max = 48): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
}
