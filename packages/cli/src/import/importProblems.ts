/**
 * Why an import stopped: the codes of {@link ImportError}.
 *
 * @example
 * ```ts
 * import type { ImportErrorCode } from '@doublehop/cli';
 *
 * const fatal: ImportErrorCode = 'invalid-json';
 * ```
 * @see docs/import.md
 */
export type ImportErrorCode =
  /** The file cannot be read: missing, a directory, not a regular file, no permission. */
  | 'unreadable-file'
  /** Larger than the import reads (a file, or an entry of a zip once unpacked). */
  | 'too-large'
  /** A `.zip` (or a file starting like one) that cannot be unpacked: truncated, corrupt, encrypted. */
  | 'invalid-zip'
  /** Not UTF-8 JSON, or JSON cut short. */
  | 'invalid-json'
  /** JSON, but not a file of any source doublehop imports (another tool's JSON, a stray file). */
  | 'unknown-format'
  /** A file of a known source with a value of the wrong type or shape where a fact is read. */
  | 'invalid-value'
  /** A SharpHound file of a version before 5 (as BloodHound CE, doublehop reads versions 5 and 6). */
  | 'unsupported-version'
  /** Nothing to import: an empty directory, or a zip with no JSON file. */
  | 'no-input';

/**
 * What an import could not carry over into the model: the codes of {@link ImportWarning}.
 *
 * @example
 * ```ts
 * import type { ImportWarningCode } from '@doublehop/cli';
 *
 * const dangling: ImportWarningCode = 'unresolved-sid';
 * ```
 * @see docs/import.md
 */
export type ImportWarningCode =
  /** A SID with no object in the collection: kept as the SID where the model allows it, else dropped. */
  | 'unresolved-sid'
  /** A file (or zip entry) of a kind the model has no place for (OUs, GPOs, certificate templates …). */
  | 'skipped-file'
  /** `meta.count` says one number, `data` holds another (SharpHound writes such files; the data wins). */
  | 'count-mismatch'
  /** Delegation targets given as objects only, without the SPNs of msDS-AllowedToDelegateTo. */
  | 'delegation-without-spns'
  /** A trust the model cannot express (a Kerberos realm, an unknown type, a target without a DNS name). */
  | 'skipped-trust'
  /** Membership of a BUILTIN group (S-1-5-32-…), which the model's directory does not hold. */
  | 'builtin-membership'
  /** Two objects with one name where the model needs names to be unique: the later one is left out. */
  | 'duplicate-name'
  /** An object without the properties that name it. */
  | 'unnamed-object'
  /** An object of a domain that is neither collected nor named by a trust. */
  | 'unknown-domain'
  /** A value the model cannot hold (an SPN with a space …): left out. */
  | 'dropped-value';

/**
 * A reason the import stopped, with the file and the JSON path (or line and column) where it was found; the CLI
 * prints it and exits 2.
 *
 * @example
 * ```ts
 * import type { ImportError } from '@doublehop/cli';
 *
 * const e: ImportError = {
 *   code: 'invalid-json',
 *   file: 'collection.zip:20240305110018_users.json',
 *   path: '',
 *   line: 1,
 *   column: 20481,
 *   message: 'the JSON ends in the middle of a string',
 *   expected: 'a complete JSON document',
 * };
 * ```
 * @see docs/import.md
 */
export interface ImportError {
  /** Why. */
  readonly code: ImportErrorCode;
  /** The file as named on the command line; an entry of a zip is `archive.zip:entry.json`. */
  readonly file: string;
  /** The JSON path of the value (`data[3].Properties.enabled`), or `''` for the whole file. */
  readonly path: string;
  /** The 1-based line of a JSON syntax error, else `null`. */
  readonly line: number | null;
  /** The 1-based column of a JSON syntax error, else `null`. */
  readonly column: number | null;
  /** What is wrong, in a sentence. */
  readonly message: string;
  /** What was expected there. */
  readonly expected: string;
}

/**
 * Something an import could not carry over, with where it was seen; the model is still written.
 *
 * @example
 * ```ts
 * import type { ImportWarning } from '@doublehop/cli';
 *
 * const w: ImportWarning = {
 *   code: 'unresolved-sid',
 *   file: 'computers.json',
 *   path: 'data[0].AllowedToAct[0]',
 *   message: 'S-1-5-21-3130019616-2776909439-2417379446-12345 has no object in the collection',
 * };
 * ```
 * @see docs/import.md
 */
export interface ImportWarning {
  /** What kind of loss. */
  readonly code: ImportWarningCode;
  /** The file as named on the command line (`archive.zip:entry.json` inside a zip). */
  readonly file: string;
  /** The JSON path where it was seen, or `''` for the whole file. */
  readonly path: string;
  /** What was left out or changed, and why. */
  readonly message: string;
}

/** @internal Thrown inside the importer and caught at its edge: the one way a reader stops. */
export class ImportFailure extends Error {
  /** @param error - the typed error the importer returns */
  constructor(readonly error: ImportError) {
    super(error.message);
    this.name = 'ImportFailure';
  }
}

/** @internal Stops the import with an error about the value at `path` of `file`. */
export function fail(
  code: ImportErrorCode,
  file: string,
  path: string,
  message: string,
  expected: string,
  at: { readonly line: number; readonly column: number } | null = null,
): never {
  throw new ImportFailure({
    code,
    file,
    path,
    line: at?.line ?? null,
    column: at?.column ?? null,
    message,
    expected,
  });
}
