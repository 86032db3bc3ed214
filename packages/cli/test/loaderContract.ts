import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '@doublehop/cli';
import fc from 'fast-check';
import { expect } from 'vitest';

// What the model and scenario loaders' properties share: the bundled examples as seeds, the contract every
// failed load keeps, and valid files mutated at random places.

/** The texts of the YAML files of `examples/<folder>/`, in name order. */
export function exampleTexts(folder: 'estates' | 'scenarios'): string[] {
  const dir = fileURLToPath(new URL(`../../../examples/${folder}/`, import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(`${dir}${f}`, 'utf8'));
}

/** The loaders' contract for any text: a value, or at least one diagnostic placed inside the text. */
export function expectLoadContract(
  r:
    | { readonly ok: true }
    | {
        readonly ok: false;
        readonly error: { readonly code: string; readonly diagnostics: readonly Diagnostic[] };
      },
  text: string,
): void {
  if (r.ok) return;
  expect(r.error.code).toBe('INVALID_FILE');
  expect(r.error.diagnostics.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of r.error.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeLessThanOrEqual((lines[d.line - 1]?.length ?? 0) + 1);
    expect(d.offset + d.length).toBeLessThanOrEqual(text.length);
  }
}

/** A valid file with characters (up to `maxRemove`) deleted and `symbols` or short strings inserted at random places. */
export function mutatedFile(
  examples: readonly string[],
  maxRemove: number,
  symbols: readonly string[],
): fc.Arbitrary<string> {
  return fc
    .record({
      base: fc.constantFrom(...examples),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          remove: fc.nat({ max: maxRemove }),
          insert: fc.oneof(fc.constantFrom(...symbols), fc.string({ maxLength: 3 })),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ base, edits }) =>
      edits.reduce((text, e) => {
        const at = e.at % (text.length + 1);
        return text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }, base),
    );
}
