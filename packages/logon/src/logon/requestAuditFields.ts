import type { EventOrigin } from '../audit/records.js';
import type { LogonRequest } from './logonRequest.js';
import type { AuthenticationPackage, LogonSession } from './logonSession.js';
import { isInteractiveLogon, isNetworkLogon } from './logonType.js';

/** @internal What the Security log says about a request, whatever its outcome. */
export interface RequestAuditFields {
  /** The subject, process and network fields. */
  readonly origin: EventOrigin;
  /** "Logon Process". */
  readonly logonProcessName: string;
  /** "Authentication Package": the package that answered, not necessarily the one asked for. */
  readonly authenticationPackage: AuthenticationPackage;
}

/**
 * @internal The event fields that describe the request rather than its result, worked out once so that 4624,
 * 4625 and 4648 agree: the calling session and process; the client workstation (this machine for a local
 * logon, `-` for a network one); the logon process (`Kerberos` and `NtLmSsp` for accepted network
 * authentication, `seclogo` for NEW_CREDENTIALS, `User32` for interactive logons, `Advapi` otherwise); and the
 * package (Kerberos for a ticket or S4U, NTLM for a challenge-response, else the one requested).
 * @see "4624(S) An account was successfully logged on" (Subject, Process Information, Network Information,
 * Detailed Authentication Information), https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4624
 */
export function requestAuditFields(
  request: LogonRequest,
  caller: LogonSession,
  machineName: string,
): RequestAuditFields {
  const cred = request.credential;
  return {
    origin: {
      subject: caller,
      processId: request.processId ?? 0,
      processName: request.processName ?? '-',
      workstationName: request.workstationName ?? (isNetworkLogon(request.logonType) ? '-' : machineName),
      ipAddress: request.ipAddress ?? '-',
      ipPort: request.ipPort ?? '-',
    },
    logonProcessName:
      cred.kind === 'kerberos'
        ? 'Kerberos'
        : cred.kind === 'ntlm'
          ? 'NtLmSsp'
          : request.logonType === 'NewCredentials'
            ? 'seclogo'
            : isInteractiveLogon(request.logonType)
              ? 'User32'
              : 'Advapi',
    authenticationPackage:
      cred.kind === 'kerberos' || cred.kind === 's4u'
        ? 'Kerberos'
        : cred.kind === 'ntlm'
          ? 'NTLM'
          : (request.authenticationPackage ?? 'Negotiate'),
  };
}
