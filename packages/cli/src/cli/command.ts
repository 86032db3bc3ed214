import type { CliFileSystem, OutputStream } from './cliIo.js';
import type { OptionSpec, ParsedCommandLine } from './commandLine.js';
import type { Progress } from './progress.js';

/** @internal What a command runs with: the streams, the file system, and whether each stream is colored. */
export interface CommandContext {
  /** Reports. */
  readonly stdout: OutputStream;
  /** Diagnostics. */
  readonly stderr: OutputStream;
  /** The file system. */
  readonly fs: CliFileSystem;
  /** Whether stdout is colored. */
  readonly colorOut: boolean;
  /** Whether stderr is colored. */
  readonly colorErr: boolean;
  /** The phase the command is in, shown on a terminal when a run lasts (progress.ts). */
  readonly progress: Progress;
}

/** @internal A subcommand of `doublehop`: its help and its run function. */
export interface Command {
  /** The name typed on the command line. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The usage line after `doublehop`. */
  readonly usage: string;
  /** The options besides `--help`. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs after the options in `--help`. */
  readonly details: string;
  /** Runs with parsed arguments; returns the exit code. */
  run(commandLine: ParsedCommandLine, cx: CommandContext): number;
}
