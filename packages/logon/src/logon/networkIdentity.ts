import { type Sid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import type { LogonSession } from './logonSession.js';

/**
 * Who a logon session appears as when it authenticates to another machine.
 *
 * @example
 * ```ts
 * import type { NetworkIdentity } from '@doublehop/logon';
 *
 * const label = (n: NetworkIdentity): string => (n.kind === 'anonymous' ? 'NT AUTHORITY\\ANONYMOUS LOGON' : n.name);
 * ```
 */
export type NetworkIdentity =
  | {
      /** The session's own account (or NEW_CREDENTIALS' outbound one). */
      readonly kind: 'account';
      /** `DOMAIN\name`. */
      readonly name: string;
      /** The account SID, or `null` when unknown to the model. */
      readonly sid: Sid | null;
      /** Kerberos and NTLM, or Kerberos only (a forwarded TGT), or NTLM only (no TGT). */
      readonly protocols: readonly ('Kerberos' | 'NTLM')[];
    }
  | {
      /** The machine's computer account. */
      readonly kind: 'computer';
      /** `DOMAIN\MACHINE$`. */
      readonly name: string;
      /** The computer account SID. */
      readonly sid: Sid;
      /** Kerberos and NTLM. */
      readonly protocols: readonly ('Kerberos' | 'NTLM')[];
    }
  | {
      /** NT AUTHORITY\ANONYMOUS LOGON: the session has nothing to authenticate with. */
      readonly kind: 'anonymous';
      /** Why. */
      readonly reason: 'no-credentials' | 'local-service' | 'workgroup';
    };

/**
 * How a session appears on the network, from the credentials it holds: its own account (with the secrets or a
 * forwarded TGT), the computer account (SYSTEM, NETWORK SERVICE, `NT SERVICE\x`, `IIS APPPOOL\x` —
 * `CORP\WEB01$`), or ANONYMOUS LOGON (LOCAL SERVICE; and a network logon's session, which holds no credentials —
 * the double-hop failure).
 *
 * @param session - the logon session
 * @returns the identity a remote server would see
 * @example
 * ```ts
 * import { createLsa, directory, logonSession, machine, networkIdentity } from '@doublehop/logon';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }], accounts: [{ kind: 'computer', samAccountName: 'WEB01' }] });
 * const lsa = createLsa(machine({ name: 'WEB01', domain: 'corp.example' }, dir), dir);
 * const ns = logonSession(lsa, 0x3e4);
 * ns && networkIdentity(ns).kind; // 'computer'
 * const ls = logonSession(lsa, 0x3e5);
 * ls && networkIdentity(ls).kind; // 'anonymous'
 * ```
 * @see "Service User Accounts" (LocalService "presents anonymous credentials on the network"; NetworkService
 * "presents the computer's credentials"), https://learn.microsoft.com/windows/win32/services/service-user-accounts;
 * "Service Accounts" (virtual accounts use the computer account, `<domain_name>\<computer_name>$`),
 * https://learn.microsoft.com/windows/security/identity-protection/access-control/service-accounts;
 * "Application Pool Identities" (the pool identity uses the machine account on the network)
 */
export function networkIdentity(session: LogonSession): NetworkIdentity {
  const c = session.credentials;
  switch (c.kind) {
    case 'secrets':
      return {
        kind: 'account',
        name: `${c.domain}\\${c.account}`,
        sid: c.sid,
        protocols: c.ntHash ? ['Kerberos', 'NTLM'] : ['Kerberos'],
      };
    case 'forwardedTgt':
      return {
        kind: 'account',
        name: `${session.domainName}\\${session.userName}`,
        sid: session.user,
        protocols: ['Kerberos'],
      };
    case 'computerAccount':
      return { kind: 'computer', name: c.account, sid: c.sid, protocols: ['Kerberos', 'NTLM'] };
    case 'anonymous':
      return {
        kind: 'anonymous',
        reason: session.user === WELL_KNOWN_SIDS.LOCAL_SERVICE.sid ? 'local-service' : 'workgroup',
      };
    default:
      return { kind: 'anonymous', reason: 'no-credentials' };
  }
}
