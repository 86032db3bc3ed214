import type { ImportedDirectory } from './importDirectory.js';

/**
 * Writes an imported directory as a model file: YAML (the default) opening with a comment that names every
 * source file, its kind and its collection date, or JSON (the same document, without the comment, which JSON
 * cannot carry). The same import gives the same bytes; the result loads with `loadModel`.
 *
 * @param imported - what {@link importDirectory} returned
 * @param format - `yaml` or `json`
 * @returns the file's text, ending with a newline
 * @example
 * ```ts
 * import { importDirectory, loadModel, writeImportedModel } from '@doublehop/cli';
 *
 * const users = {
 *   meta: { type: 'users', count: 1, version: 6 },
 *   data: [{ ObjectIdentifier: 'S-1-5-21-1-2-3-1104', Properties: { domain: 'CORP.EXAMPLE', samaccountname: 'alice', enabled: true } }],
 * };
 * const r = importDirectory([{ name: 'users.json', bytes: new TextEncoder().encode(JSON.stringify(users)) }]);
 * const text = r.ok ? writeImportedModel(r.value, 'yaml') : '';
 * text.includes('  alice:\n    rid: 1104\n');  // true
 * loadModel('directory.yaml', text).ok;        // true
 * ```
 * @see docs/import.md
 */
export function writeImportedModel(imported: ImportedDirectory, format: 'yaml' | 'json'): string {
  const doc = imported.document;
  const ordered = {
    ...(Object.keys(doc.domains).length > 0 ? { domains: doc.domains } : {}),
    ...(doc.trusts.length > 0 ? { trusts: doc.trusts } : {}),
    ...(Object.keys(doc.accounts).length > 0 ? { accounts: doc.accounts } : {}),
    ...(Object.keys(doc.machines).length > 0 ? { machines: doc.machines } : {}),
  };
  if (format === 'json') return `${JSON.stringify(ordered, null, 2)}\n`;
  const lines = [
    '# A directory imported by `doublehop import` — regenerate it rather than editing it; write services, flows and',
    '# assertions in a model file of their own (docs/import.md). Sources:',
    ...imported.files.map(
      (f) =>
        `#   ${oneLine(f.file)}: ${f.description}${f.collected === null ? '' : `, collected ${f.collected}`}`,
    ),
    ...imported.skipped.map((s) => `#   ${oneLine(s.file)}: skipped (${s.why})`),
    `# ${summary(imported)}`,
  ];
  const out: string[] = lines;
  if (Object.keys(ordered).length === 0) out.push('{}');
  for (const [section, value] of Object.entries(ordered)) {
    out.push(`${section}:`);
    if (Array.isArray(value)) for (const item of value) out.push(`  - ${flow(item)}`);
    else writeMapping(out, value as Record<string, unknown>, 1);
  }
  return `${out.join('\n')}\n`;
}

/** @internal The counts line of the header and of `doublehop import` on stderr. */
export function summary(imported: ImportedDirectory): string {
  const c = imported.counts;
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  return [
    n(c.domains, 'domain'),
    n(c.trusts, 'trust'),
    n(c.users, 'user'),
    n(c.computers, 'computer'),
    n(c.gmsas, 'gMSA'),
    n(c.groups, 'group'),
    n(imported.warnings.length, 'warning'),
  ].join(', ');
}

function writeMapping(out: string[], map: Record<string, unknown>, depth: number): void {
  const indent = '  '.repeat(depth);
  for (const [key, value] of Object.entries(map)) {
    if (isPlainObject(value) && Object.keys(value).length > 0 && depth < 2) {
      out.push(`${indent}${scalar(key)}:`);
      writeMapping(out, value, depth + 1);
    } else out.push(`${indent}${scalar(key)}: ${flow(value)}`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value in YAML flow style: `{ a: 1 }`, `[x, y]`, or a scalar. */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    return entries.length === 0
      ? '{}'
      : `{ ${entries.map(([k, v]) => `${scalar(k)}: ${flow(v)}`).join(', ')} }`;
  }
  return scalar(value);
}

// Plain (unquoted) only when YAML 1.2 reads the text back as this very string in block and flow context alike:
// no indicator at the start, none of `,[]{}#` or `: ` inside, not a number, boolean or null. Anything else is
// written as a JSON string, which YAML reads as a double-quoted scalar.
const PLAIN = /^[A-Za-z_$.\\/][A-Za-z0-9_$.\\/@:+=()' -]*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~|\.inf|\.nan|[-+]?\.inf)$/i;

function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (
    PLAIN.test(text) &&
    !RESERVED.test(text) &&
    !text.endsWith(' ') &&
    !text.endsWith(':') &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !/^[-+.]?\d/.test(text)
  ) {
    return text;
  }
  return JSON.stringify(text);
}

/** A file name in a comment: control characters (a newline would end the comment) escaped. */
function oneLine(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out +=
      c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 ? `\\u${c.toString(16).padStart(4, '0')}` : ch;
  }
  return out;
}
