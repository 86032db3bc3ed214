import { describe, expect, it } from 'vitest';
import {
  buildEstateGraph,
  delegationActors,
  type EstateEdgeAttributes,
  evaluateAssertions,
  reachableUsers,
} from '../../src/index.js';
import { estate, files, MACHINES, serviceAccounts, sql, web } from './estateFixtures.js';

const model = estate({
  machines: [...MACHINES, { name: 'DC01', domain: 'corp.example', role: 'domainController' }],
  accounts: [
    ...serviceAccounts(
      { allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] },
      { principalsAllowedToDelegateToAccount: ['Web Servers'] },
    ),
    { kind: 'group', samAccountName: 'Web Servers', scope: 'domainLocal', members: ['svc-web'] },
  ],
  services: [web(), sql(), files()],
  flows: [
    { name: 'alice', user: 'alice', start: { machine: 'WS01' }, path: ['web', 'sql', 'files'] },
    { name: 'admin', user: 'admin', start: { machine: 'WS01' }, path: ['web', 'sql'] },
  ],
});

/** The edges of one kind, as `source -> target`. */
function edges(kind: EstateEdgeAttributes['kind']): string[] {
  const g = buildEstateGraph(model);
  return g
    .filterEdges((_e, a) => a.kind === kind)
    .map((e) => `${g.source(e)} -> ${g.target(e)}`)
    .sort();
}

describe('buildEstateGraph', () => {
  it('has a node per domain, account, machine, service and SPN, with deterministic keys', () => {
    const g = buildEstateGraph(model);
    expect(g.getNodeAttributes('service:web')).toMatchObject({
      kind: 'service',
      machine: 'WEB01',
      spn: 'HTTP/web01.corp.example',
      networkIdentity: 'account',
      entry: true,
    });
    expect(g.getNodeAttributes('service:sql')).toMatchObject({ entry: false });
    expect(g.getNodeAttributes('spn:cifs/fs01.corp.example')).toMatchObject({ lookup: 'found' });
    expect(g.getNodeAttributes('machine:DC01')).toMatchObject({ role: 'domainController' });
    const dc = g.filterNodes((_n, a) => a.kind === 'account' && a.name === 'CORP\\DC01$')[0] ?? '';
    expect(g.getNodeAttributes(dc)).toMatchObject({ trustedForDelegation: true, domainController: true });
  });

  it('has typed edges for calls, runs-as, hosting, SPNs, msDS-AllowedToDelegateTo, RBCD and membership', () => {
    expect(edges('calls')).toEqual(['service:sql -> service:files', 'service:web -> service:sql']);
    expect(edges('hosts')).toContain('machine:WEB01 -> service:web');
    expect(edges('endpoint')).toContain('service:files -> spn:cifs/fs01.corp.example');
    const g = buildEstateGraph(model);
    const svcWeb = g.filterNodes((_n, a) => a.kind === 'account' && a.name === 'CORP\\svc-web')[0] ?? '';
    const group = g.filterNodes((_n, a) => a.kind === 'account' && a.name === 'CORP\\Web Servers')[0] ?? '';
    expect(edges('allowed-to-delegate-to')).toContain(`${svcWeb} -> spn:mssqlsvc/sql01.corp.example:1433`);
    expect(edges('registered-on')).toContain(`spn:http/web01.corp.example -> ${svcWeb}`);
    expect(edges('member-of')).toContain(`${svcWeb} -> ${group}`);
    expect(edges('rbcd').some((e) => e.startsWith(`${group} ->`))).toBe(true);
    expect(edges('runs-as')).toContain(`service:web -> ${svcWeb}`);
  });

  it('delegationActors: unconstrained (the DC), KCD, and RBCD through group membership', () => {
    const g = buildEstateGraph(model);
    expect(
      delegationActors(g, 'sql').map(
        (a) => `${a.account} ${a.mechanism} [${a.services.join()}] [${a.via.join()}]`,
      ),
    ).toEqual([
      'CORP\\DC01$ unconstrained [] []',
      'CORP\\svc-web kcd [web] [MSSQLSvc/sql01.corp.example:1433]',
      'CORP\\svc-web rbcd [web] []',
    ]);
    expect(() => delegationActors(g, 'nope')).toThrow(/^delegationActors: /);
  });

  it('reachableUsers: who gets through, sensitive users excepted', () => {
    expect(reachableUsers(model, 'web')).toEqual([
      'CORP\\admin',
      'CORP\\alice',
      'CORP\\billy',
      'CORP\\bob',
      'CORP\\pu',
    ]);
    expect(reachableUsers(model, 'sql')).toEqual(['CORP\\alice', 'CORP\\billy', 'CORP\\bob']);
    expect(reachableUsers(model, 'files')).toEqual([]);
    expect(() => reachableUsers(model, 'nope')).toThrow(/^reachableUsers: /);
  });
});

describe('evaluateAssertions', () => {
  it('checks every assertion and says what it found', () => {
    const results = evaluateAssertions({
      ...model,
      assertions: [
        { reaches: { flow: 'alice', service: 'sql', atLeast: 'Impersonation' } },
        { reaches: { flow: 'alice', service: 'files' } },
        { reaches: { flow: 'alice', service: 'sql', atLeast: 'Delegation' } },
        { refused: { flow: 'admin', hop: 'sql', reason: 'account-not-delegated' } },
        { refused: { flow: 'alice', hop: 3, reason: 'delegation-not-configured' } },
        { reachableBy: { service: 'sql', users: ['alice', 'CORP\\bob', 'billy@corp.example'] } },
        { reachableBy: { service: 'sql', users: ['alice'] } },
        { lint: { rule: 'duplicate-spn', present: false } },
        { lint: { rule: 'unconstrained-delegation-on-non-dc' } },
        { reaches: { flow: 'nope', service: 'sql' } },
      ],
    });
    expect(results.map((r) => [r.index, r.kind, r.held])).toEqual([
      [0, 'reaches', true],
      [1, 'reaches', false],
      [2, 'reaches', false],
      [3, 'refused', true],
      [4, 'refused', true],
      [5, 'reachableBy', true],
      [6, 'reachableBy', false],
      [7, 'lint', true],
      [8, 'lint', false],
      [9, 'reaches', false],
    ]);
    expect(results[1]?.message).toMatch(
      /found NT AUTHORITY\\ANONYMOUS LOGON \(anonymous\).*delegation-not-configured/,
    );
    expect(results[6]?.message).toMatch(/it is reachable by CORP\\alice, CORP\\billy, CORP\\bob/);
    expect(results[9]?.message).toMatch(/no flow named "nope"/);
  });
});
