import type { CliFileSystem, CliIo, Diagnostic } from '@doublehop/cli';
import { loadScenario, main } from '@doublehop/cli';

/** The diagnostics of a text that must not load, as `code@line:column` strings. */
export function problems(text: string, file = 'test.yaml'): string[] {
  const r = loadScenario(file, text);
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.error.diagnostics.map((d) => `${d.code}@${d.line}:${d.column}`);
}

/** The diagnostics of a text that must not load. */
export function diagnostics(text: string, file = 'test.yaml'): readonly Diagnostic[] {
  const r = loadScenario(file, text);
  if (r.ok) throw new Error('expected the scenario to be invalid');
  return r.error.diagnostics;
}

/** An in-memory file system: paths to contents; directories are inferred from the paths. */
export function memoryFs(files: Readonly<Record<string, string>>): CliFileSystem {
  return {
    readFile(path) {
      const text = files[path];
      if (text === undefined) {
        const isDir = Object.keys(files).some((f) => f.startsWith(`${path.replace(/\/$/, '')}/`));
        throw Object.assign(new Error(`${isDir ? 'EISDIR' : 'ENOENT'}: ${path}`), {
          code: isDir ? 'EISDIR' : 'ENOENT',
        });
      }
      return text;
    },
    readDirectory(path) {
      const prefix = path === '.' ? '' : `${path.replace(/\/$/, '')}/`;
      const names = Object.keys(files)
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length).split('/')[0] ?? '');
      return names.length === 0 || files[path] !== undefined ? null : [...new Set(names)];
    },
  };
}

/** Runs the CLI in-process; returns the exit code and what it wrote. */
export function run(
  argv: readonly string[],
  files: Readonly<Record<string, string>> = {},
  options: { readonly tty?: boolean; readonly env?: Record<string, string> } = {},
): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
    env: options.env ?? {},
    fs: memoryFs(files),
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

/** Runs the command line on the real file system (imports read zips and write files). */
export function runOnDisk(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}
