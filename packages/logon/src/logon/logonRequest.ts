import type { ImpersonationLevel, Token } from '@doublehop/core-token';
import type { AuthenticationPackage } from './logonSession.js';
import type { LogonTypeName } from './logonType.js';

/**
 * What proves the account's identity to LSA in a logon request.
 *
 * - `password` — the plaintext password (MSV1_0_INTERACTIVE_LOGON / KERB_INTERACTIVE_LOGON; LogonUser).
 * - `kerberos` — a Kerberos AP-REQ a server accepted (its service ticket already validated by the KDC): a
 *   network logon. `delegatedTgt` when the client forwarded its TGT; `serviceAsserted` when the ticket came from
 *   S4U2Self/S4U2Proxy (its PAC carries S-1-18-2); `impersonationLevel` is what the client allowed (default
 *   Impersonation, or Delegation with a forwarded TGT).
 * - `ntlm` — an NTLM challenge-response computed from `password`: a network logon; never delegation.
 * - `s4u` — Service-for-User: a logon with no secret at all (KERB_S4U_LOGON / MSV1_0_S4U_LOGON).
 * - `none` — the service identities SCM and IIS log on without a secret (SYSTEM, LOCAL SERVICE, NETWORK
 *   SERVICE, `NT SERVICE\x`, `IIS APPPOOL\x`, IUSR) and gMSAs (LSA fetches the managed password).
 *
 * @example
 * ```ts
 * import type { LogonCredential } from '@doublehop/logon';
 *
 * const fromBrowser: LogonCredential = { kind: 'kerberos', delegatedTgt: false };
 * ```
 * @see LsaLogonUser (AuthenticationInformation), https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser;
 * KERB_S4U_LOGON, https://learn.microsoft.com/windows/win32/api/ntsecapi/ns-ntsecapi-kerb_s4u_logon
 */
export type LogonCredential =
  | {
      /** The plaintext password. */
      readonly kind: 'password';
      /** The password. */
      readonly password: string;
    }
  | {
      /** A validated Kerberos service ticket (AcceptSecurityContext). */
      readonly kind: 'kerberos';
      /** The client forwarded its TGT (ISC_REQ_DELEGATE to an unconstrained-delegation service). */
      readonly delegatedTgt?: boolean;
      /** The ticket came from S4U (the PAC's asserted identity is S-1-18-2). */
      readonly serviceAsserted?: boolean;
      /** The level the client allowed. */
      readonly impersonationLevel?: ImpersonationLevel;
      /** The services the S4U2Proxy chain crossed (event 4624 "Transited Services"). */
      readonly transitedServices?: readonly string[];
    }
  | {
      /** An NTLM response. */
      readonly kind: 'ntlm';
      /** The password the client's response was computed from. */
      readonly password: string;
      /** The level the client allowed (at most Impersonation). */
      readonly impersonationLevel?: ImpersonationLevel;
    }
  | {
      /** Service-for-User. */
      readonly kind: 's4u';
    }
  | {
      /** No secret: a service identity. */
      readonly kind: 'none';
    };

/**
 * A logon request to {@link lsaLogonUser}.
 *
 * @example
 * ```ts
 * import type { LogonRequest } from '@doublehop/logon';
 *
 * const billyBrowses: LogonRequest = {
 *   logonType: 'Network', account: 'CORP\\billy', credential: { kind: 'kerberos' }, ipAddress: '10.0.0.15',
 * };
 * ```
 */
export interface LogonRequest {
  /** The logon type. */
  readonly logonType: LogonTypeName;
  /** The account: `DOMAIN\name`, `name@domain`, `.\name`, `NT AUTHORITY\NETWORK SERVICE`, `IIS APPPOOL\Sales` … */
  readonly account: string;
  /** What proves the identity. */
  readonly credential: LogonCredential;
  /** Default `'Negotiate'`; `'Kerberos'` or `'NTLM'` force the protocol. */
  readonly authenticationPackage?: AuthenticationPackage;
  /** The logon session of the calling process (default SYSTEM, 0x3e7): the events' subject, the S4U privilege check, the NEW_CREDENTIALS base. */
  readonly caller?: number;
  /**
   * The calling thread's token when it differs from its logon session's — typically the process token after the
   * caller enabled SeTcbPrivilege with AdjustTokenPrivileges, as a service must before a KERB_S4U_LOGON that should
   * yield an impersonation token (a privilege granted by User Rights Assignment is present but disabled). It must
   * belong to the caller's logon session. Default: the session's token.
   */
  readonly callerToken?: Token;
  /** For a Service logon: the service's name, whose service SID (`NT SERVICE\name`) joins the token. */
  readonly serviceName?: string;
  /** The calling process's ID (events). Default 0. */
  readonly processId?: number;
  /** The calling process's image (events). Default `-`. */
  readonly processName?: string;
  /** The client workstation (events). Default: this machine for local logons, `-` for network ones. */
  readonly workstationName?: string;
  /** The client address (events). Default `-`. */
  readonly ipAddress?: string;
  /** The client port (events). Default `-`. */
  readonly ipPort?: string;
}
