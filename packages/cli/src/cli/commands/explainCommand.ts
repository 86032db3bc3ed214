import { evaluateFlow } from '@doublehop/delegation';
import { explainMarkdown } from '../../report/explainMarkdown.js';
import { stableJson } from '../../report/stableJson.js';
import type { JsonValue } from '../../schema/schema.js';
import { closest } from '../../schema/suggest.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';
import { loadModelFile } from '../loadInputFile.js';

/** @internal The version of the explain JSON report's shape (docs/model-files.md, "doublehop explain"). */
export const EXPLAIN_REPORT_VERSION = 1;

/** @internal `doublehop explain FILE --flow NAME [--format md|json]`. */
export const explainCommand: Command = {
  name: 'explain',
  summary: "tell a flow's story hop by hop, with a Mermaid sequence diagram of its exchanges",
  usage: 'explain FILE --flow NAME [--format md|json]',
  options: {
    flow: { type: 'string', value: 'NAME', description: 'the flow to explain (a key under flows)' },
    format: {
      type: 'string',
      short: 'f',
      choices: ['md', 'json'],
      value: 'md|json',
      description: 'md (default): markdown with a ```mermaid sequence diagram; json: the verdict, for tools',
    },
  },
  details: [
    'Evaluates one flow of a model file with @doublehop/delegation and tells its story: for each hop, the',
    'authentication method and the protocol Negotiate picked (and why), the SPN lookup, the tickets and their flags,',
    'the server-side logon and its token, the impersonation level, the delegation mechanism, the identity arriving',
    '— and, where the flow stops, the why-not reason with the rule and its source. The markdown embeds a Mermaid',
    'sequence diagram that GitHub renders; redirect it to a .md file.',
    '',
    'Exit status: 0 the flow was explained (whether or not it reaches); 2 the file is invalid, the flow does not',
    'exist, or a usage error.',
  ].join('\n'),
  run(commandLine, cx) {
    const [file, ...rest] = commandLine.positionals;
    if (file === undefined)
      throw new UsageError('explain: no file given', 'doublehop explain FILE --flow NAME');
    if (rest.length > 0)
      throw new UsageError(`explain: one file at a time, not ${commandLine.positionals.length}`);
    const flow = commandLine.values['flow'];
    if (typeof flow !== 'string') {
      throw new UsageError('explain: which flow?', `doublehop explain ${file} --flow NAME`);
    }
    const loaded = loadModelFile(cx, file);
    if (!loaded.ok) return 2;
    const names = (loaded.value.model.flows ?? []).map((f) => f.name);
    if (!names.includes(flow)) {
      const near = closest(flow, names);
      throw new UsageError(
        `explain: ${file} has no flow "${flow}"`,
        near !== undefined
          ? `did you mean "${near}"?`
          : names.length === 0
            ? 'the file declares no flows'
            : `its flows: ${[...names].sort().join(', ')}`,
      );
    }
    cx.progress.phase(`evaluating the flow ${flow} of ${file}`);
    const verdict = evaluateFlow(loaded.value.model, flow);
    cx.stdout.write(
      commandLine.values['format'] === 'json'
        ? stableJson({
            format: 'doublehop-explain-report',
            version: EXPLAIN_REPORT_VERSION,
            file,
            verdict: JSON.parse(JSON.stringify(verdict)) as JsonValue,
          })
        : explainMarkdown(file, verdict),
    );
    return 0;
  },
};
