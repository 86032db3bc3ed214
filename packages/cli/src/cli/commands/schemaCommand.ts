import { modelJsonSchema } from '../../model/modelJsonSchema.js';
import { stableJson } from '../../report/stableJson.js';
import { scenarioJsonSchema } from '../../scenario/scenarioJsonSchema.js';
import type { JsonValue } from '../../schema/schema.js';
import { closest } from '../../schema/suggest.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';

const SCHEMAS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  model: modelJsonSchema,
  scenario: scenarioJsonSchema,
};

/** @internal `doublehop schema KIND`: prints a file format's JSON Schema. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of model files (or of scenario files: schema scenario)',
  usage: 'schema [model|scenario]',
  options: {},
  details: [
    'Prints the JSON Schema (draft 2020-12) that editors use to complete and check files: model files by default,',
    'scenario files with `schema scenario`. With yaml-language-server (the YAML extension of VS Code and others),',
    'a first line names it:  # yaml-language-server: $schema=../../packages/cli/schema/model.schema.json',
  ].join('\n'),
  run(commandLine, cx) {
    const [kind = 'model', ...rest] = commandLine.positionals;
    const schema = Object.hasOwn(SCHEMAS, kind) ? SCHEMAS[kind] : undefined;
    if (schema === undefined || rest.length > 0) {
      const near = closest(kind, Object.keys(SCHEMAS));
      throw new UsageError(
        `schema: unknown schema "${[kind, ...rest].join(' ')}"`,
        rest.length === 0 && near !== undefined
          ? `did you mean "${near}"?`
          : `the schemas: ${Object.keys(SCHEMAS).join(', ')}`,
      );
    }
    cx.stdout.write(stableJson(schema as JsonValue));
    return 0;
  },
};
