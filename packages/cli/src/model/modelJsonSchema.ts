import { deepFreeze } from '../schema/deepFreeze.js';
import type { JsonValue } from '../schema/schema.js';
import { modelDocumentSchema } from './modelSchema.js';

/**
 * The JSON Schema (draft 2020-12) of model files, generated from the same definitions the loader checks files
 * with, so the two cannot disagree; its `domains`, `trusts` and `accounts` are the scenario files' own. Point an
 * editor at it for completion and validation — with yaml-language-server, a first line
 * `# yaml-language-server: $schema=<path>/model.schema.json` — or print it with `doublehop schema`.
 *
 * @remarks
 * The loader checks more than the schema can say: that names resolve to accounts, domains, machines, services
 * and flows, that a flow's path follows the services' calls, that an assertion's service is on its flow's path.
 * Those problems are reported by {@link loadModel} with their line and column.
 * @example
 * ```ts
 * import { modelJsonSchema } from '@doublehop/cli';
 *
 * modelJsonSchema.$schema; // 'https://json-schema.org/draft/2020-12/schema'
 * Object.keys(modelJsonSchema.properties as object); // ['directory', 'kdc', 'domains', 'trusts', 'accounts', 'machines', 'services', 'flows', 'assertions']
 * ```
 * @see https://json-schema.org/draft/2020-12; docs/model-files.md
 */
export const modelJsonSchema: Readonly<Record<string, unknown>> = deepFreeze({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'doublehop model',
  ...(modelDocumentSchema.json as { readonly [key: string]: JsonValue }),
});
