import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * Where the CLI writes: anything with a `write(text)` method, such as `process.stdout`. `isTTY` decides
 * whether the text report is colored.
 *
 * @example
 * ```ts
 * import type { OutputStream } from '@doublehop/cli';
 *
 * const chunks: string[] = [];
 * const collect: OutputStream = { write: (text: string) => chunks.push(text), isTTY: false };
 * ```
 * @see https://no-color.org (NO_COLOR)
 */
export interface OutputStream {
  /** Writes text (UTF-8). */
  write(text: string): unknown;
  /** Whether the stream is a terminal. */
  readonly isTTY?: boolean;
}

/**
 * The file system the CLI reads, injectable for tests. The default reads the real disk synchronously.
 *
 * @example
 * ```ts
 * import { type CliFileSystem, main } from '@doublehop/cli';
 *
 * const files: Record<string, string> = { 's.yaml': 'accounts: { alice: {} }\nsteps:\n  - as-req: { client: alice }\n' };
 * const fs: CliFileSystem = {
 *   readFile: (path) => files[path] ?? '',
 *   readDirectory: () => null,
 * };
 * main(['scenario', 's.yaml'], { stdout: { write: () => true }, stderr: { write: () => true }, fs }); // 0
 * ```
 * @see {@link CliIo}
 */
export interface CliFileSystem {
  /**
   * Reads a file as UTF-8; throws (as `fs.readFileSync` does) when it cannot.
   * @param path - the path as given on the command line
   */
  readFile(path: string): string;
  /**
   * The names of the entries of a directory, or `null` when `path` is not a directory.
   * @param path - the path as given on the command line
   */
  readDirectory(path: string): readonly string[] | null;
  /**
   * Reads a file's bytes (`doublehop import` reads zips); throws as `fs.readFileSync` does. Without it, the CLI
   * reads the file as text and encodes it as UTF-8.
   * @param path - the path as given on the command line
   */
  readBytes?(path: string): Uint8Array;
  /**
   * Writes a file (`doublehop import -o`); throws as `fs.writeFileSync` does. Without it, `-o` is refused.
   * @param path - the path as given on the command line
   * @param text - the content, written as UTF-8
   */
  writeFile?(path: string, text: string): void;
}

/**
 * The outside world of {@link main}: its output streams, environment and file system. `process` itself fits
 * (it has `stdout`, `stderr` and `env`); tests pass strings in and collect strings out.
 *
 * @example
 * ```ts
 * import { type CliIo, main } from '@doublehop/cli';
 *
 * let out = '';
 * const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, env: {} };
 * main(['--version'], io); // 0
 * /^\d+\.\d+\.\d+\n$/.test(out); // true
 * ```
 * @see {@link main}
 */
export interface CliIo {
  /** Reports and results. */
  readonly stdout: OutputStream;
  /** Diagnostics and usage errors. */
  readonly stderr: OutputStream;
  /** The environment (NO_COLOR, TERM). Default: empty. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The file system. Default: the real one. */
  readonly fs?: CliFileSystem;
}

/** @internal The most the CLI reads of one file (V8's largest string is about 512 MiB). */
export const MAX_READ_BYTES = 400 * 1024 * 1024;

/** @internal The real file system. */
export const nodeFileSystem: CliFileSystem = {
  readFile: (path) => readFileSync(path, 'utf8'),
  readBytes: (path) => {
    // Only a regular file: a FIFO would block for ever, a device (/dev/zero) would never end.
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw Object.assign(new Error(`${path} is not a regular file`), {
        code: stat.isDirectory() ? 'EISDIR' : 'ENOTREGULAR',
      });
    }
    // Refused before a byte is read: a buffer this large would not become a string anyway.
    if (stat.size > MAX_READ_BYTES) {
      throw Object.assign(new Error(`${path} is larger than ${MAX_READ_BYTES} bytes`), {
        code: 'EFBIG',
        size: stat.size,
      });
    }
    return readFileSync(path);
  },
  writeFile: (path, text) => writeFileSync(path, text, 'utf8'),
  readDirectory: (path) => {
    try {
      return statSync(path).isDirectory() ? readdirSync(path) : null;
    } catch {
      return null;
    }
  },
};
