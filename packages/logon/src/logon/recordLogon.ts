import { record4624, record4648, record4672 } from '../audit/records.js';
import type { LogonCredential } from './logonRequest.js';
import type { LogonSession } from './logonSession.js';
import type { Lsa } from './lsa.js';
import type { Principal } from './principal.js';
import type { RequestAuditFields } from './requestAuditFields.js';

/**
 * @internal Step 10 of LsaLogonUser: the Security log of a successful logon. 4648 first when the caller supplied
 * a password (explicit credentials); then per session, in the order given, 4624 (with the services an S4U2Proxy
 * chain crossed) and 4672 when the token holds a sensitive privilege.
 * @see "4648(S)", "4624(S)" (Transited Services), "4672(S)",
 * https://learn.microsoft.com/windows/security/threat-protection/auditing/basic-audit-logon-events
 */
export function recordLogon(
  lsa: Lsa,
  audit: RequestAuditFields,
  credential: LogonCredential,
  principal: Principal,
  sessions: readonly LogonSession[],
): void {
  if (credential.kind === 'password') record4648(lsa, audit.origin, principal.name, principal.domain);
  const transitedServices = credential.kind === 'kerberos' ? (credential.transitedServices ?? []) : [];
  for (const s of sessions) {
    record4624(lsa, s, audit.origin, { transitedServices, outbound: null });
    record4672(lsa, s);
  }
}
