/**
 * What kind of problem a {@link Diagnostic} reports; stable names that tests and tools match on.
 *
 * @remarks
 * - `yaml-syntax` — the text is not well-formed YAML (or JSON);
 * - `unknown-key`, `missing-key`, `duplicate-key`, `wrong-type`, `invalid-value` — the shape of the file does
 *   not match its schema;
 * - `duplicate`, `unknown-domain`, `unknown-account`, `ambiguous-account`, `wrong-account-kind`,
 *   `unknown-step`, `forward-reference`, `wrong-ticket-kind` (scenario files), `unknown-machine`,
 *   `unknown-service`, `unknown-flow` (model files) — the shape is right but a name or a reference is not;
 * - `invalid-sid`, `invalid-sddl` — a SID or SDDL string inside the file does not parse (the column points at
 *   the offending character inside the string);
 * - `invalid-directory` — the directory the file describes is refused by `@doublehop/logon`;
 * - `unreadable-file`, `unsupported-file` — the file cannot be read, or its extension is not `.yaml`, `.yml`
 *   or `.json`.
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('d.yaml', 'accounts: { alice: {} }\nsteps:\n  - as-req: { client: bob }\n');
 * r.ok || r.error.diagnostics[0]?.code; // 'unknown-account'
 * ```
 * @see docs/scenario-files.md (invalid files)
 */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'unknown-key'
  | 'missing-key'
  | 'duplicate-key'
  | 'wrong-type'
  | 'invalid-value'
  | 'duplicate'
  | 'unknown-domain'
  | 'unknown-account'
  | 'ambiguous-account'
  | 'wrong-account-kind'
  | 'unknown-step'
  | 'forward-reference'
  | 'wrong-ticket-kind'
  | 'unknown-machine'
  | 'unknown-service'
  | 'unknown-flow'
  | 'invalid-sid'
  | 'invalid-sddl'
  | 'invalid-directory'
  | 'unreadable-file'
  | 'unsupported-file';

/**
 * One problem in an input file: where it is (file, 1-based line and column, and the span), the JSON path of
 * the value, what was found there and what was expected.
 *
 * @remarks
 * Columns count UTF-16 code units from 1, as editors do. `offset` and `length` locate the span in the file's
 * text (0-based), so a tool can underline it; the CLI prints it with a source excerpt and a caret.
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('bad.yaml', 'kdc: { patched: yes }\nsteps: []\n');
 * const d = r.ok ? undefined : r.error.diagnostics[0];
 * d?.code;                 // 'wrong-type'
 * [d?.line, d?.column];    // [1, 17]
 * d?.found;                // 'the string "yes"'
 * d?.expected;             // 'a boolean (true or false)'
 * ```
 * @see https://doc.rust-lang.org/rustc/json.html (the diagnostic shape the CLI's output follows)
 */
export interface Diagnostic {
  /** The kind of problem. */
  readonly code: DiagnosticCode;
  /** The file name as given. */
  readonly file: string;
  /** 1-based line of the start of the span. */
  readonly line: number;
  /** 1-based column of the start of the span (UTF-16 code units). */
  readonly column: number;
  /** 1-based line of the end of the span. */
  readonly endLine: number;
  /** 1-based column just after the span. */
  readonly endColumn: number;
  /** 0-based offset of the span in the file's text. */
  readonly offset: number;
  /** Length of the span (at least 1 unless the file is empty). */
  readonly length: number;
  /** Where the value sits in the document, e.g. `steps[2].s4u2proxy.evidence` (empty for the whole file). */
  readonly path: string;
  /** One sentence: what is wrong. */
  readonly message: string;
  /** What was found at that place. */
  readonly found: string;
  /** What was expected there. */
  readonly expected: string;
  /** A suggestion (`did you mean "forwardable"?`), or `null`. */
  readonly hint: string | null;
}
