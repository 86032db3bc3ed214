import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cli from '@doublehop/cli';
import * as coreToken from '@doublehop/core-token';
import * as coreTokenTesting from '@doublehop/core-token/testing';
import * as delegation from '@doublehop/delegation';
import * as delegationTesting from '@doublehop/delegation/testing';
import * as impersonationLevels from '@doublehop/impersonation-levels';
import * as impersonationLevelsTesting from '@doublehop/impersonation-levels/testing';
import * as logon from '@doublehop/logon';
import * as logonTesting from '@doublehop/logon/testing';
import * as fastCheck from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as xstate from 'xstate';
import { compileExample, docExamples, sourceFiles, withAssertions } from './support/docExamples.js';

// STYLE.md "Every @example has a twin test, so docs cannot rot" (after fast-check's Docs.md.spec.ts):
// every ```ts block under an @example tag in the packages' sources is compiled and run, and each
// `expression; // literal` line in it is asserted.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules: Record<string, unknown> = {
  '@doublehop/cli': cli,
  '@doublehop/core-token': coreToken,
  '@doublehop/core-token/testing': coreTokenTesting,
  '@doublehop/delegation': delegation,
  '@doublehop/delegation/testing': delegationTesting,
  '@doublehop/impersonation-levels': impersonationLevels,
  '@doublehop/impersonation-levels/testing': impersonationLevelsTesting,
  '@doublehop/logon': logon,
  '@doublehop/logon/testing': logonTesting,
  'fast-check': fastCheck,
  xstate,
};
const quietConsole = { log: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Compares what an example computes with the literal its comment shows, through JSON (SIDs print as text). */
function expectLike(actual: unknown, expected: unknown): void {
  const normalised = actual === undefined ? undefined : JSON.parse(JSON.stringify(actual));
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    expect(normalised).toMatchObject(expected as Record<string, unknown>);
  } else {
    expect(normalised).toEqual(expected);
  }
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

const examples = sourceFiles(join(root, 'packages')).flatMap((file) =>
  file.includes(`${join('src', '')}`) ? docExamples(file, root) : [],
);

describe('API documentation examples', () => {
  it('finds examples to check, and turns their result comments into assertions', () => {
    expect(examples.length).toBeGreaterThan(50);
    const assertions = examples.reduce((n, e) => n + withAssertions(e.code).assertions, 0);
    expect(assertions).toBeGreaterThan(40);
  });

  it('fails an example whose comment states a wrong result (the harness can fail)', async () => {
    const wrong = "import { sid } from '@doublehop/core-token';\nsid('S-1-5-18').text; // 'S-1-5-19'\n";
    const { code, assertions } = withAssertions(wrong);
    expect(assertions).toBe(1);
    const run = new AsyncFunction('__modules', '__expect', 'console', compileExample(code));
    await expect(run(modules, expectLike, quietConsole)).rejects.toThrow();
  });

  for (const example of examples) {
    it(`${example.file}:${example.line} @example of ${example.symbol} runs and its comments hold`, async () => {
      const { code } = withAssertions(example.code);
      const run = new AsyncFunction('__modules', '__expect', 'console', compileExample(code));
      await run(modules, expectLike, quietConsole);
    });
  }
});
