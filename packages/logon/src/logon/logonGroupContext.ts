import { type Luid, logonSid } from '@doublehop/core-token';
import type { LogonGroupContext } from './logonGroups.js';
import type { LogonRequest } from './logonRequest.js';
import type { LogonTypeName } from './logonType.js';
import type { Principal } from './principal.js';

/** @internal What the earlier steps decided that the token groups depend on. */
export interface LogonGroupFacts {
  /** The protocol that authenticated the account. */
  readonly protocol: 'Kerberos' | 'NTLM' | null;
  /** The logon type (CachedInteractive when the cache was used). */
  readonly logonType: LogonTypeName;
  /** The logon session's LUID, which names the logon SID. */
  readonly logonId: Luid;
  /** Selective authentication across the trust crossed. */
  readonly otherOrganization: boolean;
}

/**
 * @internal Step 5a of LsaLogonUser: what besides the account decides the token's groups ({@link logonGroups}).
 * The asserted identity: S-1-18-2 (service asserted) for S4U and tickets obtained through S4U, S-1-18-1
 * (authentication authority asserted) for any other Kerberos logon. The service name whose service SID joins a
 * service logon: the one requested, or the virtual account's own. The logon SID `S-1-5-5-0-<logon id>`.
 * @see "Security identifiers" (S-1-18-1, S-1-18-2), https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-identifiers;
 * MS-PAC 2.2.1 (S4U: SERVICE_ASSERTED_IDENTITY); "Service Accounts" (service SIDs)
 */
export function logonGroupContext(
  principal: Principal,
  request: LogonRequest,
  facts: LogonGroupFacts,
): LogonGroupContext {
  const cred = request.credential;
  const asserted =
    cred.kind === 's4u' && principal.kind === 'domain'
      ? 'service'
      : cred.kind === 'kerberos'
        ? cred.serviceAsserted === true
          ? 'service'
          : 'authority'
        : facts.protocol === 'Kerberos'
          ? 'authority'
          : null;
  return {
    logonType: facts.logonType,
    protocol: facts.protocol,
    asserted,
    serviceName:
      request.serviceName ??
      (principal.kind === 'virtual' && principal.domain === 'NT SERVICE' ? principal.name : null),
    logonSid: logonSid(0, facts.logonId),
    otherOrganization: facts.otherOrganization,
  };
}
