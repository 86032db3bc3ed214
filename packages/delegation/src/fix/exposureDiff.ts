import { cmp } from '../estate/compileEstate.js';
import type { ExposureSnapshot } from './fixExposure.js';
import type { ExposureGrant, FixExposure } from './fixProposal.js';

/**
 * @internal What `after` adds to `before`: the new (actor, user, SPN) triples per pair (without listing them:
 * |U'×S'| − |(U∩U')×(S∩S')|), those taken away, the SPNs of `focus.account` other than `focus.spn` newly exposed
 * (service-name substitution), the sensitive users no new triple names, and the machines newly handed over
 * (SeTcbPrivilege).
 */
export function exposureDiff(
  before: ExposureSnapshot,
  after: ExposureSnapshot,
  focus: { readonly account: string | null; readonly spn: string | null },
): FixExposure {
  const grants: ExposureGrant[] = [];
  const actors = new Set<string>();
  const users = new Set<string>();
  const targets = new Set<string>();
  const substitution = new Set<string>();
  let triples = 0;
  let removed = 0;
  const common = <T>(a: ReadonlySet<T>, b: ReadonlySet<T> | undefined): number => {
    if (b === undefined) return 0;
    let n = 0;
    for (const x of a) if (b.has(x)) n++;
    return n;
  };
  for (const [key, a] of after.pairs) {
    const b = before.pairs.get(key);
    const added = a.users.size * a.spns.size - common(a.users, b?.users) * common(a.spns, b?.spns);
    if (added <= 0) continue;
    triples += added;
    actors.add(a.actor);
    targets.add(a.target);
    const newSpn = [...a.spns].some((s) => !(b?.spns.has(s) ?? false));
    for (const u of a.users) if (newSpn || !(b?.users.has(u) ?? false)) users.add(u);
    if (a.target === focus.account) {
      for (const s of a.spns) {
        if (focus.spn !== null && s.toLowerCase() === focus.spn.toLowerCase()) continue;
        const fresh =
          b === undefined || !b.spns.has(s)
            ? a.users.size
            : [...a.users].filter((u) => !b.users.has(u)).length;
        if (fresh > 0) substitution.add(s);
      }
    }
    grants.push(
      Object.freeze({
        actor: a.actor,
        services: Object.freeze([...a.services].sort(cmp)),
        mechanisms: Object.freeze([...a.mechanisms].sort(cmp)),
        target: a.target,
        users: Object.freeze([...a.users].sort(cmp)),
        spns: Object.freeze([...a.spns].sort(cmp)),
        hostClasses: a.hostClasses,
        triples: added,
      }),
    );
  }
  for (const [key, b] of before.pairs) {
    const a = after.pairs.get(key);
    removed += b.users.size * b.spns.size - common(b.users, a?.users) * common(b.spns, a?.spns);
  }
  grants.sort((x, y) => cmp(x.actor, y.actor) || cmp(x.target, y.target));
  const sorted = (s: Set<string>): readonly string[] => Object.freeze([...s].sort(cmp));
  return Object.freeze({
    triples,
    removed,
    actors: sorted(actors),
    users: sorted(users),
    targets: sorted(targets),
    substitution: sorted(substitution),
    unaffected: Object.freeze(after.protectedUsers.filter((u) => !users.has(u))),
    machines: sorted(new Set([...after.machines].filter((m) => !before.machines.has(m)))),
    grants: Object.freeze(grants),
  });
}
