import { closest } from '../schema/suggest.js';
import { type CliIo, nodeFileSystem } from './cliIo.js';
import type { Command, CommandContext } from './command.js';
import { parseCommandLine, UsageError } from './commandLine.js';
import { checkCommand } from './commands/checkCommand.js';
import { driftCommand } from './commands/driftCommand.js';
import { explainCommand } from './commands/explainCommand.js';
import { fixCommand } from './commands/fixCommand.js';
import { graphCommand } from './commands/graphCommand.js';
import { importCommand } from './commands/importCommand.js';
import { scenarioCommand } from './commands/scenarioCommand.js';
import { schemaCommand } from './commands/schemaCommand.js';
import { commandHelp, mainHelp } from './help.js';
import { startProgress } from './progress.js';
import { styles, useColor } from './style.js';
import { packageVersion } from './version.js';

/** @internal The commands, in help order. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  driftCommand,
  explainCommand,
  fixCommand,
  graphCommand,
  importCommand,
  scenarioCommand,
  schemaCommand,
];

/**
 * Runs the `doublehop` command line: parses `argv` (the arguments after the program name), runs the command and
 * returns the exit code — 0 when everything held, 1 when an assertion (or a scenario expectation) failed, 2 for
 * an invalid file or a usage error. It never throws for any input and never exits the process; the `doublehop`
 * binary is `process.exitCode = main(process.argv.slice(2), process)`.
 *
 * @remarks
 * Commands: `check FILE… [--format text|json|junit] [--fail-on-warn]` runs the lints and assertions of model
 * files; `explain FILE --flow NAME [--format md|json]` tells a flow's story with a Mermaid sequence diagram;
 * `graph FILE [--format mermaid|dot]` draws the estate (docs/model-files.md); `scenario FILE… [--format
 * text|json]` replays scenario files (docs/scenario-files.md); `schema [model|scenario]` prints a JSON Schema.
 * `--help` (for the program or a command) and `--version` print to stdout and return 0. Text reports are
 * colored only when stdout is a terminal and `NO_COLOR` is unset; diagnostics on stderr likewise. Every output
 * is byte-identical for identical input.
 * @param argv - the arguments, e.g. `['check', 'examples/estates', '--format', 'junit']`
 * @param io - the streams, environment and file system (`process` fits)
 * @returns the exit code
 * @example
 * ```ts
 * import { main } from '@doublehop/cli';
 *
 * let out = '';
 * let err = '';
 * const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {} };
 * main(['check', '--help'], io);     // 0
 * out.startsWith('doublehop check'); // true
 * main(['chekc'], io);               // 2
 * err.includes('did you mean "check"?'); // true
 * ```
 * @see docs/model-files.md; docs/scenario-files.md
 */
export function main(argv: readonly string[], io: CliIo): number {
  const env = io.env ?? {};
  // The process's own stderr (descriptor 2) gets a line redrawn during long computations; any stream that is
  // not a terminal gets nothing.
  const fd = (io.stderr as { readonly fd?: unknown }).fd;
  const { progress, stderr } = startProgress(io.stderr, {
    now: () => performance.now(),
    ...(fd === 2 ? { fd } : {}),
  });
  const cx: CommandContext = {
    stdout: io.stdout,
    stderr,
    fs: io.fs ?? nodeFileSystem,
    colorOut: useColor(io.stdout.isTTY, env),
    colorErr: useColor(io.stderr.isTTY, env),
    progress,
  };
  try {
    return dispatch(argv, cx);
  } catch (e) {
    const style = styles(cx.colorErr);
    if (e instanceof UsageError) {
      cx.stderr.write(
        `${style.error('error')}: ${e.message}\n${e.hint === null ? '' : `  ${style.bold('help')}: ${e.hint}\n`}` +
          `Run "doublehop --help" for usage.\n`,
      );
      return 2;
    }
    // A bug, not a user error: say so without a stack trace.
    cx.stderr.write(
      `${style.error('error')}: internal error: ${e instanceof Error ? e.message : String(e)}\n` +
        'Please report it with the command line and the input file.\n',
    );
    return 2;
  } finally {
    progress.stop();
  }
}

function dispatch(argv: readonly string[], cx: CommandContext): number {
  const first = argv[0];
  if (first === undefined) {
    cx.stderr.write(mainHelp(COMMANDS));
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = argv[1] === undefined ? undefined : COMMANDS.find((c) => c.name === argv[1]);
    cx.stdout.write(topic === undefined ? mainHelp(COMMANDS) : commandHelp(topic));
    return 0;
  }
  if (first === '--version' || first === '-V') {
    cx.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) {
    const names = COMMANDS.map((c) => c.name);
    const near = closest(first.replace(/^-+/, ''), names);
    throw new UsageError(
      first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`,
      near === undefined ? `the commands: ${names.join(', ')}` : `did you mean "${near}"?`,
    );
  }
  const commandLine = parseCommandLine(command.name, argv.slice(1), {
    ...command.options,
    help: { type: 'boolean', short: 'h', description: 'show help' },
  });
  if (commandLine.values['help'] === true) {
    cx.stdout.write(commandHelp(command));
    return 0;
  }
  return command.run(commandLine, cx);
}
