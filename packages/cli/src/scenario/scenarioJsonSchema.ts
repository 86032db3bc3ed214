import { deepFreeze } from '../schema/deepFreeze.js';
import type { JsonValue } from '../schema/schema.js';
import { documentSchema } from './documentSchema.js';

/**
 * The JSON Schema (draft 2020-12) of scenario files, generated from the same definitions the loader checks
 * files with, so the two cannot disagree. Point an editor at it for completion and validation — e.g. with
 * yaml-language-server, a first line `# yaml-language-server: $schema=<path>/scenario.schema.json` — or print
 * it with `doublehop schema scenario`.
 *
 * @remarks
 * The loader checks more than the schema can say: that names resolve to accounts and domains, that a ticket
 * reference names an earlier step whose ticket is of the right kind, that SIDs and SDDL parse. Those problems
 * are reported by {@link loadScenario} with their line and column.
 * @example
 * ```ts
 * import { scenarioJsonSchema } from '@doublehop/cli';
 *
 * scenarioJsonSchema.$schema;  // 'https://json-schema.org/draft/2020-12/schema'
 * scenarioJsonSchema.required; // ['steps']
 * Object.keys(scenarioJsonSchema.properties as object); // ['kdc', 'domains', 'trusts', 'accounts', 'steps']
 * ```
 * @see https://json-schema.org/draft/2020-12; docs/scenario-files.md
 */
export const scenarioJsonSchema: Readonly<Record<string, unknown>> = deepFreeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'doublehop scenario',
  ...(documentSchema.json as { readonly [key: string]: JsonValue }),
});
