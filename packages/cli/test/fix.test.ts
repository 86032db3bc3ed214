import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './support.js';

// `doublehop fix FILE --flow NAME`: the ranked, proven fixes of @doublehop/delegation's proposeFixes, as a user
// runs the command — on the bundled PowerShell remoting example (its second hop fails: FS01's RBCD grant lets
// SRV03 in, not SRV01) and on small models written here.
const remoting = 'examples/estates/powershell-remoting.yaml';
const files = {
  [remoting]: readFileSync(new URL(`../../../${remoting}`, import.meta.url), 'utf8'),
  'sensitive.yaml': [
    'accounts:',
    '  alice: {}',
    '  admin: { accountNotDelegated: true }',
    '  svc-web: { servicePrincipalNames: [HTTP/web01.corp.example], allowedToDelegateTo: [MSSQLSvc/sql01.corp.example:1433] }',
    '  svc-sql: { servicePrincipalNames: [MSSQLSvc/sql01.corp.example:1433] }',
    'machines: { WS01: { role: workstation }, WEB01: {}, SQL01: {} }',
    'services:',
    '  web: { machine: WEB01, runsAs: CORP\\svc-web, endpoint: { serviceClass: HTTP, host: web01.corp.example }, authentication: [negotiate], calls: [{ service: sql }] }',
    '  sql: { machine: SQL01, runsAs: CORP\\svc-sql, endpoint: { serviceClass: MSSQLSvc, host: sql01.corp.example, port: 1433 }, authentication: [negotiate] }',
    'flows:',
    '  report: { user: alice, start: { machine: WS01 }, path: [web, sql] }',
    '  admin-report: { user: admin, start: { machine: WS01 }, path: [web, sql] }',
    '',
  ].join('\n'),
  'broken.yaml': 'machines: { WS01: { role: workstaton } }\n',
};

describe('doublehop fix', () => {
  it('prints the ranked fixes with their commands, exposure and proof; exit 0 when one is proven', () => {
    const r = run(['fix', remoting, '--flow', 'second-hop'], files);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `${remoting}: flow second-hop: CORP\\alice stops at hop 2 (files): rbcd-not-allowed — 4 proven fixes`,
    );
    expect(lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      '1. rbcd (proven)',
      '2. kcd (proven)',
      '3. credssp (proven)',
      '4. unconstrained (proven)',
    ]);
    expect(lines).toContain(
      '     Set-ADComputer -Identity FS01 -PrincipalsAllowedToDelegateToAccount (Get-ADComputer -Identity SRV03),(Get-ADComputer -Identity SRV01)',
    );
    expect(lines).toContain(
      '   exposure: +3 (actor, user, SPN); CORP\\SRV01$ could act as 1 user at CORP\\FS01$; through service-name substitution also HOST/FS01, HOST/fs01.corp.example',
    );
    expect(lines).toContain(
      '   proof: the flow reaches files as CORP\\alice at Impersonation (logon-session → rbcd)',
    );
  });

  it('--format json: the proposals for tools, stable bytes', () => {
    const r = run(['fix', remoting, '--flow', 'second-hop', '--format', 'json'], files);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      format: 'doublehop-fix-report',
      version: 1,
      file: remoting,
      flow: 'second-hop',
      reached: false,
      exitCode: 0,
      whyNot: { hop: 2, reason: 'rbcd-not-allowed' },
    });
    expect(report.fixes.map((f: { kind: string; proven: boolean }) => `${f.kind} ${f.proven}`)).toEqual([
      'rbcd true',
      'kcd true',
      'credssp true',
      'unconstrained true',
    ]);
    expect(report.fixes[0].change).toEqual([
      {
        account: 'CORP\\FS01$',
        attribute: 'principalsAllowedToDelegateToAccount',
        op: 'add',
        value: 'CORP\\SRV01$',
      },
    ]);
    expect(run(['fix', remoting, '--flow', 'second-hop', '--format', 'json'], files).stdout).toBe(r.stdout);
  });

  it('--format md: a table of the fixes, each with a ```powershell block and its exposure', () => {
    const r = run(['fix', remoting, '--flow', 'second-hop', '--format', 'md'], files);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Fixes for flow `second-hop`\n/);
    expect(r.stdout).toContain('| rank | kind ');
    expect(r.stdout).toContain(
      "```powershell\nSet-ADAccountControl -Identity 'SRV01$' -TrustedToAuthForDelegation $false\n",
    );
    expect(r.stdout).toContain('## 1. `rbcd` — proven');
  });

  it('exit 1 when no fix is proven: a sensitive user is not fixable by configuration', () => {
    const r = run(['fix', 'sensitive.yaml', '--flow', 'admin-report'], files);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1. not-fixable (not proven): not fixable by configuration: CORP\\admin');
  });

  it('exit 0 when the flow already reaches', () => {
    const r = run(['fix', 'sensitive.yaml', '--flow', 'report'], files);
    expect([r.code, r.stdout]).toEqual([
      0,
      'sensitive.yaml: flow report: CORP\\alice already reaches sql — nothing to fix\n',
    ]);
  });

  it('exit 2 for an invalid file, an unknown flow, or a usage error', () => {
    expect(run(['fix', 'broken.yaml', '--flow', 'x'], files).code).toBe(2);
    const unknown = run(['fix', 'sensitive.yaml', '--flow', 'reprt'], files);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "report"?');
    expect(run(['fix', 'sensitive.yaml'], files).stderr).toContain('fix: which flow?');
    expect(run(['fix'], files).code).toBe(2);
    expect(run(['fix', 'a.yaml', 'b.yaml', '--flow', 'x'], files).code).toBe(2);
    expect(run(['fix', 'sensitive.yaml', '--flow', 'report', '--format', 'xml'], files).code).toBe(2);
  });

  it('docs/fixes.md shows what the command prints', () => {
    const doc = readFileSync(new URL('../../../docs/fixes.md', import.meta.url), 'utf8');
    const marker = doc.indexOf(`<!-- doublehop fix ${remoting} --flow second-hop`);
    const block = /```text\n([\s\S]*?)```/.exec(doc.slice(marker));
    expect(marker).toBeGreaterThan(0);
    expect(block?.[1]).toBe(run(['fix', remoting, '--flow', 'second-hop'], files).stdout);
  });

  it('--help describes the command and its exit status', () => {
    const r = run(['fix', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'doublehop fix — propose the least-privilege changes that make a failing flow reach, each proven',
    );
    expect(r.stdout).toContain('Usage: doublehop fix FILE --flow NAME [--format text|json|md]');
    expect(r.stdout).toContain('Exit status: 0 the flow already reaches, or at least one fix is proven');
  });
});
