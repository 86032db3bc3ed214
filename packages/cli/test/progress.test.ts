import { closeSync, mkdtempSync, openSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine, startProgress } from '../src/cli/progress.js';
import { main } from '../src/index.js';
import { memoryFs } from './support.js';

const CLEAR = '\r\u001b[K';

/** A stream that records what is written, flagged as a terminal or not. */
function recorder(isTTY: boolean): { write(text: string): boolean; readonly isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(text: string) {
      this.text += text;
      return true;
    },
  };
}

describe('progress (long runs on a terminal)', () => {
  it('writes nothing at all when stderr is not a terminal', () => {
    const stream = recorder(false);
    let now = 0;
    const { progress, stderr } = startProgress(stream, { now: () => now });
    expect(stderr).toBe(stream);
    now = 10_000;
    progress.phase('loading big.json');
    progress.stop();
    expect(stream.text).toBe('');
  });

  it('shows the phase only once the run has lasted 2 s, clears it before other output and at the end', () => {
    const stream = recorder(true);
    let now = 1000;
    const { progress, stderr } = startProgress(stream, { now: () => now });
    progress.phase('loading big.json');
    now = 2999;
    progress.phase('linting big.json');
    expect(stream.text).toBe('');
    now = 3000;
    progress.phase('checking the assertions of big.json');
    expect(stream.text).toBe(`${CLEAR}doublehop: checking the assertions of big.json … 2 s`);
    stream.text = '';
    stderr.write('error: something\n');
    expect(stream.text).toBe(`${CLEAR}error: something\n`);
    stream.text = '';
    stderr.write('second line\n');
    expect(stream.text).toBe('second line\n');
    stream.text = '';
    now = 4500;
    progress.phase('linting other.json');
    progress.stop();
    expect(stream.text).toBe(`${CLEAR}doublehop: linting other.json … 3 s${CLEAR}`);
    stream.text = '';
    progress.phase('after the end');
    progress.stop();
    expect(stream.text).toBe('');
  });

  it('keeps the line to one terminal line', () => {
    const line = progressLine(`loading ${'x'.repeat(200)}.json`, 12_345);
    expect(line).toHaveLength(79);
    expect(line.endsWith('…')).toBe(true);
    expect(progressLine('loading a.json', 65_000)).toBe('doublehop: loading a.json … 65 s');
  });

  it('redraws from a worker thread while the main thread computes, and never after the end', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'doublehop-progress-')), 'tty');
    const fd = openSync(file, 'w');
    try {
      const stream = recorder(true);
      const { progress } = startProgress(stream, { now: () => performance.now(), afterMs: 50, fd });
      progress.phase('computing');
      // Block the main thread, as loading a large directory does.
      for (const until = performance.now() + 800; performance.now() < until; );
      progress.stop();
      const size = statSync(file).size;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(statSync(file).size).toBe(size);
      expect(readFileSync(file, 'utf8')).toContain(`${CLEAR}doublehop: computing … 0 s`);
    } finally {
      closeSync(fd);
    }
  });

  it('a command that ends quickly writes nothing to a terminal stderr', () => {
    const stdout = recorder(false);
    const stderr = recorder(true);
    const fs = memoryFs({ 'm.yaml': 'accounts: { alice: {} }\n' });
    expect(main(['check', 'm.yaml'], { stdout, stderr, fs, env: {} })).toBe(0);
    expect(stderr.text).toBe('');
    expect(stdout.text).toContain('m.yaml');
  });
});
