import type { UacHalves } from './applyUac.js';
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
  const { principal } = input;
  const base = {
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
  } as const;
  const { returned, linked } = halves;
  const session: LogonSession = Object.freeze({
    ...base,
    logonId: returned.logonId,
    token: returned.token,
    linkedLogonId: linked?.logonId ?? null,
    elevated: returned.elevated,
  });
  const linkedSession: LogonSession | null =
    linked === null
      ? null
      : Object.freeze({
          ...base,
          logonId: linked.logonId,
          token: linked.token,
          linkedLogonId: returned.logonId,
          elevated: linked.elevated,
        });
  return { session, linkedSession };
}
