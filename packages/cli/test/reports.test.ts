import { asExchange, createKdc, type ExplanationStep, type KdcError } from '@doublehop/delegation';
import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { styles } from '../src/cli/style.js';
import type { FileResult } from '../src/report/fileResult.js';
import { scenarioJsonReport } from '../src/report/scenarioJsonReport.js';
import { scenarioTextReport } from '../src/report/scenarioTextReport.js';
import type { StepOutcome } from '../src/scenario/runScenario.js';

// The report formats, on a fixed replay: a real TGT from the KDC model, and explanations written here so the
// expected text does not depend on the wording of the KDC's rules.
const kdc = createKdc(
  directory({
    domains: [{ dnsName: 'corp.example' }],
    accounts: [{ kind: 'user', samAccountName: 'alice' }],
  }),
);
const tgt = asExchange(kdc, { client: 'alice' });
if (!tgt.ok) throw new Error('no TGT');
const rule = (
  r: ExplanationStep['rule'],
  outcome: ExplanationStep['outcome'],
  detail: string,
): ExplanationStep => ({
  rule: r,
  source: 'MS-TEST 1.2',
  outcome,
  detail,
});
const refusal: KdcError = {
  code: 'KDC_ERR_BADOPTION',
  krb: 13,
  ntstatus: 'STATUS_NO_MATCH',
  rule: 's4u2proxy.kcd-target-not-allowed',
  source: 'MS-TEST 3.4',
  message: 'cifs/fs02 is not allowed',
  explanation: [rule('s4u2proxy.kcd-target-not-allowed', 'refused', 'cifs/fs02 is not allowed')],
};
const base = { description: null, delegation: null, notRun: null };
const steps: StepOutcome[] = [
  {
    ...base,
    index: 1,
    id: 'tgt',
    kind: 'as-req',
    line: 4,
    request: { client: 'CORP\\alice', forwardable: true },
    summary: 'CORP\\alice asks for a forwardable TGT',
    status: 'ok',
    error: null,
    ticket: tgt.value.ticket,
    flags: { ...kdcFlags() },
    expect: { ok: true, error: null, delegated: null, flags: { forwardable: true } },
    held: true,
    mismatches: [],
    explanation: [
      rule('as.tgt-flags', 'applied', 'a TGT'),
      rule('kile.forwardable-granted', 'passed', 'granted'),
    ],
  },
  {
    ...base,
    index: 2,
    id: null,
    kind: 's4u2proxy',
    line: 6,
    description: 'Not listed.',
    request: { service: 'CORP\\web01$', evidence: 'a fresh TGT', target: 'cifs/fs02', rbcd: false, tgt: 'x' },
    summary: 'CORP\\web01$ asks for a ticket to cifs/fs02',
    status: 'refused',
    error: refusal,
    ticket: null,
    flags: null,
    expect: { ok: true, error: null, delegated: null, flags: {} },
    held: false,
    mismatches: ['expected success, got KDC_ERR_BADOPTION'],
    explanation: refusal.explanation,
  },
  {
    ...base,
    index: 3,
    id: 'next',
    kind: 'tgs-req',
    line: 9,
    request: { tgt: 'the TGT of step 2', service: 'a/b' },
    summary: 'with the TGT of step 2, asks for a ticket to a/b',
    status: 'not-run',
    notRun: 'the TGT of step 2 obtained no ticket',
    error: null,
    ticket: null,
    flags: null,
    expect: null,
    held: null,
    mismatches: [],
    explanation: [],
  },
];
const results: FileResult[] = [
  { valid: true, file: 'one.yaml', run: { file: 'one.yaml', patched: false, steps, held: false } },
  {
    valid: false,
    file: 'two.yaml',
    diagnostics: [
      {
        code: 'unknown-key',
        file: 'two.yaml',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 6,
        offset: 0,
        length: 5,
        path: 'stepz',
        message: 'unknown key "stepz" in the scenario',
        found: '"stepz"',
        expected: 'one of kdc, domains, trusts, accounts or steps',
        hint: 'did you mean "steps"?',
      },
    ],
  },
];

function kdcFlags() {
  return {
    forwardable: true,
    forwarded: false,
    proxiable: false,
    proxy: false,
    renewable: true,
    initial: true,
    preAuthent: true,
    okAsDelegate: false,
    nameCanonicalize: true,
  };
}

describe('the text report', () => {
  it('prints one aligned block per step, the outcome, the expectation and the rules, then a summary', () => {
    expect(scenarioTextReport(results, styles(false))).toBe(
      [
        'one.yaml (KDC unpatched)',
        '  ✓ 1 tgt  as-req     CORP\\alice asks for a forwardable TGT',
        '           → ok: TGT krbtgt/CORP.EXAMPLE for alice@CORP.EXAMPLE [FORWARDABLE RENEWABLE INITIAL PRE-AUTHENT NAME-CANONICALIZE]',
        '           expect ok, forwardable: true → held',
        '             applied as.tgt-flags              a TGT [MS-TEST 1.2]',
        '             passed  kile.forwardable-granted  granted [MS-TEST 1.2]',
        '',
        '  ✗ 2      s4u2proxy  CORP\\web01$ asks for a ticket to cifs/fs02',
        '           Not listed.',
        '           → KDC_ERR_BADOPTION (13, STATUS_NO_MATCH): cifs/fs02 is not allowed',
        '           expect ok → FAILED: expected success, got KDC_ERR_BADOPTION',
        '             refused s4u2proxy.kcd-target-not-allowed  cifs/fs02 is not allowed [MS-TEST 1.2]',
        '',
        '  • 3 next tgs-req    with the TGT of step 2, asks for a ticket to a/b',
        '           → not run: the TGT of step 2 obtained no ticket',
        '  3 steps: 1 held, 1 failed',
        '',
        'summary: 2 files (1 invalid), 3 steps, 1 held, 1 failed, 1 without expectation',
        '',
      ].join('\n'),
    );
  });

  it('colors only through the style it is given', () => {
    const colored = scenarioTextReport(results, styles(true));
    expect(colored).toContain('\u001b[32m✓\u001b[39m');
    expect(colored).toContain('\u001b[31m✗\u001b[39m');
    expect(colored.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      scenarioTextReport(results, styles(false)),
    );
  });
});

describe('the JSON report', () => {
  it('has sorted keys, a version, the exit code and the summary, every step, and invalid files with their diagnostics', () => {
    const json = scenarioJsonReport(results);
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['exitCode', 'files', 'format', 'summary', 'version']);
    expect(parsed.summary).toEqual({ files: 2, invalid: 1, steps: 3, held: 1, failed: 1, unchecked: 1 });
    expect(parsed.exitCode).toBe(2);
    expect(parsed.files[1]).toEqual({
      file: 'two.yaml',
      valid: false,
      diagnostics: [results[1]?.valid === false && results[1].diagnostics[0]],
    });
    expect(json.split('\n').slice(0, 8).join('\n')).toBe(
      [
        '{',
        '  "exitCode": 2,',
        '  "files": [',
        '    {',
        '      "file": "one.yaml",',
        '      "held": false,',
        '      "kdc": {',
        '        "patched": false',
      ].join('\n'),
    );
    expect(parsed.files[0].steps[1]).toEqual({
      delegated: null,
      delegationReason: null,
      description: 'Not listed.',
      error: 'KDC_ERR_BADOPTION',
      expect: { delegated: null, error: null, flags: {}, ok: true },
      explanation: [
        {
          detail: 'cifs/fs02 is not allowed',
          outcome: 'refused',
          rule: 's4u2proxy.kcd-target-not-allowed',
          source: 'MS-TEST 1.2',
        },
      ],
      flags: null,
      held: false,
      id: null,
      index: 2,
      kind: 's4u2proxy',
      krb: 13,
      line: 6,
      message: 'cifs/fs02 is not allowed',
      mismatches: ['expected success, got KDC_ERR_BADOPTION'],
      ntstatus: 'STATUS_NO_MATCH',
      ok: false,
      request: {
        evidence: 'a fresh TGT',
        rbcd: false,
        service: 'CORP\\web01$',
        target: 'cifs/fs02',
        tgt: 'x',
      },
      status: 'refused',
      ticket: null,
    });
    expect(parsed.files[0].steps[0].ticket).toEqual({
      assertedIdentity: 'S-1-18-1',
      client: 'alice@CORP.EXAMPLE',
      flagNames: ['FORWARDABLE', 'RENEWABLE', 'INITIAL', 'PRE-AUTHENT', 'NAME-CANONICALIZE'],
      kind: 'tgt',
      notDelegated: false,
      origin: 'as-req',
      s4u2proxyTarget: null,
      server: 'krbtgt/CORP.EXAMPLE@CORP.EXAMPLE',
      serverAccount: 'krbtgt',
      signed: false,
      transitedServices: [],
    });
  });

  it('round-trips through JSON.parse and JSON.stringify unchanged', () => {
    const json = scenarioJsonReport(results);
    expect(`${JSON.stringify(JSON.parse(json), null, 2)}\n`).toBe(json);
  });
});
