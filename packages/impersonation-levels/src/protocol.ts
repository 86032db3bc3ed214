/**
 * The authentication protocol a connection ended up using, as the server's SSP sees it.
 *
 * - `'kerberos'` — Kerberos, directly or chosen by Negotiate (SPNEGO) because the client found the SPN.
 * - `'ntlm'` — NTLM, asked for explicitly.
 * - `'negotiate-ntlm'` — Negotiate fell back to NTLM (no SPN, no domain controller, a local account, an IP
 *   address instead of a name …): to the levels, exactly NTLM.
 * - `'basic'` — HTTP Basic: the server receives the user name and password and logs the user on itself.
 * - `'credssp'` — CredSSP (RDP with NLA, WinRM `-Authentication CredSSP`): the client hands the server its
 *   password.
 * - `'anonymous'` — no authentication (a null session, IIS anonymous authentication).
 *
 * @example
 * ```ts
 * import type { NegotiatedProtocol } from '@doublehop/impersonation-levels';
 *
 * const fallback: NegotiatedProtocol = 'negotiate-ntlm';
 * ```
 * @see "Microsoft Negotiate", https://learn.microsoft.com/windows/win32/secauthn/microsoft-negotiate;
 * MS-SPNG 3.2.5; MS-CSSP 1.3
 */
export type NegotiatedProtocol = 'kerberos' | 'ntlm' | 'negotiate-ntlm' | 'basic' | 'credssp' | 'anonymous';

/**
 * Every {@link NegotiatedProtocol}, in a fixed order (for tests, tables and generators).
 *
 * @example
 * ```ts
 * import { NEGOTIATED_PROTOCOLS } from '@doublehop/impersonation-levels';
 *
 * NEGOTIATED_PROTOCOLS.length; // 6
 * ```
 */
export const NEGOTIATED_PROTOCOLS: readonly NegotiatedProtocol[] = Object.freeze([
  'kerberos',
  'ntlm',
  'negotiate-ntlm',
  'basic',
  'credssp',
  'anonymous',
]);

/** Whether the protocol is NTLM, asked for or fallen back to. @internal */
export function isNtlm(protocol: NegotiatedProtocol): boolean {
  return protocol === 'ntlm' || protocol === 'negotiate-ntlm';
}
