import type { Luid, Sid, Token } from '@doublehop/core-token';
import type { LogonTypeName } from './logonType.js';
import type { SessionCredentials } from './sessionCredentials.js';

/** The authentication package named in event 4624 (Negotiate picks Kerberos or NTLM). */
export type AuthenticationPackage = 'Negotiate' | 'Kerberos' | 'NTLM';

/**
 * A logon session: what LSA keeps for one logon — its LUID, type, package, user, the token created for it,
 * and the credentials it holds for authenticating onward.
 *
 * @remarks
 * An administrator's interactive logon with UAC creates **two** linked sessions, one for the filtered token
 * and one for the elevated one (event 4624's "Linked Logon ID"). Services running as SYSTEM, LOCAL SERVICE or
 * NETWORK SERVICE share those accounts' fixed sessions (0x3e7, 0x3e5, 0x3e4).
 * @example
 * ```ts
 * import { createLsa, logonSessions, machine } from '@doublehop/logon';
 *
 * const lsa = createLsa(machine({ name: 'WS01', role: 'workstation' }));
 * logonSessions(lsa).map((s) => s.logonId.toString(16)); // ['3e4', '3e5', '3e7']
 * ```
 * @see LsaLogonUser (LogonId), https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser;
 * SECURITY_LOGON_SESSION_DATA, https://learn.microsoft.com/windows/win32/api/ntsecapi/ns-ntsecapi-security_logon_session_data
 */
export interface LogonSession {
  /** The logon session's LUID (event 4624 "Logon ID"; TokenStatistics.AuthenticationId). */
  readonly logonId: Luid;
  /** The logon type. */
  readonly logonType: LogonTypeName;
  /** The package as event 4624 reports it. */
  readonly authenticationPackage: AuthenticationPackage;
  /** The protocol that actually authenticated the account: Kerberos, NTLM, or `null` (cached, service identities, cloned). */
  readonly protocol: 'Kerberos' | 'NTLM' | null;
  /** The logon process (event 4624 "Logon Process"): `User32`, `Advapi`, `Kerberos`, `NtLmSsp`, `seclogo`. */
  readonly logonProcessName: string;
  /** The user SID (for NEW_CREDENTIALS: the caller's, unchanged). */
  readonly user: Sid;
  /** The user's account name. */
  readonly userName: string;
  /** The user's domain: NetBIOS domain, machine name, `NT AUTHORITY`, `NT SERVICE` or `IIS APPPOOL`. */
  readonly domainName: string;
  /** The token LSA created for this session (primary, or impersonation for a network logon). */
  readonly token: Token;
  /** What the session can authenticate onward with. */
  readonly credentials: SessionCredentials;
  /** The other half of a UAC split logon, or `null`. */
  readonly linkedLogonId: Luid | null;
  /** Whether the token is elevated (event 4624 "Elevated Token"). */
  readonly elevated: boolean;
  /** Whether the account is a virtual or managed service account (event 4624 "Virtual Account"). */
  readonly virtualAccount: boolean;
  /** The Terminal Services session: 0 for services and network logons, 1 for the console, 2 and up for RDP. */
  readonly terminalSessionId: number;
}
