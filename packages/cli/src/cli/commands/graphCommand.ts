import { buildEstateGraph } from '@doublehop/delegation';
import { dotGraph } from '../../output/dotGraph.js';
import { mermaidFlowchart } from '../../output/mermaidFlowchart.js';
import { estateDiagram } from '../../report/estateDiagram.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';
import { loadModelFile } from '../loadInputFile.js';

/** @internal `doublehop graph FILE --format mermaid|dot`. */
export const graphCommand: Command = {
  name: 'graph',
  summary: 'draw the estate: machines, services, accounts, SPNs, calls and delegation edges',
  usage: 'graph FILE [--format mermaid|dot]',
  options: {
    format: {
      type: 'string',
      short: 'f',
      choices: ['mermaid', 'dot'],
      value: 'mermaid|dot',
      description: 'mermaid (default): a flowchart for a ```mermaid block; dot: Graphviz (dot -Tsvg)',
    },
  },
  details: [
    'Draws the estate graph of @doublehop/delegation: a box per machine with its services, the accounts they run',
    'as, the SPNs clients ask for and the accounts holding them, calls between services, and the delegation edges',
    '— KCD, KCD with protocol transition, RBCD and unconstrained delegation — in bold. Node ids are stable, so',
    'the output of a changed model diffs cleanly.',
    '',
    'Exit status: 0 drawn; 2 the file is invalid or a usage error.',
  ].join('\n'),
  run(commandLine, cx) {
    const [file, ...rest] = commandLine.positionals;
    if (file === undefined)
      throw new UsageError('graph: no file given', 'doublehop graph FILE --format mermaid');
    if (rest.length > 0)
      throw new UsageError(`graph: one file at a time, not ${commandLine.positionals.length}`);
    const loaded = loadModelFile(cx, file);
    if (!loaded.ok) return 2;
    cx.progress.phase(`drawing the estate of ${file}`);
    const d = estateDiagram(buildEstateGraph(loaded.value.model));
    cx.stdout.write(commandLine.values['format'] === 'dot' ? dotGraph(d) : mermaidFlowchart(d));
    return 0;
  },
};
