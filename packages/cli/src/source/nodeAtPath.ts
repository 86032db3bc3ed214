import { type Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import { deref } from '../schema/nodes.js';
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
    if (!isMap(node)) return null;
    const found = node.items.find((p) => {
      const k = p.key;
      if (!isScalar(k)) return false;
      if (typeof k.value === 'string') return k.value === step;
      return k.range !== undefined && k.range !== null && text.slice(k.range[0], k.range[1]) === step;
    });
    if (found === undefined) return null;
    node = key && i === path.length - 1 ? (found.key as Node) : deref(found.value, doc);
  }
  return node;
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
