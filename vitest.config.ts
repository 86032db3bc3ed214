import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source (the "@doublehop/source" export
// condition), so `pnpm test:unit` needs no build step and reports source line numbers.
const sourceConditions = ['@doublehop/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line that .ci/run prints.
    reporters: ['default', ['json', { outputFile: '.vitest-reports/results.json' }]],
    projects: [
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@doublehop/source'] } },
        test: { name: 'core-token', root: 'packages/core-token', include: ['test/**/*.test.ts'] },
      },
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@doublehop/source'] } },
        test: { name: 'logon', root: 'packages/logon', include: ['test/**/*.test.ts'] },
      },
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@doublehop/source'] } },
        test: {
          name: 'impersonation-levels',
          root: 'packages/impersonation-levels',
          include: ['test/**/*.test.ts'],
        },
      },
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@doublehop/source'] } },
        test: { name: 'delegation', root: 'packages/delegation', include: ['test/**/*.test.ts'] },
      },
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@doublehop/source'] } },
        test: { name: 'cli', root: 'packages/cli', include: ['test/**/*.test.ts'] },
      },
      {
        resolve: { conditions: sourceConditions },
        ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@doublehop/source'] } },
        test: { name: 'cross-package', root: 'test', include: ['**/*.test.ts'] },
      },
    ],
  },
});
