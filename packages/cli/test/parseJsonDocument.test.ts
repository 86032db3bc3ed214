import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, parse, parseDocument } from 'yaml';
import { loadModel } from '../src/index.js';
import { parseJsonDocument } from '../src/source/parseJsonDocument.js';
import { exampleTexts } from './loaderContract.js';

// The YAML parser's options, as parseYaml passes them.
const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2' } as const;

/** A node tree as the loader reads it: classes, values, scalar types and the source range each diagnostic uses. */
function shape(node: unknown): unknown {
  if (isMap(node)) {
    return {
      map: node.items.map((p) => (isPair(p) ? [shape(p.key), shape(p.value)] : 'not a pair')),
      flow: node.flow,
      range: node.range?.slice(0, 2),
    };
  }
  if (isSeq(node)) return { seq: node.items.map(shape), flow: node.flow, range: node.range?.slice(0, 2) };
  if (isScalar(node)) {
    return {
      // Object.is keeps -0 apart from 0.
      value: typeof node.value === 'number' && Object.is(node.value, -0) ? '-0' : node.value,
      type: node.type,
      range: node.range?.slice(0, 2),
    };
  }
  return { other: String(node) };
}

/** The YAML parser's reading of a text, or `null` when it reports an error. */
function yamlShape(text: string): unknown {
  const doc = parseDocument(text, YAML_OPTIONS);
  return doc.errors.length > 0 ? null : shape(doc.contents);
}

/** JSON text of a value with random (JSON) whitespace between the tokens. */
const spacedJson = fc
  .tuple(
    fc.jsonValue({ maxDepth: 4 }),
    fc.infiniteStream(fc.constantFrom('', '', ' ', '\n', '\t', '\r\n', '  ')),
  )
  .map(([value, spaces]) => {
    const space = (): string => spaces.next().value as string;
    const write = (v: unknown, indent: string): string => {
      if (Array.isArray(v)) {
        return `[${space()}${v.map((x) => `${write(x, `${indent} `)}${space()}`).join(`,${space()}`)}]`;
      }
      if (v !== null && typeof v === 'object') {
        const entries = Object.entries(v).map(
          ([k, x]) => `${JSON.stringify(k)}${space()}:${space()}${write(x, `${indent} `)}${space()}`,
        );
        return `{${space()}${entries.join(`,${space()}`)}}`;
      }
      return JSON.stringify(v);
    };
    return `${space()}${write(value, '')}${space()}`;
  });

describe('parseJsonDocument', () => {
  it('reads a JSON model file as the YAML parser does: values, scalar types and ranges', () => {
    const text =
      '{\n  "accounts": { "alice": { "rid": 1105, "enabled": false, "memberOf": ["a\\u00e9\\n"] } }\n}\n';
    const doc = parseJsonDocument(text);
    expect(doc).not.toBeNull();
    expect(shape(doc?.contents)).toEqual(yamlShape(text));
    expect(doc?.toJS()).toEqual(JSON.parse(text));
  });

  it('leaves to the YAML parser what is not strict JSON, or what YAML reads otherwise', () => {
    for (const text of [
      '',
      'accounts: {}',
      '{"a": 1,}',
      '{"a": 01}',
      "{'a': 1}",
      '{"a": 1} # comment',
      '{"a": 1}x',
      '{"a": "tab\there"}',
      '{\n\t"a": 1}',
      '\ufeff{"a": 1}',
      '{"a":\r1}',
      '{"a": truex}',
      '{"a": "\\x41"}',
      '[1, 2',
      `${'['.repeat(300)}${']'.repeat(300)}`,
    ]) {
      expect(parseJsonDocument(text), JSON.stringify(text)).toBeNull();
    }
  });

  describe('properties', () => {
    it('JSON.stringify output always takes the fast path, and reads as the YAML parser reads it', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(undefined, 1, 2, 4), (value, indent) => {
          const text = JSON.stringify(value, null, indent);
          const doc = parseJsonDocument(text);
          expect(doc).not.toBeNull();
          expect(shape(doc?.contents)).toEqual(yamlShape(text));
        }),
        { numRuns: 300 },
      );
    });

    it('with any JSON whitespace between tokens, it agrees with the YAML parser whenever it answers', () => {
      fc.assert(
        fc.property(spacedJson, (text) => {
          const doc = parseJsonDocument(text);
          if (doc !== null) expect(shape(doc.contents)).toEqual(yamlShape(text));
        }),
        { numRuns: 300 },
      );
    });

    it('never throws, and accepts only texts JSON.parse accepts, for arbitrary text', () => {
      const near = fc.stringMatching(/^[\s{}[\]",:0-9a-z\\.eE+-]{0,40}$/);
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), near), (text) => {
          const doc = parseJsonDocument(text);
          if (doc === null) return;
          expect(doc.toJS()).toEqual(JSON.parse(text));
          expect(shape(doc.contents)).toEqual(yamlShape(text));
        }),
        { numRuns: 300 },
      );
    });

    it('loadModel gives the same model and the same diagnostics on a JSON file through either parser', () => {
      // A tab after the closing brace sends the same text to the YAML parser, without moving anything.
      const models = exampleTexts('estates').map((t) => parse(t) as unknown);
      const names = fc.constantFrom(
        'nobody',
        'S-1-5-x',
        'web',
        'CORP\\alice',
        'corp.example',
        42,
        true,
        null,
      );
      const mutated = fc
        .record({
          model: fc.constantFrom(...models),
          edits: fc.array(fc.tuple(fc.nat(), names), { maxLength: 3 }),
        })
        .map(({ model, edits }) => {
          const copy = structuredClone(model);
          let seen = 0;
          const visit = (v: unknown): unknown => {
            if (Array.isArray(v)) return v.map(visit);
            if (v !== null && typeof v === 'object')
              return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
            const at = seen++;
            const edit = edits.find(([i]) => i % 40 === at);
            return edit === undefined ? v : edit[1];
          };
          return JSON.stringify(visit(copy), null, 2);
        });
      fc.assert(
        fc.property(mutated, (text) => {
          expect(parseJsonDocument(text)).not.toBeNull();
          expect(parseJsonDocument(`${text}\t`)).toBeNull();
          const fast = loadModel('m.json', text);
          const slow = loadModel('m.json', `${text}\t`);
          expect(fast.ok).toBe(slow.ok);
          if (fast.ok && slow.ok) expect(fast.value).toEqual(slow.value);
          if (!fast.ok && !slow.ok) expect(fast.error.diagnostics).toEqual(slow.error.diagnostics);
        }),
        { numRuns: 60 },
      );
    });
  });
});
