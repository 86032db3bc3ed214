import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { deref, describeNode, quote, spanOf } from './nodes.js';
import type { CheckContext, JsonSchema, JsonValue, Path, Schema, Span } from './schema.js';
import { INVALID } from './schema.js';
import { closest, oneOf } from './suggest.js';
import { wrongType } from './wrongType.js';

/** @internal One key of an {@link object} schema. */
export interface Field<T, R extends boolean> {
  /** The value's schema. */
  readonly schema: Schema<T>;
  /** Whether the key must be present. */
  readonly required: R;
  /** The documented default, for JSON Schema. */
  readonly default?: JsonValue;
}

/** @internal A required key. */
export function required<T>(schema: Schema<T>): Field<T, true> {
  return { schema, required: true };
}

/** @internal An optional key, with its documented default. */
export function optional<T>(schema: Schema<T>, defaultValue?: JsonValue): Field<T, false> {
  return defaultValue === undefined
    ? { schema, required: false }
    : { schema, required: false, default: defaultValue };
}

// biome-ignore lint/suspicious/noExplicitAny: the shape's value types are inferred per key
type Shape = Record<string, Field<any, boolean>>;
type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;

/** @internal The value an {@link object} schema produces: required keys present, optional keys possibly absent. */
export type ObjectValue<S extends Shape> = {
  readonly [K in keyof S as S[K] extends Field<unknown, true> ? K : never]: ValueOf<S[K]>;
} & {
  readonly [K in keyof S as S[K] extends Field<unknown, true> ? never : K]?: ValueOf<S[K]>;
};

/** @internal Options of {@link object}. */
export interface ObjectOptions {
  /** What the mapping is, for messages (`an as-req step`). */
  readonly name: string;
  /** Keys of which exactly one must be present (the step kinds). */
  readonly exactlyOne?: readonly string[];
  /** Misspellings or other names users are likely to write, with the key to use instead. */
  readonly hints?: Readonly<Record<string, string>>;
}

/** @internal The text of a mapping key: a string's value, or the source text of a plain scalar (`1.0`, `true`). */
export function keyText(pair: Pair, text: string): string | undefined {
  const key = pair.key;
  if (!isScalar(key)) return undefined;
  if (typeof key.value === 'string') return key.value;
  const range = key.range;
  return range === undefined || range === null ? String(key.value) : text.slice(range[0], range[1]);
}

/** @internal The pairs of a mapping with their key text and spans, reporting non-scalar and duplicate keys. */
export function mappingEntries(
  node: Node,
  path: Path,
  cx: CheckContext,
): { readonly key: string; readonly keySpan: Span; readonly value: Node | null; readonly pair: Pair }[] {
  if (!isMap(node)) return [];
  const text = cx.text;
  // A mapping of an account has a handful of keys: they are compared with the ones before, and a set is made
  // only for a large mapping (a section) — one set per account is most of what checking an import allocates.
  const seen = node.items.length > 8 ? new Set<string>() : null;
  const entries: { key: string; keySpan: Span; value: Node | null; pair: Pair }[] = [];
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const keySpan =
      keyNode?.range === undefined || keyNode.range === null
        ? spanOf(node, text, { offset: 0, length: 1 })
        : spanOf(keyNode, text, { offset: 0, length: 1 });
    const key = keyText(pair, text);
    if (key === undefined) {
      cx.report({
        code: 'wrong-type',
        span: keySpan,
        path,
        message: `a key must be a string, found ${describeNode(keyNode)}`,
        found: describeNode(keyNode),
        expected: 'a string key',
      });
      continue;
    }
    if (seen === null ? entries.some((e) => e.key === key) : seen.has(key)) {
      cx.report({
        code: 'duplicate-key',
        span: keySpan,
        path: [...path, key],
        message: `the key ${quote(key)} appears twice in the same mapping`,
        found: `a second ${quote(key)}`,
        expected: 'each key once',
      });
      continue;
    }
    seen?.add(key);
    entries.push({ key, keySpan, value: deref(pair.value, cx.doc), pair });
  }
  return entries;
}

/**
 * @internal A mapping with a fixed set of keys. Unknown keys are reported with a suggestion; missing required
 * keys are reported on the mapping; every key is checked even after a problem, so all problems are found.
 */
export function object<S extends Shape>(
  shape: S,
  description: string,
  options: ObjectOptions,
): Schema<ObjectValue<S>> {
  const keys = Object.keys(shape);
  const requiredKeys = keys.filter((k) => shape[k]?.required === true);
  const expected = `a mapping (${options.name})`;
  const properties: Record<string, JsonValue> = {};
  for (const k of keys) {
    const field = shape[k];
    if (field === undefined) continue;
    properties[k] =
      field.default === undefined ? field.schema.json : { ...field.schema.json, default: field.default };
  }
  const json: Record<string, JsonValue> = {
    type: 'object',
    description,
    properties,
    additionalProperties: false,
  };
  if (requiredKeys.length > 0) json['required'] = requiredKeys;
  if (options.exactlyOne !== undefined) json['oneOf'] = options.exactlyOne.map((k) => ({ required: [k] }));
  const decisive = new Set<string>([...requiredKeys, ...(options.exactlyOne ?? [])]);
  return {
    expected,
    json: json as JsonSchema,
    check(node, path, span, cx) {
      if (!isMap(node)) return wrongType(node, path, span, cx, expected);
      const text = cx.text;
      const mapSpan = spanOf(node, text, span);
      // Best effort: an unknown key or an invalid optional value is reported and left out, so the checks that
      // follow (names, references) still run; only a missing or invalid required value makes the mapping
      // unusable. The loader refuses the file whenever anything was reported.
      let fatal = false;
      const out: Record<string, unknown> = {};
      // Only a mapping with required or exclusive keys needs to know which are there (an account has none).
      const present =
        requiredKeys.length === 0 && options.exactlyOne === undefined ? null : new Set<string>();
      for (const entry of mappingEntries(node, path, cx)) {
        present?.add(entry.key);
        const field = Object.hasOwn(shape, entry.key) ? shape[entry.key] : undefined;
        if (field === undefined) {
          reportUnknownKey(entry.key, entry.keySpan, path, keys, options, cx);
          continue;
        }
        const valueSpan = spanOf(entry.value, text, entry.keySpan);
        const value = field.schema.check(entry.value, [...path, entry.key], valueSpan, cx);
        if (value === INVALID) {
          if (decisive.has(entry.key)) fatal = true;
        } else out[entry.key] = value;
      }
      for (const k of requiredKeys) {
        if (present?.has(k) === true) continue;
        fatal = true;
        cx.report({
          code: 'missing-key',
          span: mapSpan,
          path,
          message: `${options.name} needs the key ${quote(k)}`,
          found: `no ${quote(k)}`,
          expected: `${quote(k)}: ${field(shape, k)}`,
        });
      }
      if (options.exactlyOne !== undefined) {
        const given = options.exactlyOne.filter((k) => present?.has(k) === true);
        if (given.length !== 1) {
          fatal = true;
          cx.report({
            code: given.length === 0 ? 'missing-key' : 'invalid-value',
            span: mapSpan,
            path,
            message: `${options.name} needs exactly one of ${oneOf(options.exactlyOne.map((k) => quote(k)))}`,
            found:
              given.length === 0
                ? 'none of them'
                : `both ${oneOf(
                    given.map((k) => quote(k)),
                    'and',
                  )}`,
            expected: `exactly one of ${oneOf(options.exactlyOne.map((k) => quote(k)))}`,
          });
        }
      }
      return fatal ? INVALID : (out as ObjectValue<S>);
    },
  };
}

/** @internal Reports a key a mapping does not have, suggesting the closest (or the hinted) one. */
export function reportUnknownKey(
  key: string,
  keySpan: Span,
  path: Path,
  keys: readonly string[],
  options: ObjectOptions,
  cx: CheckContext,
): void {
  const renamed = options.hints?.[key];
  const near = closest(key, keys);
  const hint =
    renamed !== undefined
      ? keys.includes(renamed)
        ? `did you mean ${quote(renamed)}?`
        : renamed
      : near === undefined
        ? null
        : `did you mean ${quote(near)}?`;
  cx.report({
    code: 'unknown-key',
    span: keySpan,
    path: [...path, key],
    message: `unknown key ${quote(key)} in ${options.name}`,
    found: quote(key),
    expected: `one of ${oneOf(keys)}`,
    hint,
  });
}

function field(shape: Shape, key: string): string {
  return shape[key]?.schema.expected ?? 'a value';
}
