import { readFileSync } from 'node:fs';
import { modelJsonSchema, scenarioJsonSchema } from '@doublehop/cli';
import { LINT_RULES, WHY_NOT_REASONS } from '@doublehop/delegation';
import { describe, expect, it } from 'vitest';
import { run } from './support.js';

/** Every property name the schema defines, at any depth. */
function propertyNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) propertyNames(s, into);
  else if (schema !== null && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    const properties = record['properties'];
    if (properties !== null && typeof properties === 'object') {
      for (const key of Object.keys(properties)) into.add(key);
    }
    for (const value of Object.values(record)) propertyNames(value, into);
  }
  return into;
}

const at = (schema: unknown, ...path: string[]): Record<string, unknown> =>
  path.reduce((s, k) => (s as Record<string, unknown>)[k], schema) as Record<string, unknown>;

describe('modelJsonSchema', () => {
  it('is a frozen draft 2020-12 schema with no unknown keys allowed', () => {
    expect(modelJsonSchema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(modelJsonSchema['additionalProperties']).toBe(false);
    expect(Object.isFrozen(modelJsonSchema)).toBe(true);
  });

  it('shares the directory sections with the scenario schema, definition for definition', () => {
    for (const key of ['kdc', 'domains', 'trusts', 'accounts']) {
      expect(at(modelJsonSchema, 'properties', key)).toEqual(at(scenarioJsonSchema, 'properties', key));
    }
  });

  it("lists the engine's reason codes and lint rule ids as enums", () => {
    const assertion = at(modelJsonSchema, 'properties', 'assertions', 'items', 'properties');
    expect(at(assertion, 'refused', 'properties', 'reason')['enum']).toEqual(
      Object.keys(WHY_NOT_REASONS).sort(),
    );
    expect(at(assertion, 'lint', 'properties', 'rule')['enum']).toEqual(Object.keys(LINT_RULES).sort());
  });

  it('documents every key in docs/model-files.md', () => {
    const doc = readFileSync(new URL('../../../docs/model-files.md', import.meta.url), 'utf8');
    const missing = [...propertyNames(modelJsonSchema)].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it('is what `doublehop schema` prints, and what is checked in next to the package', () => {
    // After changing the format: pnpm doublehop schema > packages/cli/schema/model.schema.json
    const r = run(['schema']);
    expect(r.code).toBe(0);
    expect(run(['schema', 'model']).stdout).toBe(r.stdout);
    expect(JSON.parse(r.stdout)).toEqual(modelJsonSchema);
    // (biome formats the checked-in copy, so compare the values)
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(readFileSync(new URL('../schema/model.schema.json', import.meta.url), 'utf8')),
    );
  });
});
