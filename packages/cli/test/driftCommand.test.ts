import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOnDisk } from './support.js';

const EXAMPLE = new URL('../../../examples/imported/', import.meta.url).pathname;

const run = runOnDisk;

/** The example's collection, copied, with `edit` applied to the users file's objects. */
function liveCollection(
  edit: (user: Record<string, unknown> & { Properties: Record<string, unknown> }) => void,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'doublehop-drift-'));
  cpSync(`${EXAMPLE}sharphound`, dir, { recursive: true });
  const file = join(dir, '20261208090000_users.json');
  const users = JSON.parse(readFileSync(file, 'utf8'));
  for (const u of users.data) edit(u);
  writeFileSync(file, JSON.stringify(users));
  return dir;
}

describe('doublehop drift', () => {
  it('no drift: the model over the directory imported from the same collection (exit 0)', () => {
    const r = run(['drift', `${EXAMPLE}estate.yaml`, '--against', `${EXAMPLE}sharphound`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('summary: 0 facts drifted, 0 flows and 0 assertions changed, 0 new findings');
  });

  it('a fact that changed in the live directory, and the verdicts it changes (exit 1)', () => {
    // bob is no longer "sensitive and cannot be delegated", and svc-sql lost its constrained delegation.
    const live = liveCollection((u) => {
      if (u.Properties['samaccountname'] === 'bob') u.Properties['sensitive'] = false;
      if (u.Properties['samaccountname'] === 'svc-sql') delete u.Properties['allowedtodelegate'];
    });
    const r = run(['drift', `${EXAMPLE}estate.yaml`, '--against', live]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ CORP\\bob\s+accountNotDelegated: intended true; live false/);
    expect(r.stdout).toMatch(
      /✗ CORP\\svc-sql\s+allowedToDelegateTo: intended cifs\/fs01\.corp\.example; live none/,
    );
    expect(r.stdout).toContain(
      '✗ flow alice-report: intended reaches files as CORP\\alice at Impersonation; live stops at hop 3 (files): delegation-not-configured',
    );
    const json = JSON.parse(
      run(['drift', `${EXAMPLE}estate.yaml`, '--against', live, '--format', 'json']).stdout,
    );
    expect(json).toMatchObject({ format: 'doublehop-drift-report', version: 1, exitCode: 1 });
    expect(json.facts).toHaveLength(2);
    expect(json.assertions.map((a: { index: number; live: boolean }) => [a.index, a.live])).toEqual([
      [0, false],
      [1, false],
      [3, false],
    ]);
    const junit = run(['drift', `${EXAMPLE}estate.yaml`, '--against', live, '--format', 'junit']).stdout;
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toContain('type="fact">intended true; live false</failure>');
  });

  it('an account the model needs that the live directory lacks: the fact, and why its flows cannot run', () => {
    const live = liveCollection((u) => {
      if (u.Properties['samaccountname'] === 'svc-web') u.Properties['samaccountname'] = 'svc-web-old';
    });
    const r = run(['drift', `${EXAMPLE}estate.yaml`, '--against', live]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ CORP\\svc-web\s+account: intended present; live absent/);
    expect(r.stdout).toContain("✗ the model's flows cannot run on the live directory");
  });

  it('against the collector’s export: the RBCD descriptor’s deny ACE shows, and the flow it refuses', () => {
    const fixture = new URL('fixtures/ad-export.json', import.meta.url).pathname;
    const r = run(['drift', `${EXAMPLE}estate.yaml`, '--against', fixture]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✗ CORP\\FS01\$\s+RBCD principals \(msDS-AllowedToActOnBehalfOfOtherIdentity\): intended none; live CORP\\WEB01\$, CORP\\svc-sql, CORP\\svc-sql \(denied\)/,
    );
    expect(r.stdout).toContain('live stops at hop 3 (files): rbcd-not-allowed');
  });

  it('docs/import.md shows what the command prints', () => {
    const root = new URL('../../../', import.meta.url).pathname;
    const doc = readFileSync(`${root}docs/import.md`, 'utf8');
    const shown = /```sh\npnpm doublehop drift (\S+) --against (\S+)\n```\n\n```text\n([\s\S]*?)```/.exec(
      doc,
    );
    expect(shown).not.toBeNull();
    const [, model, against, output] = shown as unknown as [string, string, string, string];
    const cwd = process.cwd();
    process.chdir(root);
    try {
      expect(run(['drift', model, '--against', against]).stdout).toBe(output);
    } finally {
      process.chdir(cwd);
    }
  });

  it('bad input: exit 2, the source named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doublehop-drift-'));
    writeFileSync(join(dir, 'x.json'), '{"not": "sharphound"}');
    const r = run(['drift', `${EXAMPLE}estate.yaml`, '--against', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[unknown-format]');
    expect(run(['drift', `${EXAMPLE}estate.yaml`]).code).toBe(2);
  });
});
