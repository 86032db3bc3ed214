import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { deref, spanOf } from './nodes.js';
import { mappingEntries } from './object.js';
import type { Invalid, JsonSchema, Path, Schema, Span } from './schema.js';
import { INVALID } from './schema.js';
import { wrongType } from './wrongType.js';

/** @internal A list of values of one schema. */
export function list<T>(item: Schema<T>, description: string): Schema<readonly T[]> {
  const expected = `a list (each item ${item.expected})`;
  return {
    expected,
    json: { type: 'array', items: item.json, description },
    check(node, path, span, cx) {
      if (!isSeq(node)) return wrongType(node, path, span, cx, expected);
      // Best effort: invalid items are reported and left out (see object()).
      const out: T[] = [];
      const items = node.items;
      for (let i = 0; i < items.length; i++) {
        const value = deref(items[i], cx.doc);
        const v = item.check(value, [...path, i], spanOf(value, cx.text, span), cx);
        if (v !== INVALID) out.push(v);
      }
      return out;
    },
  };
}

/** @internal A list of exactly two values (a trust's `between`). */
export function pair<T>(item: Schema<T>, description: string): Schema<readonly [T, T]> {
  const expected = `a list of two items (each ${item.expected})`;
  const inner = list(item, description);
  return {
    expected,
    json: { ...inner.json, minItems: 2, maxItems: 2 },
    check(node, path, span, cx) {
      const v = inner.check(node, path, span, cx);
      if (v === INVALID || (isSeq(node) && node.items.length !== v.length)) return INVALID;
      if (v.length !== 2) {
        cx.report({
          code: 'invalid-value',
          span,
          path,
          message: `expected ${expected}, found a list of ${v.length}`,
          found: `a list of ${v.length}`,
          expected,
        });
        return INVALID;
      }
      return [v[0] as T, v[1] as T];
    },
  };
}

/** @internal One entry of a {@link record}: its key, the key's span, and the value. */
export interface Entry<T> {
  /** The key. */
  readonly key: string;
  /** Where the key is written. */
  readonly keySpan: Span;
  /** The checked value. */
  readonly value: T;
}

/**
 * @internal A mapping from free-form keys (domain names, account names) to values of one schema, in file order.
 * An empty value (`corp.example:`) counts as an empty mapping when `emptyAsObject` is set.
 */
export function record<T>(
  value: Schema<T>,
  description: string,
  options: { readonly key: Schema<string>; readonly emptyAsObject?: boolean },
): Schema<readonly Entry<T>[]> {
  const expected = `a mapping from ${options.key.expected} to ${value.expected}`;
  return {
    expected,
    json: {
      type: 'object',
      description,
      propertyNames: options.key.json,
      additionalProperties:
        options.emptyAsObject === true ? { anyOf: [value.json, { type: 'null' }] } : value.json,
    },
    check(node, path, span, cx) {
      if (!isMap(node)) return wrongType(node, path, span, cx, expected);
      // Best effort: invalid entries are reported and left out (see object()).
      const out: Entry<T>[] = [];
      for (const entry of mappingEntries(node, path, cx)) {
        const at = [...path, entry.key];
        const keyOk = options.key.check(entry.pair.key as Node, at, entry.keySpan, cx);
        const isEmpty = isScalar(entry.value) && entry.value.value === null;
        const checked: T | Invalid =
          options.emptyAsObject === true && (entry.value === null || isEmpty)
            ? value.check(emptyMap(entry.value, cx.doc), at, entry.keySpan, cx)
            : value.check(entry.value, at, spanOf(entry.value, cx.text, entry.keySpan), cx);
        if (keyOk !== INVALID && checked !== INVALID)
          out.push({ key: entry.key, keySpan: entry.keySpan, value: checked });
      }
      return out;
    },
  };
}

function emptyMap(at: Node | null, doc: { createNode: (v: unknown) => Node }): Node {
  const map = doc.createNode({});
  if (at?.range !== undefined && at.range !== null) map.range = at.range;
  return map;
}

/**
 * @internal A value whose schema depends on its YAML node type: a step id (a string) or a described ticket
 * (a mapping).
 */
export function either<A, B>(whenString: Schema<A>, whenMap: Schema<B>, description: string): Schema<A | B> {
  const expected = `${whenString.expected} or ${whenMap.expected}`;
  return {
    expected,
    json: { description, oneOf: [whenString.json, whenMap.json] } as JsonSchema,
    check(node, path: Path, span, cx) {
      if (isMap(node)) return whenMap.check(node, path, span, cx);
      if (isScalar(node) && typeof node.value === 'string') return whenString.check(node, path, span, cx);
      return wrongType(node, path, span, cx, expected);
    },
  };
}

/** @internal A value that is a number (checked by `whenNumber`) or a string (checked by `whenString`). */
export function numberOrString<A, B>(
  whenNumber: Schema<A>,
  whenString: Schema<B>,
  description: string,
): Schema<A | B> {
  const expected = `${whenNumber.expected} or ${whenString.expected}`;
  return {
    expected,
    json: { description, oneOf: [whenNumber.json, whenString.json] } as JsonSchema,
    check(node, path: Path, span, cx) {
      if (isScalar(node) && typeof node.value === 'number') return whenNumber.check(node, path, span, cx);
      if (isScalar(node) && typeof node.value === 'string') return whenString.check(node, path, span, cx);
      return wrongType(node, path, span, cx, expected);
    },
  };
}

/** @internal Converts a checked value (the conversion cannot fail; semantic checks come later). */
export function mapped<T, U>(schema: Schema<T>, convert: (value: T, path: Path) => U): Schema<U> {
  return {
    expected: schema.expected,
    json: schema.json,
    check(node, path, span, cx) {
      const v = schema.check(node, path, span, cx);
      return v === INVALID ? INVALID : convert(v, path);
    },
  };
}

/** @internal Adds an annotation (title, examples, `$comment`) to a schema's JSON Schema. */
export function annotated<T>(schema: Schema<T>, extra: JsonSchema): Schema<T> {
  return { ...schema, json: { ...schema.json, ...extra } };
}
