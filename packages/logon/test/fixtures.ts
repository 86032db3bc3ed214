import { createLsa, type Directory, directory, type Lsa, type MachineInit, machine } from '../src/index.js';

/** The corp.example estate most tests use: Billy, an administrator, a service account, WEB01 and APP01. */
export function corp(): Directory {
  return directory({
    domains: [
      { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1004336348-1177238915-682003330' },
    ],
    accounts: [
      { kind: 'user', samAccountName: 'billy', rid: 1104, password: 'Billy-pw1', memberOf: ['Sales'] },
      {
        kind: 'user',
        samAccountName: 'alice',
        rid: 1105,
        password: 'Alice-pw1',
        memberOf: ['Domain Admins'],
      },
      { kind: 'user', samAccountName: 'pat', rid: 1106, password: 'Pat-pw1', memberOf: ['Protected Users'] },
      { kind: 'user', samAccountName: 'svc-report', rid: 1107, password: 'Report-pw1' },
      { kind: 'user', samAccountName: 'gone', rid: 1108, password: 'Gone-pw1', enabled: false },
      { kind: 'group', samAccountName: 'Sales', rid: 1200, scope: 'global' },
      {
        kind: 'computer',
        samAccountName: 'WEB01',
        rid: 1300,
        servicePrincipalNames: ['HTTP/web01.corp.example'],
      },
      { kind: 'computer', samAccountName: 'APP01', rid: 1301 },
    ],
  });
}

/** An LSA for a machine of corp.example. */
export function lsaFor(init: MachineInit, dir: Directory = corp()): Lsa {
  return createLsa(machine(init, dir), dir);
}
