import type { Diagnostic } from '../source/diagnostic.js';
import type { CliFileSystem } from './cliIo.js';
import { INPUT_EXTENSIONS } from './expandFileArguments.js';

/** @internal A file's text, or a diagnostic saying why it cannot be used (placed at line 1, column 1). */
export function readInputFile(
  fs: CliFileSystem,
  file: string,
): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic } {
  const at = {
    file,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    offset: 0,
    length: 0,
    path: '',
    hint: null,
  };
  if (!INPUT_EXTENSIONS.some((e) => file.toLowerCase().endsWith(e))) {
    return {
      ok: false,
      diagnostic: {
        ...at,
        code: 'unsupported-file',
        message: `cannot tell the format of ${file} from its extension`,
        found: `the extension "${/\.[^./\\]*$/.exec(file)?.[0] ?? ''}"`,
        expected: '.yaml, .yml or .json',
      },
    };
  }
  try {
    return { ok: true, text: fs.readFile(file).replace(/^\uFEFF/, '') };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : e instanceof Error
              ? e.message
              : String(e);
    return {
      ok: false,
      diagnostic: {
        ...at,
        code: 'unreadable-file',
        message: `cannot read ${file}: ${reason}`,
        found: reason,
        expected: 'a readable file',
      },
    };
  }
}
