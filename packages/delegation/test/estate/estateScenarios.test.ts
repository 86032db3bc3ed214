import { describe, expect, it } from 'vitest';
import { type EstateMachine, evaluateAssertions, evaluateFlow } from '../../src/index.js';
import {
  estate,
  expectWhyNot,
  files,
  MACHINES,
  run,
  serviceAccounts,
  sql,
  summary,
  twoForests,
  USERS,
  web,
} from './estateFixtures.js';

// The estates issue 7 lists, as EstateModel values; each names the documents its outcome follows.

describe('IIS → SQL Server → file share', () => {
  it('with classic constrained delegation (KCD) at each hop: the user reaches the share (MS-SFU 3.2.5.2.1)', () => {
    const model = estate({
      accounts: serviceAccounts(
        { allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] },
        { allowedToDelegateTo: ['cifs/fs01.corp.example'] },
      ),
      services: [web(), sql(), files()],
    });
    const v = evaluateFlow(model, 'alice');
    expect(summary(v)).toEqual([
      'web: logon-session CORP\\alice Impersonation reached',
      'sql: kcd CORP\\alice Impersonation reached',
      'files: kcd CORP\\alice Impersonation reached',
    ]);
    expect(v.reached).toBe(true);
    // The file server looks up cifs/fs01 through the HOST sPNMappings alias (MS-DRSR 4.1.4.2.14).
    expect(v.hops[2]).toMatchObject({
      spn: 'cifs/fs01.corp.example',
      spnLookup: 'found',
      spnAccount: 'CORP\\FS01$',
    });
    // S4U_DELEGATION_INFO carries the services crossed (MS-PAC 2.9).
    expect(v.hops[2]?.tickets.at(-1)).toMatchObject({
      client: 'alice@CORP.EXAMPLE',
      server: 'cifs/fs01.corp.example',
    });
    expect(v.hops[2]?.logon?.groups).toContain('S-1-18-1');
  });

  it('with resource-based constrained delegation (RBCD) on the back ends (MS-SFU 3.2.5.2.3)', () => {
    const model = estate({
      accounts: [
        ...serviceAccounts({}, { principalsAllowedToDelegateToAccount: ['svc-web'] }),
        {
          kind: 'computer',
          samAccountName: 'FS01',
          servicePrincipalNames: ['HOST/FS01', 'HOST/fs01.corp.example'],
          principalsAllowedToDelegateToAccount: ['svc-sql'],
        },
      ],
      services: [web(), sql(), files()],
    });
    const v = evaluateFlow(model, 'alice');
    expect(v.hops.map((h) => h.mechanism)).toEqual(['logon-session', 'rbcd', 'rbcd']);
    expect(v.reached).toBe(true);
  });
});

describe('forms authentication reaching SQL through protocol transition', () => {
  const accounts = [
    ...serviceAccounts(),
    {
      kind: 'computer' as const,
      samAccountName: 'WEB01',
      servicePrincipalNames: ['HOST/WEB01', 'HOST/web01.corp.example'],
      trustedToAuthForDelegation: true,
      allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
    },
  ];
  const claims = (runsAs: string) =>
    web({
      runsAs,
      authentication: ['forms'],
      endpoint: { serviceClass: 'HTTP', host: 'claims.corp.example' },
    });

  it('a LocalSystem token service (SeTcbPrivilege) gets an impersonation token and KCD with protocol transition', () => {
    const model = estate({ accounts, services: [claims('LocalSystem'), sql({ calls: [] })] });
    const v = evaluateFlow(model, 'alice');
    expect(summary(v)).toEqual([
      'web: logon-session CORP\\alice Impersonation reached',
      'sql: kcd-protocol-transition CORP\\alice Impersonation reached',
    ]);
    // S4U2Self's PAC asserts S-1-18-2 (MS-DTYP 2.4.2.4), and the token at SQL says so.
    expect(v.hops[1]?.logon?.groups).toContain('S-1-18-2');
  });

  it('an application pool without SeTcbPrivilege gets an Identification token (KERB_S4U_LOGON)', () => {
    const model = estate({ accounts, services: [claims('IIS AppPool\\Claims'), sql({ calls: [] })] });
    const v = evaluateFlow(model, 'alice');
    expect(v.hops[0]?.level).toBe('Identification');
    expectWhyNot(v, 2, 's4u-identification-token');
  });

  // A right from User Rights Assignment is present but disabled in the service's token; the site's code enables it
  // (AdjustTokenPrivileges) before KERB_S4U_LOGON, as LsaLogonUser's LsaHandle requirement makes it do.
  const withTcb = (holder: string): EstateMachine[] =>
    MACHINES.map((m) =>
      m.name === 'WEB01' ? { ...m, userRights: { add: { SeTcbPrivilege: [holder] } } } : m,
    );

  it('a domain service account granted "Act as part of the operating system" enables SeTcbPrivilege and reaches SQL', () => {
    const model = estate({
      accounts: serviceAccounts({
        servicePrincipalNames: ['HTTP/claims.corp.example'],
        trustedToAuthForDelegation: true,
        allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
      }),
      machines: withTcb('CORP\\svc-web'),
      services: [claims('CORP\\svc-web'), sql({ calls: [] })],
    });
    const v = evaluateFlow(model, 'alice');
    expect(summary(v)).toEqual([
      'web: logon-session CORP\\alice Impersonation reached',
      'sql: kcd-protocol-transition CORP\\alice Impersonation reached',
    ]);
    expect(v.hops[0]?.steps.find((st) => st.rule === 'adjustTokenPrivileges')).toMatchObject({
      origin: '@doublehop/core-token',
      outcome: 'applied',
    });
  });

  it('an application pool granted SeTcbPrivilege does the same through the computer account', () => {
    const model = estate({
      accounts,
      machines: withTcb('IIS APPPOOL\\Claims'),
      services: [claims('IIS AppPool\\Claims'), sql({ calls: [] })],
    });
    expect(evaluateFlow(model, 'alice').reached).toBe(true);
  });

  it('without the grant AdjustTokenPrivileges leaves ERROR_NOT_ALL_ASSIGNED and the token is Identification', () => {
    const model = estate({ accounts, services: [claims('IIS AppPool\\Claims'), sql({ calls: [] })] });
    const v = evaluateFlow(model, 'alice');
    expect(v.hops[0]?.steps.find((st) => st.rule === 'adjustTokenPrivileges')?.outcome).toBe('refused');
  });
});

describe('a SQL Server linked-server double hop', () => {
  const sql2 = sql({
    name: 'sql2',
    machine: 'FS01',
    runsAs: 'CORP\\svc-sql2',
    endpoint: { serviceClass: 'MSSQLSvc', host: 'sql02.corp.example', port: 1433 },
    calls: [],
  });
  const account2 = {
    kind: 'user' as const,
    samAccountName: 'svc-sql2',
    servicePrincipalNames: ['MSSQLSvc/sql02.corp.example:1433'],
  };

  it('without delegation the linked server sees NT AUTHORITY\\ANONYMOUS LOGON', () => {
    const model = estate({
      accounts: [...serviceAccounts(), account2],
      services: [sql({ calls: [{ service: 'sql2' }] }), sql2],
    });
    const v = evaluateFlow(model, 'alice');
    expect(v.hops[1]?.identity.name).toBe('NT AUTHORITY\\ANONYMOUS LOGON');
    expectWhyNot(v, 2, 'delegation-not-configured');
  });

  it('with KCD from the first instance to the linked server, the login arrives as the user', () => {
    const model = estate({
      accounts: [
        ...serviceAccounts({}, { allowedToDelegateTo: ['MSSQLSvc/sql02.corp.example:1433'] }),
        account2,
      ],
      services: [sql({ calls: [{ service: 'sql2' }] }), sql2],
    });
    expect(summary(evaluateFlow(model, 'alice'))).toEqual([
      'sql: logon-session CORP\\alice Impersonation reached',
      'sql2: kcd CORP\\alice Impersonation reached',
    ]);
  });
});

describe("PowerShell remoting's second hop", () => {
  const machines = [...MACHINES, { name: 'SRV01', domain: 'corp.example' }];
  const winrm = (authentication: ('negotiate' | 'credssp')[]) => ({
    name: 'winrm',
    machine: 'SRV01',
    runsAs: 'NetworkService',
    endpoint: { serviceClass: 'HTTP', host: 'srv01.corp.example' },
    authentication,
    calls: [{ service: 'files' }],
  });

  it('by default the second hop is anonymous: WinRM holds no credentials for the user', () => {
    const v = evaluateFlow(estate({ machines, services: [winrm(['negotiate']), files()] }), 'alice');
    expect(v.hops[0]?.mechanism).toBe('logon-session');
    expectWhyNot(v, 2, 'delegation-not-configured');
  });

  it('with CredSSP the user’s password travels and the second hop works (MS-CSSP 1.3)', () => {
    const v = evaluateFlow(estate({ machines, services: [winrm(['credssp']), files()] }), 'alice');
    expect(v.hops.map((h) => [h.protocol, h.mechanism])).toEqual([
      ['credssp', 'logon-session'],
      ['kerberos', 'password'],
    ]);
    expect(v.hops[0]?.logon?.logonType).toBe('NetworkCleartext');
    expect(v.reached).toBe(true);
  });

  it('with RBCD on the file server for SRV01$, the second hop works', () => {
    const v = evaluateFlow(
      estate({
        machines,
        accounts: [
          {
            kind: 'computer',
            samAccountName: 'FS01',
            servicePrincipalNames: ['HOST/FS01', 'HOST/fs01.corp.example'],
            principalsAllowedToDelegateToAccount: ['SRV01$'],
          },
        ],
        services: [winrm(['negotiate']), files()],
      }),
      'alice',
    );
    expect(v.hops.map((h) => h.mechanism)).toEqual(['logon-session', 'rbcd']);
    expect(v.reached).toBe(true);
  });
});

describe('a web front end falling back to NTLM because of a missing SPN', () => {
  it('reaches the web site with NTLM, and SQL Server sees ANONYMOUS LOGON', () => {
    const model = estate({
      accounts: serviceAccounts({}, {}),
      services: [
        web({
          endpoint: { serviceClass: 'HTTP', host: 'intranet.corp.example' },
          calls: [{ service: 'sql' }],
        }),
        sql({ calls: [] }),
      ],
    });
    const v = evaluateFlow(model, 'alice');
    expect(v.hops[0]).toMatchObject({ spnLookup: 'missing', protocol: 'negotiate-ntlm', outcome: 'reached' });
    expect(v.hops[0]?.logon?.groups).toContain('S-1-5-64-10'); // NTLM Authentication
    expect(v.hops[1]?.identity.name).toBe('NT AUTHORITY\\ANONYMOUS LOGON');
    expectWhyNot(v, 2, 'ntlm-cannot-delegate');
    expect(v.whyNot?.causes.map((c) => [c.hop, c.reason, c.rule])).toEqual([
      [1, 'spn-missing', 'tgs.service-unknown'],
    ]);
  });
});

describe('sensitive users', () => {
  const model = estate({
    accounts: serviceAccounts({ allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] }),
    services: [web(), sql({ calls: [] })],
  });

  it('an administrator marked "Account is sensitive and cannot be delegated" stops at the second hop (MS-KILE 3.3.5.1)', () => {
    const v = run(model, 'admin', ['web', 'sql']);
    expect(v.hops[0]?.outcome).toBe('reached');
    expectWhyNot(v, 2, 'account-not-delegated');
    expect(v.whyNot?.rule).toBe('kile.delegation-not-allowed');
  });

  it('a Protected Users member stops at the second hop too', () => {
    expectWhyNot(run(model, 'pu', ['web', 'sql']), 2, 'protected-users');
  });
});

describe('unconstrained delegation and Credential Guard', () => {
  const machines = [
    ...MACHINES,
    { name: 'WS02', domain: 'corp.example', role: 'workstation' as const, credentialGuard: true },
  ];
  const model = estate({
    machines,
    accounts: [...serviceAccounts({ trustedForDelegation: true })],
    services: [web(), sql({ calls: [] })],
  });

  it('a client without Credential Guard forwards its TGT to the unconstrained front end', () => {
    const v = run(model, 'alice', ['web', 'sql']);
    expect(v.hops.map((h) => [h.mechanism, h.level])).toEqual([
      ['logon-session', 'Delegation'],
      ['forwarded-tgt', 'Impersonation'],
    ]);
    expect(v.hops[0]?.tickets.some((t) => t.origin === 'forwarded')).toBe(true);
  });

  it('a Credential Guard client does not: the second hop is anonymous', () => {
    const v = run(model, 'alice', ['web', 'sql'], 'WS02');
    expect(v.hops[0]?.level).toBe('Impersonation');
    expectWhyNot(v, 2, 'credential-guard-blocks-tgt-delegation');
  });
});

describe('a cross-forest flow', () => {
  const model = twoForests;

  it('reaches a service of the trusting forest through a referral, but TGT delegation is off by default', () => {
    const v = run(model(false), 'alice', ['pweb', 'psql']);
    expect(v.hops[0]).toMatchObject({ outcome: 'reached', protocol: 'kerberos' });
    expectWhyNot(v, 2, 'trust-blocks-tgt-delegation');
  });

  it('with netdom trust /EnableTgtDelegation:Yes the TGT is forwarded across the forest trust', () => {
    const v = run(model(true), 'alice', ['pweb', 'psql']);
    expect(v.hops.map((h) => h.mechanism)).toEqual(['logon-session', 'forwarded-tgt']);
    expect(v.reached).toBe(true);
  });
});

describe('the file server whose Server service impersonates Billy', () => {
  it('Billy arrives at the Server service with a network logon at Impersonation, with his groups', () => {
    const model = estate({
      services: [files()],
      flows: [{ name: 'billy', user: 'billy', start: { machine: 'WS01' }, path: ['files'] }],
    });
    const v = evaluateFlow(model, 'billy');
    expect(v.hops[0]).toMatchObject({
      spn: 'cifs/fs01.corp.example',
      spnAccount: 'CORP\\FS01$',
      protocol: 'kerberos',
      level: 'Impersonation',
      identity: { kind: 'user', name: 'CORP\\billy' },
    });
    expect(v.hops[0]?.logon).toMatchObject({
      logonType: 'Network',
      tokenType: 'impersonation',
      credentials: 'none',
    });
    // Domain Users, NETWORK, Authenticated Users, This Organization, S-1-18-1 (LsaLogonUser; "Special Identities").
    expect(v.hops[0]?.logon?.groups).toEqual(
      expect.arrayContaining(['S-1-5-21-1-2-3-513', 'S-1-5-2', 'S-1-5-11', 'S-1-5-15', 'S-1-18-1']),
    );
    expect(
      evaluateAssertions({ ...model, assertions: [{ reaches: { flow: 'billy', service: 'files' } }] })[0]
        ?.held,
    ).toBe(true);
  });

  it('the sequence diagram has the client, the KDC and the service, and the exchanges in order', () => {
    const v = evaluateFlow(estate({ services: [files()] }), 'alice');
    expect(v.diagram.participants.map((p) => p.id)).toEqual(['client', 'kdc_corp_example', 'svc_files']);
    expect(v.diagram.messages.map((m) => `${m.kind} ${m.text}`)).toEqual([
      'note Interactive logon of CORP\\alice on WS01',
      'request TGS-REQ cifs/fs01.corp.example (CORP\\alice)',
      'reply TGS-REP cifs/fs01.corp.example [FORWARDABLE RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
      'request AP-REQ cifs/fs01.corp.example',
      'note files impersonates CORP\\alice at Impersonation (Impersonation token, S-1-18-1)',
    ]);
  });
});

describe('flows are plain data', () => {
  it('every user of the base estate can be evaluated on its own', () => {
    const model = estate({ services: [files()] });
    for (const u of USERS) expect(run(model, u.samAccountName, ['files']).hops).toHaveLength(1);
  });
});
