import { graphOf } from '../estate/buildEstateGraph.js';
import { cmp, compileEstate } from '../estate/compileEstate.js';
import { actorsOf, type DelegationActor, runningServices } from '../estate/delegationActors.js';
import type {
  AccountNodeAttributes,
  EstateGraph,
  ServiceNodeAttributes,
} from '../estate/estateGraphTypes.js';
import type { EstateModel } from '../estate/estateModel.js';
import { arrivalOf, reachableUsers } from '../estate/reachableUsers.js';
import type { ExposureGrant, ExposureMechanism, FixExposure } from './fixProposal.js';

/** @internal One (actor, target) pair of an estate's exposure: how, which users, which SPNs. */
interface Pair {
  readonly actor: string;
  readonly target: string;
  readonly services: readonly string[];
  readonly mechanisms: Set<ExposureMechanism>;
  readonly users: Set<string>;
  readonly spns: ReadonlySet<string>;
}

/**
 * @internal Who could impersonate whom to what in an estate, from its graph: for every enabled account the model
 * names an SPN of (the target), every actor {@link actorsOf} finds for it (unconstrained, KCD, KCD with protocol
 * transition, RBCD) and every service whose callers hand it their password (first method `basic` or `credssp`),
 * with the users the actor could act as — for RBCD and protocol transition every user that may be delegated
 * (S4U2Self needs nothing from the user; a non-forwardable S4U2Self ticket is enough for RBCD), for Kerberos-only
 * KCD and unconstrained delegation those whose identity reaches, with Kerberos, a service running as the actor
 * ({@link reachableUsers}), for a password every user reaching the service, sensitive or not — and every SPN of
 * the target (service-name substitution).
 */
export interface ExposureSnapshot {
  readonly pairs: ReadonlyMap<string, Pair>;
  /** The declared users that are sensitive or in Protected Users. */
  readonly protectedUsers: readonly string[];
}

const snapshots = new WeakMap<EstateModel, ExposureSnapshot>();

/** @internal The exposure of an estate (cached per model object). */
export function exposureSnapshot(model: EstateModel): ExposureSnapshot {
  const hit = snapshots.get(model);
  if (hit !== undefined) return hit;
  const snapshot = snapshotOf(graphOf(compileEstate(model, 'proposeFixes')));
  snapshots.set(model, snapshot);
  return snapshot;
}

function snapshotOf(graph: EstateGraph): ExposureSnapshot {
  const serviceAccounts = runningServices(graph);
  const delegable = new Set<string>();
  const protectedUsers: string[] = [];
  graph.forEachNode((node, a) => {
    if (a.kind !== 'account' || a.accountKind !== 'user' || !a.declared || !a.enabled) return;
    if (serviceAccounts.has(node)) return;
    if (a.notDelegated || a.protectedUser) protectedUsers.push(a.name);
    else delegable.add(a.name);
  });
  const reach = new Map<string, readonly string[]>();
  const reached = (service: string): readonly string[] => {
    let r = reach.get(service);
    if (r === undefined) {
      r = reachableUsers(graph, service);
      reach.set(service, r);
    }
    return r;
  };
  const usersOf = (actor: DelegationActor): string[] => {
    if (actor.mechanism === 'rbcd' || actor.mechanism === 'kcd-protocol-transition') return [...delegable];
    // A forwarded TGT, or evidence for Kerberos-only KCD, comes only with a Kerberos arrival.
    return actor.services
      .filter(
        (s) => arrivalOf(graph.getNodeAttributes(`service:${s}`) as ServiceNodeAttributes) === 'kerberos',
      )
      .flatMap((s) => reached(s))
      .filter((u) => delegable.has(u));
  };

  // Every SPN the model names for each account: registered on it, or resolved to it by the KDC.
  const spns = new Map<string, Set<string>>();
  const note = (account: string, spn: string): void => {
    const set = spns.get(account) ?? new Set<string>();
    set.add(spn);
    spns.set(account, set);
  };
  graph.forEachNode((node, a) => {
    if (a.kind !== 'spn') return;
    if (a.account !== null) note(`account:${a.account}`, a.spn);
    graph.forEachOutEdge(node, (_e, attr, _s, target) => {
      if (attr.kind === 'registered-on') note(target, a.spn);
    });
  });

  // Services whose callers hand them their password.
  const passwordActors: { actor: string; node: string; services: string[]; users: Set<string> }[] = [];
  graph.forEachNode((node, a) => {
    if (a.kind !== 'service' || !a.impersonates || arrivalOf(a as ServiceNodeAttributes) !== 'password')
      return;
    const key = graph.filterOutNeighbors(node, (_n, x) => x.kind === 'account')[0];
    if (key === undefined) return;
    const account = graph.getNodeAttributes(key) as AccountNodeAttributes;
    const existing = passwordActors.find((p) => p.node === key);
    const users = reached(a.name);
    if (existing === undefined)
      passwordActors.push({ actor: account.name, node: key, services: [a.name], users: new Set(users) });
    else {
      existing.services.push(a.name);
      for (const u of users) existing.users.add(u);
    }
  });

  const pairs = new Map<string, Pair>();
  const add = (
    actor: string,
    target: string,
    services: readonly string[],
    mechanism: ExposureMechanism,
    users: Iterable<string>,
    targetSpns: ReadonlySet<string>,
  ): void => {
    if (actor === target) return;
    const key = `${actor}\u0000${target}`;
    let pair = pairs.get(key);
    if (pair === undefined) {
      pair = { actor, target, services, mechanisms: new Set(), users: new Set(), spns: targetSpns };
      pairs.set(key, pair);
    }
    pair.mechanisms.add(mechanism);
    for (const u of users) pair.users.add(u);
  };
  for (const [node, set] of spns) {
    const t = graph.getNodeAttributes(node);
    if (t.kind !== 'account' || t.accountKind === 'group' || !t.enabled) continue;
    for (const actor of actorsOf(graph, node)) {
      add(actor.account, t.name, actor.services, actor.mechanism, usersOf(actor), set);
    }
    for (const p of passwordActors) add(p.actor, t.name, p.services, 'password', p.users, set);
  }
  return { pairs, protectedUsers: protectedUsers.sort(cmp) };
}

/**
 * @internal What `after` adds to `before`: the new (actor, user, SPN) triples per pair (without listing them:
 * |U'×S'| − |(U∩U')×(S∩S')|), those taken away, the SPNs of `focus.account` other than `focus.spn` newly exposed
 * (service-name substitution), and the sensitive users no new triple names.
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
    grants: Object.freeze(grants),
  });
}
