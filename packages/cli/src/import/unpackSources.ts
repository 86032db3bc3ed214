import * as zlib from 'node:zlib';
import { type UnzipFileInfo, unzipSync } from 'fflate';
import { MAX_READ_BYTES } from '../cli/cliIo.js';
import { fail, ImportFailure } from './importProblems.js';

/**
 * A file given to the importer: its name as the user gave it (it names the file in every error and warning)
 * and its bytes.
 *
 * @example
 * ```ts
 * import type { ImportSource } from '@doublehop/cli';
 *
 * const users: ImportSource = { name: 'users.json', bytes: new TextEncoder().encode('{"data":[],"meta":{"type":"users","count":0,"version":6}}') };
 * ```
 * @see {@link importDirectory}
 */
export interface ImportSource {
  /** The file name as given (`collection.zip`, `out/20240305110018_users.json`). */
  readonly name: string;
  /** Its content, or a function that reads it: called when the import comes to it, so that a collection's files need not all be in memory at once. */
  readonly bytes: Uint8Array | (() => Uint8Array);
}

/** @internal A JSON file to read: a source, or an entry of a zip source (`archive.zip:entry.json`). */
export interface JsonInput {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** @internal The most an import reads of one file, or of one zip entry once unpacked: what the CLI reads of a file. */
export const MAX_FILE_BYTES = MAX_READ_BYTES;

const ZIP_MAGIC = [0x50, 0x4b];

/**
 * @internal The JSON files of the sources, one at a time (each read only when it is its turn, and let go after):
 * a zip contributes its `.json` entries sorted by name, unpacked one by one (other entries are skipped and named
 * in `skipped`); any other source is taken as JSON. A zip entry larger than {@link MAX_FILE_BYTES} once unpacked,
 * an encrypted or corrupt entry (its CRC-32 is checked), or a truncated archive stops the import.
 */
export function* unpackSources(
  sources: readonly ImportSource[],
  skipped: (file: string, why: string) => void,
): Generator<JsonInput> {
  for (const source of sources) {
    const bytes = typeof source.bytes === 'function' ? source.bytes() : source.bytes;
    if (bytes.length > MAX_FILE_BYTES) tooLarge(source.name, bytes.length);
    if (bytes[0] === ZIP_MAGIC[0] && bytes[1] === ZIP_MAGIC[1]) {
      yield* unzip(source.name, bytes, skipped);
    } else if (/\.zip$/i.test(source.name)) {
      fail(
        'invalid-zip',
        source.name,
        '',
        'the file is named .zip but is not a zip archive (it does not start with "PK")',
        'a zip archive, as SharpHound writes it',
      );
    } else yield { name: source.name, bytes };
  }
}

function* unzip(
  archive: string,
  zip: Uint8Array,
  skipped: (file: string, why: string) => void,
): Generator<JsonInput> {
  // First the names (fflate reads the central directory and unpacks nothing the filter refuses).
  const names: string[] = [];
  unpack(archive, zip, (entry) => {
    if (entry.name.endsWith('/')) return false;
    if (!entry.name.toLowerCase().endsWith('.json')) skipped(`${archive}:${entry.name}`, 'not a .json entry');
    else {
      if (entry.originalSize > MAX_FILE_BYTES) tooLarge(`${archive}:${entry.name}`, entry.originalSize);
      names.push(entry.name);
    }
    return false;
  });
  if (names.length === 0) {
    fail('no-input', archive, '', 'the zip archive has no .json file', 'a SharpHound zip with JSON files');
  }
  const crcs = centralDirectoryCrcs(zip);
  for (const name of names.sort()) {
    const bytes = unpack(archive, zip, (entry) => entry.name === name)[name];
    if (bytes === undefined) {
      fail('invalid-zip', `${archive}:${name}`, '', 'the entry cannot be unpacked', 'a complete zip archive');
    }
    const expected = crcs.get(name);
    // fflate does not check the CRC-32 (and stops at the declared size): a damaged entry must not pass as data.
    if (
      typeof zlib.crc32 === 'function' &&
      expected !== undefined &&
      zlib.crc32(bytes) >>> 0 !== expected >>> 0
    ) {
      fail(
        'invalid-zip',
        `${archive}:${name}`,
        '',
        'the entry is damaged: its CRC-32 does not match the archive',
        'an entry whose content matches its checksum',
      );
    }
    yield { name: `${archive}:${name}`, bytes };
  }
}

function unpack(
  archive: string,
  zip: Uint8Array,
  filter: (entry: UnzipFileInfo) => boolean,
): Record<string, Uint8Array> {
  try {
    return unzipSync(zip, { filter });
  } catch (e) {
    if (e instanceof ImportFailure) throw e;
    const detail = e instanceof Error ? e.message : String(e);
    return fail(
      'invalid-zip',
      archive,
      '',
      `the zip archive cannot be read (${detail}): truncated, corrupt or not a zip`,
      'a complete zip archive, as SharpHound writes it',
    );
  }
}

/**
 * The CRC-32 the central directory records for each entry, by name (APPNOTE 4.3.12: each central directory
 * header, signature 0x02014b50, has the CRC-32 at offset 16 and the name's length at 28; the end record,
 * 0x06054b50, the entry count at 10 and the directory's offset at 16).
 */
function centralDirectoryCrcs(zip: Uint8Array): Map<string, number> {
  const crcs = new Map<string, number>();
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const decoder = new TextDecoder();
  for (let at = zip.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    let p = view.getUint32(at + 16, true);
    const count = view.getUint16(at + 10, true);
    for (let k = 0; k < count && p + 46 <= zip.length; k++) {
      if (view.getUint32(p, true) !== 0x02014b50) break;
      const nameLength = view.getUint16(p + 28, true);
      const extra = view.getUint16(p + 30, true);
      const comment = view.getUint16(p + 32, true);
      crcs.set(decoder.decode(zip.subarray(p + 46, p + 46 + nameLength)), view.getUint32(p + 16, true));
      p += 46 + nameLength + extra + comment;
    }
    break;
  }
  return crcs;
}

function tooLarge(file: string, bytes: number): never {
  return fail(
    'too-large',
    file,
    '',
    `the file is ${(bytes / 1024 / 1024).toFixed(0)} MiB, more than the ${MAX_FILE_BYTES / 1024 / 1024} MiB doublehop reads from one file`,
    `a file of at most ${MAX_FILE_BYTES / 1024 / 1024} MiB (split the collection, e.g. one domain per run)`,
  );
}
