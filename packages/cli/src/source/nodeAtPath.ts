import { type Document, isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { deref } from '../schema/nodes.js';
import { keyText } from '../schema/object.js';
import type { Path } from '../schema/schema.js';

/** @internal The node at a path (following aliases), or `null`. With `key`, the mapping key's node instead. */
export function nodeAtPath(doc: Document.Parsed, text: string, path: Path, key = false): Node | null {
  let node = deref(doc.contents, doc);
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (node === null) return null;
    if (typeof step === 'number') {
      node = isSeq(node) ? deref(node.items[step], doc) : null;
      continue;
    }
    if (!isMap(node) || step === undefined) return null;
    const found = pairsByKey(node, text).get(step);
    if (found === undefined) return null;
    node = key && i === path.length - 1 ? (found.key as Node) : deref(found.value, doc);
  }
  return node;
}

const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/**
 * A mapping's pairs by key text (the first pair of a duplicated key, as a scan would find it), built once per
 * mapping: diagnostics and entry lines look up every entry of a section, and a scan each would be quadratic.
 */
function pairsByKey(node: YAMLMap, text: string): Map<string, Pair> {
  let index = pairIndexes.get(node);
  if (index === undefined) {
    index = new Map();
    for (const pair of node.items as Pair[]) {
      const key = keyText(pair, text);
      if (key !== undefined && !index.has(key)) index.set(key, pair);
    }
    pairIndexes.set(node, index);
  }
  return index;
}

/** @internal Renders a path for people: `steps[2].s4u2proxy.evidence`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}
