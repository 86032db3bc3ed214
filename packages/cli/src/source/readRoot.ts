import { isMap, isScalar, type Node } from 'yaml';
import { deref, describeNode, spanOf } from '../schema/nodes.js';
import { mappingEntries, type ObjectOptions, reportUnknownKey } from '../schema/object.js';
import type { CheckContext, Invalid, Problem, Schema, Span } from '../schema/schema.js';
import { parseYaml } from './parseYaml.js';

/** @internal A file's root mapping, split into its known sections, with a way to check each one. */
export interface Root {
  /** The context problems go to. */
  readonly cx: CheckContext;
  /** The problems found so far (YAML syntax, unknown root keys, then whatever the sections report). */
  readonly problems: Problem[];
  /** The root mapping. */
  readonly node: Node;
  /** The sections present, by key. */
  readonly sections: ReadonlyMap<string, { readonly value: Node | null; readonly keySpan: Span }>;
  /** Checks a section with its schema: `undefined` when absent. */
  section<T>(key: string, schema: Schema<T>): T | Invalid | undefined;
}

/**
 * @internal Parses a file and splits its root mapping into sections, reporting syntax errors, a root that is not
 * a mapping (`what` names the file kind: `a model file`) and unknown root keys with a suggestion. Returns the
 * problems alone when nothing else can be checked.
 */
export function readRoot(
  text: string,
  keys: readonly string[],
  options: ObjectOptions,
  what: string,
): Root | { readonly problems: readonly Problem[] } {
  const parsed = parseYaml(text);
  if (parsed.doc === null) return { problems: parsed.problems };
  const doc = parsed.doc;
  const problems: Problem[] = [];
  const cx: CheckContext = { doc, text, report: (p) => problems.push(p) };
  const root = deref(doc.contents, doc);
  if (!isMap(root)) {
    const whole = { offset: 0, length: Math.min(1, text.length) };
    const found =
      root === null || (isScalar(root) && root.value === null) ? 'an empty document' : describeNode(root);
    return {
      problems: [
        {
          code: 'wrong-type',
          span: spanOf(root, text, whole),
          path: [],
          message: `${what} is a mapping, found ${found}`,
          found,
          expected: `a mapping with the keys ${keys.join(', ')}`,
        },
      ],
    };
  }
  const sections = new Map<string, { value: Node | null; keySpan: Span }>();
  for (const entry of mappingEntries(root, [], cx)) {
    if (keys.includes(entry.key)) sections.set(entry.key, entry);
    else reportUnknownKey(entry.key, entry.keySpan, [], keys, options, cx);
  }
  return {
    cx,
    problems,
    node: root,
    sections,
    section<T>(key: string, schema: Schema<T>): T | Invalid | undefined {
      const s = sections.get(key);
      return s === undefined ? undefined : schema.check(s.value, [key], spanOf(s.value, text, s.keySpan), cx);
    },
  };
}
