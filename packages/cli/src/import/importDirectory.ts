import { err, ok, type Result } from '@doublehop/core-token';
import { emptyFacts } from './directoryFacts.js';
import { type ImportError, ImportFailure, type ImportWarning } from './importProblems.js';
import { type ImportCounts, type ImportedDocument, modelFromFacts } from './modelFromFacts.js';
import { isAdExport, readAdExport } from './readAdExport.js';
import { readJson } from './readJson.js';
import { isLdapDomainDump, readLdapDomainDump, resolveMembers } from './readLdapDomainDump.js';
import { readSharpHound, SHARPHOUND_KINDS, sharpHoundMeta } from './readSharpHound.js';
import { type ImportSource, unpackSources } from './unpackSources.js';

/**
 * A directory read by {@link importDirectory}: the model document, where it came from, and what could not be
 * carried over.
 *
 * @example
 * ```ts
 * import { type ImportedDirectory, writeImportedModel } from '@doublehop/cli';
 *
 * const save = (d: ImportedDirectory) => writeImportedModel(d, 'yaml');
 * ```
 * @see docs/import.md
 */
export interface ImportedDirectory {
  /** The model's directory sections (domains, trusts, accounts, machines), in the order they are written. */
  readonly document: ImportedDocument;
  /** Each file read, in order: its name, what it held and when it was collected. */
  readonly files: readonly ImportedFile[];
  /** The files and zip entries left out, and why. */
  readonly skipped: readonly { readonly file: string; readonly why: string }[];
  /** What could not be carried over, in the order it was found. */
  readonly warnings: readonly ImportWarning[];
  /** How many domains, trusts, users, computers, gMSAs and groups the model holds. */
  readonly counts: ImportCounts;
}

/**
 * One file an import read.
 *
 * @example
 * ```ts
 * import type { ImportedFile } from '@doublehop/cli';
 *
 * const f: ImportedFile = {
 *   file: 'ad_example_data.zip:20240305110018_users.json',
 *   description: 'SharpHound v6 users (53 objects)',
 *   collected: '2024-03-05 11:00:18',
 * };
 * ```
 */
export interface ImportedFile {
  /** The file (`archive.zip:entry.json` inside a zip). */
  readonly file: string;
  /** What it held: `SharpHound v6 users (53 objects)`. */
  readonly description: string;
  /** When it was collected (SharpHound's `YYYYMMDDhhmmss_` file-name prefix, the collector's local time), else `null`. */
  readonly collected: string | null;
}

/**
 * Reads a real directory — SharpHound collections (v5 and v6: a zip, or its JSON files) — into the directory
 * sections of a model file: the domains with their SIDs and functional levels, the trusts, every user, computer,
 * gMSA and group with the attributes delegation depends on (SPNs, msDS-AllowedToDelegateTo, the delegation and
 * sensitivity flags of userAccountControl, the RBCD principals, group members, the primary group, and the ACEs
 * that let someone outside the privileged groups configure delegation, as the account's security descriptor), and
 * a machine per computer account. Sources are recognised by content, not by name. Deterministic: the same files
 * give the same model, byte for byte.
 *
 * @remarks
 * What SharpHound does not collect cannot be imported: msDS-AllowedToDelegateTo only when protocol transition is
 * set (before SharpHoundCommon 4.2), the NOT_DELEGATED flag of computers unless `useraccountcontrol` is written,
 * deny ACEs (SharpHound's `AllowedToAct` lists every principal of the RBCD descriptor, denied ones too), domain
 * NetBIOS names (the model derives them from the DNS name). Each loss the data shows is an {@link ImportWarning}.
 * @param sources - the files, each with the name to report it by
 * @returns the imported directory, or the first {@link ImportError} (file, JSON path or line and column, what was
 *   expected): a truncated or corrupt zip, invalid JSON, another tool's JSON, a value of the wrong type, no input
 * @example
 * ```ts
 * import { importDirectory } from '@doublehop/cli';
 *
 * const computers = {
 *   meta: { type: 'computers', count: 1, version: 6 },
 *   data: [{
 *     ObjectIdentifier: 'S-1-5-21-1-2-3-1105',
 *     Properties: { domain: 'CORP.EXAMPLE', samaccountname: 'WEB01$', enabled: true, unconstraineddelegation: true },
 *   }],
 * };
 * const r = importDirectory([{ name: 'computers.json', bytes: new TextEncoder().encode(JSON.stringify(computers)) }]);
 * r.ok && r.value.document.accounts['WEB01$'];   // { rid: 1105, trustedForDelegation: true }
 * r.ok && r.value.document.machines['WEB01'];    // {}
 * const bad = importDirectory([{ name: 'x.json', bytes: new TextEncoder().encode('{"data": [') }]);
 * !bad.ok && bad.error.code;                     // 'invalid-json'
 * ```
 * @see docs/import.md; SharpHoundCommon OutputTypes; MS-ADTS 2.2.16 (userAccountControl), 6.1.6.7 (trusts)
 */
export function importDirectory(sources: readonly ImportSource[]): Result<ImportedDirectory, ImportError> {
  const warnings: ImportWarning[] = [];
  const warn = (w: ImportWarning) => warnings.push(w);
  const skipped: { file: string; why: string }[] = [];
  const files: ImportedFile[] = [];
  const facts = emptyFacts();
  try {
    if (sources.length === 0) {
      return err({
        code: 'no-input',
        file: '',
        path: '',
        line: null,
        column: null,
        message: 'no file to import',
        expected: 'a SharpHound zip, a directory of its JSON files, or the JSON files',
      });
    }
    for (const input of unpackSources(sources, (file, why) => skipped.push({ file, why }))) {
      const json = readJson(input.name, input.bytes);
      if (isAdExport(json)) {
        const { collected } = readAdExport(input.name, json, facts, warn);
        const domains = Array.isArray(json['domains']) ? json['domains'].length : 0;
        files.push({
          file: input.name,
          description: `the doublehop AD export (Collect-Doublehop.ps1) of ${domains} domain${domains === 1 ? '' : 's'}`,
          collected,
        });
        continue;
      }
      if (isLdapDomainDump(json)) {
        const { objects } = readLdapDomainDump(input.name, json, facts, warn);
        files.push({
          file: input.name,
          description: `ldapdomaindump (${json.length} entr${json.length === 1 ? 'y' : 'ies'}, ${objects} account${objects === 1 ? '' : 's'})`,
          collected: null,
        });
        continue;
      }
      const meta = sharpHoundMeta(json);
      if (meta === null) {
        return err({
          code: 'unknown-format',
          file: input.name,
          path: '',
          line: null,
          column: null,
          message: 'this JSON is not a file doublehop imports',
          expected:
            'a SharpHound file: an object with "meta" ({ "type", "version", "count" }) and a "data" list',
        });
      }
      const count = (json as { data?: unknown[] }).data?.length ?? 0;
      if (!(SHARPHOUND_KINDS as readonly string[]).includes(meta.type)) {
        skipped.push({ file: input.name, why: `SharpHound ${meta.type}: the model has no place for them` });
        warn({
          code: 'skipped-file',
          file: input.name,
          path: 'meta.type',
          message: `SharpHound ${meta.type} (${count} objects) are not read: the model holds users, computers, groups and domains`,
        });
        continue;
      }
      readSharpHound(input.name, json as Record<string, unknown>, meta, facts, warn);
      files.push({
        file: input.name,
        description: `SharpHound v${meta.version} ${meta.type} (${count} object${count === 1 ? '' : 's'})`,
        collected: collectedAt(input.name),
      });
    }
    if (files.length === 0) {
      return err({
        code: 'no-input',
        file: sources.map((s) => s.name).join(', '),
        path: '',
        line: null,
        column: null,
        message: 'nothing to import: no file holds users, computers, groups or domains',
        expected: "SharpHound's users, computers, groups or domains files",
      });
    }
  } catch (e) {
    if (e instanceof ImportFailure) return err(e.error);
    throw e;
  }
  resolveMembers(facts);
  const { document, counts } = modelFromFacts(facts, warn);
  return ok({ document, files, skipped, warnings, counts });
}

/** SharpHound names its files `YYYYMMDDhhmmss_<kind>.json` after the collection's start. */
function collectedAt(name: string): string | null {
  const m = /(?:^|[/\\:])(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})_[^/\\:]*$/.exec(name);
  return m === null ? null : `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
}
