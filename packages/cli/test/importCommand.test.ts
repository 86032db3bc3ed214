import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runOnDisk } from './support.js';

const DATA = new URL('../../../../shared/data/bloodhound/', import.meta.url);
const CE_ZIP = new URL('specterops-ce-sample/ad_example_data.zip', DATA).pathname;
const V6_DIR = new URL('specterops-fixtures/v6-ingest', DATA).pathname;

const run = runOnDisk;

const scratch = () => mkdtempSync(join(tmpdir(), 'doublehop-import-'));

describe('doublehop import', () => {
  it('writes the model to -o, counts on stderr, and the model checks', () => {
    const dir = scratch();
    const out = join(dir, 'directory.yaml');
    const r = run(['import', CE_ZIP, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /doublehop import: 5 domains, 3 trusts, 88 users, 33 computers, 8 gMSAs, 120 groups, \d+ warnings from 12 files \(19 skipped\) → .*directory\.yaml\n$/,
    );
    expect(r.stderr).toContain('warning[count-mismatch]: meta.count is 20 but data holds 21 objects');
    const check = run(['check', out, '--format', 'json']);
    expect(JSON.parse(check.stdout).summary.invalid).toBe(0);
  });

  it('prints only the model on stdout (warnings go to stderr), the same bytes every time, YAML or JSON', () => {
    const a = run(['import', V6_DIR]);
    const b = run(['import', V6_DIR]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(parse(a.stdout).accounts['TESTLAB\\UCCOMP$']).toMatchObject({
      rid: 2120,
      trustedForDelegation: true,
    });
    expect(a.stderr).toContain('warning[delegation-without-spns]');
    const json = run(['import', V6_DIR, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(parse(a.stdout));
  });

  it('through the real binary, redirected to a file: the file is the model alone', () => {
    const dir = scratch();
    const bin = new URL('../dist/bin/doublehop.js', import.meta.url).pathname;
    const stdout = execFileSync(process.execPath, [bin, 'import', V6_DIR], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    writeFileSync(join(dir, 'm.yaml'), stdout);
    expect(run(['check', join(dir, 'm.yaml')]).code).toBe(0);
  });

  it('a model file over the imported directory: flows of real accounts and machines; problems shown in their own file', () => {
    const dir = scratch();
    expect(run(['import', CE_ZIP, '-o', join(dir, 'directory.yaml')]).code).toBe(0);
    const estate = [
      'directory: directory.yaml',
      'services:',
      '  files:',
      '    machine: JONAS-TEST-MS01',
      '    runsAs: LocalSystem',
      '    endpoint: { serviceClass: cifs, host: jonas-test-ms01.phantom.corp }',
      '    authentication: [negotiate]',
      'flows:',
      '  share: { user: PHANTOM\\andy, start: { machine: ALICE-LAPTOP }, path: [files] }',
      'assertions:',
      '  - reaches: { flow: share, service: files }',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'estate.yaml'), estate);
    const check = run(['check', join(dir, 'estate.yaml'), '--format', 'json']);
    const report = JSON.parse(check.stdout);
    expect(report.files[0].assertions.map((a: { held: boolean }) => a.held)).toEqual([true]);
    const explain = run(['explain', join(dir, 'estate.yaml'), '--flow', 'share']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('PHANTOM\\andy');
    // A broken directory: the problem is shown with the line of the directory file it is on.
    const text = readFileSync(join(dir, 'directory.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.startsWith('  PHANTOM\\SubDAs:')) + 1;
    writeFileSync(
      join(dir, 'directory.yaml'),
      text.replace('  PHANTOM\\SubDAs:\n    kind: group', '  PHANTOM\\SubDAs:\n    kind: grup'),
    );
    const broken = run(['check', join(dir, 'estate.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`--> ${join(dir, 'directory.yaml')}:${line + 1}:11`);
    expect(broken.stderr).toContain(`${line + 1} |     kind: grup`);
    expect(broken.stderr).toContain(`--> ${join(dir, 'estate.yaml')}:1:12`);
  });

  it('examples/imported: directory.yaml is what import writes from sharphound/ today, and the estate over it checks', () => {
    const example = new URL('../../../examples/imported/', import.meta.url).pathname;
    const fresh = run(['import', `${example}sharphound`]);
    expect(fresh.code).toBe(0);
    const body = (text: string) => text.replace(/^#.*\n/gm, '');
    // When this fails after a change of the importer: pnpm doublehop import examples/imported/sharphound -o examples/imported/directory.yaml
    expect(body(fresh.stdout)).toBe(body(readFileSync(`${example}directory.yaml`, 'utf8')));
    const check = run(['check', `${example}estate.yaml`]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    for (const flow of ['alice-report', 'bob-report', 'carol-report']) {
      expect(run(['explain', `${example}estate.yaml`, '--flow', flow]).code, flow).toBe(0);
    }
  });

  it('bad input: exit 2 with the file and what was expected, never a stack trace', () => {
    const dir = scratch();
    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, readFileSync(CE_ZIP).subarray(0, 40_000));
    const notZip = join(dir, 'picture.zip');
    writeFileSync(notZip, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const otherTool = join(dir, 'package.json');
    writeFileSync(otherTool, JSON.stringify({ name: 'x', version: '1.0.0' }));
    const cut = join(dir, 'users.json');
    writeFileSync(
      cut,
      '{"meta": {"type": "users", "version": 6}, "data": [{"ObjectIdentifier": "S-1-5-21-1-2-3-1104",',
    );
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 401 * 1024 * 1024); // sparse: nothing is read
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const device = join(dir, 'zero.json');
    symlinkSync('/dev/zero', device);
    const cases: [string, string, RegExp][] = [
      [truncated, 'invalid-zip', /truncated, corrupt or not a zip/],
      [notZip, 'invalid-zip', /not a zip archive/],
      [otherTool, 'unknown-format', /not a file doublehop imports/],
      [cut, 'invalid-json', /the JSON ends too early/],
      [empty, 'no-input', /no \.json or \.zip file/],
      [huge, 'too-large', /larger than the 400 MiB/],
      [fifo, 'unreadable-file', /not a regular file/],
      [device, 'unreadable-file', /not a regular file/],
      [join(dir, 'missing.zip'), 'unreadable-file', /no such file/],
    ];
    for (const [file, code, message] of cases) {
      const r = run(['import', file]);
      expect(r.code, file).toBe(2);
      expect(r.stdout, file).toBe('');
      expect(r.stderr, file).toContain(`error[${code}]`);
      expect(r.stderr, file).toMatch(message);
      expect(r.stderr, file).toContain(file);
      expect(r.stderr, file).not.toMatch(/\n\s+at /);
    }
    // A JSON syntax error is placed at its line and column.
    expect(run(['import', cut]).stderr).toContain(`${cut}:1:`);
    // A zip entry is named inside its archive.
    const copy = join(dir, 'copy.zip');
    copyFileSync(CE_ZIP, copy);
    const damaged = readFileSync(copy);
    damaged[200] = damaged[200] === 0 ? 1 : 0; // inside the first entry's compressed data
    writeFileSync(copy, damaged);
    const r = run(['import', copy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/copy\.zip(:|$)/m);
  });

  it('usage errors: no source, an unknown format, -o where nothing can be written', () => {
    expect(run(['import']).code).toBe(2);
    expect(run(['import', V6_DIR, '--format', 'xml']).code).toBe(2);
    const r = run(['import', V6_DIR, '-o', '/nonexistent-dir/x.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error[unreadable-file]: cannot write /nonexistent-dir/x.yaml');
  });
});
