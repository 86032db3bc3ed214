import { type Win32Error, win32Error } from '@doublehop/core-token';

/**
 * The NTSTATUS codes a logon reports — in `LsaLogonUser`'s `Status`/`SubStatus` and in the Status and Sub
 * Status fields of event 4625.
 *
 * @example
 * ```ts
 * import { NT_STATUS } from '@doublehop/logon';
 *
 * NT_STATUS.STATUS_LOGON_TYPE_NOT_GRANTED.toString(16); // 'c000015b'
 * ```
 * @see "4625(F) An account failed to log on", Table 12 "Windows logon status codes",
 * https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4625; MS-ERREF 2.3
 */
export const NT_STATUS = {
  /** The operation succeeded (the Sub Status of most failures). */
  STATUS_SUCCESS: 0x0,
  /** There are currently no logon servers available to service the logon request. */
  STATUS_NO_LOGON_SERVERS: 0xc000005e,
  /** A specified logon session does not exist. */
  STATUS_NO_SUCH_LOGON_SESSION: 0xc000005f,
  /** The user name does not exist (Sub Status of STATUS_LOGON_FAILURE). */
  STATUS_NO_SUCH_USER: 0xc0000064,
  /** The password is wrong (Sub Status of STATUS_LOGON_FAILURE). */
  STATUS_WRONG_PASSWORD: 0xc000006a,
  /** Unknown user name or bad password. */
  STATUS_LOGON_FAILURE: 0xc000006d,
  /** An account restriction prevents the logon; the Sub Status says which. */
  STATUS_ACCOUNT_RESTRICTION: 0xc000006e,
  /** The account is disabled (Sub Status of STATUS_ACCOUNT_RESTRICTION). */
  STATUS_ACCOUNT_DISABLED: 0xc0000072,
  /** The user has not been granted the requested logon type (logon right) at this machine. */
  STATUS_LOGON_TYPE_NOT_GRANTED: 0xc000015b,
} as const;

/** The name of an NTSTATUS code in {@link NT_STATUS}. */
export type NtStatusName = keyof typeof NT_STATUS;

/**
 * Why a logon failed, as a stable identifier for code and reports (the Win32 code alone is shared by
 * several causes: `ERROR_LOGON_FAILURE` is both an unknown user and a wrong password).
 */
export type LogonFailureReason =
  | 'unknown-user'
  | 'wrong-password'
  | 'account-disabled'
  | 'logon-right-missing'
  | 'logon-right-denied'
  | 'protected-users-ntlm'
  | 'no-logon-servers'
  | 'no-cached-credentials'
  | 'logon-type-not-supported';

/**
 * A refused logon: the Win32 error `LogonUser` sets (`GetLastError`), the NTSTATUS pair `LsaLogonUser`
 * returns (and event 4625 records), a stable reason, and the rule that fired with its source.
 *
 * @remarks
 * `LogonUser` reports the Sub Status when the Status is STATUS_ACCOUNT_RESTRICTION, which is why a disabled
 * account gives ERROR_ACCOUNT_DISABLED (1331) rather than ERROR_ACCOUNT_RESTRICTION (1327).
 * @example
 * ```ts
 * import type { LogonError } from '@doublehop/logon';
 *
 * function explain(e: LogonError): string {
 *   return `${e.code} (${e.win32}), status 0x${e.ntStatus.toString(16)}: ${e.message}`;
 * }
 * ```
 * @see LogonUserW, https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw; LsaLogonUser
 * (SubStatus), https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser
 */
export interface LogonError
  extends Win32Error<
    | 'ERROR_LOGON_FAILURE'
    | 'ERROR_ACCOUNT_DISABLED'
    | 'ERROR_ACCOUNT_RESTRICTION'
    | 'ERROR_LOGON_TYPE_NOT_GRANTED'
    | 'ERROR_NO_LOGON_SERVERS'
  > {
  /** The NTSTATUS `LsaLogonUser` returns (event 4625 Status). */
  readonly ntStatus: number;
  /** The NTSTATUS sub-status (event 4625 Sub Status), 0 when there is none. */
  readonly subStatus: number;
  /** A stable identifier of the cause. */
  readonly reason: LogonFailureReason;
  /** For a logon-right refusal: the right that was missing or the deny right that matched. */
  readonly right: string | null;
  /** For a deny right: the token SID it matched (deny always wins over allow). */
  readonly deniedSid: string | null;
  /** The rule that fired and where Windows documents it. */
  readonly rule: string;
}

/**
 * An error about logon sessions themselves (logging off a session that does not exist).
 *
 * @example
 * ```ts
 * import type { LogonSessionError } from '@doublehop/logon';
 *
 * const e: LogonSessionError['code'] = 'ERROR_NO_SUCH_LOGON_SESSION';
 * ```
 * @see LsaLogonUser / LsaFreeReturnBuffer, STATUS_NO_SUCH_LOGON_SESSION
 */
export interface LogonSessionError extends Win32Error<'ERROR_NO_SUCH_LOGON_SESSION'> {
  /** STATUS_NO_SUCH_LOGON_SESSION. */
  readonly ntStatus: number;
  /** The logon id that was asked for. */
  readonly logonId: number;
}

/** @internal Builds a {@link LogonError}. */
export function logonError(
  code: LogonError['code'],
  reason: LogonFailureReason,
  ntStatus: number,
  subStatus: number,
  message: string,
  rule: string,
  extra: { readonly right?: string; readonly deniedSid?: string } = {},
): LogonError {
  const { win32 } = win32Error(code, message);
  return Object.freeze({
    code,
    win32,
    message,
    ntStatus,
    subStatus,
    reason,
    right: extra.right ?? null,
    deniedSid: extra.deniedSid ?? null,
    rule,
  });
}
