/**
 * @internal Escapes free text for a Mermaid sequence diagram's message, note, block label or participant alias:
 * `;` ends a statement and `#` starts an entity code, `%%` a comment, and `<` `>` would be read as HTML, so each
 * is written as an entity code (`#59;` …, which Mermaid decodes); line breaks become `<br/>`.
 * @see https://mermaid.js.org/syntax/sequenceDiagram.html#entity-codes-to-escape-characters
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[#;%<>]/g, (c) => `#${c.charCodeAt(0)};`)
    .replace(/\r\n|\r|\n/g, '<br/>')
    .replace(/\s+$/, '');
}

/**
 * @internal Escapes a flowchart label for a double-quoted Mermaid string (`id["…"]`, `-->|"…"|`): `"` and `#`
 * as entity codes, `<` `>` likewise (labels are HTML), line breaks as `<br/>`.
 * @see https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters
 */
export function mermaidLabel(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\r\n|\r|\n/g, '<br/>');
}

/**
 * @internal A Mermaid id from any text: letters, digits and `_` (others become `_`), starting with a letter —
 * the same text always gives the same id. Callers make ids unique (see `uniqueIds`).
 */
export function mermaidId(text: string): string {
  const id = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(id) ? id : `n${id}`;
}

/**
 * @internal Stable unique ids for keys: each key's {@link mermaidId}, with `_2`, `_3` … appended (in sorted key
 * order) where two keys would collide — so the ids depend only on the set of keys, not their order.
 */
export function uniqueIds(
  keys: Iterable<string>,
  idOf: (key: string) => string = mermaidId,
): Map<string, string> {
  const sorted = [...new Set(keys)].sort();
  const taken = new Set<string>();
  const out = new Map<string, string>();
  for (const key of sorted) {
    const base = idOf(key);
    let id = base;
    for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base}_${n}`;
    taken.add(id.toLowerCase());
    out.set(key, id);
  }
  return out;
}
