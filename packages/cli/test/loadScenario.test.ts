import { loadScenario } from '@doublehop/cli';
import { describe, expect, it } from 'vitest';
import { diagnostics, problems } from './support.js';

const ESTATE = [
  'accounts:',
  '  alice: {}',
  '  web01$: { servicePrincipalNames: [http/web01] }',
  '  Sales: { kind: group }',
  'steps:',
].join('\n');
const withSteps = (...lines: string[]): string => `${ESTATE}\n${lines.join('\n')}\n`;

describe('loadScenario: a valid file', () => {
  it('resolves names to accounts, references to steps, and fills in the defaults', () => {
    const r = loadScenario(
      'ok.yaml',
      withSteps(
        '  - id: tgt',
        '    as-req: { client: alice }',
        '  - tgs-req: { client: alice, service: http/web01 }',
        '  - s4u2self: { service: web01, user: CORP\\alice }',
        '    expect: { error: KDC_ERR_BADOPTION }',
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [as, tgs, self] = r.value.steps;
    expect(r.value.kdc.patched).toBe(true);
    expect(r.value.directory.domains.map((d) => d.dnsName)).toEqual(['corp.example']);
    expect(as).toMatchObject({
      kind: 'as-req',
      index: 1,
      id: 'tgt',
      line: 6,
      forwardable: true,
      expect: null,
    });
    // "alice's latest TGT" is step 1; the front end has none, so it gets a fresh one.
    expect(tgs).toMatchObject({ kind: 'tgs-req', line: 8, tgt: { from: 'step', step: 1, tamper: null } });
    expect(self?.kind === 's4u2self' && self.tgt.from === 'fresh' && self.tgt.client.samAccountName).toBe(
      'web01$',
    );
    expect(self?.expect).toEqual({ ok: false, error: 'KDC_ERR_BADOPTION', delegated: null, flags: {} });
  });

  it('reads JSON files, anchors and aliases, and tampered or described tickets', () => {
    const json = JSON.stringify({
      kdc: { patched: false },
      accounts: { alice: {}, web01$: { servicePrincipalNames: ['http/web01'] } },
      steps: [
        { id: 'self', s4u2self: { service: 'web01$', user: 'alice' } },
        {
          s4u2proxy: {
            service: 'web01$',
            evidence: { step: 'self', tamper: { forwardable: true } },
            target: 'a/b',
          },
        },
        {
          s4u2proxy: { service: 'web01$', evidence: { client: 'alice', forwardable: false }, target: 'a/b' },
        },
      ],
    });
    const r = loadScenario('ok.json', json);
    expect(r.ok && r.value.kdc.patched).toBe(false);
    const steps = r.ok ? r.value.steps : [];
    expect(steps[1]?.kind === 's4u2proxy' && steps[1].evidence).toEqual({
      from: 'step',
      step: 1,
      tamper: { forwardable: true },
    });
    expect(steps[2]?.kind === 's4u2proxy' && steps[2].evidence).toMatchObject({
      from: 'described',
      origin: 'tgs',
      forwardable: false,
      service: null,
    });
    const yaml = withSteps('  - as-req: &alice { client: alice }', '  - as-req: *alice');
    expect(loadScenario('alias.yaml', yaml).ok).toBe(true);
  });
});

describe('loadScenario: every kind of problem, at its line and column', () => {
  it('yaml-syntax: reported alone, at the parser position', () => {
    expect(problems('steps: [\n  - as-req: { client: alice }\n')).toEqual([
      'yaml-syntax@2:3',
      'yaml-syntax@3:1',
    ]);
    expect(problems('steps: []\n---\nsteps: []\n')).toEqual(['yaml-syntax@2:1']);
  });

  it('wrong-type for an empty file, a list, or a section of the wrong shape', () => {
    expect(problems('')).toEqual(['wrong-type@1:1']);
    expect(problems('# nothing\n')).toEqual(['wrong-type@1:1']);
    expect(problems('- a\n- b\n')).toEqual(['wrong-type@1:1']);
    expect(problems('steps: {}\n')).toEqual(['wrong-type@1:8']);
    expect(problems(withSteps('  - as-req: { client: alice, forwardable: 1 }'))).toEqual(['wrong-type@6:43']);
  });

  it('wrong-type on a YAML 1.1 boolean, with the fix as a hint', () => {
    const [d] = diagnostics('kdc: { patched: yes }\nsteps: []\n');
    expect(d).toMatchObject({
      code: 'wrong-type',
      line: 1,
      column: 17,
      endColumn: 20,
      path: 'kdc.patched',
      found: 'the string "yes"',
      expected: 'a boolean (true or false)',
      hint: 'YAML 1.2 reads `yes` as a string: write `true`',
    });
  });

  it('unknown-key with a suggestion, and missing-key', () => {
    const ds = diagnostics('stepz: []\n');
    expect(ds.map((d) => `${d.code}@${d.line}:${d.column} ${d.hint}`)).toEqual([
      'unknown-key@1:1 did you mean "steps"?',
      'missing-key@1:1 null',
    ]);
    const [ad] = diagnostics('accounts: { alice: { msDS-AllowedToDelegateTo: [a/b] } }\nsteps: []\n');
    expect([ad?.code, ad?.line, ad?.column, ad?.hint]).toEqual([
      'unknown-key',
      1,
      22,
      'did you mean "allowedToDelegateTo"?',
    ]);
    expect(problems(withSteps('  - {}'))).toEqual(['missing-key@6:5']);
    expect(problems(withSteps('  - tgs-req: { service: http/web01 }'))).toEqual(['missing-key@6:14']);
  });

  it('duplicate-key and duplicate (same account, same RID, same step id)', () => {
    expect(problems('accounts:\n  alice: {}\naccounts:\n  bob: {}\nsteps: []\n')).toEqual([
      'duplicate-key@3:1',
    ]);
    expect(problems('accounts:\n  alice: {}\n  Alice: {}\nsteps: []\n')).toEqual(['duplicate@3:3']);
    expect(problems('accounts:\n  alice: { rid: 1000 }\n  bob: { rid: 1000 }\nsteps: []\n')).toEqual([
      'duplicate@3:15',
    ]);
    expect(
      problems(
        withSteps('  - id: a', '    as-req: { client: alice }', '  - id: a', '    as-req: { client: alice }'),
      ),
    ).toEqual(['duplicate@8:9']);
  });

  it('invalid-value: an enum near miss, a malformed SPN, a one-domain trust, contradictory expectations', () => {
    const [kind] = diagnostics('accounts: { alice: { kind: usr } }\nsteps: []\n');
    expect([kind?.code, kind?.line, kind?.column, kind?.hint]).toEqual([
      'invalid-value',
      1,
      28,
      'did you mean "user"?',
    ]);
    expect(problems(withSteps('  - tgs-req: { client: alice, service: not an spn }'))).toEqual([
      'invalid-value@6:40',
    ]);
    expect(
      problems(
        'domains: { a.example: {}, b.example: {} }\ntrusts:\n  - { between: [a.example, A] }\nsteps: []\n',
      ),
    ).toEqual(['invalid-value@3:28']);
    expect(
      problems(
        withSteps('  - as-req: { client: alice }', '    expect: { ok: true, error: KDC_ERR_BADOPTION }'),
      ),
    ).toEqual(['invalid-value@7:32']);
    const [name] = diagnostics(
      withSteps('  - as-req: { client: alice }', '    expect: { error: KDC_ERR_BADOPTON }'),
    );
    expect([name?.code, name?.line, name?.column, name?.hint]).toEqual([
      'invalid-value',
      7,
      22,
      'did you mean "KDC_ERR_BADOPTION"?',
    ]);
    expect(problems(withSteps('  - as-req: { client: alice }', '    expect: { delegated: true }'))).toEqual([
      'invalid-value@7:15',
    ]);
  });

  it('unknown-domain: in a declaration, a trust, and inside a qualified name (underlining the domain only)', () => {
    expect(problems('domains: { a.example: {}, b.example: { parent: c.example } }\nsteps: []\n')).toEqual([
      'unknown-domain@1:48',
    ]);
    expect(
      problems('domains: { a.example: {} }\ntrusts:\n  - { between: [a.example, c.example] }\nsteps: []\n'),
    ).toEqual(['unknown-domain@3:28']);
    const [d] = diagnostics(withSteps('  - as-req: { client: alice@nowhere.example }'));
    expect([d?.code, d?.line, d?.column, d?.endColumn]).toEqual(['unknown-domain', 6, 29, 44]);
    expect(problems(withSteps('  - as-req: { client: CORPX\\alice }'))).toEqual(['unknown-domain@6:23']);
  });

  it('unknown-account (with a suggestion), ambiguous-account, wrong-account-kind', () => {
    const [d] = diagnostics(withSteps('  - as-req: { client: alise }'));
    expect([d?.code, d?.line, d?.column, d?.hint]).toEqual([
      'unknown-account',
      6,
      23,
      'did you mean "alice"?',
    ]);
    const [amb] = diagnostics(
      'domains: { a.example: {}, b.example: {} }\naccounts:\n  alice: { domain: a.example }\n  Alice: { domain: b.example }\nsteps:\n  - as-req: { client: alice }\n',
    );
    expect([amb?.code, amb?.line, amb?.column, amb?.hint]).toEqual([
      'ambiguous-account',
      6,
      23,
      'qualify it: "A\\alice" or "B\\Alice"',
    ]);
    expect(problems(withSteps('  - as-req: { client: Sales }'))).toEqual(['wrong-account-kind@6:23']);
    expect(
      problems('accounts:\n  alice: { principalsAllowedToDelegateToAccount: [Domain Users] }\nsteps: []\n'),
    ).toEqual(['wrong-account-kind@2:51']);
    expect(problems('accounts:\n  alice: { memberOf: [Protectd Users] }\nsteps: []\n')).toEqual([
      'unknown-account@2:23',
    ]);
  });

  it('unknown-step, forward-reference, wrong-ticket-kind', () => {
    expect(problems(withSteps('  - tgs-req: { tgt: nope, service: http/web01 }'))).toEqual([
      'unknown-step@6:21',
    ]);
    expect(problems(withSteps('  - id: t', '    tgs-req: { tgt: t, service: http/web01 }'))).toEqual([
      'forward-reference@7:21',
    ]);
    expect(
      problems(
        withSteps(
          '  - tgs-req: { tgt: later, service: http/web01 }',
          '  - id: later',
          '    as-req: { client: alice }',
        ),
      ),
    ).toEqual(['forward-reference@6:21']);
    const kinds = diagnostics(
      withSteps(
        '  - id: st',
        '    tgs-req: { client: alice, service: http/web01 }',
        '  - tgs-req: { tgt: st, service: http/web01 }',
        '  - s4u2proxy: { service: web01$, evidence: { client: alice, origin: as }, target: a/b }',
      ),
    );
    expect(kinds.map((d) => `${d.code}@${d.line}:${d.column} ${d.path}`)).toEqual([
      'wrong-ticket-kind@8:21 steps[1].tgs-req.tgt',
      'wrong-ticket-kind@9:70 steps[2].s4u2proxy.evidence.origin',
    ]);
    expect(kinds[0]?.message).toBe('step "st" (tgs-req) gives a service ticket, but tgt needs a TGT');
  });

  it('invalid-sid and invalid-sddl point at the offending character inside the string', () => {
    // Plain, double-quoted (with an escape before the error) and single-quoted scalars.
    expect(problems('domains:\n  corp.example: { sid: S-1-5-21-1-2-x }\nsteps: []\n')).toEqual([
      'invalid-sid@2:37',
    ]);
    expect(problems('domains:\n  corp.example: { sid: "S-1-5-21-1-2-x" }\nsteps: []\n')).toEqual([
      'invalid-sid@2:38',
    ]);
    const sddl =
      'accounts:\n  fs01$: { allowedToActOnBehalfOfOtherIdentity: "O:\\u0042AD:(A;;CC;;;S-1-5-x)" }\nsteps: []\n';
    const [d] = diagnostics(sddl);
    // The value is O:BAD:(A;;CC;;;S-1-5-x): "x" is its character 21; the quote is column 49, and the escape
    // \u0042 (for B) takes 5 more characters than the B it stands for.
    expect([d?.code, d?.line, d?.column]).toEqual(['invalid-sddl', 2, 49 + 1 + 21 + 5]);
    expect(sddl.split('\n')[1]?.[d ? d.column - 1 : 0]).toBe('x');
    const single =
      "accounts:\n  fs01$: { allowedToActOnBehalfOfOtherIdentity: 'O:BAD:(Q;;CC;;;WD)' }\nsteps: []\n";
    expect(problems(single)).toEqual(['invalid-sddl@2:57']);
    expect(problems('accounts:\n  alice: { sidHistory: [S-1-5-21-1-2-3-x] }\nsteps: []\n')).toEqual([
      'invalid-sid@2:40',
    ]);
  });

  it('counts lines the same with CRLF line ends, and an unknown anchor is a syntax error', () => {
    const crlf = withSteps('  - as-req: { client: alise }').replace(/\n/g, '\r\n');
    expect(problems(crlf)).toEqual(['unknown-account@6:23']);
    expect(problems(withSteps('  - as-req: *nowhere'))).toEqual(['yaml-syntax@6:13']);
  });

  it('invalid-directory: what @doublehop/logon refuses beyond the file checks', () => {
    const text =
      'domains: { a.example: {}, b.a.example: { parent: a.example }, x.example: {} }\ntrusts:\n  - { between: [b.a.example, x.example], type: forest }\nsteps: []\n';
    const [d] = diagnostics(text);
    expect([d?.code, d?.line, d?.column, d?.message]).toEqual([
      'invalid-directory',
      2,
      1,
      'the directory is invalid: a forest trust joins two forest root domains, not b.a.example and x.example',
    ]);
  });
});

describe('loadScenario: all problems, not the first', () => {
  it('reports every problem of every section and step, sorted by position', () => {
    const text = [
      'kdc: { patched: yes }',
      'accounts:',
      '  alice: { kind: usr, memberOf: [Protectd Users] }',
      '  web01$: { servicePrincipalName: [http/web01], allowedToActOnBehalfOfOtherIdentity: "O:BAD:(A;;CC;;;S-1-5-x)" }',
      'steps:',
      '  - id: tgt',
      '    as-req: { client: alise, forwardabel: true }',
      '  - s4u2proxy: { service: web01$, evidence: tgt, target: cifs/fs01 }',
      '  - tgs-req: { client: alice, service: http/web01 }',
      '    expect: { flags: { forwardible: true } }',
      '  - s4u2self: { service: web01$, user: alice }',
      '    as-req: { client: alice }',
      '  - tgs-req: { tgt: later, service: x/y }',
      '  - id: later',
      '    as-req: { client: CORPX\\alice }',
      '',
    ].join('\n');
    expect(problems(text)).toEqual(
      [
        'wrong-type@1:17',
        'invalid-value@3:18',
        'unknown-account@3:34',
        'unknown-key@4:13',
        'invalid-sddl@4:108',
        'unknown-key@7:30',
        'unknown-account@7:23',
        'wrong-ticket-kind@8:45',
        'unknown-key@10:24',
        'invalid-value@11:5',
        'forward-reference@13:21',
        'unknown-domain@15:23',
      ].sort(byPosition),
    );
  });
});

function byPosition(a: string, b: string): number {
  const pos = (s: string): number[] => (s.split('@')[1] ?? '').split(':').map(Number);
  const [al = 0, ac = 0] = pos(a);
  const [bl = 0, bc = 0] = pos(b);
  return al - bl || ac - bc;
}
