import { checkModel } from '../../check/checkModel.js';
import { type CheckFileResult, checkExitCode } from '../../check/checkResult.js';
import { checkJsonReport } from '../../report/checkJsonReport.js';
import { checkJunitReport } from '../../report/checkJunitReport.js';
import { checkTextReport } from '../../report/checkTextReport.js';
import type { Command } from '../command.js';
import { UsageError } from '../commandLine.js';
import { expandFileArguments } from '../expandFileArguments.js';
import { loadModelFile } from '../loadInputFile.js';
import { styles } from '../style.js';

/** @internal `doublehop check FILE… [--format text|json|junit] [--fail-on-warn]`. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'run the lints and assertions of model files (for CI: exit 1 when one fails)',
  usage: 'check FILE|DIRECTORY… [--format text|json|junit] [--fail-on-warn]',
  options: {
    format: {
      type: 'string',
      short: 'f',
      choices: ['text', 'json', 'junit'],
      value: 'text|json|junit',
      description: 'text (default) for people, json for tools, junit for CI dashboards',
    },
    'fail-on-warn': {
      type: 'boolean',
      description: 'a lint warning no assertion expects fails the check too',
    },
  },
  details: [
    'Each model file (.yaml, .yml or .json; a directory stands for the ones it contains) describes an estate —',
    'domains, trusts, accounts, machines, services and the flows users start — and assertions about it. Every',
    'file is loaded, linted (duplicate SPNs, endpoints without an SPN, unconstrained delegation …) and every',
    'assertion is evaluated by @doublehop/delegation; all failures of all files are reported, not only the first.',
    'A lint finding that a `lint` assertion of the file expects is reported but does not fail the check.',
    '',
    'Exit status: 0 everything held; 1 an assertion failed, or a lint error (with --fail-on-warn, a warning)',
    'that no assertion expects; 2 a file is invalid (its problems go to stderr with file:line:column) or a',
    'usage error. The file format: docs/model-files.md; its JSON Schema: doublehop schema.',
  ].join('\n'),
  run(commandLine, cx) {
    if (commandLine.positionals.length === 0) {
      throw new UsageError('check: no file given', 'doublehop check examples/estates');
    }
    const failOnWarn = commandLine.values['fail-on-warn'] === true;
    const results: CheckFileResult[] = expandFileArguments('check', commandLine.positionals, cx.fs).map(
      (file) => {
        const loaded = loadModelFile(cx, file);
        return loaded.ok
          ? checkModel(loaded.value, failOnWarn, cx.progress)
          : { valid: false, file, diagnostics: loaded.diagnostics };
      },
    );
    const format = commandLine.values['format'];
    cx.stdout.write(
      format === 'json'
        ? checkJsonReport(results, failOnWarn)
        : format === 'junit'
          ? checkJunitReport(results)
          : checkTextReport(results, styles(cx.colorOut)),
    );
    return checkExitCode(results);
  },
};
