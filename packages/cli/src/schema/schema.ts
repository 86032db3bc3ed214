import type { Document, Node } from 'yaml';
import type { DiagnosticCode } from '../source/diagnostic.js';

/** @internal A JSON value, as a JSON Schema document is made of. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** @internal A JSON Schema (draft 2020-12) object. */
export type JsonSchema = { readonly [key: string]: JsonValue };

/** @internal Where a value sits in the document: keys and list indexes from the root. */
export type Path = readonly (string | number)[];

/** @internal A span of the file's text. */
export interface Span {
  /** 0-based offset. */
  readonly offset: number;
  /** Length in UTF-16 code units. */
  readonly length: number;
}

/** @internal One problem found while checking, before it is placed on a line and column. */
export interface Problem {
  /** The kind of problem. */
  readonly code: DiagnosticCode;
  /** Where it is. */
  readonly span: Span;
  /** The value's path. */
  readonly path: Path;
  /** One sentence. */
  readonly message: string;
  /** What was found. */
  readonly found: string;
  /** What was expected. */
  readonly expected: string;
  /** A suggestion, if any. */
  readonly hint?: string | null;
}

/** @internal What a schema check needs: the document (to resolve aliases) and a sink for problems. */
export interface CheckContext {
  /** The parsed document. */
  readonly doc: Document.Parsed;
  /** The file's text (for key text and spans). */
  readonly text: string;
  /** Records a problem; checking goes on, so every problem in the file is reported. */
  readonly report: (problem: Problem) => void;
}

/** @internal The value a check returns when the node did not match (a problem has been reported). */
export const INVALID: unique symbol = Symbol('invalid');
/** @internal The type of {@link INVALID}. */
export type Invalid = typeof INVALID;

/**
 * @internal A schema for one kind of YAML value: it checks a node (reporting every problem with its span)
 * and converts it to a typed value, and it describes itself as JSON Schema — one definition for both, so the
 * published JSON Schema and the loader cannot disagree.
 */
export interface Schema<T> {
  /** What the schema accepts, in words: `a boolean (true or false)`. */
  readonly expected: string;
  /** The JSON Schema of the accepted values. */
  readonly json: JsonSchema;
  /**
   * Checks a node; `node` is `null` when the value is absent (an empty YAML value is a null scalar).
   * @param node - the YAML node (aliases already resolved)
   * @param path - its path
   * @param span - where to report a problem about the node as a whole
   * @param cx - the context
   */
  check(node: Node | null, path: Path, span: Span, cx: CheckContext): T | Invalid;
}

/** @internal The type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;
