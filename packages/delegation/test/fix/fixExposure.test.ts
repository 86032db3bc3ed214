import { describe, expect, it } from 'vitest';
import { proposeFixes } from '../../src/index.js';
import { estate, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { of } from './fixSupport.js';

// The exposure a fix adds: the (actor, user, SPN) triples that are new — every SPN of the target account counted,
// because a ticket for one SPN of an account can be presented to any other (the service name is not in the
// ticket's encrypted part: Solino, "Kerberos Delegation, SPNs and More...", 2017; Shamir, "Wagging the Dog", 2019).

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';
const DELEGABLE = ['CORP\\alice', 'CORP\\billy', 'CORP\\bob'];

describe('exposure', () => {
  // svc-sql holds MSSQLSvc/sql01.corp.example:1433 and MSSQLSvc/sql01.corp.example; the hop asks for the first.
  const model = estate({ accounts: serviceAccounts(), services: [web(), sql({ calls: [] })] });
  const fixes = proposeFixes(model, 'alice');

  it('KCD to one SPN exposes every SPN of its account: service-name substitution is counted', () => {
    const kcd = of(fixes, 'kcd');
    expect(kcd.change).toContainEqual({
      op: 'add',
      account: 'CORP\\svc-web',
      attribute: 'allowedToDelegateTo',
      value: SQL_SPN,
    });
    expect(kcd.exposure.substitution).toEqual(['MSSQLSvc/sql01.corp.example']);
    expect(kcd.exposure.grants).toEqual([
      {
        actor: 'CORP\\svc-web',
        services: ['web'],
        mechanisms: ['kcd'],
        target: 'CORP\\svc-sql',
        users: DELEGABLE,
        spns: ['MSSQLSvc/sql01.corp.example', SQL_SPN],
        hostClasses: [],
        triples: 6,
      },
    ]);
    expect(kcd.exposure.triples).toBe(DELEGABLE.length * 2);
  });

  it('RBCD exposes the whole account too, to the one front-end account, for every user who may be delegated', () => {
    const rbcd = of(fixes, 'rbcd');
    expect(rbcd.exposure).toMatchObject({
      triples: 6,
      removed: 0,
      actors: ['CORP\\svc-web'],
      users: DELEGABLE,
      targets: ['CORP\\svc-sql'],
      substitution: ['MSSQLSvc/sql01.corp.example'],
    });
    expect(rbcd.exposure.grants.map((g) => g.mechanisms)).toEqual([['rbcd']]);
  });

  it('names the sensitive and Protected Users accounts a delegation setting cannot expose', () => {
    for (const kind of ['rbcd', 'kcd', 'unconstrained'] as const) {
      expect(of(fixes, kind).exposure.unaffected).toEqual(['CORP\\admin', 'CORP\\pu']);
      expect(of(fixes, kind).exposure.users).not.toContain('CORP\\admin');
    }
  });

  it('unconstrained delegation exposes every account with an SPN, never the actor itself', () => {
    const u = of(fixes, 'unconstrained');
    expect(u.exposure.actors).toEqual(['CORP\\svc-web']);
    expect(u.exposure.targets).toEqual(
      expect.arrayContaining(['CORP\\FS01$', 'CORP\\SQL01$', 'CORP\\WS01$', 'CORP\\svc-sql']),
    );
    expect(u.exposure.targets).not.toContain('CORP\\svc-web');
    expect(u.exposure.grants.every((g) => g.mechanisms.includes('unconstrained'))).toBe(true);
    expect(u.exposure.triples).toBe(
      u.exposure.grants.reduce((n, g) => n + g.users.length * g.spns.length, 0),
    );
  });

  it('registering an SPN on an account others may delegate to exposes it to them (substitution, the other way)', () => {
    // svc-web may delegate to SQL Server; the reports site also runs as svc-sql but its SPN is missing.
    const m = estate({
      accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
      services: [
        web(),
        sql({ calls: [] }),
        {
          name: 'reports',
          machine: 'SQL01',
          runsAs: 'CORP\\svc-sql',
          endpoint: { serviceClass: 'HTTP', host: 'reports.corp.example' },
          authentication: ['kerberos'],
        },
      ],
      flows: [{ name: 'reports', user: 'alice', start: { machine: 'WS01' }, path: ['reports'] }],
    });
    const [register] = proposeFixes(m, 'reports');
    expect(register?.commands).toEqual(['setspn -S HTTP/reports.corp.example CORP\\svc-sql']);
    expect(register?.exposure.grants).toEqual([
      expect.objectContaining({
        actor: 'CORP\\svc-web',
        mechanisms: ['kcd'],
        target: 'CORP\\svc-sql',
        spns: ['HTTP/reports.corp.example', 'MSSQLSvc/sql01.corp.example', SQL_SPN],
        triples: DELEGABLE.length,
      }),
    ]);
  });

  it('CredSSP hands over passwords: sensitive users are exposed too, at every account with an SPN', () => {
    const m = estate({
      accounts: serviceAccounts({ servicePrincipalNames: [] }),
      services: [
        web({
          name: 'winrm',
          runsAs: 'NetworkService',
          endpoint: { serviceClass: 'WSMAN', host: 'web01.corp.example' },
        }),
        sql({ calls: [] }),
      ],
    });
    const credssp = of(proposeFixes(m, 'alice'), 'credssp');
    expect(credssp.proven).toBe(true);
    expect(credssp.exposure.users).toEqual(expect.arrayContaining(['CORP\\admin', 'CORP\\alice']));
    expect(credssp.exposure.unaffected).not.toContain('CORP\\admin');
    expect(credssp.exposure.grants.map((g) => g.mechanisms)).toContainEqual(['password']);
  });

  it('a fix that adds nothing new shows zero: the front end is already trusted for unconstrained delegation', () => {
    const m = estate({
      accounts: serviceAccounts({ trustedForDelegation: true }),
      services: [web(), sql({ calls: [] })],
      machines: [
        { name: 'WS01', domain: 'corp.example', role: 'workstation', credentialGuard: true },
        { name: 'WEB01', domain: 'corp.example' },
        { name: 'SQL01', domain: 'corp.example' },
        { name: 'FS01', domain: 'corp.example' },
      ],
    });
    const rbcd = of(proposeFixes(m, 'alice'), 'rbcd');
    expect([rbcd.proven, rbcd.exposure.triples, rbcd.exposure.grants]).toEqual([true, 0, []]);
  });
});
