import type { CliFileSystem } from './cliIo.js';
import { UsageError } from './commandLine.js';

/** @internal The file extensions input files may have. */
export const INPUT_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

const hasInputExtension = (name: string): boolean =>
  INPUT_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e));

/**
 * @internal The files named by the command line, in order: a directory stands for its `.yaml`, `.yml` and
 * `.json` files (sorted, not recursive); an argument with `*` or `?` in its last segment is matched against its
 * directory's entries, for shells that leave globs alone (cmd.exe, or a quoted pattern); anything else is a
 * file name. A directory or pattern that matches nothing is a usage error.
 */
export function expandFileArguments(command: string, args: readonly string[], fs: CliFileSystem): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const entries = fs.readDirectory(arg);
    if (entries !== null) {
      const found = entries.filter(hasInputExtension).sort();
      if (found.length === 0) {
        throw new UsageError(`${command}: the directory ${arg} has no .yaml, .yml or .json file`);
      }
      const base = arg.replace(/[\\/]+$/, '');
      files.push(...found.map((name) => `${base}/${name}`));
      continue;
    }
    const cut = Math.max(arg.lastIndexOf('/'), arg.lastIndexOf('\\'));
    const pattern = arg.slice(cut + 1);
    if (!/[*?]/.test(pattern)) {
      files.push(arg);
      continue;
    }
    const dir = cut < 0 ? '.' : arg.slice(0, cut) || '/';
    const listing = fs.readDirectory(dir);
    const re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const matched = (listing ?? []).filter((name) => re.test(name)).sort();
    if (matched.length === 0) throw new UsageError(`${command}: no file matches ${arg}`);
    files.push(...matched.map((name) => (cut < 0 ? name : `${arg.slice(0, cut)}/${name}`)));
  }
  return files;
}
