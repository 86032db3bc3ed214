/**
 * Win32 error codes this package can report, by their `winerror.h` name, with their numbers.
 *
 * @remarks
 * Numbers are from Microsoft's "System Error Codes" pages
 * (https://learn.microsoft.com/windows/win32/debug/system-error-codes). Errors carry both the name (for
 * tests and `switch`) and the number (for people matching a log line such as "error 1346").
 *
 * @example
 * ```ts
 * import { WIN32_ERRORS } from '@doublehop/core-token';
 *
 * WIN32_ERRORS.ERROR_BAD_IMPERSONATION_LEVEL; // 1346
 * ```
 */
export const WIN32_ERRORS = {
  ERROR_SUCCESS: 0,
  ERROR_FILE_NOT_FOUND: 2,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_HANDLE: 6,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_CANT_ENABLE_DENY_ONLY: 629,
  ERROR_INVALID_ACE_CONDITION: 805,
  ERROR_NO_TOKEN: 1008,
  ERROR_NOT_FOUND: 1168,
  ERROR_NOT_ALL_ASSIGNED: 1300,
  ERROR_INVALID_OWNER: 1307,
  ERROR_INVALID_PRIMARY_GROUP: 1308,
  ERROR_NO_IMPERSONATION_TOKEN: 1309,
  ERROR_CANT_DISABLE_MANDATORY: 1310,
  ERROR_NO_LOGON_SERVERS: 1311,
  ERROR_NO_SUCH_LOGON_SESSION: 1312,
  ERROR_NO_SUCH_PRIVILEGE: 1313,
  ERROR_PRIVILEGE_NOT_HELD: 1314,
  ERROR_LOGON_FAILURE: 1326,
  ERROR_ACCOUNT_RESTRICTION: 1327,
  ERROR_ACCOUNT_DISABLED: 1331,
  ERROR_NONE_MAPPED: 1332,
  ERROR_INVALID_ACL: 1336,
  ERROR_INVALID_SID: 1337,
  ERROR_INVALID_SECURITY_DESCR: 1338,
  ERROR_BAD_IMPERSONATION_LEVEL: 1346,
  ERROR_CANT_OPEN_ANONYMOUS: 1347,
  ERROR_BAD_TOKEN_TYPE: 1349,
  ERROR_GENERIC_NOT_MAPPED: 1360,
  ERROR_LOGON_TYPE_NOT_GRANTED: 1385,
} as const;

/**
 * The name of a Win32 error code known to this package, such as `'ERROR_ACCESS_DENIED'`.
 */
export type Win32ErrorName = keyof typeof WIN32_ERRORS;

/**
 * An error reported with its Win32 name and number, as Windows' own API would report it.
 *
 * @typeParam C - the error name
 * @example
 * ```ts
 * import { win32Error } from '@doublehop/core-token';
 *
 * const e = win32Error('ERROR_NO_IMPERSONATION_TOKEN', 'AccessCheck needs an impersonation token');
 * e.win32; // 1309
 * ```
 */
export interface Win32Error<C extends Win32ErrorName = Win32ErrorName> {
  /** The `winerror.h` name, e.g. `'ERROR_INVALID_SID'`. Match on this, never on `message`. */
  readonly code: C;
  /** The error's number, e.g. 1337. */
  readonly win32: (typeof WIN32_ERRORS)[C];
  /** A sentence for people: what went wrong and, where it helps, what to do. */
  readonly message: string;
}

/**
 * Builds a {@link Win32Error} from its name, looking up the number.
 *
 * @param code - the `winerror.h` name
 * @param message - a sentence for people
 * @returns the error value
 * @example
 * ```ts
 * import { win32Error } from '@doublehop/core-token';
 *
 * win32Error('ERROR_ACCESS_DENIED', 'denied'); // { code: 'ERROR_ACCESS_DENIED', win32: 5, message: 'denied' }
 * ```
 */
export function win32Error<C extends Win32ErrorName>(code: C, message: string): Win32Error<C> {
  return { code, win32: WIN32_ERRORS[code], message };
}

/**
 * A malformed piece of text (a SID string, an SDDL string): where it went wrong, what was found there and
 * what was expected, with the Win32 error Windows' own parser reports for the same mistake.
 *
 * @remarks
 * `offset` counts UTF-16 code units from the start of `input` (0-based). A caller that read the text from a
 * file adds its own file name and line; the CLI prints the excerpt with a caret under `offset`.
 * @example
 * ```ts
 * import { parseSid } from '@doublehop/core-token';
 *
 * const r = parseSid('S-1-5-x');
 * if (!r.ok) console.log(r.error.offset, r.error.expected); // 6 'a decimal sub-authority'
 * ```
 */
export interface ParseError
  extends Win32Error<
    'ERROR_INVALID_SID' | 'ERROR_INVALID_ACL' | 'ERROR_INVALID_SECURITY_DESCR' | 'ERROR_NONE_MAPPED'
  > {
  /** The whole text that was being parsed. */
  readonly input: string;
  /** Where the problem is, in UTF-16 code units from the start of `input`. */
  readonly offset: number;
  /** What stands at `offset` (a short excerpt), or `'end of input'`. */
  readonly found: string;
  /** What the grammar allows at `offset`, in words. */
  readonly expected: string;
}

/**
 * Builds a {@link ParseError}, writing `found` and `message` from the input and offset.
 *
 * @param code - the Win32 error name Windows reports for this mistake
 * @param input - the whole text
 * @param offset - where the problem is
 * @param expected - what the grammar allows there, in words
 * @param foundLength - how many characters of the input to quote as `found` (at least 1)
 * @returns the error value
 * @example
 * ```ts
 * import { parseError } from '@doublehop/core-token';
 *
 * parseError('ERROR_INVALID_SID', 'S-2-5', 2, 'revision 1').message;
 * // 'invalid SID at offset 2: expected revision 1, found "2"'
 * ```
 */
export function parseError(
  code: ParseError['code'],
  input: string,
  offset: number,
  expected: string,
  foundLength = 1,
): ParseError {
  const found =
    offset >= input.length ? 'end of input' : JSON.stringify(input.slice(offset, offset + foundLength));
  const what =
    code === 'ERROR_INVALID_SID'
      ? 'invalid SID'
      : code === 'ERROR_INVALID_ACL'
        ? 'invalid ACL'
        : code === 'ERROR_NONE_MAPPED'
          ? 'unmapped name'
          : 'invalid security descriptor';
  return {
    code,
    win32: WIN32_ERRORS[code],
    message: `${what} at offset ${offset}: expected ${expected}, found ${found}`,
    input,
    offset,
    found,
    expected,
  };
}
