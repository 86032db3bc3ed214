import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './support.js';

// Every bundled model file is checked through the command, as a user runs it: it must load, and all its
// assertions hold (exit 0). Every flow of it must explain. And docs/estates.md, the page that shows each
// example with the sequence diagram of its main flow, is generated from the same runs — when a change of the
// engine or of an example alters a diagram, update it with: pnpm vitest run packages/cli/test/estates.test.ts -u
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = `${root}examples/estates/`;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const fs = Object.fromEntries(
  files.map((f) => [`examples/estates/${f}`, readFileSync(`${dir}${f}`, 'utf8')]),
);

/**
 * The prose of a header as Markdown that formatters leave alone: indented lines (commands) become a
 * PowerShell block, a list gets a blank line before it, emphasis is written with underscores.
 */
function markdown(prose: string): string {
  const out: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    out.push('', '```powershell', ...block, '```', '');
    block = [];
  };
  for (const line of prose.split('\n')) {
    if (line.startsWith('  ') && !out.at(-1)?.startsWith('- ')) {
      block.push(line.trim());
      continue;
    }
    flush();
    if (line.startsWith('- ') && !(out.at(-1)?.startsWith('- ') || out.at(-1)?.startsWith('  ')))
      out.push('');
    out.push(line.replace(/\\/g, '\\\\'));
  }
  flush();
  return out
    .join('\n')
    .replace(/(^|\s)\*([^*\n]+)\*/g, '$1_$2_')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The header comment: the schema line, the title, what it shows, the command to try, and its sources. */
function header(text: string): { title: string; prose: string; flow: string; sources: string } {
  const lines = text.split('\n');
  const comment: string[] = [];
  for (const line of lines.slice(1)) {
    if (!line.startsWith('#')) break;
    comment.push(line.replace(/^# ?/, ''));
  }
  const body = comment.join('\n').trim();
  const tryLine = /^Try: doublehop explain \S+ --flow (\S+)$/m.exec(body);
  const sources = /^Sources: ([\s\S]*)$/m.exec(body)?.[1] ?? '';
  const prose = body.slice(0, body.indexOf('\nTry: ')).trim();
  const [title = '', ...rest] = prose.split('\n');
  return {
    title: title.replace(/\.$/, ''),
    prose: rest.join('\n').trim(),
    flow: tryLine?.[1] ?? '',
    sources: sources.replace(/\n/g, ' '),
  };
}

describe('examples/estates', () => {
  it('has the eleven documented estates', () => {
    expect(files).toEqual([
      'credential-guard-unconstrained.yaml',
      'cross-forest.yaml',
      'file-server-billy.yaml',
      'forms-protocol-transition.yaml',
      'iis-sql-files-kcd.yaml',
      'iis-sql-files-rbcd.yaml',
      'missing-spn-ntlm.yaml',
      'powershell-remoting.yaml',
      'protected-users.yaml',
      'sensitive-admin.yaml',
      'sql-linked-server.yaml',
    ]);
  });

  for (const file of files) {
    const path = `examples/estates/${file}`;
    it(`${file}: a documented header, every assertion holds, every flow explains`, () => {
      const text = fs[path] as string;
      expect(text.split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../packages/cli/schema/model.schema.json',
      );
      const h = header(text);
      expect(h.title).not.toBe('');
      expect(h.sources).not.toBe('');
      const check = run(['check', path, '--format', 'json'], fs);
      expect(check.stderr).toBe('');
      const report = JSON.parse(check.stdout);
      expect(report.files[0].assertions.filter((a: { held: boolean }) => !a.held)).toEqual([]);
      expect(report.files[0].assertions.length).toBeGreaterThanOrEqual(2);
      expect(check.code).toBe(0);
      const flows = [...text.matchAll(/^ {2}([\w.-]+):/gm)]
        .map((m) => m[1] as string)
        .filter((name) => text.slice(text.indexOf('\nflows:')).includes(`\n  ${name}:`));
      expect(flows).toContain(h.flow);
      for (const flow of flows) {
        const explained = run(['explain', path, '--flow', flow], fs);
        expect([explained.code, explained.stderr]).toEqual([0, '']);
        expect(explained.stdout).toContain('```mermaid\nsequenceDiagram\n');
      }
    });
  }

  it('docs/estates.md shows each example and the diagram of its main flow, as explain prints it today', async () => {
    const sections = files.map((file) => {
      const path = `examples/estates/${file}`;
      const h = header(fs[path] as string);
      const md = run(['explain', path, '--flow', h.flow], fs).stdout;
      // The headline, the hop table and the sequence diagram (the per-hop details are left to the command).
      const summary = md.slice(md.indexOf('\n\n', md.indexOf('Model: ')) + 2, md.indexOf('\n## Hop 1'));
      return [
        `## ${h.title}`,
        '',
        `[\`${path}\`](../${path})`,
        '',
        markdown(h.prose),
        '',
        '```sh',
        `pnpm doublehop check ${path}`,
        `pnpm doublehop explain ${path} --flow ${h.flow}`,
        '```',
        '',
        `Flow \`${h.flow}\`:`,
        '',
        summary.replace('## Sequence diagram\n\n', '').trimEnd(),
        '',
        `Sources: ${h.sources}`,
        '',
      ].join('\n');
    });
    const page = [
      '# The estate examples',
      '',
      '<!-- Generated by packages/cli/test/estates.test.ts from examples/estates/*.yaml and `doublehop explain`;',
      '     update with: pnpm vitest run packages/cli/test/estates.test.ts -u -->',
      '',
      'Each file in [`examples/estates/`](../examples/estates) is a [model file](model-files.md) of a real',
      'architecture, with assertions that `doublehop check` verifies (the test suite runs every one). Below, each',
      "example's story in brief and the sequence diagram `doublehop explain` draws for its main flow; run the",
      'command for the full hop-by-hop story (tickets, logons, tokens, every rule with its source).',
      '',
      ...files.map((file) => `- ${header(fs[`examples/estates/${file}`] as string).title} (\`${file}\`)`),
      '',
      ...sections,
    ].join('\n');
    await expect(page).toMatchFileSnapshot(`${root}docs/estates.md`);
  });
});
