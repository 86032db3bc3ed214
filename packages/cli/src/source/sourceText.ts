/**
 * @internal A file's text with its line starts, so an offset converts to a 1-based line and column.
 * Columns count UTF-16 code units (as editors speaking LSP do), starting at 1.
 */
export interface SourceText {
  /** The file name as the user gave it. */
  readonly name: string;
  /** The whole text. */
  readonly text: string;
  /** The offset at which each line starts (line 1 at index 0). */
  readonly lineStarts: ArrayLike<number>;
}

/** @internal A 1-based line and column. */
export interface LineColumn {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units. */
  readonly column: number;
}

/** @internal Indexes the line starts of a text (`\n`, `\r\n` and a lone `\r` end a line). */
export function sourceText(name: string, text: string): SourceText {
  // Counted first, then filled into a typed array: a model file of an imported directory has millions of lines.
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      count++;
    }
  }
  const lineStarts = new Uint32Array(count);
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts[line++] = i + 1;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts[line++] = i + 1;
    }
  }
  return { name, text, lineStarts };
}

/** @internal The line and column of an offset (clamped to the text). */
export function lineColumn(source: SourceText, offset: number): LineColumn {
  const at = Math.max(0, Math.min(offset, source.text.length));
  let lo = 0;
  let hi = source.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((source.lineStarts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: at - (source.lineStarts[lo] ?? 0) + 1 };
}

/** @internal The text of a 1-based line, without its line break. */
export function lineText(source: SourceText, line: number): string {
  const start = source.lineStarts[line - 1] ?? source.text.length;
  const next = source.lineStarts[line] ?? source.text.length;
  return source.text.slice(start, next).replace(/\r?\n$|\r$/, '');
}
