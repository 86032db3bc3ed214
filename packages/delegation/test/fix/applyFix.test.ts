import { describe, expect, it } from 'vitest';
import {
  applyFix,
  buildEstateGraph,
  delegationActors,
  type EstateModel,
  evaluateFlow,
  lintEstate,
} from '../../src/index.js';
import { estate, files, serviceAccounts, sql, web } from '../estate/estateFixtures.js';

/** Freezes a value and everything in it, so that a modification throws (ES modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const model: EstateModel = deepFreeze(
  estate({ accounts: serviceAccounts(), services: [web(), sql({ calls: [] }), files()] }),
);

describe('applyFix', () => {
  it('returns a new model and never modifies the input (deeply frozen here)', () => {
    const before = JSON.stringify(model);
    const after = applyFix(model, [
      {
        op: 'add',
        account: 'CORP\\svc-web',
        attribute: 'allowedToDelegateTo',
        value: 'cifs/fs01.corp.example',
      },
      { op: 'set', account: 'CORP\\FS01$', attribute: 'trustedForDelegation', value: true },
      { op: 'authentication', service: 'web', value: ['credssp', 'negotiate'] },
    ]);
    expect(after).not.toBe(model);
    expect(JSON.stringify(model)).toBe(before);
    expect(after.services?.find((s) => s.name === 'web')?.authentication).toEqual(['credssp', 'negotiate']);
    // Entries the change does not touch are shared.
    expect(after.accounts?.[0]).toBe(model.accounts?.[0]);
    expect(after.services?.find((s) => s.name === 'sql')).toBe(model.services?.find((s) => s.name === 'sql'));
  });

  it('declares a computer account that domain join created exactly as it was: nothing else changes', () => {
    const noop = applyFix(model, [
      { op: 'set', account: 'CORP\\FS01$', attribute: 'trustedToAuthForDelegation', value: false },
    ]);
    expect(noop.accounts).toHaveLength((model.accounts?.length ?? 0) + 1);
    expect(noop.accounts?.at(-1)).toMatchObject({
      kind: 'computer',
      samAccountName: 'FS01$',
      servicePrincipalNames: [
        'HOST/FS01',
        'HOST/fs01.corp.example',
        'RestrictedKrbHost/FS01',
        'RestrictedKrbHost/fs01.corp.example',
      ],
    });
    expect(buildEstateGraph(noop).export()).toEqual(buildEstateGraph(model).export());
    expect(lintEstate(noop)).toEqual(lintEstate(model));
    expect(evaluateFlow(noop, 'alice')).toEqual(evaluateFlow(model, 'alice'));
  });

  it('writes an RBCD grant as Set-ADComputer does: the existing grantees and the new one, as a list', () => {
    const sddl = estate({
      accounts: [
        ...serviceAccounts(),
        {
          kind: 'user',
          samAccountName: 'svc-app',
          rid: 1104,
          servicePrincipalNames: ['HTTP/app.corp.example'],
        },
        {
          kind: 'computer',
          samAccountName: 'FS01',
          servicePrincipalNames: ['HOST/FS01', 'HOST/fs01.corp.example'],
          allowedToActOnBehalfOfOtherIdentity: 'O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1104)',
        },
      ],
      services: [web(), sql({ calls: [] }), files()],
    });
    const granted = delegationActors(buildEstateGraph(sddl), 'files').map((a) => a.account);
    expect(granted).toEqual(['CORP\\svc-app']);
    const after = applyFix(sddl, [
      {
        op: 'add',
        account: 'CORP\\FS01$',
        attribute: 'principalsAllowedToDelegateToAccount',
        value: 'CORP\\svc-sql',
      },
    ]);
    const fs01 = after.accounts?.find((a) => a.samAccountName === 'FS01');
    expect(fs01).not.toHaveProperty('allowedToActOnBehalfOfOtherIdentity');
    expect(fs01).toMatchObject({ principalsAllowedToDelegateToAccount: [granted[0], 'CORP\\svc-sql'] });
    expect(
      delegationActors(buildEstateGraph(after), 'files').map((a) => `${a.account} ${a.mechanism}`),
    ).toEqual([`${granted[0]} rbcd`, 'CORP\\svc-sql rbcd'].sort());
    // Adding a grantee twice changes nothing more.
    expect(
      applyFix(after, [
        {
          op: 'add',
          account: 'CORP\\FS01$',
          attribute: 'principalsAllowedToDelegateToAccount',
          value: 'svc-sql',
        },
      ]).accounts,
    ).toEqual(after.accounts);
  });

  it('adds and removes SPNs case-insensitively, once', () => {
    const after = applyFix(model, [
      {
        op: 'add',
        account: 'CORP\\svc-web',
        attribute: 'servicePrincipalNames',
        value: 'http/WEB01.corp.example',
      },
      {
        op: 'add',
        account: 'CORP\\svc-web',
        attribute: 'servicePrincipalNames',
        value: 'HTTP/intranet.corp.example',
      },
      {
        op: 'remove',
        account: 'CORP\\svc-sql',
        attribute: 'servicePrincipalNames',
        value: 'mssqlsvc/SQL01.corp.example',
      },
    ]);
    const names = (sam: string) => after.accounts?.find((a) => a.samAccountName === sam);
    expect(names('svc-web')).toMatchObject({
      servicePrincipalNames: ['HTTP/web01.corp.example', 'HTTP/intranet.corp.example'],
    });
    expect(names('svc-sql')).toMatchObject({ servicePrincipalNames: ['MSSQLSvc/sql01.corp.example:1433'] });
  });

  it('takes a proposal as well as its change', () => {
    const change = [
      { op: 'set', account: 'CORP\\svc-web', attribute: 'trustedForDelegation', value: true } as const,
    ];
    expect(applyFix(model, { change })).toEqual(applyFix(model, change));
  });

  it('throws for an account or a service the estate does not have', () => {
    expect(() =>
      applyFix(model, [
        { op: 'set', account: 'CORP\\nobody', attribute: 'trustedForDelegation', value: true },
      ]),
    ).toThrow(/^applyFix: the estate has no user, computer or gMSA named "CORP\\nobody"/);
    expect(() => applyFix(model, [{ op: 'authentication', service: 'nope', value: ['ntlm'] }])).toThrow(
      /^applyFix: the estate has no service named "nope"/,
    );
  });

  it('grants and revokes a user right on top of Windows’ defaults: a revocation undone by a grant leaves the machine as it was', () => {
    const right = {
      machine: 'WEB01',
      right: 'SeImpersonatePrivilege',
      holder: 'NT AUTHORITY\\SERVICE',
    } as const;
    const revoked = applyFix(model, [{ op: 'revoke', ...right }]);
    expect(revoked.machines?.find((m) => m.name === 'WEB01')?.userRights).toEqual({
      remove: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] },
    });
    const granted = applyFix(revoked, [{ op: 'grant', ...right }]);
    expect(granted.machines?.find((m) => m.name === 'WEB01')?.userRights).toEqual({
      add: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] },
    });
    // Granted back, SERVICE holds it again: the flow is what it was.
    expect(evaluateFlow(granted, 'alice')).toEqual(evaluateFlow(model, 'alice'));
    expect(() => applyFix(model, [{ op: 'revoke', ...right, machine: 'NOPE' }])).toThrow(
      /^applyFix: the estate has no machine named "NOPE"/,
    );
  });

  it('changes what a call or a flow’s client asks for, and throws for a call the service does not make', () => {
    const after = applyFix(model, [
      { op: 'request', service: 'web', calls: 'sql', value: 'identify' },
      { op: 'request', flow: 'alice', value: 'impersonate' },
    ]);
    expect(after.services?.find((s) => s.name === 'web')?.calls).toEqual([
      { service: 'sql', request: 'identify' },
    ]);
    expect(after.flows?.[0]?.request).toBe('impersonate');
    expect(() =>
      applyFix(model, [{ op: 'request', service: 'web', calls: 'files', value: 'delegate' }]),
    ).toThrow(/^applyFix: service web does not call "files"/);
  });

  it('sets a one-way trust’s TGT delegation in place, and throws for a trust the model does not declare', () => {
    const forest = {
      ...model,
      domains: [...model.domains, { dnsName: 'partner.example', netbiosName: 'PARTNER' }],
      trusts: [
        { between: ['corp.example', 'partner.example'], type: 'forest', direction: 'one-way' },
      ] as const,
    };
    const edit = {
      op: 'trust',
      trusting: 'CORP',
      trusted: 'PARTNER',
      attribute: 'enableTgtDelegation',
      value: true,
    } as const;
    expect(applyFix(forest, [edit]).trusts).toEqual([{ ...forest.trusts[0], enableTgtDelegation: true }]);
    expect(() => applyFix(forest, [{ ...edit, trusting: 'PARTNER', trusted: 'CORP' }])).toThrow(
      /^applyFix: the estate declares no trust in which PARTNER trusts CORP/,
    );
  });

  it('adds an Allowed-To-Authenticate ACE once, as SDDL the directory reads back', () => {
    const grant = { account: 'CORP\\svc-sql', value: 'CORP\\alice' };
    const edit = { op: 'add', attribute: 'allowedToAuthenticate', ...grant } as const;
    const once = applyFix(model, [edit]);
    const sd = once.accounts?.find((a) => a.samAccountName === 'svc-sql')?.securityDescriptor;
    expect(sd).toMatch(/\(OA;;CR;68b1d179-0d15-4d4f-ab71-46152e79a7bc;;S-1-5-21-1-2-3-\d+\)$/);
    expect(applyFix(once, [edit]).accounts).toEqual(once.accounts);
  });
});
