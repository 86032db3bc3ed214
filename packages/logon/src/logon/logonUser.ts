import type { Result } from '@doublehop/core-token';
import type { LogonError } from '../errors.js';
import { LOGON32_LOGON_TYPES, type Logon32LogonType, logonTypeName } from './logonType.js';
import type { Lsa } from './lsa.js';
import { type Logon, lsaLogonUser } from './lsaLogonUser.js';

/**
 * The LogonUser `dwLogonProvider` values: DEFAULT and WINNT50 use Negotiate, WINNT40 forces NTLM, VIRTUAL logs
 * on a virtual account.
 */
export type Logon32Provider =
  | 'LOGON32_PROVIDER_DEFAULT'
  | 'LOGON32_PROVIDER_WINNT40'
  | 'LOGON32_PROVIDER_WINNT50'
  | 'LOGON32_PROVIDER_VIRTUAL';

/**
 * The arguments of {@link logonUser}, named as LogonUserW names them.
 *
 * @example
 * ```ts
 * import type { LogonUserArgs } from '@doublehop/logon';
 *
 * const args: LogonUserArgs = {
 *   lpszUsername: 'svc-report', lpszDomain: 'CORP', lpszPassword: 'P@ss', dwLogonType: 'LOGON32_LOGON_BATCH',
 * };
 * ```
 * @see LogonUserW, https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw
 */
export interface LogonUserArgs {
  /** The user name, or a UPN (then `lpszDomain` is omitted). */
  readonly lpszUsername: string;
  /** The domain; `.` for the local account database. */
  readonly lpszDomain?: string;
  /** The plaintext password; omitted for service identities and virtual accounts. */
  readonly lpszPassword?: string;
  /** The logon type. */
  readonly dwLogonType: Logon32LogonType;
  /** Default `'LOGON32_PROVIDER_DEFAULT'`. */
  readonly dwLogonProvider?: Logon32Provider;
  /** The logon session of the calling process (default SYSTEM). */
  readonly caller?: number;
  /** The calling process's image, for the events. */
  readonly processName?: string;
}

/**
 * LogonUserW: logs a user on to this machine with a plaintext password and returns the token (as a
 * {@link Logon}); for LOGON32_LOGON_NETWORK an impersonation token, otherwise a primary one.
 *
 * @remarks
 * A thin wrapper over {@link lsaLogonUser} with a password credential (or none for service identities and
 * LOGON32_PROVIDER_VIRTUAL), package Negotiate (NTLM for LOGON32_PROVIDER_WINNT40), and the caller as the
 * token's origin. LOGON32_LOGON_NEW_CREDENTIALS does not check the password at all: a wrong one succeeds here
 * and fails only when the session first authenticates to another machine.
 * @param lsa - the machine's LSA
 * @param args - LogonUserW's arguments
 * @returns the logon, or the error `GetLastError` would return
 * @example
 * ```ts
 * import { createLsa, directory, logonUser, machine } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'user', samAccountName: 'svc-report', password: 'P@ss' }, { kind: 'computer', samAccountName: 'APP01' }],
 * });
 * const lsa = createLsa(machine({ name: 'APP01', domain: 'corp.example' }, dir), dir);
 * const batch = logonUser(lsa, { lpszUsername: 'svc-report', lpszDomain: 'CORP', lpszPassword: 'P@ss', dwLogonType: 'LOGON32_LOGON_BATCH' });
 * batch.ok;                                  // false
 * !batch.ok && batch.error.code;             // 'ERROR_LOGON_TYPE_NOT_GRANTED'
 * !batch.ok && batch.error.win32;            // 1385
 * ```
 * @see LogonUserW, https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw
 */
export function logonUser(lsa: Lsa, args: LogonUserArgs): Result<Logon, LogonError> {
  const logonType = logonTypeName(LOGON32_LOGON_TYPES[args.dwLogonType]);
  if (logonType === undefined) throw new TypeError(`logonUser: unknown logon type ${args.dwLogonType}`);
  const provider = args.dwLogonProvider ?? 'LOGON32_PROVIDER_DEFAULT';
  if (
    logonType === 'NewCredentials' &&
    provider !== 'LOGON32_PROVIDER_WINNT50' &&
    provider !== 'LOGON32_PROVIDER_DEFAULT'
  ) {
    throw new TypeError(
      'logonUser: LOGON32_LOGON_NEW_CREDENTIALS is supported only by LOGON32_PROVIDER_WINNT50',
    );
  }
  const account =
    args.lpszDomain === undefined || args.lpszDomain === ''
      ? args.lpszUsername
      : `${args.lpszDomain}\\${args.lpszUsername}`;
  return lsaLogonUser(lsa, {
    logonType,
    account,
    credential:
      args.lpszPassword === undefined ? { kind: 'none' } : { kind: 'password', password: args.lpszPassword },
    authenticationPackage: provider === 'LOGON32_PROVIDER_WINNT40' ? 'NTLM' : 'Negotiate',
    ...(args.caller === undefined ? {} : { caller: args.caller }),
    ...(args.processName === undefined ? {} : { processName: args.processName }),
  });
}
