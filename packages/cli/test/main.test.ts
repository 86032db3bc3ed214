import { readFileSync } from 'node:fs';
import { type CliIo, main } from '@doublehop/cli';
import { describe, expect, it } from 'vitest';
import { run } from './support.js';

const ESTATE = [
  'accounts:',
  '  alice: {}',
  '  WEB01$: { servicePrincipalNames: [HTTP/web01], trustedToAuthForDelegation: true, allowedToDelegateTo: [cifs/fs01] }',
  '  FS01$: { servicePrincipalNames: [cifs/fs01] }',
  'steps:',
  '  - id: self',
  '    s4u2self: { service: WEB01$, user: alice }',
].join('\n');
const HELD = `${ESTATE}\n    expect: { ok: true, flags: { forwardable: true } }\n`;
const FAILS = `${ESTATE}\n    expect: { error: KDC_ERR_BADOPTION }\n`;
const BAD =
  'accounts:\n  alice: {}\nsteps:\n  - as-req: { client: alice, forwardabel: true }\n  - as-req: { client: alise }\n';

describe('exit codes', () => {
  it('0 when every expectation held, 1 when one failed, 2 when a file is invalid', () => {
    expect(run(['scenario', 'held.yaml'], { 'held.yaml': HELD }).code).toBe(0);
    expect(run(['scenario', 'fails.yaml'], { 'fails.yaml': FAILS }).code).toBe(1);
    expect(run(['scenario', 'bad.yaml'], { 'bad.yaml': BAD }).code).toBe(2);
    // 2 wins over 1, and the valid files are still replayed and reported.
    const mixed = run(['scenario', 'fails.yaml', 'bad.yaml'], { 'fails.yaml': FAILS, 'bad.yaml': BAD });
    expect(mixed.code).toBe(2);
    expect(mixed.stdout).toContain('fails.yaml (KDC patched)');
    expect(mixed.stdout).toContain('FAILED: expected KDC_ERR_BADOPTION, got a ticket');
  });

  it('a step without an expectation does not fail the run', () => {
    expect(run(['scenario', 'plain.yaml'], { 'plain.yaml': `${ESTATE}\n` }).code).toBe(0);
  });

  it('2 for a missing file, an unknown extension, or a directory without scenario files', () => {
    const missing = run(['scenario', 'nope.yaml']);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'error[unreadable-file]: cannot read nope.yaml: no such file\n --> nope.yaml:1:1\n  = found: no such file\n  = expected: a readable file\n\n',
    ]);
    expect(run(['scenario', 'notes.txt'], { 'notes.txt': 'steps: []' }).stderr).toContain(
      'error[unsupported-file]: cannot tell the format of notes.txt from its extension',
    );
    expect(run(['scenario', 'dir'], { 'dir/readme.md': '' }).stderr).toContain(
      'the directory dir has no .yaml, .yml or .json file',
    );
  });
});

describe('invalid files', () => {
  it('prints every problem with file:line:column, a source excerpt and a caret, never a stack trace', () => {
    const r = run(['scenario', 'bad.yaml'], { 'bad.yaml': BAD });
    expect(r.stderr).toBe(
      [
        'error[unknown-key]: unknown key "forwardabel" in an as-req step',
        ' --> bad.yaml:4:30',
        '  |',
        '4 |   - as-req: { client: alice, forwardabel: true }',
        '  |                              ^^^^^^^^^^^ "forwardabel"',
        '  |',
        '  = expected: one of client or forwardable',
        '  = help: did you mean "forwardable"?',
        '',
        'error[unknown-account]: unknown account "alise"',
        ' --> bad.yaml:5:23',
        '  |',
        '5 |   - as-req: { client: alise }',
        '  |                       ^^^^^ "alise"',
        '  |',
        '  = expected: an account of corp.example declared under accounts (or a built-in one such as Administrator or Protected Users)',
        '  = help: did you mean "alice"?',
        '',
        'error: bad.yaml is not a valid scenario (2 problems)',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toBe('summary: 1 file (1 invalid), 0 steps, 0 held, 0 failed, 0 without expectation\n');
  });

  it('widens the gutter for two-digit lines and shows tabs as four spaces, caret included', () => {
    const text = `${'# comment\n'.repeat(9)}steps:\n\t- as-req: { client: alice }\n`;
    const r = run(['scenario', 'tab.yaml'], { 'tab.yaml': text });
    expect(r.stderr.split('\n').slice(0, 8)).toEqual([
      'error[yaml-syntax]: invalid YAML: Tabs are not allowed as indentation (TAB_AS_INDENT)',
      '  --> tab.yaml:11:1',
      '   |',
      '11 |     - as-req: { client: alice }',
      '   | ^^^^ a tab',
      '   |',
      '   = expected: spaces for indentation (YAML forbids tabs there)',
      '',
    ]);
  });

  it('lists the diagnostics in the JSON report too', () => {
    const r = run(['scenario', 'bad.yaml', '--format', 'json'], { 'bad.yaml': BAD });
    const report = JSON.parse(r.stdout);
    expect(report.exitCode).toBe(2);
    expect(
      report.files[0].diagnostics.map((d: { code: string; line: number; column: number }) => [
        d.code,
        d.line,
        d.column,
      ]),
    ).toEqual([
      ['unknown-key', 4, 30],
      ['unknown-account', 5, 23],
    ]);
  });
});

describe('the command line', () => {
  it('--help, -h, help COMMAND, COMMAND --help and --version print to stdout and return 0', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.split('\n').slice(2, 13)).toEqual([
      'Usage: doublehop <command> [options]',
      '',
      'Commands:',
      '  check     run the lints and assertions of model files (for CI: exit 1 when one fails)',
      "  drift     compare a model's directory with the live one (SharpHound), and the verdicts that change",
      "  explain   tell a flow's story hop by hop, with a Mermaid sequence diagram of its exchanges",
      '  fix       propose the least-privilege changes that make a failing flow reach, each proven',
      '  graph     draw the estate: machines, services, accounts, SPNs, calls and delegation edges',
      '  import    read a real directory (SharpHound zip or JSON files) into a model file',
      '  scenario  replay the Kerberos exchanges of scenario files against the modelled KDC',
      '  schema    print the JSON Schema of model files (or of scenario files: schema scenario)',
    ]);
    expect(run(['-h']).stdout).toBe(help.stdout);
    const scenarioHelp = run(['scenario', '--help']);
    expect(scenarioHelp.code).toBe(0);
    expect(scenarioHelp.stdout.split('\n').slice(0, 7)).toEqual([
      'doublehop scenario — replay the Kerberos exchanges of scenario files against the modelled KDC',
      '',
      'Usage: doublehop scenario FILE|DIRECTORY… [--format text|json]',
      '',
      'Options:',
      '  -f, --format text|json  text (default) for people, json for tools (stable, sorted keys)',
      '  -h, --help              show this help',
    ]);
    expect(run(['help', 'scenario']).stdout).toBe(scenarioHelp.stdout);
    const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('without arguments prints the help to stderr and returns 2', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(run(['--help']).stdout);
  });

  it('an unknown command or option is exit 2 with a suggestion', () => {
    expect(run(['scenari'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: unknown command "scenari"\n  help: did you mean "scenario"?\nRun "doublehop --help" for usage.\n',
    });
    expect(run(['scenario', '--fromat', 'json', 'x.yaml']).stderr).toBe(
      'error: scenario: unknown option --fromat\n  help: did you mean --format?\nRun "doublehop --help" for usage.\n',
    );
    expect(run(['scenario', '--format', 'xml', 'x.yaml']).stderr).toBe(
      'error: scenario: --format must be text or json, not "xml"\nRun "doublehop --help" for usage.\n',
    );
    expect(run(['scenario', '--format']).stderr).toContain('the option --format needs a value (text|json)');
    expect(run(['scenario', '--help=yes']).stderr).toContain('the option --help takes no value');
    expect(run(['scenario']).stderr).toContain('error: scenario: no file given');
    expect(run(['--bogus']).code).toBe(2);
    expect(run(['schema', 'modle']).stderr).toBe(
      'error: schema: unknown schema "modle"\n  help: did you mean "model"?\nRun "doublehop --help" for usage.\n',
    );
    expect(run(['schema', 'scenario', 'model']).code).toBe(2);
  });

  it('accepts a directory (its .yaml, .yml and .json files, sorted) and expands a glob the shell left alone', () => {
    const files = {
      'sc/b.yaml': HELD,
      'sc/a.json': JSON.stringify({ steps: [] }),
      'sc/notes.md': '',
      'sc/c.yml': HELD,
    };
    const dir = run(['scenario', 'sc', '--format', 'json'], files);
    expect(JSON.parse(dir.stdout).files.map((f: { file: string }) => f.file)).toEqual([
      'sc/a.json',
      'sc/b.yaml',
      'sc/c.yml',
    ]);
    const glob = run(['scenario', 'sc/*.y*ml', '--format', 'json'], files);
    expect(JSON.parse(glob.stdout).files.map((f: { file: string }) => f.file)).toEqual([
      'sc/b.yaml',
      'sc/c.yml',
    ]);
    expect(run(['scenario', 'sc/*.xml'], files).stderr).toContain('scenario: no file matches sc/*.xml');
  });

  it('prints the JSON Schema that is checked in next to the package', () => {
    // After changing the format: pnpm doublehop schema scenario > packages/cli/schema/scenario.schema.json
    const r = run(['schema', 'scenario']);
    expect(r.code).toBe(0);
    // (biome formats the checked-in copy, so compare the values)
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(readFileSync(new URL('../schema/scenario.schema.json', import.meta.url), 'utf8')),
    );
  });
});

describe('output', () => {
  it('is colored only on a terminal without NO_COLOR', () => {
    const files = { 'held.yaml': HELD };
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[`);
    expect(run(['scenario', 'held.yaml'], files, { tty: true }).stdout).toMatch(ansi);
    expect(run(['scenario', 'held.yaml'], files, { tty: true, env: { NO_COLOR: '1' } }).stdout).not.toMatch(
      ansi,
    );
    expect(run(['scenario', 'held.yaml'], files, { tty: true, env: { TERM: 'dumb' } }).stdout).not.toMatch(
      ansi,
    );
    expect(run(['scenario', 'held.yaml'], files, { tty: false }).stdout).not.toMatch(ansi);
    expect(run(['scenario', 'bad.yaml'], { 'bad.yaml': BAD }, { tty: true }).stderr).toMatch(ansi);
  });

  it('is byte-identical for identical input, in both formats', () => {
    const files = { 'held.yaml': HELD, 'fails.yaml': FAILS };
    for (const format of ['text', 'json']) {
      const argv = ['scenario', 'held.yaml', 'fails.yaml', '--format', format];
      expect(run(argv, files).stdout).toBe(run(argv, files).stdout);
    }
  });

  it('reports an unexpected failure as an internal error, without a stack trace', () => {
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      fs: {
        readFile: () => '',
        readDirectory: () => {
          throw new Error('disk on fire');
        },
      },
    };
    expect(main(['scenario', 'x.yaml'], io)).toBe(2);
    expect(stderr).toBe(
      'error: internal error: disk on fire\nPlease report it with the command line and the input file.\n',
    );
  });
});
