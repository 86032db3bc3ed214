import { isScalar, type Node } from 'yaml';
import { describeNode, quote } from './nodes.js';
import type { JsonSchema, Schema } from './schema.js';
import { INVALID } from './schema.js';
import { closest, oneOf } from './suggest.js';
import { wrongType } from './wrongType.js';

/** @internal A boolean: YAML 1.2 `true` or `false` (not `yes`/`no`, which YAML 1.2 reads as strings). */
export function bool(description: string): Schema<boolean> {
  const expected = 'a boolean (true or false)';
  return {
    expected,
    json: { type: 'boolean', description },
    check(node, path, span, cx) {
      if (isScalar(node) && typeof node.value === 'boolean') return node.value;
      const text = isScalar(node) && typeof node.value === 'string' ? node.value.toLowerCase() : '';
      const hint = ['yes', 'on', 'y'].includes(text)
        ? 'YAML 1.2 reads `yes` as a string: write `true`'
        : ['no', 'off', 'n'].includes(text)
          ? 'YAML 1.2 reads `no` as a string: write `false`'
          : null;
      return wrongType(node, path, span, cx, expected, hint);
    },
  };
}

/** @internal Options of {@link str}. */
export interface StringOptions {
  /** A pattern the string must match, with the JSON Schema spelling of it. */
  readonly pattern?: RegExp;
  /** What the pattern means, in words (`a DNS name such as corp.example`). */
  readonly means?: string;
}

/** @internal A non-empty string (a plain, quoted or block scalar that YAML reads as a string). */
export function str(description: string, options: StringOptions = {}): Schema<string> {
  const expected = options.means ?? 'a non-empty string';
  const json: Record<string, string | number> = { type: 'string', minLength: 1, description };
  if (options.pattern !== undefined) json['pattern'] = options.pattern.source;
  return {
    expected,
    json,
    check(node, path, span, cx) {
      if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
        return wrongType(node, path, span, cx, expected);
      }
      if (options.pattern !== undefined && !options.pattern.test(node.value)) {
        cx.report({
          code: 'invalid-value',
          span,
          path,
          message: `${quote(node.value)} is not ${expected}`,
          found: describeNode(node),
          expected,
        });
        return INVALID;
      }
      return node.value;
    },
  };
}

/** @internal An integer between `min` and `max` inclusive. */
export function int(description: string, min: number, max: number): Schema<number> {
  const expected = `an integer from ${min} to ${max}`;
  return {
    expected,
    json: { type: 'integer', minimum: min, maximum: max, description },
    check(node, path, span, cx) {
      const v = isScalar(node) ? node.value : undefined;
      if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
      if (typeof v === 'number') {
        cx.report({
          code: 'invalid-value',
          span,
          path,
          message: `${String(v)} is not ${expected}`,
          found: describeNode(node),
          expected,
        });
        return INVALID;
      }
      return wrongType(node, path, span, cx, expected);
    },
  };
}

/** @internal One of a fixed set of strings (case-sensitive; a near miss gets a suggestion). */
export function literal<const L extends string>(values: readonly L[], description: string): Schema<L> {
  const expected = `one of ${oneOf(values.map((v) => quote(v)))}`;
  return {
    expected,
    json: { type: 'string', enum: [...values], description },
    check(node, path, span, cx) {
      const v = isScalar(node) ? node.value : undefined;
      if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as L;
      if (typeof v !== 'string') return wrongType(node, path, span, cx, expected);
      const near = closest(v, values);
      cx.report({
        code: 'invalid-value',
        span,
        path,
        message: `${quote(v)} is not ${expected}`,
        found: describeNode(node),
        expected,
        hint: near === undefined ? null : `did you mean ${quote(near)}?`,
      });
      return INVALID;
    },
  };
}

/** @internal Accepts any value and checks nothing (used for JSON Schema-only documentation keys). */
export function anyValue(description: string, json: JsonSchema = {}): Schema<Node | null> {
  return { expected: 'any value', json: { ...json, description }, check: (node) => node };
}
