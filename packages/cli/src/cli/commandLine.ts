import { parseArgs } from 'node:util';
import { closest } from '../schema/suggest.js';

/** @internal A usage error: what is wrong with the command line, and a suggestion. */
export class UsageError extends Error {
  /**
   * @param message - what is wrong
   * @param hint - a suggestion, or `null`
   */
  constructor(
    message: string,
    readonly hint: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** @internal One option of a command. */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a switch. */
  readonly type: 'string' | 'boolean';
  /** One-letter alias. */
  readonly short?: string;
  /** The values a string option accepts. */
  readonly choices?: readonly string[];
  /** For help: the value's placeholder (`text|json`). */
  readonly value?: string;
  /** For help: one line. */
  readonly description: string;
}

/** @internal Parsed options and positionals. */
export interface ParsedCommandLine {
  /** Option values by name. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** The positional arguments. */
  readonly positionals: readonly string[];
}

/**
 * @internal Parses a command's arguments with node's `util.parseArgs` (strict), turning its errors into
 * {@link UsageError}s that name the option and suggest the closest one.
 */
export function parseCommandLine(
  command: string,
  args: readonly string[],
  options: Readonly<Record<string, OptionSpec>>,
): ParsedCommandLine {
  const config: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries(options)) {
    config[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const flag = /--[\w-]+/.exec(message)?.[0] ?? /'(-[^'\s])/.exec(message)?.[1];
    const code = (e as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
      const near = closest(flag.replace(/^-+/, '').replace(/=.*$/, ''), Object.keys(options));
      throw new UsageError(
        `${command}: unknown option ${flag.replace(/=.*$/, '')}`,
        near === undefined ? null : `did you mean --${near}?`,
      );
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag !== undefined) {
      const name = flag.replace(/^-+/, '');
      const spec = options[name] ?? Object.values(options).find((o) => o.short === name);
      throw new UsageError(
        spec?.type === 'boolean'
          ? `${command}: the option ${flag} takes no value`
          : `${command}: the option ${flag} needs a value${spec?.value === undefined ? '' : ` (${spec.value})`}`,
      );
    }
    throw new UsageError(`${command}: ${message.replace(/\. To specify.*$/s, '')}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, spec] of Object.entries(options)) {
    const v = values[name];
    if (spec.choices !== undefined && typeof v === 'string' && !spec.choices.includes(v)) {
      const near = closest(v, spec.choices);
      throw new UsageError(
        `${command}: --${name} must be ${spec.choices.join(' or ')}, not "${v}"`,
        near === undefined ? null : `did you mean --${name} ${near}?`,
      );
    }
  }
  return { values, positionals: parsed.positionals };
}
