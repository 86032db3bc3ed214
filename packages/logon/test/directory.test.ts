import { DOMAIN_RIDS, formatSddl, GROUP_ATTRIBUTES, sid } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import {
  directMemberOf,
  directory,
  directoryGroups,
  findAccount,
  findDomain,
  isProtectedUser,
  type PrincipalAccount,
  powerShellProperties,
  trustPath,
  USER_ACCOUNT_CONTROL,
} from '../src/index.js';
import { corp } from './fixtures.js';

const principal = (dir: ReturnType<typeof directory>, name: string): PrincipalAccount => {
  const a = findAccount(dir, name);
  if (a === undefined || a.kind === 'group') throw new Error(`no principal ${name}`);
  return a;
};

describe('directory: built-in accounts and names (MS-DTYP 2.4.2.4)', () => {
  it('creates Administrator 500, Guest 501 (disabled), krbtgt 502 and the well-known groups in every domain', () => {
    const dir = corp();
    expect(findAccount(dir, 'CORP\\Administrator')?.sid.rid).toBe(500);
    const guest = principal(dir, 'CORP\\Guest');
    expect(guest.userAccountControl & USER_ACCOUNT_CONTROL.ACCOUNTDISABLE).toBe(
      USER_ACCOUNT_CONTROL.ACCOUNTDISABLE,
    );
    expect(findAccount(dir, 'CORP\\Protected Users')?.sid.rid).toBe(DOMAIN_RIDS.PROTECTED_USERS.rid);
    expect(findAccount(dir, 'CORP\\Enterprise Admins')?.kind).toBe('group');
  });

  it('takes a declared account with a built-in RID as that built-in renamed (MS-DTYP 2.4.2.4: RID 500 is the Administrator)', () => {
    const dir = directory({
      domains: [{ dnsName: 'corp.example' }],
      accounts: [
        { kind: 'user', samAccountName: 'corp-admin', rid: DOMAIN_RIDS.ADMINISTRATOR.rid },
        { kind: 'group', samAccountName: 'Tier 0 Admins', rid: DOMAIN_RIDS.DOMAIN_ADMINS.rid },
      ],
    });
    expect(findAccount(dir, 'CORP\\corp-admin')?.sid.rid).toBe(500);
    expect(findAccount(dir, 'CORP\\Administrator')).toBeUndefined();
    expect(findAccount(dir, 'CORP\\Tier 0 Admins')?.sid.rid).toBe(512);
    expect(findAccount(dir, 'CORP\\Domain Admins')).toBeUndefined();
    // The built-in Administrator still belongs to the renamed Domain Admins.
    const renamed = directory({
      domains: [{ dnsName: 'corp.example' }],
      accounts: [{ kind: 'group', samAccountName: 'Tier 0 Admins', rid: DOMAIN_RIDS.DOMAIN_ADMINS.rid }],
    });
    expect(principal(renamed, 'CORP\\Administrator').memberOf.map((g) => g.text)).toContain(
      findAccount(renamed, 'CORP\\Tier 0 Admins')?.sid.text,
    );
    // Two declared accounts with one SID are still a model error.
    expect(() =>
      directory({
        domains: [{ dnsName: 'corp.example' }],
        accounts: [
          { kind: 'user', samAccountName: 'a', rid: 1200 },
          { kind: 'user', samAccountName: 'b', rid: 1200 },
        ],
      }),
    ).toThrow(/two accounts with SID/);
  });

  it('finds accounts as LogonUser accepts names: DOMAIN\\name, UPN, implicit UPN, bare name, computer without $', () => {
    const dir = corp();
    expect(findAccount(dir, 'CORP\\billy')?.sid.rid).toBe(1104);
    expect(findAccount(dir, 'billy@corp.example')?.sid.rid).toBe(1104);
    expect(findAccount(dir, 'corp.example\\BILLY')?.sid.rid).toBe(1104);
    expect(findAccount(dir, 'billy')?.sid.rid).toBe(1104);
    expect(findAccount(dir, 'CORP\\WEB01')?.samAccountName).toBe('WEB01$');
    expect(findAccount(dir, 'CORP\\nobody')).toBeUndefined();
  });

  it('derives SIDs deterministically, whatever the declaration order', () => {
    const a = directory({
      domains: [{ dnsName: 'x.example' }],
      accounts: [
        { kind: 'user', samAccountName: 'a' },
        { kind: 'user', samAccountName: 'b' },
      ],
    });
    const b = directory({
      domains: [{ dnsName: 'x.example' }],
      accounts: [
        { kind: 'user', samAccountName: 'b' },
        { kind: 'user', samAccountName: 'a' },
      ],
    });
    expect(findAccount(a, 'a')?.sid).toBe(findAccount(b, 'a')?.sid);
    expect(a.accounts.map((x) => x.sid.text)).toEqual(b.accounts.map((x) => x.sid.text));
  });

  it('rejects model errors with a message naming the function', () => {
    expect(() => directory({ domains: [] })).toThrow(/^directory:/);
    expect(() =>
      directory({
        domains: [{ dnsName: 'x.example' }],
        accounts: [{ kind: 'user', samAccountName: 'a', memberOf: ['nope'] }],
      }),
    ).toThrow(/^directory: unknown account/);
  });

  it('maps the PowerShell delegation switches onto userAccountControl bits (MS-ADTS 2.2.16)', () => {
    const dir = directory({
      domains: [{ dnsName: 'corp.example' }],
      accounts: [
        {
          kind: 'computer',
          samAccountName: 'WEB01',
          trustedToAuthForDelegation: true,
          allowedToDelegateTo: ['MSSQLSvc/sql01:1433'],
        },
        { kind: 'user', samAccountName: 'admin', accountNotDelegated: true },
        { kind: 'computer', samAccountName: 'SQL01', principalsAllowedToDelegateToAccount: ['WEB01$'] },
      ],
    });
    const web01 = principal(dir, 'WEB01');
    expect(web01.userAccountControl).toBe(
      USER_ACCOUNT_CONTROL.WORKSTATION_TRUST_ACCOUNT | USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION,
    );
    expect(powerShellProperties(principal(dir, 'admin')).AccountNotDelegated).toBe(true);
    const sql = principal(dir, 'SQL01');
    expect(powerShellProperties(sql).PrincipalsAllowedToDelegateToAccount).toEqual([web01.sid.text]);
    // Set-ADComputer -PrincipalsAllowedToDelegateToAccount writes O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SID)
    expect(
      sql.allowedToActOnBehalfOfOtherIdentity && formatSddl(sql.allowedToActOnBehalfOfOtherIdentity),
    ).toBe(`O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;${web01.sid.text})`);
  });
});

describe('directoryGroups: token groups closed under nesting, with group-scope rules (MS-PAC 2.5)', () => {
  const scoped = () =>
    directory({
      domains: [
        { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
        { dnsName: 'emea.corp.example', netbiosName: 'EMEA', sid: 'S-1-5-21-4-5-6', parent: 'corp.example' },
      ],
      accounts: [
        {
          kind: 'user',
          samAccountName: 'billy',
          domain: 'CORP',
          rid: 1104,
          memberOf: ['CORP\\G1', 'CORP\\DL-Corp', 'EMEA\\DL-Emea'],
        },
        {
          kind: 'group',
          samAccountName: 'G1',
          domain: 'CORP',
          rid: 1201,
          memberOf: ['CORP\\U1', 'EMEA\\DL-Emea2'],
        },
        {
          kind: 'group',
          samAccountName: 'U1',
          domain: 'CORP',
          rid: 1202,
          scope: 'universal',
          memberOf: ['CORP\\G1'],
        },
        { kind: 'group', samAccountName: 'DL-Corp', domain: 'CORP', rid: 1203, scope: 'domainLocal' },
        {
          kind: 'group',
          samAccountName: 'DL-Emea',
          domain: 'EMEA',
          rid: 1301,
          scope: 'domainLocal',
          memberOf: ['EMEA\\DL-Nested'],
        },
        { kind: 'group', samAccountName: 'DL-Emea2', domain: 'EMEA', rid: 1302, scope: 'domainLocal' },
        { kind: 'group', samAccountName: 'DL-Nested', domain: 'EMEA', rid: 1303, scope: 'domainLocal' },
        {
          kind: 'group',
          samAccountName: 'Mail',
          domain: 'CORP',
          rid: 1204,
          securityEnabled: false,
          members: ['CORP\\billy'],
        },
      ],
    });

  it('follows a membership cycle (G1 ∈ U1 ∈ G1) once, and never lists distribution groups', () => {
    const dir = scoped();
    const texts = directoryGroups(dir, principal(dir, 'CORP\\billy')).map((g) => g.sid.text);
    expect(texts).toContain('S-1-5-21-1-2-3-1201');
    expect(texts).toContain('S-1-5-21-1-2-3-1202');
    expect(texts).toContain('S-1-5-21-1-2-3-513'); // primary group, though AD does not list it in member
    expect(texts).not.toContain('S-1-5-21-1-2-3-1204');
  });

  it('adds domain local groups only on resources of their own domain, with SE_GROUP_RESOURCE', () => {
    const dir = scoped();
    const billy = principal(dir, 'CORP\\billy');
    const home = directoryGroups(dir, billy);
    const onEmea = directoryGroups(dir, billy, { resourceDomain: 'emea.corp.example' });
    const at = (gs: typeof home, text: string) => gs.find((g) => g.sid.text === text)?.attributes;
    expect(at(home, 'S-1-5-21-1-2-3-1203')).toBe(7 | GROUP_ATTRIBUTES.SE_GROUP_RESOURCE);
    expect(at(home, 'S-1-5-21-4-5-6-1301')).toBeUndefined();
    expect(at(onEmea, 'S-1-5-21-1-2-3-1203')).toBeUndefined();
    // direct, via a global group, and nested domain local groups of the resource domain
    expect(at(onEmea, 'S-1-5-21-4-5-6-1301')).toBe(7 | GROUP_ATTRIBUTES.SE_GROUP_RESOURCE);
    expect(at(onEmea, 'S-1-5-21-4-5-6-1302')).toBe(7 | GROUP_ATTRIBUTES.SE_GROUP_RESOURCE);
    expect(at(onEmea, 'S-1-5-21-4-5-6-1303')).toBe(7 | GROUP_ATTRIBUTES.SE_GROUP_RESOURCE);
  });

  it('drops sIDHistory from the trusting forest at a SID-filtering forest trust (MS-PAC 4.1.2.2)', () => {
    const dir = directory({
      domains: [
        { dnsName: 'corp.example', sid: 'S-1-5-21-1-2-3' },
        { dnsName: 'partner.example', sid: 'S-1-5-21-7-8-9' },
      ],
      trusts: [{ between: ['partner.example', 'corp.example'], type: 'forest' }],
      accounts: [
        {
          kind: 'user',
          samAccountName: 'mallory',
          domain: 'corp.example',
          sidHistory: ['S-1-5-21-7-8-9-512', 'S-1-5-21-1-2-3-999'],
        },
      ],
    });
    const mallory = principal(dir, 'corp.example\\mallory');
    expect(directoryGroups(dir, mallory).map((g) => g.sid.text)).toContain('S-1-5-21-7-8-9-512');
    const across = directoryGroups(dir, mallory, { resourceDomain: 'partner.example' }).map(
      (g) => g.sid.text,
    );
    expect(across).not.toContain('S-1-5-21-7-8-9-512');
    expect(across).toContain('S-1-5-21-1-2-3-999');
  });

  it('knows Protected Users members through nested groups', () => {
    const dir = directory({
      domains: [{ dnsName: 'corp.example' }],
      accounts: [
        { kind: 'user', samAccountName: 'tier0', memberOf: ['Tier0 Admins'] },
        { kind: 'group', samAccountName: 'Tier0 Admins', memberOf: ['Protected Users'] },
      ],
    });
    expect(isProtectedUser(dir, principal(dir, 'tier0'))).toBe(true);
    expect(isProtectedUser(dir, principal(dir, 'Administrator'))).toBe(false);
    expect(directMemberOf(dir, findAccount(dir, 'Tier0 Admins')?.sid ?? sid('S-1-0-0')).length).toBe(1);
  });
});

describe('trusts (MS-ADTS 6.1.6)', () => {
  it('implies two-way transitive parent-child trusts; forest trusts filter SIDs and refuse TGT delegation by default', () => {
    const dir = directory({
      domains: [
        { dnsName: 'corp.example' },
        { dnsName: 'emea.corp.example', parent: 'corp.example' },
        { dnsName: 'partner.example' },
        { dnsName: 'dev.partner.example', parent: 'partner.example' },
      ],
      trusts: [{ between: ['partner.example', 'corp.example'], type: 'forest', direction: 'one-way' }],
    });
    expect(findDomain(dir, 'emea.corp.example')?.forest).toBe('corp.example');
    expect(trustPath(dir, 'corp.example', 'emea.corp.example')?.kind).toBe('same-forest');
    const across = trustPath(dir, 'dev.partner.example', 'emea.corp.example');
    expect(
      across?.kind === 'cross-forest' && across.trust.sidFiltering && !across.trust.enableTgtDelegation,
    ).toBe(true);
    // one-way: partner trusts corp, not the reverse
    expect(trustPath(dir, 'corp.example', 'partner.example')).toBeUndefined();
  });

  it('an external trust covers exactly its two domains', () => {
    const dir = directory({
      domains: [
        { dnsName: 'corp.example' },
        { dnsName: 'emea.corp.example', parent: 'corp.example' },
        { dnsName: 'old.example' },
      ],
      trusts: [{ between: ['old.example', 'corp.example'], type: 'external' }],
    });
    expect(trustPath(dir, 'old.example', 'corp.example')?.kind).toBe('cross-forest');
    expect(trustPath(dir, 'old.example', 'emea.corp.example')).toBeUndefined();
  });
});
