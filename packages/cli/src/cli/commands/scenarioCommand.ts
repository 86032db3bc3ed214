import { exitCodeOf, type FileResult } from '../../report/fileResult.js';
import { scenarioJsonReport } from '../../report/scenarioJsonReport.js';
import { scenarioTextReport } from '../../report/scenarioTextReport.js';
import { loadScenario } from '../../scenario/loadScenario.js';
import { runScenario } from '../../scenario/runScenario.js';
import { formatDiagnostic } from '../../source/formatDiagnostic.js';
import { sourceText } from '../../source/sourceText.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';
import { expandFileArguments } from '../expandFileArguments.js';
import { readInputFile } from '../readInputFile.js';
import { styles } from '../style.js';

/** @internal `doublehop scenario FILE… [--format text|json]`. */
export const scenarioCommand: Command = {
  name: 'scenario',
  summary: 'replay the Kerberos exchanges of scenario files against the modelled KDC',
  usage: 'scenario FILE|DIRECTORY… [--format text|json]',
  options: {
    format: {
      type: 'string',
      short: 'f',
      choices: ['text', 'json'],
      value: 'text|json',
      description: 'text (default) for people, json for tools (stable, sorted keys)',
    },
  },
  details: [
    'Each file (.yaml, .yml or .json; a directory stands for the ones it contains) describes an estate — domains,',
    'trusts, accounts with their delegation settings — and steps: as-req, tgs-req, s4u2self, s4u2proxy and ap-req',
    'exchanges, each optionally with an expectation. Every step is replayed against the KDC of @doublehop/delegation',
    "and reported with its outcome, the ticket's flags, whether its expectation held and the rules applied, each",
    'with its source. Invalid files are reported on stderr with file:line:column and the offending source line.',
    '',
    'Exit status: 0 every expectation held, 1 an expectation failed, 2 a file is invalid (or a usage error).',
    'The file format: docs/scenario-files.md; its JSON Schema: doublehop schema scenario.',
  ].join('\n'),
  run(commandLine, cx) {
    if (commandLine.positionals.length === 0) {
      throw new UsageError('scenario: no file given', 'doublehop scenario examples/scenarios/*.yaml');
    }
    const files = expandFileArguments('scenario', commandLine.positionals, cx.fs);
    const errStyle = styles(cx.colorErr);
    const results: FileResult[] = [];
    for (const file of files) {
      const read = readInputFile(cx.fs, file);
      if (!read.ok) {
        cx.stderr.write(`${formatDiagnostic(read.diagnostic, null, errStyle)}\n`);
        results.push({ valid: false, file, diagnostics: [read.diagnostic] });
        continue;
      }
      const loaded = loadScenario(file, read.text);
      if (!loaded.ok) {
        const source = sourceText(file, read.text);
        for (const d of loaded.error.diagnostics)
          cx.stderr.write(`${formatDiagnostic(d, source, errStyle)}\n`);
        const n = loaded.error.diagnostics.length;
        cx.stderr.write(
          `${errStyle.error('error')}${errStyle.bold(`: ${file} is not a valid scenario (${n} problem${n === 1 ? '' : 's'})`)}\n`,
        );
        results.push({ valid: false, file, diagnostics: loaded.error.diagnostics });
        continue;
      }
      cx.progress.phase(`replaying ${file}`);
      results.push({ valid: true, file, run: runScenario(loaded.value) });
    }
    cx.stdout.write(
      commandLine.values['format'] === 'json'
        ? scenarioJsonReport(results)
        : scenarioTextReport(results, styles(cx.colorOut)),
    );
    return exitCodeOf(results);
  },
};
