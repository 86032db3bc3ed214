import { directory, findAccount } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { applyFix, type EstateMachine, type EstateModel } from '../../src/index.js';
import { estate, MACHINES, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { provenFix } from './fixSupport.js';

// logon-refused with ERROR_LOGON_TYPE_NOT_GRANTED ("User Rights Assignment": a deny right supersedes the allow
// right): the fix is a User Rights Assignment change on that one machine, for that one identity — proven by
// evaluating the flow again.

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';
const on = (name: string, userRights: NonNullable<EstateMachine['userRights']>): EstateMachine[] =>
  MACHINES.map((m) => (m.name === name ? { ...m, userRights } : m));
const model = (machines: readonly EstateMachine[], extra: EstateModel['accounts'] = []): EstateModel =>
  estate({
    accounts: [...serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }), ...(extra ?? [])],
    machines,
    services: [web(), sql({ calls: [] })],
  });
const sidOf = (m: EstateModel, name: string): string =>
  findAccount(directory({ domains: m.domains, accounts: m.accounts ?? [] }), name)?.sid.text ?? '';
const NETWORK_POLICY =
  'Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\User Rights Assignment';

describe('logon-refused: a logon right on the machine', () => {
  it('SeDenyNetworkLogonRight naming the user: the entry comes off on SQL01 alone, with the GPO setting and secedit', () => {
    const m = model(on('SQL01', { add: { SeDenyNetworkLogonRight: ['CORP\\alice'] } }));
    const { reason, fixes, fix } = provenFix(m, 'logon-right');
    expect(reason).toBe('logon-refused');
    expect(fixes.map((f) => `${f.kind} ${f.proven}`)).toEqual(['logon-right true']);
    expect(fix.change).toEqual([
      { op: 'revoke', machine: 'SQL01', right: 'SeDenyNetworkLogonRight', holder: 'CORP\\alice' },
    ]);
    expect(fix.commands).toEqual([
      `# on SQL01, Group Policy (the GPO that defines the right, else secpol.msc): ${NETWORK_POLICY}\\Deny access to this computer from the network — remove CORP\\alice`,
      'secedit /export /areas USER_RIGHTS /cfg rights.inf  # on SQL01',
      `# rights.inf, [Privilege Rights]: SeDenyNetworkLogonRight = … — remove *${sidOf(m, 'CORP\\alice')}`,
      'secedit /configure /db rights.sdb /cfg rights.inf /areas USER_RIGHTS  # on SQL01',
    ]);
    // The model's own addition is taken off: nothing is left to remove.
    expect(applyFix(m, fix.change).machines?.find((x) => x.name === 'SQL01')).toEqual({
      name: 'SQL01',
      domain: 'corp.example',
    });
    expect(fix.exposure).toMatchObject({ triples: 0, machines: [] });
  });

  it('SeNetworkLogonRight missing: granted to the user alone, never to a group', () => {
    const m = model(on('SQL01', { remove: { SeNetworkLogonRight: ['Everyone', 'BUILTIN\\Users'] } }));
    const { fix } = provenFix(m, 'logon-right');
    expect(fix.change).toEqual([
      { op: 'grant', machine: 'SQL01', right: 'SeNetworkLogonRight', holder: 'CORP\\alice' },
    ]);
    expect(fix.summary).toMatch(
      /^grant "Access this computer from the network" \(SeNetworkLogonRight\) to CORP\\alice alone on SQL01/,
    );
    expect(applyFix(m, fix.change).machines?.find((x) => x.name === 'SQL01')?.userRights).toEqual({
      add: { SeNetworkLogonRight: ['CORP\\alice'] },
      remove: { SeNetworkLogonRight: ['Everyone', 'BUILTIN\\Users'] },
    });
  });

  it('a deny entry naming a group, and the allow right missing too: one step takes the entry off, then grants the right', () => {
    const sales = { kind: 'group' as const, samAccountName: 'Sales', members: ['alice', 'bob'] };
    const m = model(
      on('SQL01', {
        add: { SeDenyNetworkLogonRight: ['CORP\\Sales'] },
        remove: { SeNetworkLogonRight: ['Everyone', 'BUILTIN\\Users'] },
      }),
      [sales],
    );
    const { fix } = provenFix(m, 'logon-right');
    expect(fix.change).toEqual([
      { op: 'revoke', machine: 'SQL01', right: 'SeDenyNetworkLogonRight', holder: 'CORP\\Sales' },
      { op: 'grant', machine: 'SQL01', right: 'SeNetworkLogonRight', holder: 'CORP\\alice' },
    ]);
    // What the group's entry coming off opens is said, and the alternative.
    expect(fix.summary).toContain('every member of CORP\\Sales may then log on there');
    expect(fix.commands).toHaveLength(8);
  });

  it('the user’s own logon at the start machine, and the Service Control Manager’s logon of the service', () => {
    const start = provenFix(
      model(on('WS01', { add: { SeDenyInteractiveLogonRight: ['CORP\\alice'] } })),
      'logon-right',
    );
    expect([start.fix.hop, start.fix.change]).toEqual([
      1,
      [{ op: 'revoke', machine: 'WS01', right: 'SeDenyInteractiveLogonRight', holder: 'CORP\\alice' }],
    ]);
    expect(start.fix.commands[0]).toContain(
      'User Rights Assignment\\Deny log on locally — remove CORP\\alice',
    );
    const scm = provenFix(
      model(on('SQL01', { add: { SeDenyServiceLogonRight: ['CORP\\svc-sql'] } })),
      'logon-right',
    );
    expect(scm.fix.change).toEqual([
      { op: 'revoke', machine: 'SQL01', right: 'SeDenyServiceLogonRight', holder: 'CORP\\svc-sql' },
    ]);
  });
});
