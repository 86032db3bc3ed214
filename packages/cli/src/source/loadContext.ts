import { type Document, isScalar } from 'yaml';
import { spanOf } from '../schema/nodes.js';
import type { Path, Problem, Span } from '../schema/schema.js';
import type { DiagnosticCode } from '../source/diagnostic.js';
import { nodeAtPath } from '../source/nodeAtPath.js';
import { scalarOffset } from '../source/scalarOffset.js';

/** @internal Where, inside a value, a problem is: the key rather than the value, or a range of a string. */
export interface At {
  /** Underline the mapping key rather than its value. */
  readonly key?: boolean;
  /** Underline from this index of the string value … */
  readonly index?: number;
  /** … for this many characters (default 1). */
  readonly length?: number;
}

/** @internal The semantic checks' view of a file: the document, and a sink for problems addressed by path. */
export interface LoadContext {
  /** The parsed document. */
  readonly doc: Document.Parsed;
  /** The file's text. */
  readonly text: string;
  /** Whether the document has a value at `path` (even one the schema check left out as invalid). */
  has(path: Path): boolean;
  /** Records a problem about the value at `path`. */
  problem(
    code: DiagnosticCode,
    path: Path,
    text: {
      readonly message: string;
      readonly found: string;
      readonly expected: string;
      readonly hint?: string | undefined;
    },
    at?: At,
  ): void;
}

/**
 * @internal A {@link LoadContext} writing into `problems`. The document may be given as a function, called only
 * when a problem is to be placed (a loader that let the document go parses the text again then).
 */
export function loadContext(
  document: Document.Parsed | (() => Document.Parsed),
  text: string,
  problems: Problem[],
): LoadContext {
  const docOf = typeof document === 'function' ? document : () => document;
  const spanAt = (path: Path, at: At): Span => {
    const node = nodeAtPath(docOf(), text, path, at.key === true);
    const whole = spanOf(node, text, { offset: 0, length: Math.min(1, text.length) });
    if (at.index === undefined || !isScalar(node) || typeof node.value !== 'string') return whole;
    const start = scalarOffset(node, text, at.index);
    const end = scalarOffset(node, text, at.index + (at.length ?? 1));
    return { offset: start, length: Math.max(1, end - start) };
  };
  return {
    get doc() {
      return docOf();
    },
    text,
    has: (path) => nodeAtPath(docOf(), text, path, true) !== null,
    problem(code, path, t, at = {}) {
      problems.push({ code, path, span: spanAt(path, at), ...t, hint: t.hint ?? null });
    },
  };
}
