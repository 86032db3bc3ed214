import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '@doublehop/cli';
import { describe, expect, it } from 'vitest';

// Every bundled scenario is replayed through the command, as a user runs it, and must exit 0: each of its steps
// has an expectation, and every expectation holds.
const dir = fileURLToPath(new URL('../../../examples/scenarios/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function replay(path: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['scenario', path, '--format', 'json'], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('examples/scenarios', () => {
  it('has at least a dozen documented scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  for (const file of files) {
    it(`${file}: every step has an expectation, and every expectation holds`, () => {
      const text = readFileSync(`${dir}${file}`, 'utf8');
      // The header: the schema line for editors, what the scenario shows, and its sources.
      expect(text.split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../packages/cli/schema/scenario.schema.json',
      );
      expect(text).toMatch(/^# Sources: /m);
      const r = replay(`${dir}${file}`);
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout);
      const steps: { index: number; held: boolean | null; mismatches: string[] }[] = report.files[0].steps;
      expect(steps.filter((s) => s.held !== true)).toEqual([]);
      expect(r.code).toBe(0);
    });
  }
});
