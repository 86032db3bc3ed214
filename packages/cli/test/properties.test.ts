import { loadScenario } from '@doublehop/cli';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleTexts, expectLoadContract, mutatedFile } from './loaderContract.js';
import { run } from './support.js';

const examples = exampleTexts('scenarios');

/** The loader's contract for any text: a scenario, or at least one diagnostic placed inside the text. */
function checkLoad(text: string): void {
  expectLoadContract(loadScenario('fuzz.yaml', text), text);
}

/** A valid file with characters inserted and deleted at random places. */
const mutated = mutatedFile(examples, 4, [
  '',
  ' ',
  '\n',
  '\t',
  ':',
  '-',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '&a',
  '*a',
  '#',
  '$',
  '\\',
]);

describe('properties', () => {
  it('the loader never throws, for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkLoad), { numRuns: 300 });
  });

  it('the loader never throws, for valid files with random insertions and deletions', () => {
    fc.assert(fc.property(mutated, checkLoad), { numRuns: 200 });
  });

  it('the loader never throws, for arbitrary JSON shaped like a scenario', () => {
    const names = fc.constantFrom(
      'alice',
      'web01$',
      'Sales',
      'self',
      'cifs/fs01',
      'S-1-5-x',
      'CORP\\alice',
      'corp.example',
    );
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), names);
    const section = fc.dictionary(fc.oneof(names, fc.string({ maxLength: 8 })), value, { maxKeys: 3 });
    const step = fc.dictionary(
      fc.constantFrom('id', 'as-req', 'tgs-req', 's4u2self', 's4u2proxy', 'ap-req', 'expect', 'x'),
      fc.oneof(
        value,
        fc.dictionary(
          fc.constantFrom('client', 'service', 'user', 'evidence', 'target', 'tgt', 'ok', 'error'),
          value,
        ),
      ),
      { maxKeys: 3 },
    );
    const scenario = fc.record(
      {
        kdc: value,
        domains: section,
        trusts: value,
        accounts: section,
        steps: fc.array(step, { maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(scenario, (s) => checkLoad(JSON.stringify(s, null, 1))),
      { numRuns: 200 },
    );
  });

  it('reports are byte-identical for identical input, in both formats; the JSON report round-trips', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...examples), mutated),
        fc.constantFrom('text', 'json'),
        (text, format) => {
          const argv = ['scenario', 's.yaml', '--format', format];
          const first = run(argv, { 's.yaml': text });
          const second = run(argv, { 's.yaml': text });
          expect(second).toEqual(first);
          expect([0, 1, 2]).toContain(first.code);
          if (format === 'json')
            expect(`${JSON.stringify(JSON.parse(first.stdout), null, 2)}\n`).toBe(first.stdout);
        },
      ),
      { numRuns: 60 },
    );
  });
});
