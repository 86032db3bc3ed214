/**
 * The outcome of an operation whose failure is an expected domain answer (access denied, a malformed
 * SDDL string), not a bug: either `{ ok: true, value }` or `{ ok: false, error }`.
 *
 * @remarks
 * Modelled on zod's `safeParse` and true-myth's `Result`: callers branch on `ok`, and TypeScript narrows
 * the other field. Exceptions are kept for programmer errors only.
 *
 * @typeParam T - the success value
 * @typeParam E - the error value, usually a union discriminated on `code`
 * @example
 * ```ts
 * import { parseSid } from '@doublehop/core-token';
 *
 * const parsed = parseSid('S-1-5-18');
 * if (parsed.ok) console.log(parsed.value.text); // 'S-1-5-18'
 * else console.log(parsed.error.code);          // e.g. 'ERROR_INVALID_SID'
 * ```
 */
export type Result<T, E> = Ok<T> | Err<E>;

/**
 * The success branch of a {@link Result}.
 *
 * @typeParam T - the success value
 */
export interface Ok<T> {
  /** Always `true`: the operation succeeded. */
  readonly ok: true;
  /** The value the operation produced. */
  readonly value: T;
}

/**
 * The failure branch of a {@link Result}.
 *
 * @typeParam E - the error value
 */
export interface Err<E> {
  /** Always `false`: the operation failed with an expected, typed error. */
  readonly ok: false;
  /** Why it failed. */
  readonly error: E;
}

/**
 * Wraps a value as the success branch of a {@link Result}.
 *
 * @param value - the value to wrap
 * @returns `{ ok: true, value }`
 * @example
 * ```ts
 * import { ok } from '@doublehop/core-token';
 *
 * ok(42); // { ok: true, value: 42 }
 * ```
 */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Wraps an error as the failure branch of a {@link Result}.
 *
 * @param error - the error to wrap
 * @returns `{ ok: false, error }`
 * @example
 * ```ts
 * import { err } from '@doublehop/core-token';
 *
 * err({ code: 'ERROR_ACCESS_DENIED', win32: 5 }); // { ok: false, error: { … } }
 * ```
 */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
