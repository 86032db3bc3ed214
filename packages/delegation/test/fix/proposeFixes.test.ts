import { describe, expect, it } from 'vitest';
import { applyFix, type EstateModel, evaluateFlow, type FixProposal, proposeFixes } from '../../src/index.js';
import { estate, MACHINES, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { of, reachesAfter } from './fixSupport.js';

// One example per kind of fix, on small estates (test/estate/estateFixtures.ts): CORP with WS01, WEB01, SQL01,
// FS01; svc-web runs the web site (HTTP/web01.corp.example), svc-sql the SQL Server (MSSQLSvc/sql01…:1433 and
// MSSQLSvc/sql01…); alice, bob, billy may be delegated, admin is sensitive, pu is in Protected Users.

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';

describe('KCD front end missing the target SPN', () => {
  const model = estate({
    accounts: serviceAccounts({ allowedToDelegateTo: ['MSSQLSvc/reports.corp.example:1433'] }),
    services: [web(), sql({ calls: [] })],
  });
  const fixes = proposeFixes(model, 'alice');

  it('fails at hop 2 with kcd-target-not-allowed, and proposes RBCD and KCD, both proven', () => {
    expect(evaluateFlow(model, 'alice').whyNot?.reason).toBe('kcd-target-not-allowed');
    const rbcd = of(fixes, 'rbcd');
    const kcd = of(fixes, 'kcd');
    expect([rbcd.proven, kcd.proven]).toEqual([true, true]);
    expect([rbcd.hop, rbcd.reason]).toEqual([2, 'kcd-target-not-allowed']);
    expect(reachesAfter(model, 'alice', rbcd)).toBe(true);
    expect(reachesAfter(model, 'alice', kcd)).toBe(true);
    expect(rbcd.proof.mechanisms).toEqual(['logon-session', 'rbcd']);
    expect(kcd.proof.mechanisms).toEqual(['logon-session', 'kcd']);
  });

  it('gives the exact PowerShell commands and the least-privilege change: one front-end account, one SPN', () => {
    const rbcd = of(fixes, 'rbcd');
    expect(rbcd.commands).toEqual([
      'Set-ADUser -Identity svc-sql -PrincipalsAllowedToDelegateToAccount (Get-ADUser -Identity svc-web)',
    ]);
    expect(rbcd.change).toEqual([
      {
        op: 'add',
        account: 'CORP\\svc-sql',
        attribute: 'principalsAllowedToDelegateToAccount',
        value: 'CORP\\svc-web',
      },
    ]);
    const kcd = of(fixes, 'kcd');
    expect(kcd.commands).toEqual([
      'Set-ADAccountControl -Identity svc-web -TrustedToAuthForDelegation $false',
      `Set-ADUser -Identity svc-web -Add @{'msDS-AllowedToDelegateTo'='${SQL_SPN}'}`,
    ]);
    const after = applyFix(model, kcd.change).accounts?.find((a) => a.samAccountName === 'svc-web');
    expect(after).toMatchObject({
      allowedToDelegateTo: ['MSSQLSvc/reports.corp.example:1433', SQL_SPN],
      trustedToAuthForDelegation: false,
    });
  });

  it('ranks RBCD before KCD: no more exposure (a tie here), and RBCD first among equals', () => {
    const rbcd = of(fixes, 'rbcd');
    const kcd = of(fixes, 'kcd');
    expect(rbcd.exposure.triples).toBeLessThanOrEqual(kcd.exposure.triples);
    expect(rbcd.rank).toBeLessThan(kcd.rank);
    expect(fixes.map((f) => f.rank)).toEqual(fixes.map((_, i) => i + 1));
    // Unconstrained delegation works too, and is ranked last: it exposes every SPN of the estate.
    const unconstrained = of(fixes, 'unconstrained');
    expect(unconstrained.proven).toBe(true);
    expect(unconstrained.rank).toBe(fixes.length);
    expect(unconstrained.exposure.triples).toBeGreaterThan(kcd.exposure.triples);
    expect(unconstrained.commands).toEqual([
      'Set-ADAccountControl -Identity svc-web -TrustedForDelegation $true',
    ]);
  });
});

describe('RBCD ranked first when it adds less exposure', () => {
  // A forms front end (protocol transition) with Kerberos-only KCD to SQL Server and to the file server: KCD refuses
  // the non-forwardable S4U2Self evidence. Turning on protocol transition would also open the file server to any
  // user; RBCD on svc-sql opens SQL Server alone.
  const model = estate({
    accounts: [
      ...serviceAccounts(),
      {
        kind: 'computer',
        samAccountName: 'WEB01',
        servicePrincipalNames: ['HOST/WEB01', 'HOST/web01.corp.example'],
        allowedToDelegateTo: [SQL_SPN, 'cifs/fs01.corp.example'],
      },
    ],
    services: [
      web({
        authentication: ['forms'],
        runsAs: 'LocalSystem',
        endpoint: { serviceClass: 'HTTP', host: 'forms.corp.example' },
      }),
      sql({ calls: [] }),
    ],
  });
  const fixes = proposeFixes(model, 'alice');

  it('proposes RBCD and KCD with protocol transition, both proven, RBCD strictly less exposed', () => {
    expect(evaluateFlow(model, 'alice').whyNot?.reason).toBe('evidence-not-forwardable');
    const rbcd = of(fixes, 'rbcd');
    const pt = of(fixes, 'kcd-protocol-transition');
    expect([rbcd.proven, pt.proven]).toEqual([true, true]);
    expect(pt.commands).toEqual([
      "Set-ADAccountControl -Identity 'WEB01$' -TrustedToAuthForDelegation $true",
    ]);
    expect(rbcd.commands).toEqual([
      'Set-ADUser -Identity svc-sql -PrincipalsAllowedToDelegateToAccount (Get-ADComputer -Identity WEB01)',
    ]);
    expect(rbcd.exposure.triples).toBeLessThan(pt.exposure.triples);
    expect(rbcd.exposure.targets).toEqual(['CORP\\svc-sql']);
    expect(pt.exposure.targets).toEqual(['CORP\\FS01$', 'CORP\\svc-sql']);
    expect([rbcd.rank, pt.rank]).toEqual([1, 2]);
  });
});

describe('SPN fixes', () => {
  it('a missing SPN: setspn -S on the account the service runs as', () => {
    const model = estate({
      accounts: serviceAccounts(),
      services: [
        web({
          authentication: ['kerberos'],
          endpoint: { serviceClass: 'HTTP', host: 'intranet.corp.example' },
          calls: [],
        }),
      ],
    });
    expect(evaluateFlow(model, 'alice').whyNot?.reason).toBe('spn-missing');
    const fixes = proposeFixes(model, 'alice');
    expect(fixes.map((f) => `${f.kind} ${f.proven}`)).toEqual(['spn-register true']);
    expect(fixes[0]?.commands).toEqual(['setspn -S HTTP/intranet.corp.example CORP\\svc-web']);
    expect(reachesAfter(model, 'alice', fixes[0] as FixProposal)).toBe(true);
  });

  it('a missing SPN that made Negotiate fall back to NTLM: the cause at hop 1 is fixed, and KCD then works', () => {
    const model = estate({
      accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
      services: [
        web({ endpoint: { serviceClass: 'HTTP', host: 'intranet.corp.example' } }),
        sql({ calls: [] }),
      ],
    });
    const v = evaluateFlow(model, 'alice');
    expect([v.whyNot?.reason, v.whyNot?.causes.map((c) => c.reason)]).toEqual([
      'ntlm-cannot-delegate',
      ['spn-missing'],
    ]);
    const fixes = proposeFixes(model, 'alice');
    expect(fixes[0]).toMatchObject({ kind: 'spn-register', proven: true, hop: 2 });
    expect(fixes[0]?.steps.map((s) => [s.hop, s.reason])).toEqual([[1, 'spn-missing']]);
    expect(fixes[0]?.proof.mechanisms).toEqual(['logon-session', 'kcd']);
  });

  it('a missing SPN and no delegation: two-step fixes, each proven as a whole', () => {
    const model = estate({
      accounts: serviceAccounts(),
      services: [
        web({ endpoint: { serviceClass: 'HTTP', host: 'intranet.corp.example' } }),
        sql({ calls: [] }),
      ],
    });
    const fixes = proposeFixes(model, 'alice');
    const proven = fixes.filter((f) => f.proven);
    expect(proven.map((f) => f.steps.map((s) => s.kind))).toContainEqual(['spn-register', 'rbcd']);
    expect(proven[0]?.steps.map((s) => s.kind)).toEqual(['spn-register', 'rbcd']);
    expect(proven[0]?.commands).toEqual([
      'setspn -S HTTP/intranet.corp.example CORP\\svc-web',
      'Set-ADUser -Identity svc-sql -PrincipalsAllowedToDelegateToAccount (Get-ADUser -Identity svc-web)',
    ]);
    for (const p of proven) expect(reachesAfter(model, 'alice', p)).toBe(true);
    // The SPN alone does not reach: it is not listed as a fix by itself (every proven fix starts with it).
    expect(fixes.filter((f) => f.steps.length === 1 && f.kind === 'spn-register')).toEqual([]);
  });

  it('a duplicate SPN: setspn -D on the account that does not run the service', () => {
    const model = estate({
      accounts: [
        ...serviceAccounts(),
        { kind: 'user', samAccountName: 'svc-old', servicePrincipalNames: ['HTTP/web01.corp.example'] },
      ],
      services: [web({ authentication: ['kerberos'], calls: [] })],
    });
    expect(evaluateFlow(model, 'alice').whyNot?.reason).toBe('spn-duplicate');
    const fixes = proposeFixes(model, 'alice');
    expect(fixes.map((f) => `${f.kind} ${f.proven}`)).toEqual(['spn-remove true']);
    expect(fixes[0]?.commands).toEqual(['setspn -D HTTP/web01.corp.example CORP\\svc-old']);
    expect(reachesAfter(model, 'alice', fixes[0] as FixProposal)).toBe(true);
  });

  it('an SPN on the wrong account: removing it is enough when the service’s computer account has the HOST/ alias', () => {
    const model = estate({
      accounts: serviceAccounts(),
      services: [web({ runsAs: 'IIS AppPool\\Web', authentication: ['kerberos'], calls: [] })],
    });
    expect(evaluateFlow(model, 'alice').whyNot?.reason).toBe('spn-on-wrong-account');
    const fixes = proposeFixes(model, 'alice');
    expect(fixes.map((f) => `${f.kind} ${f.proven} ${f.commands.join(' && ')}`)).toEqual([
      'spn-remove true setspn -D HTTP/web01.corp.example CORP\\svc-web',
      'spn-register true setspn -D HTTP/web01.corp.example CORP\\svc-web && setspn -S HTTP/web01.corp.example CORP\\WEB01',
    ]);
  });
});

describe('not fixable by configuration', () => {
  const model = estate({
    accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
    services: [web(), sql({ calls: [] })],
    flows: [
      { name: 'admin', user: 'admin', start: { machine: 'WS01' }, path: ['web', 'sql'] },
      { name: 'pu', user: 'pu', start: { machine: 'WS01' }, path: ['web', 'sql'] },
    ],
  });

  it('a sensitive user: one proposal, no change, the explanation and the advice to use the service’s identity', () => {
    const fixes = proposeFixes(model, 'admin');
    expect(fixes).toHaveLength(1);
    expect(fixes[0]).toMatchObject({
      rank: 1,
      kind: 'not-fixable',
      proven: false,
      reason: 'account-not-delegated',
      commands: [],
      change: [],
      steps: [],
    });
    expect(fixes[0]?.summary).toMatch(/^not fixable by configuration: CORP\\admin is marked sensitive/);
    expect(fixes[0]?.summary).toMatch(/as itself/);
    expect(fixes[0]?.exposure.triples).toBe(0);
  });

  it('a Protected Users member: the same', () => {
    const fixes = proposeFixes(model, 'pu');
    expect(fixes.map((f) => `${f.kind} ${f.reason}`)).toEqual(['not-fixable protected-users']);
    expect(fixes[0]?.summary).toMatch(/CORP\\pu is in Protected Users/);
  });
});

describe('Credential Guard against an unconstrained front end', () => {
  const model = estate({
    machines: MACHINES.map((m) => (m.name === 'WS01' ? { ...m, credentialGuard: true } : m)),
    accounts: serviceAccounts({ trustedForDelegation: true }),
    services: [web(), sql({ calls: [] })],
  });

  it('proposes constrained delegation instead (RBCD, KCD), proven; never unconstrained delegation again', () => {
    expect(evaluateFlow(model, 'alice').whyNot?.reason).toBe('credential-guard-blocks-tgt-delegation');
    const fixes = proposeFixes(model, 'alice');
    expect(fixes.map((f) => `${f.kind} ${f.proven}`)).toEqual(['rbcd true', 'kcd true']);
    for (const f of fixes) expect(reachesAfter(model, 'alice', f)).toBe(true);
  });

  it('an unconstrained proposal that Credential Guard defeats is marked not proven, with why', () => {
    const plain = estate({
      machines: MACHINES.map((m) => (m.name === 'WS01' ? { ...m, credentialGuard: true } : m)),
      accounts: serviceAccounts(),
      services: [web(), sql({ calls: [] })],
    });
    const fixes = proposeFixes(plain, 'alice');
    const unconstrained = of(fixes, 'unconstrained');
    expect(unconstrained.proven).toBe(false);
    expect(unconstrained.proof.whyNot?.reason).toBe('credential-guard-blocks-tgt-delegation');
    expect(unconstrained.rank).toBe(fixes.length);
    expect(fixes.filter((f) => f.proven).map((f) => f.kind)).toEqual(['rbcd', 'kcd']);
  });
});

describe('CredSSP on a WinRM front end', () => {
  const model = estate({
    accounts: serviceAccounts({ servicePrincipalNames: [] }),
    services: [
      web({
        name: 'winrm',
        runsAs: 'NetworkService',
        endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example', port: 5985 },
        calls: [{ service: 'sql' }],
      }),
      sql({ calls: [] }),
    ],
  });

  it('is proposed and proven, with the client and server commands, after the constrained options', () => {
    const fixes = proposeFixes(model, 'alice');
    const credssp = of(fixes, 'credssp');
    expect(credssp.proven).toBe(true);
    expect(credssp.commands).toEqual([
      'Enable-WSManCredSSP -Role Server -Force  # on WEB01',
      'Enable-WSManCredSSP -Role Client -DelegateComputer web01.corp.example -Force  # on WS01',
    ]);
    expect(credssp.proof.mechanisms).toEqual(['logon-session', 'password']);
    expect(credssp.exposure.grants.every((g) => g.mechanisms.includes('password'))).toBe(true);
    expect(credssp.rank).toBeGreaterThan(of(fixes, 'rbcd').rank);
    expect(credssp.exposure.triples).toBeGreaterThan(of(fixes, 'kcd').exposure.triples);
    // The computer account is not declared: the change declares it as domain join made it.
    expect(of(fixes, 'kcd').commands).toEqual([
      "Set-ADAccountControl -Identity 'WEB01$' -TrustedToAuthForDelegation $false",
      `Set-ADComputer -Identity WEB01 -Add @{'msDS-AllowedToDelegateTo'='${SQL_SPN}'}`,
    ]);
  });
});

describe('what proposeFixes guarantees', () => {
  const model = estate({ accounts: serviceAccounts(), services: [web(), sql({ calls: [] })] });

  it('returns nothing for a flow that already reaches', () => {
    const ok = estate({
      accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
      services: [web(), sql({ calls: [] })],
    });
    expect(proposeFixes(ok, 'alice')).toEqual([]);
  });

  it('never modifies the model, and gives the same bytes for the same input', () => {
    const before = JSON.stringify(model);
    const first = JSON.stringify(proposeFixes(model, 'alice'));
    expect(JSON.stringify(model)).toBe(before);
    expect(JSON.stringify(proposeFixes(JSON.parse(before) as EstateModel, 'alice'))).toBe(first);
  });

  it('proves against the level required: an assertion’s atLeast, or the option', () => {
    // SQL Server gets an Impersonation token whatever the front end may do: none of the fixes reaches Delegation.
    const delegation = proposeFixes(model, 'alice', { atLeast: 'Delegation' });
    expect(delegation.length).toBeGreaterThan(0);
    expect(delegation.filter((f) => f.proven)).toEqual([]);
    expect(delegation.find((f) => f.kind === 'rbcd')?.proof.detail).toMatch(
      /only at Impersonation; Delegation is required$/,
    );
    const asserted = proposeFixes(
      { ...model, assertions: [{ reaches: { flow: 'alice', service: 'sql', atLeast: 'Delegation' } }] },
      'alice',
    );
    expect(asserted.map((f) => f.proof.required)).toEqual(asserted.map(() => 'Delegation'));
  });

  it('throws for an unknown flow, as evaluateFlow does', () => {
    expect(() => proposeFixes(model, 'nope')).toThrow(/^evaluateFlow: the model has no flow named "nope"/);
  });
});
