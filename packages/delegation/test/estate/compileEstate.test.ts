import { machine } from '@doublehop/logon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEstate } from '../../src/estate/compileEstate.js';
import { cmp, sortedBy } from '../../src/estate/ordinal.js';
import { type EstateModel, estateDirectory } from '../../src/index.js';
import { estateArbitrary } from '../../src/testing/index.js';

const model: EstateModel = {
  domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
  accounts: [{ kind: 'user', samAccountName: 'svc-web', servicePrincipalNames: ['HTTP/web01.corp.example'] }],
  machines: [
    { name: 'ws01', domain: 'corp.example', role: 'workstation', credentialGuard: true },
    { name: 'WEB01', domain: 'corp.example' },
    { name: 'LAB' },
  ],
  services: [
    {
      name: 'web',
      machine: 'WEB01',
      runsAs: 'CORP\\svc-web',
      endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' },
      authentication: ['negotiate'],
    },
  ],
};

describe('estateDirectory (built once per set of declarations)', () => {
  it('is the directory the estate compiles with, remembered by the accounts list', () => {
    const m = structuredClone(model);
    const dir = estateDirectory(m);
    expect(compileEstate(m).directory).toBe(dir);
    // Another model object with the same lists (a loader's, then the caller's) finds it too.
    expect(estateDirectory({ domains: m.domains, accounts: m.accounts, machines: m.machines })).toBe(dir);
    expect(compileEstate({ ...m }).directory).toBe(dir);
  });

  it('is built again when the machines join other computer accounts, or the lists are others', () => {
    const m = structuredClone(model);
    const dir = estateDirectory(m);
    const dc = m.machines?.map((x) => (x.name === 'WEB01' ? { ...x, role: 'domainController' as const } : x));
    const asDc = estateDirectory({ ...m, machines: dc });
    expect(asDc).not.toBe(dir);
    expect(asDc.accounts.find((a) => a.samAccountName === 'WEB01$')).toMatchObject({ primaryGroupId: 516 });
    expect(estateDirectory({ ...m, accounts: [...(m.accounts ?? [])] })).not.toBe(dir);
    expect(estateDirectory({ ...m, domains: [...m.domains] })).not.toBe(dir);
  });

  it('gives declared accounts without a password the stand-in, and adds the joined computer accounts', () => {
    const dir = estateDirectory(structuredClone(model));
    const svc = dir.accounts.find((a) => a.samAccountName === 'svc-web');
    expect(svc?.kind !== 'group' && svc?.password).toBe('doublehop:estate-password');
    expect(dir.accounts.map((a) => a.samAccountName)).toEqual(expect.arrayContaining(['WS01$', 'WEB01$']));
    expect(dir.accounts.some((a) => a.samAccountName === 'LAB$')).toBe(false);
  });
});

describe('compileEstate: machines', () => {
  it('knows a machine’s role, domain, computer account and Credential Guard without building it, as machine() gives them', () => {
    const estate = compileEstate(structuredClone(model));
    for (const m of estate.machines.values()) {
      expect([m.role, m.domain, m.computerAccount, m.credentialGuard]).toEqual([
        m.machine.role,
        m.machine.domain,
        m.machine.computerAccount,
        m.machine.credentialGuard,
      ]);
    }
    const ws01 = estate.machines.get('WS01');
    expect([ws01?.role, ws01?.domain, ws01?.credentialGuard]).toEqual(['workstation', 'corp.example', true]);
    expect(estate.machines.get('LAB')?.domain).toBeNull();
  });

  it('builds a machine the model leaves at Windows’ defaults exactly as machine() does, once', () => {
    const estate = compileEstate(structuredClone(model));
    const ws01 = estate.machines.get('WS01');
    const direct = machine(
      { name: 'ws01', domain: 'corp.example', role: 'workstation', credentialGuard: true },
      estate.directory,
    );
    expect(ws01?.machine).toEqual(direct);
    expect(ws01?.machine).toBe(ws01?.machine);
  });

  it('still refuses a machine whose local policy names an unknown account when the estate is compiled', () => {
    const bad: EstateModel = {
      ...model,
      machines: [
        { name: 'WEB01', domain: 'corp.example', userRights: { add: { SeTcbPrivilege: ['CORP\\nobody'] } } },
      ],
      services: [],
    };
    expect(() => compileEstate(bad)).toThrow(/nobody/);
  });

  describe('properties', () => {
    it('the cheap facts of every compiled machine equal those of the machine built (random estates)', () => {
      fc.assert(
        fc.property(estateArbitrary(), (g) => {
          for (const m of compileEstate(g.model).machines.values()) {
            expect([m.role, m.domain, m.computerAccount, m.credentialGuard]).toEqual([
              m.machine.role,
              m.machine.domain,
              m.machine.computerAccount,
              m.machine.credentialGuard,
            ]);
          }
        }),
        { numRuns: 40 },
      );
    });

    it('sortedBy orders as sorting with the key computed in the comparator does, keeping ties in order', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.string({ maxLength: 3 }), fc.nat())), (values) => {
          const key = (v: readonly [string, number]): string => v[0].toUpperCase();
          expect(sortedBy(values, key)).toEqual([...values].sort((a, b) => cmp(key(a), key(b))));
        }),
      );
    });
  });
});
