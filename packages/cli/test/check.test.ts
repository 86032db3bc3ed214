import { describe, expect, it } from 'vitest';
import { run } from './support.js';

// `doublehop check`, in-process with an in-memory file system: exit codes, and every output format on a
// small estate (a web site with KCD to a file server) as explicit strings.
const ESTATE = [
  'accounts:', //                                                                                           1
  '  alice: {}', //                                                                                         2
  '  svc-web: { servicePrincipalNames: [HTTP/web01.corp.example], allowedToDelegateTo: [cifs/fs01.corp.example] }',
  'machines: { WS01: { role: workstation }, WEB01: {}, FS01: {} }', //                                     4
  'services:', //                                                                                           5
  '  web: { machine: WEB01, runsAs: svc-web, endpoint: { serviceClass: HTTP, host: web01.corp.example }, authentication: [negotiate], calls: [{ service: files }] }',
  '  files: { machine: FS01, runsAs: LocalSystem, endpoint: { serviceClass: cifs, host: fs01.corp.example }, authentication: [negotiate] }',
  'flows:', //                                                                                              8
  '  share: { user: alice, start: { machine: WS01 }, path: [web, files] }', //                              9
  'assertions:', //                                                                                        10
  '  - reaches: { flow: share, service: files }', //                                                       11
].join('\n');
const HELD = `${ESTATE}\n`;
const FAILS = `${ESTATE}\n  - refused: { flow: share, hop: 2, reason: spn-missing }\n`;
// The same estate with "use any authentication protocol" nobody needs: a lint warning.
const WARNS = HELD.replace('allowedToDelegateTo:', 'trustedToAuthForDelegation: true, allowedToDelegateTo:');
const EXPECTS_WARNING = `${WARNS}  - lint: { rule: protocol-transition-not-needed, subject: CORP\\svc-web }\n`;
const INVALID = HELD.replace('path: [web, files]', 'path: [web, filez]').replace('WS01 }', 'WS1 }');

describe('doublehop check: exit codes', () => {
  it('0 when every assertion held, 1 when one failed, 2 when a file is invalid (2 wins, all files reported)', () => {
    expect(run(['check', 'held.yaml'], { 'held.yaml': HELD }).code).toBe(0);
    expect(run(['check', 'fails.yaml'], { 'fails.yaml': FAILS }).code).toBe(1);
    expect(run(['check', 'bad.yaml'], { 'bad.yaml': INVALID }).code).toBe(2);
    const all = run(['check', 'held.yaml', 'fails.yaml', 'bad.yaml'], {
      'held.yaml': HELD,
      'fails.yaml': FAILS,
      'bad.yaml': INVALID,
    });
    expect(all.code).toBe(2);
    expect(all.stdout).toContain('held.yaml\n');
    expect(all.stdout).toContain('fails.yaml\n');
    expect(all.stdout).toContain(
      'summary: 3 files (1 invalid), 3 assertions (2 held, 1 failed), no lint findings\n',
    );
  });

  it('a warning fails only with --fail-on-warn, and not when a lint assertion expects it', () => {
    expect(run(['check', 'w.yaml'], { 'w.yaml': WARNS }).code).toBe(0);
    expect(run(['check', 'w.yaml', '--fail-on-warn'], { 'w.yaml': WARNS }).code).toBe(1);
    expect(run(['check', 'w.yaml', '--fail-on-warn'], { 'w.yaml': EXPECTS_WARNING }).code).toBe(0);
  });

  it('reports every problem of an invalid file on stderr with file:line:column and a caret', () => {
    const r = run(['check', 'bad.yaml'], { 'bad.yaml': INVALID });
    expect(r.stderr).toBe(
      [
        'error[unknown-machine]: unknown machine "WS1"',
        ' --> bad.yaml:9:43',
        '  |',
        '9 |   share: { user: alice, start: { machine: WS1 }, path: [web, filez] }',
        '  |                                           ^^^ "WS1"',
        '  |',
        '  = expected: one of "FS01", "WEB01" or "WS01"',
        '  = help: did you mean "WS01"?',
        '',
        'error[unknown-service]: unknown service "filez"',
        ' --> bad.yaml:9:62',
        '  |',
        '9 |   share: { user: alice, start: { machine: WS1 }, path: [web, filez] }',
        '  |                                                              ^^^^^ "filez"',
        '  |',
        '  = expected: one of "files" or "web"',
        '  = help: did you mean "files"?',
        '',
        'error: bad.yaml is not a valid model (2 problems)',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toBe('summary: 1 file (1 invalid), 0 assertions (0 held, 0 failed), no lint findings\n');
  });

  it('usage errors are exit 2', () => {
    expect(run(['check']).stderr).toContain('error: check: no file given');
    expect(run(['check', 'x.yaml', '--format', 'xml']).stderr).toContain(
      'check: --format must be text or json or junit, not "xml"',
    );
    expect(run(['check', 'x.yaml', '--fail-on-wrn']).stderr).toContain('did you mean --fail-on-warn?');
    expect(run(['chekc', 'x.yaml']).stderr).toContain('help: did you mean "check"?'); // a transposition is one edit
  });
});

describe('doublehop check: formats', () => {
  const files = { 'fails.yaml': FAILS, 'w.yaml': EXPECTS_WARNING };

  it('text: grouped by file, aligned, the failure explained; colored only on a terminal', () => {
    const r = run(['check', 'fails.yaml', 'w.yaml'], files);
    expect(r.stdout).toBe(
      [
        'fails.yaml',
        '  ✓ 11 reaches  share → files as the user, at least Impersonation',
        '                share reaches files as CORP\\alice at Impersonation or higher: CORP\\alice at Impersonation',
        '  ✗ 12 refused  share refused at hop 2: spn-missing',
        '                expected share to stop at hop 2 (spn-missing); it reaches every service',
        '  2 assertions: 1 held, 1 failed; no lint findings',
        '',
        'w.yaml',
        '  ✓ 11 reaches  share → files as the user, at least Impersonation',
        '                share reaches files as CORP\\alice at Impersonation or higher: CORP\\alice at Impersonation',
        '  ✓ 12 lint     protocol-transition-not-needed CORP\\svc-web present',
        '                protocol-transition-not-needed about CORP\\svc-web: 1 finding, as expected',
        '  lint',
        '  ✓ warning  protocol-transition-not-needed  CORP\\svc-web  CORP\\svc-web may use any authentication protocol (TRUSTED_TO_AUTH_FOR_DELEGATION), but none of its services (web) transitions protocols: Kerberos-only constrained delegation suffices (expected by an assertion)',
        '  2 assertions: 2 held, 0 failed; 1 lint finding (1 warning; 1 expected)',
        '',
        'summary: 2 files, 4 assertions (3 held, 1 failed), 1 lint finding (1 warning; 1 expected)',
        '',
      ].join('\n'),
    );
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[`);
    expect(run(['check', 'fails.yaml'], files, { tty: true }).stdout).toMatch(ansi);
    expect(run(['check', 'fails.yaml'], files, { tty: true, env: { NO_COLOR: '1' } }).stdout).not.toMatch(
      ansi,
    );
  });

  it('json: documented keys, sorted, stable', () => {
    const r = run(['check', 'fails.yaml', '--format', 'json'], files);
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'doublehop-check-report',
      version: 1,
      exitCode: 1,
      failOnWarn: false,
      summary: {
        files: 1,
        invalid: 0,
        assertions: 2,
        held: 1,
        failed: 1,
        errors: 0,
        warnings: 0,
        expected: 0,
        failing: 0,
      },
      files: [
        {
          file: 'fails.yaml',
          valid: true,
          held: false,
          assertions: [
            {
              line: 11,
              index: 0,
              kind: 'reaches',
              assertion: { reaches: { flow: 'share', service: 'files' } },
              held: true,
              message:
                'share reaches files as CORP\\alice at Impersonation or higher: CORP\\alice at Impersonation',
            },
            {
              line: 12,
              index: 1,
              kind: 'refused',
              assertion: { refused: { flow: 'share', hop: 2, reason: 'spn-missing' } },
              held: false,
              message: 'expected share to stop at hop 2 (spn-missing); it reaches every service',
            },
          ],
          lints: [],
        },
      ],
    });
    // Keys are sorted at every level, so the bytes never depend on the order the report was built in.
    expect(r.stdout.startsWith('{\n  "exitCode": 1,\n  "failOnWarn": false,\n  "files": [\n')).toBe(true);
  });

  it('junit: a test case per assertion and per lint finding; failures for what fails the check', () => {
    const r = run(['check', 'fails.yaml', 'w.yaml', '--format', 'junit', '--fail-on-warn'], {
      'fails.yaml': FAILS,
      'w.yaml': WARNS,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="doublehop check" tests="4" failures="2" errors="0">',
        '  <testsuite name="fails.yaml" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase name="assertion 1 (line 11): share → files as the user, at least Impersonation" classname="fails.yaml.assertions"/>',
        '    <testcase name="assertion 2 (line 12): share refused at hop 2: spn-missing" classname="fails.yaml.assertions">',
        '      <failure message="expected share to stop at hop 2 (spn-missing); it reaches every service" type="refused">fails.yaml:12: expected share to stop at hop 2 (spn-missing); it reaches every service</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="w.yaml" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase name="assertion 1 (line 11): share → files as the user, at least Impersonation" classname="w.yaml.assertions"/>',
        '    <testcase name="lint protocol-transition-not-needed: CORP\\svc-web" classname="w.yaml.lints">',
        '      <failure message="warning: CORP\\svc-web may use any authentication protocol (TRUSTED_TO_AUTH_FOR_DELEGATION), but none of its services (web) transitions protocols: Kerberos-only constrained delegation suffices" type="protocol-transition-not-needed">warning protocol-transition-not-needed CORP\\svc-web: CORP\\svc-web may use any authentication protocol (TRUSTED_TO_AUTH_FOR_DELEGATION), but none of its services (web) transitions protocols: Kerberos-only constrained delegation suffices',
        'source: MS-SFU 3.2.5.1.2; Samba s4u_tests (test_s4u2self_*)',
        'related: web</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    const invalid = run(['check', 'bad.yaml', '--format', 'junit'], { 'bad.yaml': INVALID });
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).toContain(
      '<error message="bad.yaml is not a valid model (2 problems): bad.yaml:9:43 unknown machine &quot;WS1&quot;" type="unknown-machine">',
    );
  });

  it('is byte-identical for identical input, in every format', () => {
    for (const format of ['text', 'json', 'junit']) {
      const argv = ['check', 'fails.yaml', 'w.yaml', '--format', format];
      expect(run(argv, files).stdout).toBe(run(argv, files).stdout);
    }
  });
});
