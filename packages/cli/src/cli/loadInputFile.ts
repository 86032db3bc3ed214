import type { Result } from '@doublehop/core-token';
import { loadModel } from '../model/loadModel.js';
import type { ModelFile } from '../model/modelFile.js';
import type { InvalidFile } from '../scenario/loadScenario.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { formatDiagnostic } from '../source/formatDiagnostic.js';
import { sourceText } from '../source/sourceText.js';
import type { CommandContext } from './command.js';
import { readInputFile } from './readInputFile.js';
import { styles } from './style.js';

/**
 * @internal Reads and loads one input file with `load`; when it cannot be read or is invalid, writes every
 * diagnostic to stderr (with the source excerpt and caret) and a closing line naming the file and the count
 * (`x.yaml is not a valid model (2 problems)`), and returns the diagnostics.
 */
export function loadInputFile<T>(
  cx: CommandContext,
  file: string,
  load: (file: string, text: string) => Result<T, InvalidFile>,
  what: string,
):
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  const style = styles(cx.colorErr);
  cx.progress.phase(`loading ${file}`);
  const read = readInputFile(cx.fs, file);
  if (!read.ok) {
    cx.stderr.write(`${formatDiagnostic(read.diagnostic, null, style)}\n`);
    return { ok: false, diagnostics: [read.diagnostic] };
  }
  const loaded = load(file, read.text);
  if (loaded.ok) return { ok: true, value: loaded.value };
  // A diagnostic may be placed in another file (a model's directory file): its excerpt comes from that file.
  const sources = new Map([[file, sourceText(file, read.text)]]);
  const sourceOf = (name: string) => {
    if (!sources.has(name)) {
      const other = readInputFile(cx.fs, name);
      sources.set(name, other.ok ? sourceText(name, other.text) : sourceText(name, ''));
    }
    return sources.get(name) ?? null;
  };
  for (const d of loaded.error.diagnostics)
    cx.stderr.write(`${formatDiagnostic(d, sourceOf(d.file), style)}\n`);
  const n = loaded.error.diagnostics.length;
  cx.stderr.write(
    `${style.error('error')}${style.bold(`: ${file} is not a valid ${what} (${n} problem${n === 1 ? '' : 's'})`)}\n`,
  );
  return { ok: false, diagnostics: loaded.error.diagnostics };
}

/**
 * @internal Reads and loads a model file ({@link loadInputFile}), and the directory file its `directory` key names
 * — read only if it is a regular file of at most 400 MiB with a model file's extension.
 */
export function loadModelFile(cx: CommandContext, file: string): ReturnType<typeof loadInputFile<ModelFile>> {
  const readFile = (path: string): string => {
    const read = readInputFile(cx.fs, path);
    if (!read.ok) throw Object.assign(new Error(read.diagnostic.message), { code: read.diagnostic.found });
    return read.text;
  };
  return loadInputFile(cx, file, (f, text) => loadModel(f, text, { readFile }), 'model');
}
