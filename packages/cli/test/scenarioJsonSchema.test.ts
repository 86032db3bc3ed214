import { readFileSync } from 'node:fs';
import { scenarioJsonSchema } from '@doublehop/cli';
import { describe, expect, it } from 'vitest';

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

describe('scenarioJsonSchema', () => {
  it('is a draft 2020-12 schema with steps required and no unknown keys allowed', () => {
    expect(scenarioJsonSchema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(scenarioJsonSchema['required']).toEqual(['steps']);
    expect(scenarioJsonSchema['additionalProperties']).toBe(false);
    expect(Object.isFrozen(scenarioJsonSchema)).toBe(true);
  });

  it('documents every key in docs/scenario-files.md', () => {
    const doc = readFileSync(new URL('../../../docs/scenario-files.md', import.meta.url), 'utf8');
    const missing = [...propertyNames(scenarioJsonSchema)].filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});
