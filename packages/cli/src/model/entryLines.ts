import type { Document } from 'yaml';
import { spanOf } from '../schema/nodes.js';
import type { Path } from '../schema/schema.js';
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
  const lineOf = (path: Path, key: boolean): void => {
    const node = nodeAtPath(doc, source.text, path, key);
    lines[formatPath(path)] = lineColumn(
      source,
      spanOf(node, source.text, { offset: 0, length: 0 }).offset,
    ).line;
  };
  for (const section of ['accounts', 'machines', 'services', 'flows'] as const) {
    for (const key of entries[section]) lineOf([section, key], true);
  }
  for (let i = 0; i < entries.assertions; i++) lineOf(['assertions', i], false);
  return lines;
}
