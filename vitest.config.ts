import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript source (the "@doublehop/source" export
// condition), so `pnpm test:unit` needs no build step and reports source line numbers.
const sourceConditions = ['@doublehop/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: sourceConditions },
        test: { name: 'core-token', root: 'packages/core-token', include: ['test/**/*.test.ts'] },
      },
      {
        resolve: { conditions: sourceConditions },
        test: { name: 'cross-package', root: 'test', include: ['**/*.test.ts'] },
      },
    ],
  },
});
