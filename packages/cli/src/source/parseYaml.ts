import { type Document, parseDocument, visit } from 'yaml';
import type { Problem } from '../schema/schema.js';
import { parseJsonDocument } from './parseJsonDocument.js';

/**
 * @internal Parses a YAML (or JSON — JSON is YAML 1.2) text into a document that keeps every node's source
 * range. Syntax errors become problems; duplicate keys are left to the schema check, which reports them
 * without stopping. Never throws.
 */
export function parseYaml(text: string): {
  readonly doc: Document.Parsed | null;
  readonly problems: Problem[];
} {
  // JSON first: an imported directory is one large JSON file, which the YAML parser reads twenty times slower.
  const json = parseJsonDocument(text);
  if (json !== null) return { doc: json, problems: [] };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2' });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { doc: null, problems: [syntax(0, 1, `the YAML parser failed: ${message}`)] };
  }
  const problems = doc.errors.map((e) => syntax(e.pos[0], e.pos[1] - e.pos[0], e.message, e.code, text));
  if (problems.length === 0) {
    // An alias to an anchor that is not defined (earlier) parses, but means nothing.
    visit(doc, {
      Alias(_, alias) {
        if (alias.resolve(doc) !== undefined) return;
        const [start = 0, end = start + 1] = alias.range ?? [];
        problems.push(
          syntax(
            start,
            end - start,
            `there is no anchor &${alias.source} before this alias`,
            'BAD_ALIAS',
            text,
          ),
        );
      },
    });
  }
  return { doc: problems.length === 0 ? doc : null, problems };
}

const EXPECTED: Readonly<Record<string, string>> = {
  BAD_INDENT: 'consistent indentation',
  BLOCK_AS_IMPLICIT_KEY: 'a key on a single line',
  MISSING_CHAR: 'the character that closes the construct',
  MULTILINE_IMPLICIT_KEY: 'a key on a single line',
  MULTIPLE_DOCS: 'a single YAML document',
  TAB_AS_INDENT: 'spaces for indentation (YAML forbids tabs there)',
  UNEXPECTED_TOKEN: 'well-formed YAML',
  BAD_ALIAS: 'an alias to an anchor defined earlier',
  BAD_SCALAR_START: 'a quoted string (this character cannot start a plain one)',
  DUPLICATE_KEY: 'each key once',
};

function syntax(offset: number, length: number, message: string, code = 'PARSER', source = ''): Problem {
  const text = message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '');
  const at = source.slice(offset, offset + Math.max(length, 1));
  const found =
    at === '' || /^[\r\n]/.test(at)
      ? offset >= source.length
        ? 'the end of the file'
        : 'the end of the line'
      : at === '\t'
        ? 'a tab'
        : JSON.stringify(at.length > 24 ? `${at.slice(0, 23)}…` : at);
  return {
    code: 'yaml-syntax',
    span: { offset, length: Math.max(length, 1) },
    path: [],
    message: `invalid YAML: ${text} (${code})`,
    found,
    expected: EXPECTED[code] ?? 'well-formed YAML',
  };
}
