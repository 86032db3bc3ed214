import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './support.js';

// `doublehop fix FILE --flow NAME`: the ranked, proven fixes of @doublehop/delegation's proposeFixes, as a user
// runs the command — on the bundled PowerShell remoting example (its second hop fails: FS01's RBCD grant lets
// SRV03 in, not SRV01) and on small models written here.
const remoting = 'examples/estates/powershell-remoting.yaml';
const crossForest = 'examples/estates/cross-forest.yaml';
const billy = 'examples/estates/file-server-billy.yaml';
const example = (path: string): string => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const files = {
  [remoting]: example(remoting),
  [crossForest]: example(crossForest),
  [billy]: example(billy),
  // The expenses site of examples/estates/forms-protocol-transition.yaml, moved into an application pool: its
  // KERB_S4U_LOGON token is an Identification token without SeTcbPrivilege.
  'claims-pool.yaml': example('examples/estates/forms-protocol-transition.yaml').replace(
    'runsAs: LocalSystem\n    endpoint: { serviceClass: HTTP, host: expenses.corp.example }',
    'runsAs: IIS AppPool\\Claims\n    endpoint: { serviceClass: HTTP, host: expenses.corp.example }',
  ),
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
    // The HOST/ SPNs stand for the sPNMappings classes: the exposure names them.
    const exposure = lines.find((l) => l.startsWith('   exposure: +3 '));
    expect(exposure).toMatch(
      /^ {3}exposure: \+3 \(actor, user, SPN\); CORP\\SRV01\$ could act as 1 user at CORP\\FS01\$; through service-name substitution also HOST\/FS01, HOST\/fs01\.corp\.example; the HOST\/ SPNs of CORP\\FS01\$ also stand for 53 service classes \(sPNMappings\): cifs, http, rpcss, schedule, msdtc, 48 more$/,
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

  it('across a forest trust: RBCD and KCD first, TGT delegation on the trust after them, with its netdom command', () => {
    const r = run(['fix', crossForest, '--flow', 'paul-catalog'], files);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.slice(0, l.indexOf(':')))).toEqual([
      '1. rbcd (proven)',
      '2. kcd (proven)',
      '3. trust-tgt-delegation (proven)',
    ]);
    expect(lines).toContain(
      '     netdom trust corp.example /domain:partner.example /EnableTGTDelegation:Yes  # by an administrator of partner.example',
    );
    expect(lines).toContain(
      '   exposure: +1 (actor, user, SPN); CORP\\svc-catalog could act as 1 user at CORP\\svc-sql',
    );
  });

  it('SeTcbPrivilege: the exposure says the machine is handed over', () => {
    const r = run(['fix', 'claims-pool.yaml', '--flow', 'expenses'], files);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'claims-pool.yaml: flow expenses: CORP\\alice stops at hop 2 (sql): s4u-identification-token — 1 proven fix',
    );
    expect(lines[2]).toMatch(
      /^1\. tcb-privilege \(proven\): grant SeTcbPrivilege \("Act as part of the operating system"\) to IIS APPPOOL\\Claims on WEB01/,
    );
    expect(lines.find((l) => l.startsWith('   exposure:'))).toMatch(
      /^ {3}exposure: hands over WEB01 \(IIS APPPOOL\\Claims\): SeTcbPrivilege creates a token for any user, so the machine and its keys are the holder's; \+\d+ \(actor, user, SPN\); IIS APPPOOL\\Claims could act as \d+ users? at CORP\\WEB01\$/,
    );
    const md = run(['fix', 'claims-pool.yaml', '--flow', 'expenses', '--format', 'md'], files).stdout;
    expect(md).toContain('| `IIS APPPOOL\\Claims` | `operating-system` | `CORP\\WEB01$` |');
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

  it("--at-least: a flow reaching its last service only at Identification stops there for the level's reason", () => {
    // identify-only asks the file server for Identification, and the file's reaches assertion wants no more.
    expect(run(['fix', billy, '--flow', 'identify-only'], files).stdout).toContain('already reaches');
    const r = run(['fix', billy, '--flow', 'identify-only', '--at-least', 'Impersonation'], files);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `${billy}: flow identify-only: WTIP\\Billy stops at hop 1 (server-service): client-requested-identify — 1 proven fix`,
    );
    expect(lines[2]).toMatch(
      /^1\. impersonation-request \(proven\): have WTIP\\Billy's client on WTIPCLIENT ask/,
    );
    const bad = run(['fix', billy, '--flow', 'identify-only', '--at-least', 'Impersonate'], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--at-least must be Identification or Impersonation or Delegation');
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
    expect(r.stdout).toContain(
      'Usage: doublehop fix FILE --flow NAME [--at-least LEVEL] [--format text|json|md]',
    );
    expect(r.stdout).toContain('Exit status: 0 the flow already reaches, or at least one fix is proven');
  });
});
