import { type Document, isMap, type Node } from 'yaml';
import { spanOf } from '../schema/nodes.js';
import { keyText } from '../schema/object.js';
import { formatPath, nodeAtPath } from '../source/nodeAtPath.js';
import { lineColumn, type SourceText } from '../source/sourceText.js';

/**
 * @internal The 1-based line where each named entry of a model file starts, by path (`services.web`,
 * `assertions[0]`): the line of its key, or of a list item's first line — so reports can point at the file.
 */
export function entryLines(
  doc: Document.Parsed,
  source: SourceText,
  entries: {
    readonly accounts: readonly string[];
    readonly machines: readonly string[];
    readonly services: readonly string[];
    readonly flows: readonly string[];
    readonly assertions: number;
  },
): Record<string, number> {
  const lines: Record<string, number> = {};
  // Keys come in file order: the line is found by moving on from the last one, not by a search each time.
  const starts = source.lineStarts;
  let line = 0;
  const lineOf = (node: Node | null | undefined): number => {
    const offset = spanOf(node, source.text, { offset: 0, length: 0 }).offset;
    if (offset < (starts[line] ?? 0)) return lineColumn(source, offset).line;
    while (line + 1 < starts.length && (starts[line + 1] ?? 0) <= offset) line++;
    return line + 1;
  };
  for (const section of ['accounts', 'machines', 'services', 'flows'] as const) {
    if (entries[section].length === 0) continue;
    // One walk over the section's keys (a lookup per entry would scan the section each time); the first pair
    // of a key counts, as a lookup would find it.
    const found = new Map<string, number>();
    const map = nodeAtPath(doc, source.text, [section]);
    for (const pair of isMap(map) ? map.items : []) {
      const key = keyText(pair, source.text);
      if (key !== undefined && !found.has(key)) found.set(key, lineOf(pair.key as Node));
    }
    for (const key of entries[section]) lines[formatPath([section, key])] = found.get(key) ?? lineOf(null);
  }
  for (let i = 0; i < entries.assertions; i++) {
    lines[formatPath(['assertions', i])] = lineOf(nodeAtPath(doc, source.text, ['assertions', i]));
  }
  return lines;
}
