import { describe, expect, it } from 'vitest';
import { either, list, numberOrString, record } from '../src/schema/collections.js';
import { deref } from '../src/schema/nodes.js';
import { object, required } from '../src/schema/object.js';
import { bool, int, str } from '../src/schema/primitives.js';
import { type CheckContext, INVALID, type Problem, type Schema } from '../src/schema/schema.js';
import { wrongType } from '../src/schema/wrongType.js';
import { parseYaml } from '../src/source/parseYaml.js';

/** Checks `text` (one YAML value) with `schema`, returning the value and what was reported. */
function check<T>(schema: Schema<T>, text: string): { value: T | typeof INVALID; problems: Problem[] } {
  const { doc } = parseYaml(text);
  if (doc === null) throw new Error(`check: not YAML: ${text}`);
  const problems: Problem[] = [];
  const cx: CheckContext = { doc, text, report: (p) => problems.push(p) };
  const span = { offset: 0, length: text.length };
  return { value: schema.check(deref(doc.contents, doc), ['at', 0], span, cx), problems };
}

/** What {@link wrongType} reports for the same node, path and span. */
function expectedReport(expected: string, text: string, hint: string | null = null): Problem[] {
  const { doc } = parseYaml(text);
  if (doc === null) throw new Error(`expectedReport: not YAML: ${text}`);
  const problems: Problem[] = [];
  const cx: CheckContext = { doc, text, report: (p) => problems.push(p) };
  const node = deref(doc.contents, doc);
  expect(wrongType(node, ['at', 0], { offset: 0, length: text.length }, cx, expected, hint)).toBe(INVALID);
  return problems;
}

describe('wrongType', () => {
  it('reports one wrong-type problem naming what was expected and what was found', () => {
    expect(expectedReport('a list (each item a boolean (true or false))', '{ a: 1 }')).toEqual([
      {
        code: 'wrong-type',
        span: { offset: 0, length: 8 },
        path: ['at', 0],
        message: 'expected a list (each item a boolean (true or false)), found a mapping',
        found: 'a mapping',
        expected: 'a list (each item a boolean (true or false))',
        hint: null,
      },
    ]);
    expect(expectedReport('a boolean (true or false)', 'yes', 'write `true`')[0]?.hint).toBe('write `true`');
  });

  it('is the one report every schema makes for a node of the wrong kind', () => {
    const flag = bool('A flag.');
    const schemas: [Schema<unknown>, string][] = [
      [flag, '[1]'],
      [str('A name.'), '{ a: 1 }'],
      [int('A port.', 1, 65535), '"80"'],
      [list(flag, 'Flags.'), '{ a: 1 }'],
      [record(flag, 'Flags by name.', { key: str('A name.') }), '[true]'],
      [object({ on: required(flag) }, 'A switch.', { name: 'a switch' }), '7'],
      [either(str('An id.'), object({}, 'A ref.', { name: 'a ref' }), 'An id or a ref.'), '[1]'],
      [numberOrString(int('A hop.', 1, 9), str('A service.'), 'A hop or a service.'), 'true'],
    ];
    for (const [schema, text] of schemas) {
      const { value, problems } = check(schema, text);
      expect(value).toBe(INVALID);
      expect(problems).toEqual(expectedReport(schema.expected, text));
    }
  });
});
