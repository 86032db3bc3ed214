import { describe, expect, it } from 'vitest';
import { applyFix, type EstateModel, evaluateFlow } from '../../src/index.js';
import { estate, MACHINES, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { of, provenFix } from './fixSupport.js';

// Fixes across a forest trust: partner.example's paul uses corp.example's services.

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';
const CORP_TRUSTS_PARTNER = { trusting: 'corp.example', trusted: 'partner.example' } as const;
const DOMAINS = [
  { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
  { dnsName: 'partner.example', netbiosName: 'PARTNER', sid: 'S-1-5-21-7-8-9' },
];
const partner = (trust: NonNullable<EstateModel['trusts']>[number], webExtra = {}): EstateModel =>
  estate({
    domains: DOMAINS,
    trusts: [trust],
    machines: [...MACHINES, { name: 'PWS01', domain: 'partner.example', role: 'workstation' }],
    accounts: [
      { kind: 'user', samAccountName: 'paul', domain: 'partner.example' },
      ...serviceAccounts(webExtra),
    ],
    services: [web(), sql({ calls: [] })],
    flows: [{ name: 'paul', user: 'PARTNER\\paul', start: { machine: 'PWS01' }, path: ['web', 'sql'] }],
  });

describe('selective-authentication: Allowed-To-Authenticate on the service account, for the user alone', () => {
  const model = partner(
    {
      between: ['corp.example', 'partner.example'],
      type: 'forest',
      direction: 'one-way',
      selectiveAuthentication: true,
    },
    { allowedToDelegateTo: [SQL_SPN] },
  );

  it('grants PARTNER\\paul control access for the extended right on CORP\\svc-web, with dsacls, proven', () => {
    const { reason, fix } = provenFix(model, 'allowed-to-authenticate', 'paul');
    expect(reason).toBe('selective-authentication');
    expect(evaluateFlow(model, 'paul').whyNot?.hop).toBe(1);
    expect(fix.change).toEqual([
      { op: 'add', account: 'CORP\\svc-web', attribute: 'allowedToAuthenticate', value: 'PARTNER\\paul' },
    ]);
    expect(fix.commands).toEqual([
      "dsacls (Get-ADUser -Identity svc-web -Server corp.example).DistinguishedName /G 'PARTNER\\paul:CA;Allowed to Authenticate'",
    ]);
    // The ACE dsacls writes: an allow object ACE, control access (CR), the right's GUID, paul's SID.
    const svcWeb = applyFix(model, fix.change).accounts?.find((a) => a.samAccountName === 'svc-web');
    expect(svcWeb?.securityDescriptor).toMatch(
      /\(OA;;CR;68b1d179-0d15-4d4f-ab71-46152e79a7bc;;S-1-5-21-7-8-9-\d+\)/,
    );
    expect(fix.proof.mechanisms).toEqual(['logon-session', 'kcd']);
  });
});

describe('trust-blocks-tgt-delegation: TGT delegation across the forest trust, ranked below RBCD', () => {
  // The unconstrained catalogue site of examples/estates/cross-forest.yaml: since KB4490425 a forest trust does not
  // delegate TGTs unless netdom trust /EnableTGTDelegation:Yes says so.
  const model = partner(
    { between: ['corp.example', 'partner.example'], type: 'forest' },
    { trustedForDelegation: true },
  );
  const fixes = provenFix(model, 'trust-tgt-delegation', 'paul').fixes;

  it('proposes netdom trust on the direction paul’s TGT takes, proven; RBCD works across forests too and adds less', () => {
    expect(evaluateFlow(model, 'paul').whyNot?.reason).toBe('trust-blocks-tgt-delegation');
    const trust = of(fixes, 'trust-tgt-delegation');
    expect(trust.commands).toEqual([
      'netdom trust corp.example /domain:partner.example /EnableTGTDelegation:Yes  # by an administrator of partner.example',
    ]);
    expect(trust.change).toEqual([
      { op: 'trust', ...CORP_TRUSTS_PARTNER, attribute: 'enableTgtDelegation', value: true },
    ]);
    expect(trust.proof.mechanisms).toEqual(['logon-session', 'forwarded-tgt']);
    const rbcd = of(fixes, 'rbcd');
    expect(rbcd.proven).toBe(true);
    expect(rbcd.exposure.triples).toBeLessThan(trust.exposure.triples);
    expect(rbcd.rank).toBeLessThan(trust.rank);
  });

  it('its exposure: the unconstrained front end now gets the other forest’s users’ TGTs, for every account with an SPN', () => {
    const trust = of(fixes, 'trust-tgt-delegation');
    expect(trust.exposure.actors).toEqual(['CORP\\svc-web']);
    expect(trust.exposure.users).toEqual(['PARTNER\\paul']);
    expect(trust.exposure.grants.every((g) => g.mechanisms.includes('unconstrained'))).toBe(true);
    expect(trust.exposure.targets).toEqual(
      expect.arrayContaining(['CORP\\FS01$', 'CORP\\svc-sql', 'PARTNER\\PWS01$']),
    );
  });

  it('writes the two-way trust as its two directions, only the one enabled', () => {
    const trust = of(fixes, 'trust-tgt-delegation');
    expect(applyFix(model, trust.change).trusts).toEqual([
      {
        between: ['corp.example', 'partner.example'],
        type: 'forest',
        direction: 'one-way',
        enableTgtDelegation: true,
      },
      {
        between: ['partner.example', 'corp.example'],
        type: 'forest',
        direction: 'one-way',
        enableTgtDelegation: false,
      },
    ]);
  });
});
