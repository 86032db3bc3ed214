import { err, ok, type Result } from '@doublehop/core-token';
import { isMap, isScalar, type Node } from 'yaml';
import { buildDirectory } from '../directory/buildDirectory.js';
import { accountsSchema, domainsSchema, kdcSchema, trustsSchema } from '../directory/directorySchema.js';
import { deref, describeNode, spanOf } from '../schema/nodes.js';
import { mappingEntries, reportUnknownKey } from '../schema/object.js';
import {
  type CheckContext,
  INVALID,
  type Invalid,
  type Problem,
  type Schema,
  type Span,
} from '../schema/schema.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { loadContext } from '../source/loadContext.js';
import { parseYaml } from '../source/parseYaml.js';
import { sourceText } from '../source/sourceText.js';
import { sortDiagnostics, toDiagnostic } from '../source/toDiagnostic.js';
import { checkSteps } from './checkSteps.js';
import { ROOT_OPTIONS } from './documentSchema.js';
import { resolveSteps } from './resolveSteps.js';
import type { Scenario } from './scenario.js';
import { TICKET_FLAG_NAMES } from './ticketFlagNames.js';

/**
 * Why an input file (a scenario or a model file) was refused: every problem found in it, sorted by position.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('two.yaml', 'stepz: []\nkdc: { patchd: true }\n');
 * !r.ok && r.error.code;                                // 'INVALID_FILE'
 * !r.ok && r.error.diagnostics.map((d) => d.code);      // ['unknown-key', 'missing-key', 'unknown-key']
 * ```
 * @see {@link Diagnostic}; {@link loadScenario}; {@link loadModel}
 */
export interface InvalidFile {
  /** Always `'INVALID_FILE'`. */
  readonly code: 'INVALID_FILE';
  /** The file name as given. */
  readonly file: string;
  /** Every problem, sorted by position (at least one). */
  readonly diagnostics: readonly Diagnostic[];
}

const ROOT_KEYS = ['kdc', 'domains', 'trusts', 'accounts', 'steps'] as const;

/**
 * Reads a scenario file's text: parses the YAML (or JSON), checks it against the scenario schema, resolves
 * every account name and ticket reference, and builds the directory it describes — reporting *every* problem
 * with its file, line and column, what was found and what was expected.
 *
 * @remarks
 * Problems come in three layers: YAML syntax (reported alone, since nothing after a syntax error can be
 * trusted); the schema (unknown keys, wrong types, missing keys), checked section by section and step by step;
 * then names and references (unknown accounts and domains, step ids, ticket kinds, SIDs and SDDL, parsed by
 * `@doublehop/core-token` with their offsets mapped to columns). The function never throws for any text: a
 * refusal is an {@link InvalidFile} value.
 * @param file - the file name, used in diagnostics only (the text is not read from disk)
 * @param text - the file's content
 * @returns the scenario, or every problem found
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const text = [
 *   'accounts:',
 *   '  alice: {}',
 *   'steps:',
 *   '  - { id: tgt, as-req: { client: alise } }',
 * ].join('\n');
 * const r = loadScenario('typo.yaml', text);
 * const d = r.ok ? undefined : r.error.diagnostics[0];
 * d?.code;                 // 'unknown-account'
 * [d?.line, d?.column];    // [4, 34]
 * d?.path;                 // 'steps[0].as-req.client'
 * ```
 * @see docs/scenario-files.md (the format); {@link scenarioJsonSchema} (its JSON Schema)
 */
export function loadScenario(file: string, text: string): Result<Scenario, InvalidFile> {
  const source = sourceText(file, text);
  const fail = (problems: readonly Problem[]): Result<Scenario, InvalidFile> =>
    err({
      code: 'INVALID_FILE',
      file,
      diagnostics: sortDiagnostics(problems.map((p) => toDiagnostic(source, p))),
    });
  const parsed = parseYaml(text);
  if (parsed.doc === null) return fail(parsed.problems);
  const doc = parsed.doc;
  const problems: Problem[] = [];
  const cx: CheckContext = { doc, text, report: (p) => problems.push(p) };
  const whole = { offset: 0, length: Math.min(1, text.length) };
  const root = deref(doc.contents, doc);
  if (!isMap(root)) {
    const found =
      root === null || (isScalar(root) && root.value === null) ? 'an empty document' : describeNode(root);
    return fail([
      {
        code: 'wrong-type',
        span: spanOf(root, text, whole),
        path: [],
        message: `a scenario file is a mapping with a "steps" key, found ${found}`,
        found,
        expected: 'a mapping with the keys kdc, domains, trusts, accounts and steps',
      },
    ]);
  }

  // The schema, section by section and step by step, so that one bad step does not hide another.
  const sections = new Map<string, { value: Node | null; keySpan: Span }>();
  for (const entry of mappingEntries(root, [], cx)) {
    if ((ROOT_KEYS as readonly string[]).includes(entry.key)) sections.set(entry.key, entry);
    else reportUnknownKey(entry.key, entry.keySpan, [], ROOT_KEYS, ROOT_OPTIONS, cx);
  }
  const section = <T>(key: string, schema: Schema<T>): T | Invalid | undefined => {
    const s = sections.get(key);
    return s === undefined ? undefined : schema.check(s.value, [key], spanOf(s.value, text, s.keySpan), cx);
  };
  const kdc = section('kdc', kdcSchema);
  const domains = section('domains', domainsSchema);
  const trusts = section('trusts', trustsSchema);
  const accounts = section('accounts', accountsSchema);

  const { steps, rawIds, lines } = checkSteps(sections.get('steps'), root, source, cx);

  // Names and references.
  const lx = loadContext(doc, text, problems);
  const { directory, names } =
    domains === INVALID || trusts === INVALID || accounts === INVALID
      ? { directory: undefined, names: undefined }
      : buildDirectory(
          {
            ...(domains === undefined ? {} : { domains }),
            ...(trusts === undefined ? {} : { trusts }),
            ...(accounts === undefined ? {} : { accounts }),
          },
          lx,
        );
  const resolved = resolveSteps(steps, rawIds, lines, names, new Set(TICKET_FLAG_NAMES), lx);
  if (problems.length > 0 || directory === undefined || resolved === undefined || kdc === INVALID) {
    if (problems.length === 0) {
      problems.push({
        code: 'invalid-directory',
        span: whole,
        path: [],
        message: 'the scenario could not be loaded',
        found: 'an inconsistent file',
        expected: 'a valid scenario',
      });
    }
    return fail(problems);
  }
  return ok({ file, kdc: { patched: kdc?.patched ?? true }, directory, steps: resolved });
}
