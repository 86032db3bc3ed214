import { stableJson } from '../../report/stableJson.js';
import { scenarioJsonSchema } from '../../scenario/scenarioJsonSchema.js';
import type { JsonValue } from '../../schema/schema.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';

const SCHEMAS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = { scenario: scenarioJsonSchema };

/** @internal `doublehop schema KIND`: prints a file format's JSON Schema. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of a file format (scenario)',
  usage: 'schema scenario',
  options: {},
  details: [
    'Prints the JSON Schema (draft 2020-12) that editors use to complete and check files, e.g. with',
    'yaml-language-server: # yaml-language-server: $schema=scenario.schema.json',
  ].join('\n'),
  run(commandLine, cx) {
    const [kind, ...rest] = commandLine.positionals;
    const schema = kind === undefined ? undefined : SCHEMAS[kind];
    if (schema === undefined || rest.length > 0) {
      throw new UsageError(
        kind === undefined
          ? 'schema: which schema?'
          : `schema: unknown schema "${[kind, ...rest].join(' ')}"`,
        `the schemas: ${Object.keys(SCHEMAS).join(', ')} (doublehop schema scenario)`,
      );
    }
    cx.stdout.write(stableJson(schema as JsonValue));
    return 0;
  },
};
