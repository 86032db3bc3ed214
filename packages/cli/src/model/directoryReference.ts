import type { AccountDocument } from '../directory/directorySchema.js';
import type { Entry } from '../schema/collections.js';
import { INVALID, type Invalid, type Path } from '../schema/schema.js';
import type { LoadContext } from '../source/loadContext.js';
import type { MachineDocument } from './modelSchema.js';

/**
 * @internal Where a file named by `directory:` is, from the model file naming it: relative to that file's folder,
 * as zed's `schemaFile` and OpenFGA's `model_file` are.
 */
export function directoryPath(modelFile: string, reference: string): string {
  if (/^([A-Za-z]:)?[\\/]/.test(reference)) return reference;
  const cut = Math.max(modelFile.lastIndexOf('/'), modelFile.lastIndexOf('\\'));
  return cut < 0 ? reference : `${modelFile.slice(0, cut + 1)}${reference}`;
}

/** @internal One section of each file, or the merged section: the directory's entries first. */
export function mergedSection<T>(
  external: readonly T[] | Invalid | undefined,
  own: readonly T[] | Invalid | undefined,
): readonly T[] | Invalid | undefined {
  if (external === INVALID || own === INVALID) return INVALID;
  if (external === undefined) return own;
  if (own === undefined) return external;
  return [...external, ...own];
}

/**
 * @internal The directory file's accounts and machines, each with its domain written out: in the merged file
 * the first domain may be another (the model file's own), and the directory's entries keep the domain they had.
 */
export function withDomain<T extends AccountDocument | MachineDocument>(
  entries: readonly Entry<T>[] | Invalid | undefined,
  firstDomain: string | undefined,
): readonly Entry<T>[] | Invalid | undefined {
  if (entries === undefined || entries === INVALID || firstDomain === undefined) return entries;
  return entries.map((e) =>
    e.value.domain !== undefined || e.key.includes('\\') || (e.value as MachineDocument).workgroup === true
      ? e
      : { ...e, value: { ...e.value, domain: firstDomain } },
  );
}

/**
 * @internal A load context over the merged file that places each problem in the file its entry comes from: an
 * entry of the directory file (a key only it has, or one of its trusts, which come first) in that file, at the
 * same path; anything else in the model file, with a trust's index moved back by the directory's trusts.
 */
export function routingContext(
  own: LoadContext,
  external: LoadContext,
  externalKeys: ReadonlyMap<string, ReadonlySet<string>>,
  ownKeys: ReadonlyMap<string, ReadonlySet<string>>,
  externalTrusts: number,
): LoadContext {
  const route = (path: Path): [LoadContext, Path] => {
    const [section, key] = path;
    if (section === 'trusts' && typeof key === 'number') {
      return key < externalTrusts
        ? [external, path]
        : [own, ['trusts', key - externalTrusts, ...path.slice(2)]];
    }
    if (
      typeof section === 'string' &&
      typeof key === 'string' &&
      externalKeys.get(section)?.has(key) === true &&
      ownKeys.get(section)?.has(key) !== true
    ) {
      return [external, path];
    }
    return [own, path];
  };
  return {
    get doc() {
      return own.doc;
    },
    text: own.text,
    has(path) {
      const [cx, at] = route(path);
      return cx.has(at);
    },
    problem(code, path, text, at) {
      const [cx, routed] = route(path);
      cx.problem(code, routed, text, at);
    },
  };
}
