import { findAccount, USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEstate } from '../../src/estate/compileEstate.js';
import type { EstateModel } from '../../src/index.js';
import { joinedComputerAccounts } from '../../src/index.js';
import { estateArbitrary } from '../../src/testing/index.js';

// Domain join creates NAME$ with HOST/ and RestrictedKrbHost/ SPNs (MS-ADTS 6.1.1.2.1); a DC's account is a
// SERVER_TRUST_ACCOUNT trusted for delegation in Domain Controllers (MS-ADTS 6.1.1.2.2).
describe('joinedComputerAccounts (domain join)', () => {
  const base: EstateModel = {
    domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }, { dnsName: 'child.corp.example' }],
  };

  it('adds NAME$ in the machine domain, once, unless declared there (with or without the $)', () => {
    const joined = joinedComputerAccounts({
      ...base,
      accounts: [
        { kind: 'computer', samAccountName: 'SQL01', domain: 'CORP' },
        { kind: 'computer', samAccountName: 'WEB01$', domain: 'child.corp.example' },
      ],
      machines: [
        { name: 'web01', domain: 'corp.example' },
        { name: 'SQL01', domain: 'corp.example' },
        { name: 'DC1', domain: 'child.corp.example', role: 'domainController' },
        { name: 'LAB' },
        { name: 'FAR', domain: 'fabrikam.example' },
      ],
    });
    expect(joined.map((j) => `${j.machine} ${j.account.domain}\\${j.account.samAccountName}`)).toEqual([
      'DC1 child.corp.example\\DC1$',
      'web01 corp.example\\WEB01$',
    ]);
    expect(joined[1]?.account.servicePrincipalNames).toEqual([
      'HOST/WEB01',
      'HOST/web01.corp.example',
      'RestrictedKrbHost/WEB01',
      'RestrictedKrbHost/web01.corp.example',
    ]);
    expect(joined[0]?.account).toMatchObject({
      userAccountControl:
        USER_ACCOUNT_CONTROL.SERVER_TRUST_ACCOUNT | USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION,
      primaryGroupId: 516,
    });
  });

  it('property: the compiled directory holds every joined account, and declaring them leaves nothing to join', () => {
    fc.assert(
      fc.property(estateArbitrary({ maxServices: 4 }), ({ model }) => {
        const joined = joinedComputerAccounts(model);
        const dir = compileEstate(model).directory;
        for (const j of joined)
          expect(findAccount(dir, `${j.account.domain}\\${j.account.samAccountName}`)?.kind).toBe('computer');
        const declared = { ...model, accounts: [...(model.accounts ?? []), ...joined.map((j) => j.account)] };
        expect(joinedComputerAccounts(declared)).toEqual([]);
        // Every joined machine's computer account is in the directory, declared or joined.
        for (const m of model.machines ?? []) {
          if (m.domain === undefined) continue;
          expect(findAccount(dir, `${m.domain}\\${m.name.toUpperCase()}$`)).toBeDefined();
        }
      }),
      { numRuns: 40 },
    );
  });
});
