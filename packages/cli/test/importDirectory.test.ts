import { readFileSync } from 'node:fs';
import {
  type ImportedDirectory,
  type ImportSource,
  importDirectory,
  loadModel,
  writeImportedModel,
} from '@doublehop/cli';
import { parseSddl } from '@doublehop/core-token';
import { type EstateModel, evaluateFlow } from '@doublehop/delegation';
import { type Directory, directory, findAccount, type PrincipalAccount } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';

// The real SharpHound data in ../shared/data/bloodhound (its README lists what each file holds).
const DATA = new URL('../../../../shared/data/bloodhound/', import.meta.url);
const CE_ZIP = 'specterops-ce-sample/ad_example_data.zip';
const V6 = ['computers', 'users', 'groups', 'domains', 'ous', 'gpos', 'containers', 'sessions'].map(
  (k) => `specterops-fixtures/v6-ingest/${k}.json`,
);
const V5 = ['computers', 'users'].map((k) => `specterops-fixtures/v5-ingest/${k}.json`);

const source = (path: string): ImportSource => ({ name: path, bytes: readFileSync(new URL(path, DATA)) });

function imported(sources: readonly ImportSource[]): ImportedDirectory {
  const r = importDirectory(sources);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} (${r.error.file} ${r.error.path})`);
  return r.value;
}

/** The imported directory as the engine sees it, through the model file it writes. */
function engineDirectory(d: ImportedDirectory): { model: EstateModel; dir: Directory } {
  const text = writeImportedModel(d, 'yaml');
  const loaded = loadModel('imported.yaml', text);
  if (!loaded.ok) throw new Error(loaded.error.diagnostics.map((x) => x.message).join('\n'));
  const m = loaded.value.model;
  return {
    model: m,
    dir: directory({ domains: m.domains ?? [], trusts: m.trusts ?? [], accounts: m.accounts ?? [] }),
  };
}

function principal(dir: Directory, name: string): PrincipalAccount {
  const a = findAccount(dir, name);
  if (a === undefined || a.kind === 'group') throw new Error(`no principal ${name}`);
  return a;
}

const UAC = { disabled: 0x2, unconstrained: 0x80000, sensitive: 0x100000, protocolTransition: 0x1000000 };
const has = (a: PrincipalAccount, bit: number) => (a.userAccountControl & bit) !== 0;

/** The SIDs an account's security descriptor grants a write of `guid` (an object ACE) or a generic right. */
function writers(dir: Directory, a: PrincipalAccount, guid: string): string[] {
  const sd = a.securityDescriptor;
  return (sd.dacl ?? [])
    .filter((ace) => ace.objectType?.toLowerCase() === guid || (ace.objectType ?? null) === null)
    .map((ace) => ace.sid.text)
    .filter((s) => dir.accounts.some((x) => x.sid.text === s) || s.startsWith('S-1-5-21-'));
}

describe('importDirectory: the SpecterOps CE sample collection (3 domains, SharpHound v6 zip)', () => {
  const d = imported([source(CE_ZIP)]);
  const { dir } = engineDirectory(d);

  it('reads every users/computers/groups/domains file of the zip and skips the other kinds with a note', () => {
    expect(d.files).toHaveLength(12);
    expect(d.files.every((f) => f.collected?.startsWith('2024-03-05'))).toBe(true);
    expect(d.skipped.map((s) => s.file.replace(/^.*:/, ''))).toContain('20240305110018_certtemplates.json');
    expect(d.counts).toMatchObject({ computers: 33, gmsas: 8 });
  });

  it('constrained delegation with protocol transition: KRB-DEL-01 to the five cifs SPNs of DC01', () => {
    const a = principal(dir, 'PHANTOM\\KRB-DEL-01$');
    expect(has(a, UAC.protocolTransition)).toBe(true);
    expect(a.allowedToDelegateTo).toHaveLength(5);
    expect(a.allowedToDelegateTo.every((s) => /^cifs\/DC01/i.test(s))).toBe(true);
  });

  it('RODC accounts carry TRUSTED_TO_AUTH_FOR_DELEGATION with no targets; RBCD EXTCA02 → EXTCA01', () => {
    for (const rodc of ['PHANTOM\\RODC01$', 'WRAITH\\EXTRODC01$']) {
      const a = principal(dir, rodc);
      expect(has(a, UAC.protocolTransition)).toBe(true);
      expect(a.allowedToDelegateTo).toEqual([]);
    }
    const extca01 = principal(dir, 'WRAITH\\EXTCA01$');
    const granted = extca01.allowedToActOnBehalfOfOtherIdentity?.dacl?.map((ace) => ace.sid.text);
    expect(granted).toEqual([principal(dir, 'WRAITH\\EXTCA02$').sid.text]);
  });

  it('unconstrained delegation exactly on the three domain controllers; the gMSAs marked sensitive', () => {
    const unconstrained = dir.accounts
      .filter((a): a is PrincipalAccount => a.kind !== 'group' && has(a, UAC.unconstrained))
      .map((a) => a.samAccountName)
      .sort();
    expect(unconstrained).toEqual(['DC01$', 'EXTDC01$', 'GHOST-DC01$']);
    const sensitiveGmsas = dir.accounts.filter(
      (a) => a.kind === 'gmsa' && /^gmsa_shs/i.test(a.samAccountName) && has(a, UAC.sensitive),
    );
    expect(sensitiveGmsas).toHaveLength(6);
  });

  it('write access to delegation attributes: AddAllowedToAct and WriteAccountRestrictions as object ACEs', () => {
    const ADD_ALLOWED_TO_ACT = '3f78c3e5-f79a-46bd-a0b8-9d18116ddc79';
    const ACCOUNT_RESTRICTIONS = '4c164200-20c0-11d0-a768-00aa006e0529';
    const sidOf = (name: string) => findAccount(dir, name)?.sid.text;
    expect(writers(dir, principal(dir, 'PHANTOM\\JONAS-TEST-MS01$'), ADD_ALLOWED_TO_ACT)).toContain(
      sidOf('PHANTOM\\SMSASIMON$') ?? sidOf('PHANTOM\\SMSASIMON'),
    );
    for (const [writer, target] of [
      ['PHANTOM\\T1_FABIAN', 'PHANTOM\\SERVER02$'],
      ['PHANTOM\\T1_FABIAN', 'PHANTOM\\RODC01$'],
      ['PHANTOM\\SVC_DOMAINJOIN', 'PHANTOM\\DC02$'],
      ['PHANTOM\\T1_WACCOUNTRESTRICTIONS', 'PHANTOM\\DF-MS-SHS$'],
      ['WRAITH\\RODC-MANAGERS', 'WRAITH\\EXTRODC01$'],
    ] as const) {
      expect(writers(dir, principal(dir, target), ACCOUNT_RESTRICTIONS), `${writer} → ${target}`).toContain(
        sidOf(writer),
      );
    }
  });

  it('the BUILTIN groups’ members (Administrators, Account Operators …) as the domain controllers’ local groups', () => {
    const dc01 = d.document.machines['DC01'] as { localGroupMembers?: Record<string, string[]> };
    expect(dc01.localGroupMembers?.['Account Operators']).toEqual(['PHANTOM\\certext']);
    expect(dc01.localGroupMembers?.['Backup Operators']).toEqual(['PHANTOM\\bob']);
    expect(dc01.localGroupMembers?.['Administrators']).toContain('WRAITH\\du');
    // Only the groups the model has no place for are left out, each said.
    const left = d.warnings
      .filter((w) => w.code === 'builtin-membership')
      .map((w) => /^the members of (.+) of ([a-z.]+) are left out/.exec(w.message)?.slice(1).join(' @ '));
    expect(left).toEqual([
      'Certificate Service DCOM Access @ phantom.corp',
      'Windows Authorization Access Group @ phantom.corp',
      'Windows Authorization Access Group @ ghost.corp',
      'Windows Authorization Access Group @ wraith.corp',
    ]);
  });

  it('says where meta.count disagrees with data (computers 20/21, users 49/53, groups 113/115)', () => {
    const mismatches = d.warnings
      .filter((w) => w.code === 'count-mismatch' && w.file.includes('20240305110018_'))
      .map((w) => w.message.replace(/ but data holds (\d+).*/, '/$1').replace('meta.count is ', ''));
    expect(mismatches.sort()).toEqual(['113/115', '20/21', '49/53']);
  });

  it('names every account of several domains DOMAIN\\name, and the model loads and checks', () => {
    const text = writeImportedModel(d, 'yaml');
    expect(text).toContain('  PHANTOM\\Administrator:\n    rid: 500\n');
    expect(text).toContain('  WRAITH\\Administrator:\n');
    expect(text.startsWith('# A directory imported by `doublehop import`')).toBe(true);
    expect(text).toContain(
      `${CE_ZIP}:20240305110018_users.json: SharpHound v6 users (53 objects), collected 2024-03-05 11:00:18`,
    );
  });
});

describe('importDirectory: the BloodHound CE v6 and v5 fixtures (TESTLAB.LOCAL)', () => {
  const v6 = imported(V6.map(source));
  const { dir } = engineDirectory(v6);
  const SYNTHETIC = 'S-1-5-21-3130019616-2776909439-2417379446-12345';

  it('has every AllowedToDelegate and AllowedToAct edge of BloodHound’s own expected analysis', () => {
    const analysis = JSON.parse(
      readFileSync(new URL('specterops-fixtures/v6-expected-analysis/analyzed.json', DATA), 'utf8'),
    ) as { graph: { edges: { kind: string; start: { value: string }; end: { value: string } }[] } };
    const bySid = (sid: string) => dir.accounts.find((a) => a.sid.text === sid);
    const edges = analysis.graph.edges.filter(
      (e) => e.kind === 'AllowedToDelegate' || e.kind === 'AllowedToAct',
    );
    expect(edges.length).toBe(3);
    for (const e of edges) {
      if (e.kind === 'AllowedToDelegate') {
        const from = bySid(e.start.value) as PrincipalAccount;
        // The fixture gives the target without the SPNs: kept as the account reached.
        expect(
          from.allowedToDelegateToAccounts.map((s) => s.text),
          JSON.stringify(e),
        ).toContain(e.end.value);
      } else {
        const to = bySid(e.end.value) as PrincipalAccount;
        expect(
          to.allowedToActOnBehalfOfOtherIdentity?.dacl?.map((a) => a.sid.text),
          JSON.stringify(e),
        ).toContain(e.start.value);
      }
    }
    expect(v6.warnings.filter((w) => w.code === 'delegation-without-spns')).toHaveLength(2);
    expect(v6.warnings.some((w) => w.code === 'unresolved-sid' && w.message.startsWith(SYNTHETIC))).toBe(
      true,
    );
  });

  it('unconstrained delegation on a non-DC computer (UCCOMP) and a user (UNCONDEL); PRIMARY is a DC', () => {
    expect(has(principal(dir, 'TESTLAB\\UCCOMP$'), UAC.unconstrained)).toBe(true);
    expect(has(principal(dir, 'TESTLAB\\UNCONDEL'), UAC.unconstrained)).toBe(true);
    expect(v6.document.machines['PRIMARY']).toMatchObject({ role: 'domainController' });
  });

  it('AddAllowedToAct of ADDALLOWEDTOACTTEST on PRIMARY', () => {
    const writer = findAccount(dir, 'TESTLAB\\ADDALLOWEDTOACTTEST')?.sid.text;
    expect(
      writers(dir, principal(dir, 'TESTLAB\\PRIMARY$'), '3f78c3e5-f79a-46bd-a0b8-9d18116ddc79'),
    ).toContain(writer);
  });

  it('trusts in the trusting side’s words: an inbound external trust, outbound forest and shortcut trusts', () => {
    const trusts = v6.document.trusts.map(
      (t) => `${(t['between'] as string[]).join(' trusts ')} (${t['type']})`,
    );
    expect(trusts).toEqual([
      'external trusts testlab.local (external)',
      'testlab.local trusts forest (forest)',
      'testlab.local trusts shortcut (shortcut)',
      'testlab.local trusts tree.root (tree-root)',
    ]);
    expect(v6.document.trusts[0]).toMatchObject({ enableTgtDelegation: true, direction: 'one-way' });
    expect(v6.warnings.filter((w) => w.code === 'skipped-trust').map((w) => w.path)).toEqual([
      'data[0].Trusts[5]',
      'data[0].Trusts[6]',
      'data[0].Trusts[0]',
    ]);
  });

  it('the v5 layout gives the same delegation facts for the same objects', () => {
    const v5 = imported(V5.map(source));
    const v5dir = engineDirectory(v5).dir;
    for (const name of [
      'TESTLAB\\UCCOMP$',
      'TESTLAB\\UNCONDEL',
      'TESTLAB\\DFM',
      'TESTLAB\\WIN10$',
      'TESTLAB\\PRIMARY$',
    ]) {
      const a = principal(dir, name);
      const b = principal(v5dir, name);
      expect(b.userAccountControl & 0x1180002, name).toBe(a.userAccountControl & 0x1180002);
      expect(b.servicePrincipalNames, name).toEqual(a.servicePrincipalNames);
      expect(b.allowedToDelegateToAccounts, name).toEqual(a.allowedToDelegateToAccounts);
      expect(b.allowedToActOnBehalfOfOtherIdentity?.dacl, name).toEqual(
        a.allowedToActOnBehalfOfOtherIdentity?.dacl,
      );
    }
  });
});

const encode = (value: unknown, bom = false) =>
  new TextEncoder().encode(`${bom ? '\uFEFF' : ''}${JSON.stringify(value)}`);
const DOMAIN_SID = 'S-1-5-21-1-2-3';
const users = (data: unknown[], meta: Record<string, unknown> = {}) => ({
  meta: { type: 'users', count: data.length, version: 6, ...meta },
  data,
});
const user = (rid: number, props: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  ObjectIdentifier: `${DOMAIN_SID}-${rid}`,
  Properties: { domain: 'CORP.EXAMPLE', samaccountname: `u${rid}`, enabled: true, ...props },
  ...rest,
});

describe('importDirectory: the quirks of real files, each read as BloodHound reads it', () => {
  it('bytes that are not UTF-8 are an error with their offset; a U+FFFD written in the file is text', () => {
    const bad = Uint8Array.from([
      ...new TextEncoder().encode('{"data":[],"meta":{"type":"users'),
      0xff,
      0x22,
      0x7d,
      0x7d,
    ]);
    const r = importDirectory([{ name: 'u.json', bytes: bad }]);
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual([
      'invalid-json',
      'the file is not UTF-8 text (an invalid byte at offset 32)',
    ]);
    const replacement = users([user(1104, { description: 'caf\uFFFD' })]);
    expect(importDirectory([{ name: 'u.json', bytes: encode(replacement) }]).ok).toBe(true);
  });

  it('a byte-order mark changes nothing', () => {
    const file = users([user(1104)]);
    const a = writeImportedModel(imported([{ name: 'u.json', bytes: encode(file) }]), 'yaml');
    const b = writeImportedModel(imported([{ name: 'u.json', bytes: encode(file, true) }]), 'yaml');
    expect(b).toBe(a);
  });

  it('keys in any case (SpnTargets as the fixtures write it, SPNTargets as SharpHound does)', () => {
    const computers = {
      meta: { type: 'computers', count: 1, version: 6 },
      data: [
        {
          ObjectIdentifier: `${DOMAIN_SID}-1200`,
          properties: { domain: 'CORP.EXAMPLE', samaccountname: 'SQL01$' },
        },
      ],
    };
    for (const key of ['SpnTargets', 'SPNTargets']) {
      const svc = user(
        1300,
        { samaccountname: 'svc-sql' },
        {
          [key]: [{ ComputerSID: `${DOMAIN_SID}-1200`, Port: 1433, Service: 'SQLAdmin' }],
        },
      );
      delete (svc.Properties as Record<string, unknown>)['serviceprincipalnames'];
      const d = imported([
        { name: 'c.json', bytes: encode(computers) },
        { name: 'u.json', bytes: encode(users([svc])) },
      ]);
      expect(d.document.accounts['svc-sql']?.['servicePrincipalNames'], key).toEqual([
        'SQLAdmin/sql01.corp.example:1433',
      ]);
    }
  });

  it('SIDs with no object: kept where the model takes a SID, with a warning and its JSON path', () => {
    const computers = {
      meta: { type: 'computers', count: 1, version: 6 },
      data: [
        {
          ObjectIdentifier: `${DOMAIN_SID}-1200`,
          Properties: { domain: 'CORP.EXAMPLE', samaccountname: 'FS01$' },
          AllowedToAct: [{ ObjectIdentifier: `${DOMAIN_SID}-9999`, ObjectType: 'Computer' }],
        },
      ],
    };
    const d = imported([{ name: 'c.json', bytes: encode(computers) }]);
    expect(d.document.accounts['FS01$']?.['principalsAllowedToDelegateToAccount']).toEqual([
      `${DOMAIN_SID}-9999`,
    ]);
    expect(d.warnings).toContainEqual(
      expect.objectContaining({ code: 'unresolved-sid', file: 'c.json', path: 'data[0].AllowedToAct[0]' }),
    );
  });

  it('well-known SIDs prefixed with their domain (TESTLAB.LOCAL-S-1-5-32-544) lose the prefix', () => {
    const computers = {
      meta: { type: 'computers', count: 1, version: 6 },
      data: [
        {
          ObjectIdentifier: `${DOMAIN_SID}-1200`,
          Properties: { domain: 'CORP.EXAMPLE', samaccountname: 'FS01$' },
          AllowedToAct: [{ ObjectIdentifier: 'CORP.EXAMPLE-S-1-5-11', ObjectType: 'Group' }],
          Aces: [
            { PrincipalSID: 'CORP.EXAMPLE-S-1-5-32-548', RightName: 'GenericAll', IsInherited: false },
            { PrincipalSID: 'CORP.EXAMPLE-S-1-5-11', RightName: 'GenericWrite', IsInherited: true },
          ],
        },
      ],
    };
    const d = imported([{ name: 'c.json', bytes: encode(computers) }]);
    const fs01 = d.document.accounts['FS01$'];
    expect(fs01?.['principalsAllowedToDelegateToAccount']).toEqual(['S-1-5-11']);
    // Account Operators (privileged) are left out; Authenticated Users' inherited GenericWrite is kept.
    const sddl = fs01?.['securityDescriptor'] as string;
    expect(sddl).toBe(`O:${DOMAIN_SID}-512D:(A;ID;GW;;;S-1-5-11)`);
    expect(parseSddl(sddl).ok).toBe(true);
  });

  it('v5 and v6 field layouts: top-level UnconstrainedDelegation/IsDC, else the Properties copies; useraccountcontrol wins', () => {
    const computers = (version: number, props: Record<string, unknown>, top: Record<string, unknown>) => ({
      meta: { type: 'computers', count: 1, version },
      data: [
        {
          ObjectIdentifier: `${DOMAIN_SID}-1000`,
          Properties: { domain: 'CORP.EXAMPLE', samaccountname: 'DC1$', ...props },
          ...top,
        },
      ],
    });
    const read = (c: unknown) => imported([{ name: 'c.json', bytes: encode(c) }]).document;
    const v6 = read(computers(6, {}, { IsDC: true, UnconstrainedDelegation: true }));
    const v5 = read(computers(5, { isdc: true, unconstraineddelegation: true }, {}));
    expect(v6).toEqual(v5);
    expect(v6.machines['DC1']).toEqual({ role: 'domainController' });
    // NOT_DELEGATED of a computer is only in useraccountcontrol (SharpHound collects `sensitive` for users only).
    const uac = read(
      computers(6, { useraccountcontrol: 0x1000 | 0x100000 | 0x2 }, { UnconstrainedDelegation: true }),
    );
    expect(uac.accounts['DC1$']).toMatchObject({ enabled: false, accountNotDelegated: true });
    expect(uac.accounts['DC1$']).not.toHaveProperty('trustedForDelegation');
  });

  it('several domains in one collection: every key qualified, references too', () => {
    const groups = {
      meta: { type: 'groups', count: 1, version: 6 },
      data: [
        {
          ObjectIdentifier: 'S-1-5-21-9-9-9-1500',
          Properties: { domain: 'FABRIKAM.EXAMPLE', samaccountname: 'Ops' },
          Members: [{ ObjectIdentifier: `${DOMAIN_SID}-1104`, ObjectType: 'User' }],
        },
      ],
    };
    const d = imported([
      { name: 'u.json', bytes: encode(users([user(1104)])) },
      { name: 'g.json', bytes: encode(groups) },
    ]);
    expect(Object.keys(d.document.accounts)).toEqual(['CORP\\u1104', 'FABRIKAM\\Ops']);
    expect(d.document.accounts['FABRIKAM\\Ops']?.['members']).toEqual(['CORP\\u1104']);
    expect(engineDirectory(d).dir.domains).toHaveLength(2);
  });
});

describe('importDirectory: the export of collect/Collect-Doublehop.ps1 (Get-AD* through ConvertTo-Json)', () => {
  // The fixture is written by hand in the shape the script writes — there is no Windows here — from the
  // documented output of Get-ADDomain, Get-ADTrust, Get-ADUser/Computer/ServiceAccount/Group and ConvertTo-Json.
  const fixture = new URL('fixtures/ad-export.json', import.meta.url);
  const d = imported([{ name: 'ad-export.json', bytes: readFileSync(fixture) }]);
  const model = (extra: string) =>
    [
      'directory: directory.yaml',
      'services:',
      '  sql: { machine: SQL01, runsAs: CORP\\svc-sql, endpoint: { serviceClass: MSSQLSvc, host: sql01.corp.example, port: 1433 }, authentication: [negotiate], protocolTransition: true, calls: [{ service: files }, { service: archive }] }',
      '  files: { machine: FS01, runsAs: LocalSystem, endpoint: { serviceClass: cifs, host: fs01.corp.example }, authentication: [negotiate] }',
      '  archive: { machine: ARC01, runsAs: LocalSystem, endpoint: { serviceClass: cifs, host: arc01.corp.example }, authentication: [negotiate] }',
      extra,
    ].join('\n');

  it('reads domains with their NetBIOS names, trusts from trustAttributes, accounts from userAccountControl', () => {
    expect(d.files[0]?.description).toBe('the doublehop AD export (Collect-Doublehop.ps1) of 1 domain');
    expect(d.files[0]?.collected).toBe('2026-12-08 09:00:00 UTC');
    expect(d.document.domains['corp.example']).toEqual({
      sid: 'S-1-5-21-1004336348-1177238915-682003330',
      functionalLevel: 7,
      machineAccountQuota: 10,
    });
    expect(
      engineDirectory(d).dir.domains.find((x) => x.dnsName === 'corp.example')?.machineAccountQuota,
    ).toBe(10);
    expect(d.document.trusts).toEqual([
      {
        between: ['corp.example', 'fabrikam.example'],
        type: 'forest',
        direction: 'one-way',
        transitive: true,
        sidFiltering: true,
        enableTgtDelegation: false,
      },
    ]);
    const { dir } = engineDirectory(d);
    expect(has(principal(dir, 'CORP\\bob'), UAC.sensitive)).toBe(true);
    expect(has(principal(dir, 'CORP\\svc-web'), UAC.protocolTransition)).toBe(true);
    expect(principal(dir, 'CORP\\svc-web').allowedToDelegateTo).toEqual(['MSSQLSvc/sql01.corp.example:1433']);
    expect(d.document.machines['DC01']).toMatchObject({ role: 'domainController' });
    expect(d.document.accounts['CORP\\gmsa-app$']).toMatchObject({ kind: 'gmsa' });
    // A member named by a foreign security principal's DN is its SID.
    expect(d.document.accounts['CORP\\Helpdesk']?.['members']).toEqual([
      'CORP\\alice',
      'S-1-5-21-3623811015-3361044348-30300820-1104',
    ]);
  });

  it('keeps the RBCD descriptor itself: a deny ACE refuses what SharpHound would list as AllowedToAct', () => {
    const files: Record<string, string> = { 'm/directory.yaml': writeImportedModel(d, 'yaml') };
    const text = model(
      [
        'flows:',
        '  to-files: { user: CORP\\alice, start: { machine: SQL01, logonType: Network }, path: [sql, files] }',
        '  to-archive: { user: CORP\\alice, start: { machine: SQL01, logonType: Network }, path: [sql, archive] }',
      ].join('\n'),
    );
    const loaded = loadModel('m/estate.yaml', text, { readFile: (p) => files[p] ?? '' });
    if (!loaded.ok) throw new Error(loaded.error.diagnostics.map((x) => x.message).join('\n'));
    // The access check on FS01's descriptor (MS-SFU 3.2.5.2.2): svc-sql is denied, whatever else allows it.
    expect(evaluateFlow(loaded.value.model, 'to-files').whyNot?.reason).toBe('rbcd-not-allowed');
    expect(evaluateFlow(loaded.value.model, 'to-archive').reached).toBe(true);
  });

  it('keeps the ACEs that write delegation settings, deny ones too, and leaves the privileged ones out', () => {
    expect(d.document.accounts['CORP\\FS01$']?.['securityDescriptor']).toBe(
      'O:S-1-5-21-1004336348-1177238915-682003330-512D:' +
        '(OD;;WP;3f78c3e5-f79a-46bd-a0b8-9d18116ddc79;;S-1-5-21-1004336348-1177238915-682003330-1301)' +
        '(OA;;WP;4c164200-20c0-11d0-a768-00aa006e0529;;S-1-5-21-1004336348-1177238915-682003330-1301)',
    );
    // Account Operators' write on the other objects is privileged: nothing is written for them.
    expect(d.document.accounts['CORP\\alice']).toEqual({ rid: 1104 });
  });

  it('another version, or a domain without its SID, is a typed error with the JSON path', () => {
    const json = JSON.parse(readFileSync(fixture, 'utf8'));
    const r = importDirectory([
      { name: 'x.json', bytes: new TextEncoder().encode(JSON.stringify({ ...json, version: 2 })) },
    ]);
    expect(r.ok ? null : [r.error.code, r.error.path]).toEqual(['unsupported-version', 'version']);
    json.domains[0].DomainSID = null;
    const s = importDirectory([{ name: 'x.json', bytes: new TextEncoder().encode(JSON.stringify(json)) }]);
    expect(s.ok ? null : [s.error.code, s.error.path]).toEqual(['invalid-value', 'domains[0].DomainSID']);
  });
});

describe('importDirectory: ldapdomaindump JSON (domain_users, domain_computers, domain_groups, domain_trusts, domain_policy)', () => {
  // Hand-written in the shape ldapdomaindump writes with ldap3: a list of { attributes: { name: [values] }, dn };
  // the RBCD descriptor binary, base64-encoded as ldap3's format_json does when it is not UTF-8.
  const dir = new URL('fixtures/ldapdomaindump/', import.meta.url);
  const names = ['domain_computers', 'domain_groups', 'domain_policy', 'domain_trusts', 'domain_users'];
  const sources = names.map((n) => ({ name: `${n}.json`, bytes: readFileSync(new URL(`${n}.json`, dir)) }));
  const d = imported(sources);

  it('reads accounts, groups (members by DN), the domain object and trusted-domain objects', () => {
    expect(d.files.map((f) => f.description)).toContain('ldapdomaindump (5 entries, 5 accounts)');
    expect(d.document.domains['corp.example']).toMatchObject({ functionalLevel: 7, machineAccountQuota: 0 });
    expect(d.document.trusts[0]).toMatchObject({
      between: ['corp.example', 'fabrikam.example'],
      type: 'forest',
    });
    expect(d.document.accounts['CORP\\Protected Users']?.['members']).toEqual(['CORP\\bob']);
    expect(d.document.accounts['CORP\\svc-web']).toMatchObject({
      trustedToAuthForDelegation: true,
      allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
    });
    expect(d.document.machines['DC01']).toMatchObject({ role: 'domainController' });
  });

  it('decodes the binary RBCD descriptor with core-token and keeps it, deny ACE and all', () => {
    const files: Record<string, string> = { 'm/directory.yaml': writeImportedModel(d, 'yaml') };
    const text = [
      'directory: directory.yaml',
      'services:',
      '  sql: { machine: SQL01, runsAs: CORP\\svc-sql, endpoint: { serviceClass: MSSQLSvc, host: sql01.corp.example, port: 1433 }, authentication: [negotiate], protocolTransition: true, calls: [{ service: files }, { service: archive }] }',
      '  files: { machine: FS01, runsAs: LocalSystem, endpoint: { serviceClass: cifs, host: fs01.corp.example }, authentication: [negotiate] }',
      '  archive: { machine: ARC01, runsAs: LocalSystem, endpoint: { serviceClass: cifs, host: arc01.corp.example }, authentication: [negotiate] }',
      'flows:',
      '  to-files: { user: CORP\\alice, start: { machine: SQL01, logonType: Network }, path: [sql, files] }',
      '  to-archive: { user: CORP\\alice, start: { machine: SQL01, logonType: Network }, path: [sql, archive] }',
    ].join('\n');
    const loaded = loadModel('m/estate.yaml', text, { readFile: (p) => files[p] ?? '' });
    if (!loaded.ok) throw new Error(loaded.error.diagnostics.map((x) => x.message).join('\n'));
    expect(evaluateFlow(loaded.value.model, 'to-files').whyNot?.reason).toBe('rbcd-not-allowed');
    expect(evaluateFlow(loaded.value.model, 'to-archive').reached).toBe(true);
  });

  it('a damaged descriptor is a warning with its path; a value of the wrong type an error', () => {
    const computers = JSON.parse(readFileSync(new URL('domain_computers.json', dir), 'utf8'));
    computers[2].attributes['msDS-AllowedToActOnBehalfOfOtherIdentity'] = [
      { encoding: 'base64', encoded: 'AQAE' },
    ];
    const r = imported([{ name: 'c.json', bytes: new TextEncoder().encode(JSON.stringify(computers)) }]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({
        code: 'dropped-value',
        path: '[2].attributes.msDS-AllowedToActOnBehalfOfOtherIdentity',
      }),
    );
    computers[1].attributes.userAccountControl = ['lots'];
    const e = importDirectory([
      { name: 'c.json', bytes: new TextEncoder().encode(JSON.stringify(computers)) },
    ]);
    expect(e.ok ? null : [e.error.code, e.error.path]).toEqual([
      'invalid-value',
      '[1].attributes.userAccountControl',
    ]);
  });
});
