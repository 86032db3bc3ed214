/**
 * @internal Escapes text for a Markdown table cell or a line of prose: `\`, backticks, `*`, `|`, `<`, `[` and `]`
 * (`_` is left alone: GFM does not emphasise inside words, and URLs stay intact); line breaks become spaces.
 */
export function mdText(text: string): string {
  return text.replace(/[\\`*|<[\]]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, ' ');
}

/** @internal Inline code: a backtick run longer than any inside the text. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r\n|\r|\n/g, ' ')}${pad}${fence}`;
}

/** @internal A fenced code block in the given language, with a fence longer than any backtick run inside. */
export function mdFence(language: string, body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body.endsWith('\n') ? body : `${body}\n`}${fence}\n`;
}

/**
 * @internal A Markdown (GFM) table with columns padded to the same width, so the source reads as well as the
 * rendering. Cells are inserted as given: escape them with {@link mdText} or {@link mdCode}.
 */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return `${[line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n')}\n`;
}
