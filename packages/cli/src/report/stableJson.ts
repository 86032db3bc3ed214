import type { JsonValue } from '../schema/schema.js';

/**
 * @internal JSON text with every object's keys sorted (by UTF-16 code units) and a two-space indent, ending
 * with a newline: the same value always prints the same bytes, whatever order its keys were built in.
 */
export function stableJson(value: JsonValue): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const object = value as { readonly [key: string]: JsonValue };
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
