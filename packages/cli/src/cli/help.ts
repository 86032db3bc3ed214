import type { Command } from './command.js';
import type { OptionSpec } from './commandLine.js';

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'show this help' };

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(options).map(([name, o]) => [
    `${o.short === undefined ? '    ' : `-${o.short}, `}--${name}${o.value === undefined ? '' : ` ${o.value}`}`,
    o.description,
  ]);
  const width = Math.max(...rows.map(([left]) => (left ?? '').length));
  return rows.map(([left, right]) => `  ${(left ?? '').padEnd(width)}  ${right}`);
}

/** @internal `doublehop --help`. */
export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'doublehop — how a Windows identity travels through Kerberos delegation, replayed offline as Windows decides.',
    '',
    'Usage: doublehop <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    ...optionLines({
      help: { ...HELP_OPTION, description: 'show help (doublehop <command> --help for a command)' },
      version: { type: 'boolean', short: 'V', description: 'print the version' },
    }),
    '',
    'Exit status: 0 every assertion and expectation held, 1 one failed, 2 invalid input or usage.',
    '',
  ].join('\n');
}

/** @internal `doublehop <command> --help`. */
export function commandHelp(command: Command): string {
  return [
    `doublehop ${command.name} — ${command.summary}`,
    '',
    `Usage: doublehop ${command.usage}`,
    '',
    'Options:',
    ...optionLines({ ...command.options, help: HELP_OPTION }),
    '',
    command.details,
    '',
  ].join('\n');
}
