import { loadModel } from '@doublehop/cli';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { exampleTexts, expectLoadContract, mutatedFile } from './loaderContract.js';
import { run } from './support.js';

const examples = exampleTexts('estates');

/** The loader's contract for any text: a model, or at least one diagnostic placed inside the text. */
function checkLoad(text: string): void {
  expectLoadContract(loadModel('fuzz.yaml', text), text);
}

/** A valid file with characters inserted and deleted at random places. */
const mutated = mutatedFile(examples, 6, [
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
  '&a',
  '*a',
  '#',
  'x',
  '$',
]);

/** A name from the examples' vocabulary, so that generated files often refer to things that exist. */
const names = fc.constantFrom(
  'alice',
  'svc-web',
  'WEB01',
  'WS01',
  'web',
  'sql',
  'report',
  'CORP\\alice',
  'HTTP/web01',
);

/** The sections of an example re-serialised with their accounts and services in another order. */
function reorder(text: string, accountOrder: readonly number[], serviceOrder: readonly number[]): string {
  const doc = parse(text) as Record<string, unknown>;
  const permute = (section: unknown, order: readonly number[]): unknown => {
    if (section === null || typeof section !== 'object') return section;
    const entries = Object.entries(section as Record<string, unknown>);
    return Object.fromEntries(order.map((i) => entries[i % entries.length]).filter((e) => e !== undefined));
  };
  return stringify({
    ...doc,
    accounts: permute(doc['accounts'], accountOrder),
    services: permute(doc['services'], serviceOrder),
  });
}

describe('properties', () => {
  it("each entry's line is the line its key is written on, in YAML and in JSON, however the file is laid out", () => {
    const layouts = fc.constantFrom<(m: unknown) => string>(
      (m) => stringify(m),
      (m) => JSON.stringify(m, null, 2),
      (m) => JSON.stringify(m),
      (m) => stringify(m, { indent: 4, flowCollectionPadding: false }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...examples), layouts, (example, layout) => {
        const text = layout(parse(example));
        const r = loadModel('m', text);
        if (!r.ok) throw new Error('the bundled examples load');
        const lineOfKey = (section: string, key: string): number => {
          // The key's first occurrence after its section's: the text is what the layout wrote.
          const sectionAt = text.search(new RegExp(`(^|[{,\\s"])"?${section}"?:`));
          const quoted = text.indexOf(`${JSON.stringify(key)}:`, sectionAt);
          const plain = new RegExp(`(^|[\\s{,])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm');
          const at = quoted >= 0 ? quoted : sectionAt + text.slice(sectionAt).search(plain);
          return text.slice(0, at).split('\n').length + (text[at] === '\n' ? 1 : 0);
        };
        for (const [path, line] of Object.entries(r.value.lines)) {
          const m = /^(accounts|machines|services|flows)\.(.+)$/.exec(path);
          if (m === null) continue;
          expect(line, path).toBe(lineOfKey(m[1] as string, m[2] as string));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the loader never throws, for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkLoad), { numRuns: 150 });
  });

  it('the loader never throws, for valid files with random insertions and deletions', () => {
    fc.assert(fc.property(mutated, checkLoad), { numRuns: 80 });
  });

  it('the loader never throws, for arbitrary JSON shaped like a model', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), names);
    const section = fc.dictionary(fc.oneof(names, fc.string({ maxLength: 6 })), value, { maxKeys: 3 });
    const service = fc.record(
      {
        machine: fc.oneof(names, value),
        runsAs: fc.oneof(names, fc.constantFrom('LocalSystem', 'NT SERVICE\\x'), value),
        endpoint: fc.oneof(
          fc.record({ host: fc.oneof(names, value), port: value }, { requiredKeys: [] }),
          value,
        ),
        authentication: fc.oneof(fc.constant(['negotiate']), value),
        calls: fc.oneof(fc.array(fc.record({ service: names }), { maxLength: 2 }), value),
      },
      { requiredKeys: [] },
    );
    const model = fc.record(
      {
        accounts: section,
        machines: section,
        services: fc.dictionary(names, service, { maxKeys: 3 }),
        flows: fc.dictionary(
          names,
          fc.record({
            user: names,
            start: fc.record({ machine: names }),
            path: fc.array(names, { maxLength: 3 }),
          }),
          { maxKeys: 2 },
        ),
        assertions: fc.array(
          fc.dictionary(fc.constantFrom('reaches', 'refused', 'reachableBy', 'lint', 'x'), section, {
            maxKeys: 2,
          }),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(model, (m) => checkLoad(JSON.stringify(m, null, 1))),
      { numRuns: 150 },
    );
  });

  it('check never fails internally, and its reports are byte-identical for identical input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...examples), mutated),
        fc.constantFrom('text', 'json', 'junit'),
        (text, format) => {
          const argv = ['check', 'm.yaml', '--format', format];
          const first = run(argv, { 'm.yaml': text });
          expect(first.stderr).not.toContain('internal error');
          expect([0, 1, 2]).toContain(first.code);
          expect(run(argv, { 'm.yaml': text })).toEqual(first);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('check, explain and graph do not depend on the order of accounts and services in the file', () => {
    const permutation = fc.array(fc.nat({ max: 30 }), { minLength: 0, maxLength: 12 });
    fc.assert(
      fc.property(fc.constantFrom(...examples), permutation, permutation, (text, a, s) => {
        const doc = parse(text) as { accounts?: object; services?: object; flows?: object };
        const sizes = [Object.keys(doc.accounts ?? {}).length, Object.keys(doc.services ?? {}).length];
        // A permutation of every entry: the generated numbers rank the indexes.
        const order = (n: number, keys: readonly number[]): number[] =>
          [...Array(n).keys()].sort((x, y) => (keys[x] ?? x) - (keys[y] ?? y) || x - y);
        const base = reorder(text, order(sizes[0] ?? 0, []), order(sizes[1] ?? 0, []));
        const shuffled = reorder(text, order(sizes[0] ?? 0, a), order(sizes[1] ?? 0, s));
        const flow = Object.keys(doc.flows ?? {})[0] ?? '';
        for (const argv of [
          ['check', 'm.yaml', '--format', 'json'],
          ['check', 'm.yaml'],
          ['explain', 'm.yaml', '--flow', flow],
          ['graph', 'm.yaml', '--format', 'dot'],
        ]) {
          const expected = run(argv, { 'm.yaml': base });
          expect(expected.code).toBe(0);
          expect(run(argv, { 'm.yaml': shuffled })).toEqual(expected);
        }
      }),
      { numRuns: 8 },
    );
  });
});
