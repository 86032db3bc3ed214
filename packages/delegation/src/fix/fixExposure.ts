import { type Directory, findAccount, type PrincipalAccount } from '@doublehop/logon';
import { graphOf } from '../estate/buildEstateGraph.js';
import { type CompiledEstate, cmp, compileEstate } from '../estate/compileEstate.js';
import { actorsOf, type DelegationActor, runningServices } from '../estate/delegationActors.js';
import type {
  AccountNodeAttributes,
  EstateGraph,
  ServiceNodeAttributes,
} from '../estate/estateGraphTypes.js';
import type { EstateModel } from '../estate/estateModel.js';
import { arrivalOf, reachableUsers } from '../estate/reachableUsers.js';
import type { ExposureMechanism } from './fixProposal.js';
import { hostAliasClasses } from './hostAliasClasses.js';
import { tcbHolders } from './tcbHolders.js';
import { tgtDelegationReach } from './tgtDelegationReach.js';

/** @internal One (actor, target) pair of an estate's exposure: how, which users, which SPNs. */
export interface ExposurePair {
  readonly actor: string;
  readonly target: string;
  readonly services: readonly string[];
  readonly mechanisms: Set<ExposureMechanism>;
  readonly users: Set<string>;
  readonly spns: ReadonlySet<string>;
  /** The service classes the target's `HOST/` SPNs stand for. */
  readonly hostClasses: readonly string[];
}

/**
 * @internal Who could impersonate whom to what in an estate, from its graph: for every enabled account the model
 * names an SPN of (the target), every actor {@link actorsOf} finds for it (unconstrained, KCD, KCD with protocol
 * transition, RBCD), every service whose callers hand it their password (first method `basic` or `credssp`), and
 * every holder of SeTcbPrivilege on a machine where the target's key is ({@link tcbHolders}) — with the users the
 * actor could act as: for RBCD and protocol transition every user that may be delegated (S4U2Self needs nothing
 * from the user; a non-forwardable S4U2Self ticket is enough for RBCD), for Kerberos-only KCD those whose identity
 * reaches, with Kerberos, a service running as the actor ({@link reachableUsers}), for unconstrained delegation
 * those of them whose TGT may cross the trusts to the actor's domain ({@link tgtDelegationReach}), for a password
 * every user reaching the service, sensitive or not, for SeTcbPrivilege every user — and every SPN of the target
 * (service-name substitution), with the classes its `HOST/` SPNs stand for ({@link hostAliasClasses}).
 */
export interface ExposureSnapshot {
  readonly pairs: ReadonlyMap<string, ExposurePair>;
  /** The declared users that are sensitive or in Protected Users. */
  readonly protectedUsers: readonly string[];
  /** `MACHINE (holder)` for every SeTcbPrivilege grant beyond SYSTEM. */
  readonly machines: ReadonlySet<string>;
}

const snapshots = new WeakMap<EstateModel, ExposureSnapshot>();

/** @internal The exposure of an estate (cached per model object). */
export function exposureSnapshot(model: EstateModel): ExposureSnapshot {
  const hit = snapshots.get(model);
  if (hit !== undefined) return hit;
  const estate = compileEstate(model, 'proposeFixes');
  const snapshot = snapshotOf(estate, graphOf(estate));
  snapshots.set(model, snapshot);
  return snapshot;
}

function snapshotOf(estate: CompiledEstate, graph: EstateGraph): ExposureSnapshot {
  const dir = estate.directory;
  const serviceAccounts = runningServices(graph);
  const delegable = new Set<string>();
  const everyone = new Set<string>();
  const protectedUsers: string[] = [];
  const domainOf = new Map<string, string>();
  graph.forEachNode((node, a) => {
    if (a.kind !== 'account') return;
    domainOf.set(a.name, a.domain);
    if (a.accountKind !== 'user' || !a.declared || !a.enabled || serviceAccounts.has(node)) return;
    everyone.add(a.name);
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
  const tgtReaches = tgtDelegationReach(dir);
  const usersOf = (actor: DelegationActor): string[] => {
    if (actor.mechanism === 'rbcd' || actor.mechanism === 'kcd-protocol-transition') return [...delegable];
    // A forwarded TGT, or evidence for Kerberos-only KCD, comes only with a Kerberos arrival; a TGT only where
    // every trust on the way lets OK-AS-DELEGATE through.
    const actorDomain = domainOf.get(actor.account) ?? '';
    return actor.services
      .filter(
        (s) => arrivalOf(graph.getNodeAttributes(`service:${s}`) as ServiceNodeAttributes) === 'kerberos',
      )
      .flatMap((s) => reached(s))
      .filter(
        (u) =>
          delegable.has(u) &&
          (actor.mechanism !== 'unconstrained' || tgtReaches(domainOf.get(u) ?? '', actorDomain)),
      );
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

  const tcb = tcbHolders(estate, graph);
  const pairs = new Map<string, ExposurePair>();
  const classes = hostClassesOf(dir);
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
      const hostClasses = classes(target);
      pair = {
        actor,
        target,
        services,
        mechanisms: new Set(),
        users: new Set(),
        spns: targetSpns,
        hostClasses,
      };
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
    for (const h of tcb) {
      if (!h.keys.includes(node)) continue;
      const own = graph.filterNodes(
        (_n, a) =>
          a.kind === 'service' &&
          a.machine === h.machine &&
          a.runsAs.toLowerCase() === h.holder.toLowerCase(),
      );
      const services = own.map((n) => (graph.getNodeAttributes(n) as ServiceNodeAttributes).name).sort(cmp);
      add(h.holder, t.name, services, 'operating-system', everyone, set);
    }
  }
  return {
    pairs,
    protectedUsers: protectedUsers.sort(cmp),
    machines: new Set(tcb.map((h) => `${h.machine} (${h.holder})`)),
  };
}

/** The classes each target's `HOST/` SPNs stand for, by target name, looked up once. */
function hostClassesOf(dir: Directory): (target: string) => readonly string[] {
  const known = new Map<string, readonly string[]>();
  return (target) => {
    let found = known.get(target);
    if (found === undefined) {
      const a = findAccount(dir, target);
      found = a === undefined || a.kind === 'group' ? [] : hostAliasClasses(dir, a as PrincipalAccount);
      known.set(target, found);
    }
    return found;
  };
}
