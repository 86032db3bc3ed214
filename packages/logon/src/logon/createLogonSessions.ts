import type { LogonHalf, UacHalves } from './applyUac.js';
import type { LogonSession } from './logonSession.js';
import type { LogonTypeName } from './logonType.js';
import { isGmsa, type Principal } from './principal.js';
import type { RequestAuditFields } from './requestAuditFields.js';
import type { SessionCredentials } from './sessionCredentials.js';

/** @internal What both halves of a logon's sessions share. */
export interface LogonSessionInput {
  /** The account. */
  readonly principal: Principal;
  /** The logon type (after the cache fallback). */
  readonly logonType: LogonTypeName;
  /** The protocol that authenticated the account. */
  readonly protocol: 'Kerberos' | 'NTLM' | null;
  /** The package and logon process the events report. */
  readonly audit: RequestAuditFields;
  /** What the session keeps for onward authentication. */
  readonly credentials: SessionCredentials;
  /** The Terminal Services session. */
  readonly terminalSessionId: number;
}

/**
 * @internal Step 9 of LsaLogonUser: the logon session values — one, or for a UAC split two that name each other
 * as linked logon (event 4624 "Linked Logon ID"). Virtual accounts and gMSAs are marked virtual (4624 "Virtual
 * Account").
 * @see LsaLogonUser (LogonId); SECURITY_LOGON_SESSION_DATA,
 * https://learn.microsoft.com/windows/win32/api/ntsecapi/ns-ntsecapi-security_logon_session_data; "4624(S)"
 */
export function createLogonSessions(
  input: LogonSessionInput,
  halves: UacHalves,
): { readonly session: LogonSession; readonly linkedSession: LogonSession | null } {
  const { returned, linked } = halves;
  const session = logonSession(input, returned, linked?.logonId ?? null);
  const linkedSession = linked === null ? null : logonSession(input, linked, returned.logonId);
  return { session, linkedSession };
}

/** One session; its fields written out in order (a `{ ...base, more }` literal is slow on V8). */
function logonSession(input: LogonSessionInput, half: LogonHalf, linkedLogonId: number | null): LogonSession {
  const { principal } = input;
  return Object.freeze({
    logonType: input.logonType,
    authenticationPackage: input.audit.authenticationPackage,
    protocol: input.protocol,
    logonProcessName: input.audit.logonProcessName,
    user: principal.sid,
    userName: principal.name,
    domainName: principal.domain,
    credentials: input.credentials,
    virtualAccount: principal.kind === 'virtual' || isGmsa(principal),
    terminalSessionId: input.terminalSessionId,
    logonId: half.logonId,
    token: half.token,
    linkedLogonId,
    elevated: half.elevated,
  });
}
