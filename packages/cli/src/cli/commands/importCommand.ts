import { importDirectory } from '../../import/importDirectory.js';
import { type ImportError, ImportFailure, type ImportWarning } from '../../import/importProblems.js';
import type { ImportSource } from '../../import/unpackSources.js';
import { MAX_FILE_BYTES } from '../../import/unpackSources.js';
import { summary, writeImportedModel } from '../../import/writeImportedModel.js';
import type { Command, CommandContext } from '../command.js';
import { UsageError } from '../commandLine.js';
import { type Style, styles } from '../style.js';

/** At most this many warnings of one code are printed; the rest are counted. */
const WARNINGS_SHOWN_PER_CODE = 20;

/** @internal `doublehop import SOURCE… [-o FILE] [--format yaml|json]`. */
export const importCommand: Command = {
  name: 'import',
  summary: 'read a real directory (SharpHound zip or JSON files) into a model file',
  usage: 'import SOURCE… [-o FILE] [--format yaml|json]',
  options: {
    output: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'write the model to FILE (default: stdout)',
    },
    format: {
      type: 'string',
      short: 'f',
      choices: ['yaml', 'json'],
      value: 'yaml|json',
      description: 'yaml (default: with a header naming each source and its collection date) or json',
    },
  },
  details: [
    'Each SOURCE is a SharpHound collection (v5 or v6): its .zip, a directory of its files, or single JSON files',
    '(users, computers, groups, domains; other kinds are skipped). Sources are recognised by content. The model',
    'holds the domains and trusts, every user, computer, gMSA and group with the attributes delegation depends on,',
    'and a machine per computer account: write services, flows and assertions in a model file of your own next to',
    'it. What could not be carried over is listed on stderr as warnings (docs/import.md). The same input gives',
    'the same bytes.',
    '',
    'Exit status: 0 imported (warnings or not); 2 a source is unreadable or not a collection, or a usage error.',
  ].join('\n'),
  run(commandLine, cx) {
    const args = commandLine.positionals;
    if (args.length === 0) {
      throw new UsageError(
        'import: no source given',
        'doublehop import 20240305110018_BloodHound.zip -o directory.yaml',
      );
    }
    const style = styles(cx.colorErr);
    const output = commandLine.values['output'];
    if (typeof output === 'string' && cx.fs.writeFile === undefined) {
      throw new UsageError('import: this file system cannot write files; leave out -o');
    }
    cx.progress.phase('reading the sources');
    const sources = importSources(cx, args);
    if (!Array.isArray(sources)) return failed(cx, style, sources.error);
    cx.progress.phase('importing the directory');
    const r = importDirectory(sources);
    if (!r.ok) return failed(cx, style, r.error);
    const format = commandLine.values['format'] === 'json' ? 'json' : 'yaml';
    const text = writeImportedModel(r.value, format);
    printWarnings(cx, style, r.value.warnings);
    if (typeof output === 'string') {
      try {
        cx.fs.writeFile?.(output, text);
      } catch (e) {
        return failed(cx, style, {
          code: 'unreadable-file',
          file: output,
          path: '',
          line: null,
          column: null,
          message: `cannot write ${output}: ${(e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e))}`,
          expected: 'a writable path',
        });
      }
    } else cx.stdout.write(text);
    cx.stderr.write(
      `${style.bold('doublehop import')}: ${summary(r.value)} from ${r.value.files.length} file${r.value.files.length === 1 ? '' : 's'}` +
        `${r.value.skipped.length === 0 ? '' : ` (${r.value.skipped.length} skipped)`}` +
        `${typeof output === 'string' ? ` → ${output}` : ''}\n`,
    );
    return 0;
  },
};

/**
 * @internal The sources named on a command line: a directory stands for its `.json` and `.zip` files, sorted;
 * each file is read when the import comes to it. An empty directory is an error.
 */
export function importSources(
  cx: CommandContext,
  args: readonly string[],
): ImportSource[] | { readonly error: ImportError } {
  const sources: ImportSource[] = [];
  for (const arg of args) {
    const entries = cx.fs.readDirectory(arg);
    const names =
      entries === null
        ? [arg]
        : entries
            .filter((n) => /\.(json|zip)$/i.test(n))
            .sort()
            .map((n) => `${arg.replace(/[\\/]+$/, '')}/${n}`);
    if (entries !== null && names.length === 0) {
      return {
        error: {
          code: 'no-input',
          file: arg,
          path: '',
          line: null,
          column: null,
          message: 'the directory has no .json or .zip file',
          expected: 'a directory holding a SharpHound collection',
        },
      };
    }
    // Each file is read when the import comes to it, and let go after.
    for (const name of names) {
      sources.push({
        name,
        bytes: () => {
          const read = readSource(cx, name);
          if ('error' in read) throw new ImportFailure(read.error);
          return read.bytes;
        },
      });
    }
  }
  return sources;
}

function readSource(cx: CommandContext, name: string): { bytes: Uint8Array } | { error: ImportError } {
  const problem = (message: string, expected: string, code: ImportError['code'] = 'unreadable-file') => ({
    error: { code, file: name, path: '', line: null, column: null, message, expected },
  });
  try {
    // The size is checked once, for every source, where the import reads it (unpackSources).
    const bytes = cx.fs.readBytes?.(name) ?? new TextEncoder().encode(cx.fs.readFile(name));
    return { bytes };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file or directory'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EFBIG'
            ? `the file is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MiB doublehop reads from one file`
            : code === 'ENOTREGULAR'
              ? 'not a regular file (a FIFO, a device or a socket)'
              : code === 'EACCES' || code === 'EPERM'
                ? 'permission denied'
                : (code ?? 'an I/O error');
    if (code === 'EFBIG') {
      return problem(
        `cannot read ${name}: ${reason}`,
        `a file of at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
        'too-large',
      );
    }
    return problem(`cannot read ${name}: ${reason}`, 'a readable regular file');
  }
}

/** @internal Prints an import error (file, place, what was expected); returns exit status 2. */
export function failed(cx: CommandContext, style: Style, e: ImportError): number {
  const where = e.line === null ? e.file : `${e.file}:${e.line}:${e.column}`;
  cx.stderr.write(
    `${style.error(`error[${e.code}]`)}${style.bold(`: ${e.message}`)}\n` +
      `  ${style.dim('-->')} ${where}${e.path === '' ? '' : ` at ${e.path}`}\n` +
      `  ${style.dim('=')} ${style.bold('expected')}: ${e.expected}\n`,
  );
  return 2;
}

/** @internal Prints the warnings, at most a few of each code. */
export function printWarnings(cx: CommandContext, style: Style, warnings: readonly ImportWarning[]): void {
  const shown = new Map<string, number>();
  for (const w of warnings) {
    const n = (shown.get(w.code) ?? 0) + 1;
    shown.set(w.code, n);
    if (n > WARNINGS_SHOWN_PER_CODE) continue;
    cx.stderr.write(
      `${style.warn(`warning[${w.code}]`)}: ${w.message}\n  ${style.dim('-->')} ${w.file}${w.path === '' ? '' : ` at ${w.path}`}\n`,
    );
  }
  for (const [code, n] of shown) {
    if (n > WARNINGS_SHOWN_PER_CODE) {
      cx.stderr.write(`${style.warn(`warning[${code}]`)}: … and ${n - WARNINGS_SHOWN_PER_CODE} more\n`);
    }
  }
}
