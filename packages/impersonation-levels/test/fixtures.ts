import { sid, type Token, token, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import {
  createLsa,
  directory,
  type LogonSession,
  type Lsa,
  logonSession,
  lsaLogonUser,
  machine,
} from '@doublehop/logon';

/** corp.example: Billy, a sensitive admin, WEB01 (trusted for delegation) and SQL01. */
export function corpLsa(name = 'WEB01'): Lsa {
  const dir = directory({
    domains: [
      { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1004336348-1177238915-682003330' },
    ],
    accounts: [
      { kind: 'user', samAccountName: 'billy', rid: 1104, password: 'Billy-pw1' },
      {
        kind: 'computer',
        samAccountName: 'WEB01',
        rid: 1300,
        servicePrincipalNames: ['HTTP/web01.corp.example'],
      },
      { kind: 'computer', samAccountName: 'SQL01', rid: 1301 },
    ],
  });
  return createLsa(machine({ name, domain: 'corp.example', role: 'server', iis: true }, dir), dir);
}

/** A builtin logon session (0x3e7 SYSTEM, 0x3e4 NETWORK SERVICE, 0x3e5 LOCAL SERVICE). */
export function builtin(lsa: Lsa, logonId: number): LogonSession {
  const s = logonSession(lsa, logonId);
  if (s === undefined) throw new Error(`fixtures: no session ${logonId.toString(16)}`);
  return s;
}

/** Billy's network logon on the LSA, as the server's SSP would create it. */
export function billyNetwork(
  lsa: Lsa,
  credential: Parameters<typeof lsaLogonUser>[1]['credential'] = { kind: 'kerberos' },
  logonType: 'Network' | 'NetworkCleartext' = 'Network',
): LogonSession {
  const r = lsaLogonUser(lsa, { logonType, account: 'CORP\\billy', credential });
  if (!r.ok) throw new Error(`fixtures: ${r.error.code}`);
  return r.value.session;
}

export const BILLY = sid('S-1-5-21-1004336348-1177238915-682003330-1104');

/** A client token at a level. */
export function client(level: Token['impersonationLevel'] = 'Impersonation', user = BILLY): Token {
  return token({
    user,
    groups: [WELL_KNOWN_SIDS.EVERYONE.sid, WELL_KNOWN_SIDS.NETWORK.sid],
    impersonationLevel: level,
  });
}

/** A service's process token: with or without SeImpersonatePrivilege. */
export function serviceToken(impersonate: boolean, user = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid): Token {
  return token({ user, type: 'primary', privileges: impersonate ? ['SeImpersonatePrivilege'] : [] });
}
