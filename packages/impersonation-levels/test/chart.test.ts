import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectionChart,
  connectionMachine,
  stateChart,
  threadChart,
  threadMachine,
} from '@doublehop/impersonation-levels';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('Mermaid charts', () => {
  it('are generated from the machines, deterministically', () => {
    expect(stateChart(connectionMachine)).toBe(connectionChart);
    expect(stateChart(threadMachine)).toBe(threadChart);
    expect(connectionChart.startsWith('stateDiagram-v2\n  [*] --> negotiation\n')).toBe(true);
  });

  it('name every state and draw every transition', () => {
    expect(connectionChart).toContain('[*] --> negotiation');
    for (const state of ['anonymous', 'identification', 'impersonation', 'delegation']) {
      expect(connectionChart).toContain(`--> ${state} :`);
    }
    expect(connectionChart.split('\n').filter((l) => l.includes(' --> ') && !l.includes('[*]'))).toHaveLength(
      24 - 0,
    );
    for (const state of [
      'process',
      'client',
      'reverted',
      'anonymous',
      'identification',
      'impersonation',
      'delegation',
    ]) {
      expect(threadChart).toContain(state);
    }
    expect(threadChart).toContain('client --> reverted : thread.revert');
  });

  it('are the ones printed in the guide and the README (regenerate them if this fails)', () => {
    for (const file of ['docs/impersonation-levels.md', 'packages/impersonation-levels/README.md']) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text, file).toContain(`\`\`\`mermaid\n${connectionChart}\n\`\`\``);
      expect(text, file).toContain(`\`\`\`mermaid\n${threadChart}\n\`\`\``);
    }
  });
});
