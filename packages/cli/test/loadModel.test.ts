import { type Diagnostic, loadModel } from '@doublehop/cli';
import { describe, expect, it } from 'vitest';

/** The diagnostics of a model text that must not load, as `code@line:column` strings. */
function problems(text: string): string[] {
  return diagnostics(text).map((d) => `${d.code}@${d.line}:${d.column}`);
}

function diagnostics(text: string): readonly Diagnostic[] {
  const r = loadModel('m.yaml', text);
  if (r.ok) throw new Error('expected the model to be invalid');
  return r.error.diagnostics;
}

// A small valid estate; tests replace one line of it to introduce a problem at a known place.
const BASE = [
  'accounts:', //                                                                          1
  '  alice: {}', //                                                                        2
  '  svc-web: { servicePrincipalNames: [HTTP/web01.corp.example] }', //                    3
  '  Admins: { kind: group }', //                                                          4
  'machines:', //                                                                          5
  '  WS01: { role: workstation }', //                                                      6
  '  WEB01: {}', //                                                                        7
  '  SQL01: {}', //                                                                        8
  'services:', //                                                                          9
  '  web:', //                                                                             10
  '    machine: WEB01', //                                                                 11
  '    runsAs: svc-web', //                                                                12
  '    endpoint: { serviceClass: HTTP, host: web01.corp.example }', //                     13
  '    authentication: [negotiate]', //                                                    14
  '    calls: [{ service: sql }]', //                                                      15
  '  sql:', //                                                                             16
  '    machine: SQL01', //                                                                 17
  '    runsAs: NT SERVICE\\MSSQLSERVER', //                                                18
  '    endpoint: { serviceClass: MSSQLSvc, host: sql01.corp.example, port: 1433 }', //     19
  '    authentication: [negotiate]', //                                                    20
  'flows:', //                                                                             21
  '  report:', //                                                                          22
  '    user: alice', //                                                                    23
  '    start: { machine: WS01 }', //                                                       24
  '    path: [web, sql]', //                                                               25
  'assertions:', //                                                                        26
  '  - reaches: { flow: report, service: sql }', //                                       27
  '  - refused: { flow: report, hop: 2, reason: spn-missing }', //                         28
  '  - reachableBy: { service: sql, users: [alice] }', //                                  29
  '  - lint: { rule: duplicate-spn, present: false }', //                                  30
  '',
];

/** BASE with line `n` (1-based) replaced. */
function withLine(n: number, line: string): string {
  return BASE.map((l, i) => (i === n - 1 ? line : l)).join('\n');
}

describe('loadModel: a valid file', () => {
  it('produces the EstateModel, account references as NETBIOS\\name, and where each entry is', () => {
    const r = loadModel('m.yaml', BASE.join('\n'));
    if (!r.ok) throw new Error(JSON.stringify(r.error.diagnostics, null, 2));
    const { model, lines } = r.value;
    expect(model.domains).toEqual([{ dnsName: 'corp.example' }]);
    expect(model.accounts?.map((a) => a.samAccountName)).toEqual(['alice', 'svc-web', 'Admins']);
    expect(model.machines).toEqual([
      { name: 'WS01', domain: 'corp.example', role: 'workstation' },
      { name: 'WEB01', domain: 'corp.example' },
      { name: 'SQL01', domain: 'corp.example' },
    ]);
    expect(model.services?.[0]).toEqual({
      name: 'web',
      machine: 'WEB01',
      runsAs: 'CORP\\svc-web',
      endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' },
      authentication: ['negotiate'],
      calls: [{ service: 'sql' }],
    });
    expect(model.services?.[1]?.runsAs).toBe('NT SERVICE\\MSSQLSERVER');
    expect(model.flows).toEqual([
      { name: 'report', user: 'CORP\\alice', start: { machine: 'WS01' }, path: ['web', 'sql'] },
    ]);
    expect(model.assertions).toEqual([
      { reaches: { flow: 'report', service: 'sql' } },
      { refused: { flow: 'report', hop: 2, reason: 'spn-missing' } },
      { reachableBy: { service: 'sql', users: ['CORP\\alice'] } },
      { lint: { rule: 'duplicate-spn', present: false } },
    ]);
    expect(lines).toEqual({
      'accounts.alice': 2,
      'accounts.svc-web': 3,
      'accounts.Admins': 4,
      'machines.WS01': 6,
      'machines.WEB01': 7,
      'machines.SQL01': 8,
      'services.web': 10,
      'services.sql': 16,
      'flows.report': 22,
      'assertions[0]': 27,
      'assertions[1]': 28,
      'assertions[2]': 29,
      'assertions[3]': 30,
    });
  });

  it('accepts the built-in identities in any spelling, and machine references in any case', () => {
    for (const [written, model] of [
      ['LocalSystem', 'LocalSystem'],
      ['NT AUTHORITY\\SYSTEM', 'LocalSystem'],
      ['network service', 'NetworkService'],
      ['NT AUTHORITY\\LOCAL SERVICE', 'LocalService'],
      ['iis apppool\\Sales', 'IIS AppPool\\Sales'],
      ['CORP\\svc-web', 'CORP\\svc-web'],
      ['svc-web@corp.example', 'CORP\\svc-web'],
    ] as const) {
      const r = loadModel('m.yaml', withLine(12, `    runsAs: '${written}'`));
      expect(r.ok && r.value.model.services?.[0]?.runsAs).toBe(model);
    }
    const r = loadModel('m.yaml', withLine(11, '    machine: web01'));
    expect(r.ok && r.value.model.services?.[0]?.machine).toBe('WEB01');
  });

  it('an empty file, or one with only accounts, is a valid (empty) estate', () => {
    expect(loadModel('e.yaml', '{}').ok).toBe(true);
    const r = loadModel('a.yaml', 'accounts: { alice: {} }\n');
    expect(r.ok && r.value.model).toEqual({
      domains: [{ dnsName: 'corp.example' }],
      accounts: [{ kind: 'user', samAccountName: 'alice' }],
    });
  });
});

describe('loadModel: every kind of problem, at its line and column', () => {
  it('resolves a joined computer account named in a reference even when another reference fails', () => {
    // The whole directory cannot be built (an unknown group); the skeleton that places the problem still knows
    // SRV03$, which domain join makes for the machine SRV03.
    const text = [
      'accounts:',
      '  svc: { principalsAllowedToDelegateToAccount: [SRV03$], memberOf: [nogroup] }',
      'machines:',
      '  SRV03: {}',
    ].join('\n');
    const r = loadModel('m.yaml', text);
    expect(r.ok ? [] : r.error.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([
      'unknown-account@2:69',
    ]);
    expect(loadModel('m.yaml', text.replace(', memberOf: [nogroup]', '')).ok).toBe(true);
  });

  it('yaml-syntax, and a root that is not a mapping', () => {
    expect(problems('services: [\n')).toEqual(['yaml-syntax@2:1']);
    expect(problems('- a\n- b\n')).toEqual(['wrong-type@1:1']);
    expect(diagnostics('')[0]?.message).toBe('a model file is a mapping, found an empty document');
  });

  it('unknown-key, with a suggestion or a hint', () => {
    // Without a flows section, the assertions' flows are unknown too: every problem is reported.
    expect(problems(withLine(21, 'flow:'))).toEqual([
      'unknown-key@21:1',
      'unknown-flow@27:22',
      'unknown-flow@28:22',
    ]);
    expect(diagnostics(withLine(21, 'flow:'))[0]?.hint).toBe('did you mean "flows"?');
    const d = diagnostics(withLine(12, '    runAs: svc-web'));
    expect(d.map((x) => `${x.code}@${x.line}:${x.column}`)).toEqual(['missing-key@11:5', 'unknown-key@12:5']);
    expect(d[1]?.hint).toBe('did you mean "runsAs"?');
    expect(diagnostics(withLine(13, '    spn: HTTP/web01'))[1]?.hint).toBe(
      'put the SPN under endpoint: { spn: … }',
    );
    expect(diagnostics('steps: []\n')[0]?.hint).toBe(
      'steps belong in scenario files (doublehop scenario); a model has flows',
    );
  });

  it('missing-key, duplicate-key, wrong-type', () => {
    expect(problems(withLine(14, '    authentication: negotiate'))).toEqual(['wrong-type@14:21']);
    expect(problems(withLine(13, '    endpoint: { serviceClass: HTTP }'))).toEqual(['missing-key@13:15']);
    expect(problems(withLine(12, '    machine: WEB01'))).toEqual(['missing-key@11:5', 'duplicate-key@12:5']);
    expect(problems(withLine(6, '  WS01: { credentialGuard: yes }'))).toEqual(['wrong-type@6:28']);
    expect(diagnostics(withLine(6, '  WS01: { credentialGuard: yes }'))[0]?.hint).toBe(
      'YAML 1.2 reads `yes` as a string: write `true`',
    );
  });

  it('invalid-value: enums with a suggestion, empty lists, hops, paths that do not follow the calls', () => {
    const auth = diagnostics(withLine(14, '    authentication: [negociate]'));
    expect(auth.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['invalid-value@14:22']);
    expect(auth[0]?.hint).toBe('did you mean "negotiate"?');
    expect(problems(withLine(14, '    authentication: []'))).toEqual(['invalid-value@14:21']);
    const reason = diagnostics(withLine(28, '  - refused: { flow: report, hop: 2, reason: spn-mising }'));
    expect([reason[0]?.code, reason[0]?.column, reason[0]?.hint]).toEqual([
      'invalid-value',
      46,
      'did you mean "spn-missing"?',
    ]);
    expect(problems(withLine(28, '  - refused: { flow: report, hop: 3, reason: spn-missing }'))).toEqual([
      'invalid-value@28:35',
    ]);
    expect(
      problems(withLine(28, '  - refused: { flow: report, hop: nowhere, reason: spn-missing }')),
    ).toEqual(['unknown-service@28:35']);
    expect(problems(withLine(27, '  - reaches: { flow: report, service: web, atLeast: Delegaton }'))).toEqual(
      ['invalid-value@27:53'],
    );
    expect(problems(withLine(30, '  - lint: { rule: duplicate-spns }'))).toEqual(['invalid-value@30:19']);
    const calls = diagnostics(withLine(15, '    calls: []'));
    expect(calls.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual(['invalid-value@25:17']);
    expect(calls[0]?.message).toBe(
      'hop 2 of the flow "report" goes from "web" to "sql", but "web" does not call "sql"',
    );
    expect(calls[0]?.hint).toBe('add { service: sql } to the calls of "web"');
    expect(problems(withLine(25, '    path: []'))).toEqual(['invalid-value@25:11']);
  });

  it('unknown-machine, unknown-service, unknown-flow, with "did you mean"', () => {
    const m = diagnostics(withLine(11, '    machine: WEB02'));
    expect(m.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([
      ['unknown-machine', 11, 14, 'did you mean "WEB01"?'],
    ]);
    expect(problems(withLine(15, '    calls: [{ service: sqll }]'))).toEqual([
      'unknown-service@15:24',
      'invalid-value@25:17',
    ]);
    expect(problems(withLine(24, '    start: { machine: WS1 }'))).toEqual(['unknown-machine@24:23']);
    const f = diagnostics(withLine(27, '  - reaches: { flow: reprot, service: sql }'));
    expect(f.map((d) => [d.code, d.line, d.column, d.hint])).toEqual([
      ['unknown-flow', 27, 22, 'did you mean "report"?'],
    ]);
  });

  it('unknown-account, ambiguous-account, wrong-account-kind, unknown-domain', () => {
    expect(problems(withLine(23, '    user: alise'))).toEqual(['unknown-account@23:11']);
    expect(diagnostics(withLine(23, '    user: alise'))[0]?.hint).toBe('did you mean "alice"?');
    expect(problems(withLine(12, '    runsAs: Admins'))).toEqual(['wrong-account-kind@12:13']);
    expect(problems(withLine(29, '  - reachableBy: { service: sql, users: [alice, bob] }'))).toEqual([
      'unknown-account@29:49',
    ]);
    expect(problems(withLine(23, '    user: FABRIKAM\\alice'))).toEqual(['unknown-domain@23:11']);
    expect(problems(withLine(6, '  WS01: { domain: fabrikam.example }'))).toEqual(['unknown-domain@6:19']);
    expect(problems(withLine(6, "  WS01: { localGroupMembers: { Administrators: ['CORP\\bob'] } }"))).toEqual(
      ['unknown-account@6:49'],
    );
    expect(problems(withLine(6, '  WS01: { userRights: { add: { SeTcbPrivilege: [nobody] } } }'))).toEqual([
      'unknown-account@6:49',
    ]);
    expect(problems(withLine(6, '  WS01: { userRights: { add: { SeTcbPrivelege: [alice] } } }'))).toEqual([
      'invalid-value@6:32',
    ]);
    const ambiguous = [
      'domains: { corp.example: {}, fabrikam.example: {} }',
      'accounts: { alice: {}, Alice: { domain: fabrikam.example }, svc-web: {} }',
      ...BASE.slice(4),
    ].join('\n');
    const amb = diagnostics(ambiguous);
    expect(amb.map((d) => `${d.code}@${d.line}:${d.column}`)).toEqual([
      'ambiguous-account@21:11',
      'ambiguous-account@27:42',
    ]);
    expect(amb[0]?.hint).toBe('qualify it: "CORP\\alice" or "FABRIKAM\\Alice"');
  });

  it('accounts keyed DOMAIN\\name: one Administrator per domain (MS-ADTS 3.1.1.5.2.2: names are unique per domain)', () => {
    const twoDomains = [
      'domains: { corp.example: {}, fabrikam.example: {} }',
      'accounts:',
      '  CORP\\Administrator: { rid: 500 }',
      '  FABRIKAM\\Administrator: { rid: 500, memberOf: [FABRIKAM\\Ops] }',
      '  fabrikam.example\\Ops: { kind: group }',
      '  CORP\\svc-web: { servicePrincipalNames: [HTTP/web01.corp.example] }',
      '  alice: {}',
      ...BASE.slice(4),
    ].join('\n');
    const r = loadModel('m.yaml', twoDomains.replace('runsAs: svc-web', 'runsAs: CORP\\svc-web'));
    if (!r.ok) throw new Error(r.error.diagnostics.map((d) => d.message).join('\n'));
    const declared = (r.value.model.accounts ?? []).map((a) => `${a.domain}\\${a.samAccountName}`);
    // The domain as written, as with a `domain` key.
    expect(declared).toEqual([
      'CORP\\Administrator',
      'FABRIKAM\\Administrator',
      'fabrikam.example\\Ops',
      'CORP\\svc-web',
      'corp.example\\alice',
    ]);
    expect(r.value.lines[`accounts[${JSON.stringify('FABRIKAM\\Administrator')}]`]).toBe(4);
    // The domain in the key must be declared, and agree with a domain key.
    expect(problems(twoDomains.replace('FABRIKAM\\Administrator:', 'CONTOSO\\Administrator:'))).toContain(
      'unknown-domain@4:3',
    );
    expect(
      problems(
        twoDomains.replace(
          'FABRIKAM\\Administrator: { rid: 500,',
          'FABRIKAM\\Administrator: { domain: corp.example, rid: 500,',
        ),
      ),
    ).toContain('invalid-value@4:37');
    // Two keys naming one account are a duplicate.
    expect(
      problems(twoDomains.replace('FABRIKAM\\Administrator:', 'corp.example\\administrator:')),
    ).toContain('duplicate@4:3');
  });

  it("names a machine's computer account as domain join makes it (the engine's joinedComputerAccounts), never another name", () => {
    const rbcd = (who: string) =>
      withLine(
        3,
        `  svc-web: { servicePrincipalNames: [HTTP/web01.corp.example], principalsAllowedToDelegateToAccount: [${who}] }`,
      );
    expect(loadModel('m.yaml', rbcd('WEB01$')).ok).toBe(true);
    expect(loadModel('m.yaml', rbcd('CORP\\sql01$')).ok).toBe(true);
    const at = (text: string, name: string) =>
      `unknown-account@3:${(text.split('\n')[2] ?? '').indexOf(name) + 1}`;
    expect(problems(rbcd('WEB09$'))).toEqual([at(rbcd('WEB09$'), 'WEB09$')]);
    // A workgroup machine has no computer account in the domain.
    const workgroup = rbcd('SQL01$').replace('  SQL01: {}', '  SQL01: { workgroup: true }');
    expect(problems(workgroup)).toEqual([at(workgroup, 'SQL01$')]);
    // `computerAccount` was accepted and silently ignored by the engine: it is now refused.
    expect(problems(withLine(7, '  WEB01: { computerAccount: WEB-01$ }'))).toEqual(['unknown-key@7:12']);
  });

  it('duplicate (machines differ only in case; accounts), invalid-sid, invalid-sddl (the shared vocabulary)', () => {
    expect(problems(withLine(8, '  web01: {}'))).toContain('duplicate@8:3');
    expect(problems(withLine(4, '  ALICE: {}'))).toEqual(['duplicate@4:3']);
    expect(problems(withLine(4, "  Admins: { kind: group, sidHistory: ['S-1-5-x'] }"))).toEqual([
      'invalid-sid@4:46',
    ]);
    expect(
      problems(withLine(4, "  sql$: { allowedToActOnBehalfOfOtherIdentity: 'O:BAD:(A;;CC;;;XX)' }")),
    ).toEqual(['invalid-sddl@4:64']);
    expect(
      problems(withLine(4, "  Admins: { kind: group, securityDescriptor: 'O:DAD:(A;;GA;;;ZZ)' }")),
    ).toEqual(['invalid-sddl@4:62']);
  });

  it('reports every problem of a file, sorted by position, not only the first', () => {
    const text = BASE.map((l, i) =>
      i === 10
        ? '    machine: WEB02'
        : i === 13
          ? '    authentication: [negociate]'
          : i === 22
            ? '    user: alise'
            : i === 26
              ? '  - reaches: { flow: reprot, service: sql }'
              : l,
    ).join('\n');
    expect(problems(text)).toEqual([
      'unknown-machine@11:14',
      'invalid-value@14:22',
      'unknown-account@23:11',
      'unknown-flow@27:22',
    ]);
  });
});

describe('loadModel: a model over a directory file (directory: directory.yaml)', () => {
  const DIRECTORY = [
    'domains: { corp.example: { sid: S-1-5-21-1-2-3 } }', //                      1
    'trusts:', //                                                                  2
    '  - { between: [corp.example, fabrikam.example], type: forest }', //          3
    'accounts:', //                                                                4
    '  alice: { rid: 1104 }', //                                                   5
    '  svc-web: { rid: 1200, servicePrincipalNames: [HTTP/web01.corp.example] }', // 6
    '  Web Admins: { kind: group, members: [alice] }', //                          7
    'machines:', //                                                                8
    '  WS01: { role: workstation }', //                                            9
    '  WEB01: {}', //                                                              10
    '',
  ].join('\n');
  const MODEL = [
    'directory: directory.yaml', //                                                1
    'domains: { fabrikam.example: {} }', //                                        2
    'services:', //                                                                3
    '  web:', //                                                                   4
    '    machine: WEB01', //                                                       5
    '    runsAs: CORP\\svc-web', //                                                6
    '    endpoint: { serviceClass: HTTP, host: web01.corp.example }', //           7
    '    authentication: [negotiate]', //                                          8
    'flows:', //                                                                   9
    '  browse: { user: CORP\\alice, start: { machine: WS01 }, path: [web] }', //   10
    'assertions:', //                                                              11
    '  - reaches: { flow: browse, service: web }', //                              12
    '',
  ].join('\n');
  const files = (directory = DIRECTORY) => ({
    readFile: (path: string) => {
      if (path === 'models/directory.yaml') return directory;
      throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
    },
  });
  const where = (text: string, directory = DIRECTORY) => {
    const r = loadModel('models/estate.yaml', text, files(directory));
    if (r.ok) throw new Error('expected the model to be invalid');
    return r.error.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
  };

  it('builds on the directory: its domains, trusts, accounts and machines first, then the file’s own', () => {
    const r = loadModel('models/estate.yaml', MODEL, files());
    if (!r.ok) throw new Error(r.error.diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n'));
    const m = r.value.model;
    expect(m.domains?.map((d) => d.dnsName)).toEqual(['corp.example', 'fabrikam.example']);
    // The directory's accounts keep their domain, although the model file declares one of its own.
    expect(m.accounts?.map((a) => `${a.domain}\\${a.samAccountName}`)).toEqual([
      'corp.example\\alice',
      'corp.example\\svc-web',
      'corp.example\\Web Admins',
    ]);
    expect(m.machines?.map((x) => x.name)).toEqual(['WS01', 'WEB01']);
    expect(m.flows?.[0]?.user).toBe('CORP\\alice');
    expect(r.value.lines['assertions[0]']).toBe(12);
  });

  it('places each problem in the file it is in, at its line and column', () => {
    // In the directory file: a member that does not exist.
    const badDirectory = DIRECTORY.replace('members: [alice]', 'members: [alicia]');
    expect(where(MODEL, badDirectory)).toEqual([
      'models/estate.yaml:1:12 invalid-directory',
      'models/directory.yaml:7:40 unknown-account',
    ]);
    // In the model file: an account of the directory misspelt.
    expect(where(MODEL.replace('user: CORP\\alice', 'user: CORP\\alise'))).toEqual([
      'models/estate.yaml:10:19 unknown-account',
    ]);
    // The model's own trust is placed in the model, after the directory's trusts.
    expect(where(`${MODEL}trusts:\n  - { between: [corp.example, contoso.example] }\n`)).toEqual([
      'models/estate.yaml:14:31 unknown-domain',
    ]);
    // An account declared in both files is a duplicate, in the model file.
    expect(where(`${MODEL}accounts:\n  alice: {}\n`)).toEqual(['models/estate.yaml:14:3 duplicate']);
    // A directory file holds the directory only.
    expect(where(MODEL, `${DIRECTORY}services: {}\n`)).toEqual([
      'models/estate.yaml:1:12 invalid-directory',
      'models/directory.yaml:11:1 unknown-key',
    ]);
  });

  it('a directory that cannot be read, or no way to read it, is reported at the directory key', () => {
    expect(where(MODEL.replace('directory.yaml', 'missing.yaml'))).toEqual([
      'models/estate.yaml:1:12 unreadable-file',
    ]);
    const r = loadModel('models/estate.yaml', MODEL);
    expect(r.ok ? [] : r.error.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '1:12 unreadable-file',
    ]);
  });
});
