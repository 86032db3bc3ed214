import type { Directory } from '@doublehop/logon';
import { findDomain } from '@doublehop/logon';
import { reportResolution } from '../directory/describeResolution.js';
import { resolveAccountName } from '../directory/resolveAccountName.js';
import type { Path } from '../schema/schema.js';
import { closest, oneOf } from '../schema/suggest.js';
import type { DiagnosticCode } from '../source/diagnostic.js';
import type { LoadContext } from '../source/loadContext.js';

/** @internal The names a model declares, for the reference checks: machines (case-insensitive), services, flows. */
export interface ModelNames {
  /** Machine names by upper-case name, to the declared spelling. */
  readonly machines: ReadonlyMap<string, string>;
  /** Service names. */
  readonly services: ReadonlySet<string>;
  /** Flow names. */
  readonly flows: ReadonlySet<string>;
  /** The directory of the model's accounts (`undefined` when its own declarations were invalid). */
  readonly dir: Directory | undefined;
}

/**
 * @internal Looks a name up among the declared ones of a kind, reporting it with a suggestion when it is not
 * there; returns the declared spelling, or `undefined`.
 */
export function lookupName(
  cx: LoadContext,
  kind: 'machine' | 'service' | 'flow',
  name: string,
  known: ReadonlySet<string> | ReadonlyMap<string, string>,
  path: Path,
): string | undefined {
  if (known instanceof Map) {
    const found = known.get(name.toUpperCase());
    if (found !== undefined) return found;
  } else if ((known as ReadonlySet<string>).has(name)) return name;
  const candidates = known instanceof Map ? [...known.values()] : [...known];
  const near = closest(name, candidates);
  const code: DiagnosticCode = `unknown-${kind}`;
  cx.problem(code, path, {
    message: `unknown ${kind} "${name}"`,
    found: `"${name}"`,
    expected:
      candidates.length === 0
        ? `a ${kind} declared under ${kind}s (there is none)`
        : candidates.length === 1
          ? `"${candidates[0]}", the only ${kind} declared`
          : `one of ${oneOf(candidates.sort().map((c) => `"${c}"`))}`,
    hint: near === undefined ? undefined : `did you mean "${near}"?`,
  });
  return undefined;
}

/**
 * @internal Resolves an account name written in a model (a flow's user, a runsAs account, a reachableBy user) to
 * `NETBIOS\sAMAccountName`, reporting an unknown, ambiguous or wrong-kind name at its place.
 */
export function canonicalAccount(
  cx: LoadContext,
  dir: Directory,
  name: string,
  path: Path,
  what: string,
): string | undefined {
  const r = resolveAccountName(dir, name, null);
  if (reportResolution(cx, path, name, r, false) || r.kind !== 'account') return undefined;
  if (r.account.kind === 'group') {
    cx.problem('wrong-account-kind', path, {
      message: `"${name}" is a group, but ${what} is a user, computer or gMSA`,
      found: `the group ${r.account.samAccountName}`,
      expected: 'a user, computer or gMSA',
    });
    return undefined;
  }
  const netbios = findDomain(dir, r.account.domain)?.netbiosName ?? r.account.domain;
  return `${netbios}\\${r.account.samAccountName}`;
}
