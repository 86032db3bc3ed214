import { err, ok, type Result } from '@doublehop/core-token';
import { type EstateModel, estateDirectory } from '@doublehop/delegation';
import { type Document, isMap, isSeq } from 'yaml';
import { buildDirectory } from '../directory/buildDirectory.js';
import { accountInit, domainInits, trustInits } from '../directory/directoryInits.js';
import {
  accountsSchema,
  type DirectoryDocument,
  domainsSchema,
  kdcSchema,
  trustsSchema,
} from '../directory/directorySchema.js';
import type { InvalidFile } from '../scenario/loadScenario.js';
import type { Entry } from '../schema/collections.js';
import { deref, spanOf } from '../schema/nodes.js';
import { keyText } from '../schema/object.js';
import { INVALID, type Invalid, type Problem } from '../schema/schema.js';
import { type LoadContext, loadContext } from '../source/loadContext.js';
import { parseYaml } from '../source/parseYaml.js';
import { readRoot } from '../source/readRoot.js';
import { type SourceText, sourceText } from '../source/sourceText.js';
import { sortDiagnostics, toDiagnostic } from '../source/toDiagnostic.js';
import { checkAssertions } from './checkAssertions.js';
import { checkFlows } from './checkFlows.js';
import { checkMachines } from './checkMachines.js';
import { checkServices } from './checkServices.js';
import { directoryPath, mergedSection, routingContext, withDomain } from './directoryReference.js';
import { entryLines } from './entryLines.js';
import { implicitComputerAccounts, joinedMachines } from './implicitComputerAccounts.js';
import type { ModelFile } from './modelFile.js';
import type { ModelNames } from './modelNames.js';
import {
  type AssertionDocument,
  assertionSchema,
  assertionsSchema,
  DIRECTORY_FILE_KEYS,
  directoryReferenceSchema,
  flowsSchema,
  MODEL_KEYS,
  MODEL_ROOT_OPTIONS,
  machinesSchema,
  servicesSchema,
} from './modelSchema.js';

/**
 * Reads a model file's text: parses the YAML (or JSON), checks it against the model schema, resolves every
 * name — accounts, domains, machines, services, flows, reason codes and lint rules — and returns the estate as
 * `@doublehop/delegation`'s `EstateModel`, or *every* problem with its file, line and column, what was found and
 * what was expected.
 *
 * @remarks
 * The directory sections (`kdc`, `domains`, `trusts`, `accounts`) are the scenario files' own and are checked
 * the same way ({@link loadScenario}); then machines (their domain, local group members and user-right holders,
 * resolved by `@doublehop/logon`), services (their machine, the identity they run as, the services they call),
 * flows (the user, the start machine, a path in which each service calls the next) and assertions (flows,
 * services on the flow's path, hops, why-not reason codes and lint rule ids the engine knows). Account references
 * come out as `NETBIOS\name`. The function never throws for any text: a refusal is an {@link InvalidFile} value.
 * Nothing about Windows' behaviour is decided here — that is the engine's job (`evaluateFlow`, `lintEstate`).
 * @param file - the file name, used in diagnostics only (the text is not read from disk)
 * @param text - the file's content
 * @param options - how to read the directory file a `directory` key names (its sections come first; each
 *   problem is reported in the file it is in)
 * @returns the model and where its entries are written, or every problem found
 * @example
 * ```ts
 * import { loadModel } from '@doublehop/cli';
 *
 * const text = [
 *   'accounts: { alice: {} }',
 *   'machines: { WS01: { role: workstation }, WEB01: {} }',
 *   'services:',
 *   '  web: { machine: WEB01, runsAs: NetworkService, endpoint: { serviceClass: HTTP, host: web01.corp.example }, authentication: [negotiate] }',
 *   'flows:',
 *   '  browse: { user: alice, start: { machine: WS01 }, path: [web] }',
 * ].join('\n');
 * const r = loadModel('m.yaml', text);
 * r.ok && r.value.model.flows?.[0]?.user;       // 'CORP\\alice'
 * r.ok && r.value.model.services?.[0]?.runsAs;  // 'NetworkService'
 *
 * const bad = loadModel('bad.yaml', text.replace('path: [web]', 'path: [webb]'));
 * const d = bad.ok ? undefined : bad.error.diagnostics[0];
 * [d?.code, d?.line, d?.column, d?.hint]; // ['unknown-service', 6, 59, 'did you mean "web"?']
 * ```
 * @see docs/model-files.md (the format); {@link modelJsonSchema} (its JSON Schema)
 */
export function loadModel(
  file: string,
  text: string,
  options: LoadModelOptions = {},
): Result<ModelFile, InvalidFile> {
  const source = sourceText(file, text);
  // Problems placed in the directory file a `directory` key names, when there is one.
  let external: { readonly source: SourceText; readonly problems: Problem[] } | undefined;
  const fail = (problems: readonly Problem[]): Result<ModelFile, InvalidFile> =>
    err({
      code: 'INVALID_FILE',
      file,
      diagnostics: [
        ...sortDiagnostics(problems.map((p) => toDiagnostic(source, p))),
        ...(external === undefined
          ? []
          : sortDiagnostics(external.problems.map((p) => toDiagnostic(external?.source as SourceText, p)))),
      ],
    });
  // Two phases: what needs the parsed document (the schema, the names as declared, where each entry is), then
  // what needs only its values (names and references, against the directory). The document — on an imported
  // directory, two million nodes — is let go in between, before the directory is built; a problem found after
  // that is placed by parsing the text again.
  const read = readModelDocument(source, MODEL_KEYS);
  if (read.sections === undefined) return fail(read.problems);
  const { problems, sections, names: ownNames, lines } = read;
  const { services, flows, assertionsChecked } = sections;
  let { kdc, domains, trusts, accounts, machines } = sections;
  let declared = ownNames;
  let reparsed: Document.Parsed | undefined;
  let lx = loadContext(
    () => {
      reparsed ??= parseYaml(text).doc ?? undefined;
      return reparsed as Document.Parsed;
    },
    text,
    problems,
  );

  // A directory file this one builds on: its sections first, each problem placed in the file it comes from.
  if (sections.directory !== undefined && sections.directory !== INVALID) {
    const loaded = readDirectoryFile(file, sections.directory, options, lx);
    if (loaded === undefined) return fail(problems);
    external = { source: loaded.source, problems: loaded.read.problems };
    if (loaded.read.sections === undefined) {
      directoryInvalid(lx, loaded.source.name);
      return fail(problems);
    }
    const ext = loaded.read.sections;
    const extFirst = ext.domains === INVALID ? undefined : ext.domains?.[0]?.key;
    const keysOf = (v: readonly { readonly key: string }[] | Invalid | undefined) =>
      new Set(v === undefined || v === INVALID ? [] : v.map((e) => e.key));
    const extKeys = new Map([
      ['domains', keysOf(ext.domains)],
      ['accounts', keysOf(ext.accounts)],
      ['machines', keysOf(ext.machines)],
    ]);
    const ownKeys = new Map([
      ['domains', keysOf(domains)],
      ['accounts', keysOf(accounts)],
      ['machines', keysOf(machines)],
    ]);
    const extTrusts = ext.trusts === INVALID || ext.trusts === undefined ? 0 : ext.trusts.length;
    let extReparsed: Document.Parsed | undefined;
    const extCx = loadContext(
      () => {
        extReparsed ??= parseYaml(loaded.source.text).doc ?? undefined;
        return extReparsed as Document.Parsed;
      },
      loaded.source.text,
      external.problems,
    );
    lx = routingContext(lx, extCx, extKeys, ownKeys, extTrusts);
    kdc = kdc ?? ext.kdc;
    domains = mergedSection(ext.domains, domains);
    trusts = mergedSection(ext.trusts, trusts);
    accounts = mergedSection(withDomain(ext.accounts, extFirst), accounts);
    machines = mergedSection(withDomain(ext.machines, extFirst), machines);
    declared = { ...ownNames, machines: [...loaded.read.names.machines, ...ownNames.machines] };
  }

  const directoryDoc: DirectoryDocument | undefined =
    domains === INVALID || trusts === INVALID || accounts === INVALID
      ? undefined
      : {
          ...(domains === undefined ? {} : { domains }),
          ...(trusts === undefined ? {} : { trusts }),
          ...(accounts === undefined ? {} : { accounts }),
        };
  // The lists the model will carry, made once: the directory built from them to check the file is the one the
  // engine finds for the model (estateDirectory), not built a second time.
  const first = directoryDoc?.domains?.[0]?.key;
  const modelDomains = directoryDoc === undefined ? [] : domainInits(directoryDoc);
  const modelTrusts = directoryDoc?.trusts === undefined ? undefined : trustInits(directoryDoc);
  const modelAccounts = directoryDoc?.accounts?.map((a) => accountInit(a, first, true));
  const { directory, names: dir } =
    directoryDoc === undefined
      ? { directory: undefined, names: undefined }
      : buildDirectory(directoryDoc, lx, {
          whole: () =>
            estateDirectory({
              domains: modelDomains,
              trusts: modelTrusts,
              accounts: modelAccounts,
              machines: machines === INVALID ? undefined : joinedMachines(machines ?? [], modelDomains),
            }),
          // Names resolve against the declared accounts plus the machines' computer accounts the engine adds.
          implicit: () =>
            machines === INVALID || machines === undefined
              ? []
              : implicitComputerAccounts(machines, directoryDoc.accounts ?? [], directoryDoc),
        });

  const machineEntries = machines === INVALID ? [] : (machines ?? []);
  const serviceEntries = services === INVALID ? [] : (services ?? []);
  const flowEntries = flows === INVALID ? [] : (flows ?? []);
  const names: ModelNames = {
    machines: new Map(declared.machines.map((m) => [m.toUpperCase(), m])),
    services: new Set(declared.services),
    flows: new Set(declared.flows),
    dir,
  };
  const estateMachines = checkMachines(machineEntries, dir, lx);
  const estateServices = checkServices(serviceEntries, names, lx);
  const estateFlows = checkFlows(flowEntries, serviceEntries, names, lx);
  // Assertions are checked against the flows whose path is sound (an empty path or an unknown service is
  // reported once, at the flow).
  const flowPaths = new Map(
    flowEntries
      .filter((f) => f.value.path.length > 0 && f.value.path.every((s) => names.services.has(s)))
      .map((f) => [f.key, { path: f.value.path }]),
  );
  const estateAssertions =
    assertionsChecked === undefined || assertionsChecked === INVALID
      ? []
      : checkAssertions(assertionsChecked, flowPaths, names, lx);

  if (external !== undefined && external.problems.length > 0 && problems.length === 0) {
    directoryInvalid(lx, external.source.name);
  }
  if (
    problems.length > 0 ||
    directory === undefined ||
    directoryDoc === undefined ||
    kdc === INVALID ||
    machines === INVALID ||
    services === INVALID ||
    flows === INVALID ||
    assertionsChecked === INVALID ||
    estateMachines === undefined ||
    estateServices === undefined ||
    estateFlows === undefined ||
    estateAssertions === undefined
  ) {
    if (problems.length === 0) {
      problems.push({
        code: 'invalid-directory',
        span: { offset: 0, length: Math.min(1, text.length) },
        path: [],
        message: 'the model could not be loaded',
        found: 'an inconsistent file',
        expected: 'a valid model',
      });
    }
    return fail(problems);
  }

  const model: EstateModel = {
    ...(kdc?.patched === undefined ? {} : { kdc: { patched: kdc.patched } }),
    domains: modelDomains,
    ...(modelTrusts === undefined ? {} : { trusts: modelTrusts }),
    ...(modelAccounts === undefined ? {} : { accounts: modelAccounts }),
    ...(machines === undefined ? {} : { machines: estateMachines }),
    ...(services === undefined ? {} : { services: estateServices }),
    ...(flows === undefined ? {} : { flows: estateFlows }),
    ...(assertionsChecked === undefined ? {} : { assertions: estateAssertions }),
  };
  return ok({ file, model, lines });
}

/** What the first phase of {@link loadModel} reads from the parsed document. */
interface ModelDocument {
  readonly problems: Problem[];
  /** Each section checked against its schema; `undefined` when the file could not be parsed at all. */
  readonly sections:
    | {
        readonly directory: ReturnType<typeof directoryReferenceSchema.check> | undefined;
        readonly kdc: ReturnType<typeof kdcSchema.check> | undefined;
        readonly domains: ReturnType<typeof domainsSchema.check> | undefined;
        readonly trusts: ReturnType<typeof trustsSchema.check> | undefined;
        readonly accounts: ReturnType<typeof accountsSchema.check> | undefined;
        readonly machines: ReturnType<typeof machinesSchema.check> | undefined;
        readonly services: ReturnType<typeof servicesSchema.check> | undefined;
        readonly flows: ReturnType<typeof flowsSchema.check> | undefined;
        readonly assertionsChecked: readonly (AssertionDocument | undefined)[] | Invalid | undefined;
      }
    | undefined;
  /** The machine, service and flow names as declared, even by an entry that failed its own check. */
  readonly names: { readonly machines: string[]; readonly services: string[]; readonly flows: string[] };
  /** Where each entry of the valid sections is written. */
  readonly lines: Record<string, number>;
}

/** Parses the file and reads everything that needs the document; the document is not kept. */
function readModelDocument(source: SourceText, keys: readonly string[]): ModelDocument {
  const text = source.text;
  const root = readRoot(
    text,
    keys,
    MODEL_ROOT_OPTIONS,
    keys === MODEL_KEYS ? 'a model file' : 'a directory file',
  );
  const none = { machines: [], services: [], flows: [] };
  if (!('cx' in root)) return { problems: [...root.problems], sections: undefined, names: none, lines: {} };
  const { cx, problems } = root;
  const directory = root.section('directory', directoryReferenceSchema);
  const kdc = root.section('kdc', kdcSchema);
  const domains = root.section('domains', domainsSchema);
  const trusts = root.section('trusts', trustsSchema);
  const accounts = root.section('accounts', accountsSchema);
  const machines = root.section('machines', machinesSchema);
  const services = root.section('services', servicesSchema);
  const flows = root.section('flows', flowsSchema);
  // Assertions one by one, so that a bad one keeps its index (and does not hide the others).
  const assertionsEntry = root.sections.get('assertions');
  const assertionsNode = deref(assertionsEntry?.value ?? null, cx.doc);
  const assertionsChecked: readonly (AssertionDocument | undefined)[] | Invalid | undefined =
    assertionsEntry === undefined
      ? undefined
      : isSeq(assertionsNode)
        ? assertionsNode.items.map((raw, i) => {
            const node = deref(raw, cx.doc);
            const span = spanOf(node, text, assertionsEntry.keySpan);
            const v = assertionSchema.check(node, ['assertions', i], span, cx);
            return v === INVALID ? undefined : v;
          })
        : root.section('assertions', assertionsSchema) === INVALID
          ? INVALID
          : [];
  // Names as declared, even by an entry that failed its own check (its problem is reported there, not again
  // at every reference to it).
  const declared = (key: string): string[] => {
    const node = deref(root.sections.get(key)?.value ?? null, cx.doc);
    return isMap(node) ? node.items.map((p) => keyText(p, text)).filter((k) => k !== undefined) : [];
  };
  const valid = <T>(v: readonly Entry<T>[] | Invalid | undefined): readonly string[] =>
    v === undefined || v === INVALID ? [] : v.map((e) => e.key);
  const lines = entryLines(cx.doc, source, {
    accounts: valid(accounts),
    machines: valid(machines),
    services: valid(services),
    flows: valid(flows),
    assertions:
      assertionsChecked === undefined || assertionsChecked === INVALID ? 0 : assertionsChecked.length,
  });
  return {
    problems,
    sections: { directory, kdc, domains, trusts, accounts, machines, services, flows, assertionsChecked },
    names: { machines: declared('machines'), services: declared('services'), flows: declared('flows') },
    lines,
  };
}

/**
 * Options of {@link loadModel}.
 *
 * @example
 * ```ts
 * import { loadModel, type LoadModelOptions } from '@doublehop/cli';
 *
 * const files: Record<string, string> = { 'estates/directory.yaml': 'accounts: { alice: {} }\nmachines: { WS01: {} }' };
 * const options: LoadModelOptions = { readFile: (path) => files[path] ?? '' };
 * const r = loadModel('estates/estate.yaml', 'directory: directory.yaml\nflows: {}', options);
 * r.ok && r.value.model.accounts?.[0]?.samAccountName; // 'alice'
 * ```
 * @see {@link loadModel}
 */
export interface LoadModelOptions {
  /**
   * Reads the file a `directory` key names (its path resolved against the model file's folder); throws when it
   * cannot. Without it, a model file with a `directory` key is refused, at that key.
   */
  readonly readFile?: (path: string) => string;
}

/** Reads the directory file a model names, or reports at its `directory` key why it cannot be read. */
function readDirectoryFile(
  file: string,
  reference: string,
  options: LoadModelOptions,
  lx: LoadContext,
): { readonly source: SourceText; readonly read: ModelDocument } | undefined {
  const path = directoryPath(file, reference);
  if (options.readFile === undefined) {
    lx.problem('unreadable-file', ['directory'], {
      message: `cannot read the directory ${path}: this loader was given no way to read files`,
      found: `"${reference}"`,
      expected: 'a model loaded with readFile (the doublehop command reads the file)',
    });
    return undefined;
  }
  let text: string;
  try {
    text = options.readFile(path).replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(e));
    lx.problem('unreadable-file', ['directory'], {
      message: `cannot read the directory ${path}: ${reason}`,
      found: `"${reference}"`,
      expected: 'a readable model file, relative to this one',
    });
    return undefined;
  }
  const source = sourceText(path, text);
  return { source, read: readModelDocument(source, DIRECTORY_FILE_KEYS) };
}

/** Says, at the `directory` key, that the file it names has problems (listed in that file). */
function directoryInvalid(lx: LoadContext, path: string): void {
  lx.problem('invalid-directory', ['directory'], {
    message: `the directory ${path} is not valid (its problems are listed in it)`,
    found: `"${path}"`,
    expected: 'a valid directory file',
  });
}
