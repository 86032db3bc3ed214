import { cmp } from './compileEstate.js';
import type {
  AccountNodeAttributes,
  EstateEdgeAttributes,
  EstateGraph,
  EstateNodeAttributes,
  ServiceNodeAttributes,
  SpnNodeAttributes,
} from './estateGraphTypes.js';

/**
 * How an actor can obtain a user's ticket to a service: unconstrained delegation (a forwarded TGT),
 * classic constrained delegation (Kerberos only, or with protocol transition), or resource-based constrained
 * delegation.
 */
export type ActorMechanism = 'unconstrained' | 'kcd' | 'kcd-protocol-transition' | 'rbcd';

/**
 * An account configured to act as users at a service — and so at every SPN of the service's account (the service
 * name in a ticket is not protected: service-name substitution) — with the services that run as it.
 *
 * @example
 * ```ts
 * import type { DelegationActor } from '@doublehop/delegation';
 *
 * const say = (a: DelegationActor): string => `${a.account} (${a.mechanism}) via ${a.services.join(', ') || 'no service'}`;
 * ```
 * @see {@link delegationActors}
 */
export interface DelegationActor {
  /** The actor's account, `DOMAIN\name`. */
  readonly account: string;
  /** How it obtains the ticket. */
  readonly mechanism: ActorMechanism;
  /** The estate's services that run as that account, sorted. */
  readonly services: readonly string[];
  /** The SPNs it names in msDS-AllowedToDelegateTo that lead to the service's account (KCD), sorted. */
  readonly via: readonly string[];
}

/**
 * Which accounts the delegation settings let act as a user at a service — "who can impersonate users to S": every
 * enabled account trusted for unconstrained delegation; every account whose msDS-AllowedToDelegateTo names an SPN
 * the KDC resolves to the service's account, in the same domain (KCD, with protocol transition when it has
 * TRUSTED_TO_AUTH_FOR_DELEGATION); every account an RBCD grant on the service's account reaches, directly or
 * through (nested) group membership.
 *
 * @remarks
 * A graph analysis over {@link buildEstateGraph}'s graph: RBCD grants are followed back through `member-of` edges
 * with graphology-traversal's breadth-first search. It reads the configuration, not a flow: it says who *could*
 * obtain tickets (users marked sensitive or in Protected Users excepted), which is the exposure a delegation
 * setting adds; {@link evaluateFlow} decides what a given flow does, and the KDC's access check decides RBCD
 * descriptors with deny ACEs. Sorted by account, then mechanism.
 * @param graph - the estate graph
 * @param service - the service's name
 * @returns the actors
 * @throws TypeError - `delegationActors: …` for an unknown service
 * @example
 * ```ts
 * import { buildEstateGraph, delegationActors } from '@doublehop/delegation';
 *
 * const g = buildEstateGraph({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01.corp.example'], allowedToDelegateTo: ['cifs/fs01.corp.example'] },
 *     { kind: 'computer', samAccountName: 'APP01', servicePrincipalNames: ['HTTP/app01.corp.example'] },
 *   ],
 *   machines: [{ name: 'FS01', domain: 'corp.example' }, { name: 'APP01', domain: 'corp.example' }],
 *   services: [{ name: 'files', machine: 'FS01', runsAs: 'LocalSystem', endpoint: { serviceClass: 'cifs', host: 'fs01.corp.example' }, authentication: ['negotiate'] }],
 * });
 * delegationActors(g, 'files').map((a) => `${a.account} ${a.mechanism}`); // ['CORP\\WEB01$ kcd']
 * ```
 * @see MS-SFU 3.2.5.2.1–3.2.5.2.3; MS-KILE 3.3.5.1; Shamir, "Wagging the Dog" (service-name substitution)
 */
export function delegationActors(graph: EstateGraph, service: string): readonly DelegationActor[] {
  const key = `service:${service}`;
  if (!graph.hasNode(key) || graph.getNodeAttribute(key, 'kind') !== 'service') {
    throw new TypeError(`delegationActors: the estate has no service named "${service}"`);
  }
  const target = graph.filterOutNeighbors(key, (_n, a) => a.kind === 'account')[0];
  return target === undefined ? [] : actorsOf(graph, target);
}

/** @internal The actors of the account node `target` (cached per graph). */
export function actorsOf(graph: EstateGraph, target: string): readonly DelegationActor[] {
  let perGraph = actorCache.get(graph);
  if (perGraph === undefined) {
    perGraph = new Map();
    actorCache.set(graph, perGraph);
  }
  const hit = perGraph.get(target);
  if (hit !== undefined) return hit;
  const result = computeActors(graph, target);
  perGraph.set(target, result);
  return result;
}

const actorCache = new WeakMap<EstateGraph, Map<string, readonly DelegationActor[]>>();

function computeActors(graph: EstateGraph, target: string): readonly DelegationActor[] {
  const t = graph.getNodeAttributes(target) as AccountNodeAttributes;
  const found = new Map<string, { mechanism: ActorMechanism; via: Set<string> }>();
  const add = (node: string, mechanism: ActorMechanism, via?: string): void => {
    if (!canAct(graph, node)) return;
    const k = `${node}|${mechanism}`;
    const entry = found.get(k) ?? { mechanism, via: new Set<string>() };
    if (via !== undefined) entry.via.add(via);
    found.set(k, entry);
  };
  const index = indexOf(graph);
  // KCD: msDS-AllowedToDelegateTo names an SPN the KDC resolves to the target, same domain (MS-SFU 3.2.5.2.1).
  for (const node of index.spnsOf.get(t.sid) ?? []) {
    const a = graph.getNodeAttributes(node) as SpnNodeAttributes;
    graph.forEachInEdge(node, (_e, attr, source) => {
      if (attr.kind !== 'allowed-to-delegate-to') return;
      const s = graph.getNodeAttributes(source);
      if (s.kind !== 'account' || s.domain !== t.domain) return;
      add(source, s.trustedToAuthForDelegation ? 'kcd-protocol-transition' : 'kcd', a.spn);
    });
  }
  // RBCD: grantees of the target's descriptor, and every member of a granted group (MS-SFU 3.2.5.2.3).
  graph.forEachInEdge(target, (_e, attr, grantee) => {
    if (attr.kind === 'rbcd') forEachMember(graph, grantee, (node) => add(node, 'rbcd'));
  });
  const services = runningServices(graph);
  const own = [...found]
    .map(([k, v]) => {
      const node = k.slice(0, k.indexOf('|'));
      return actor(graph, node, v.mechanism, services, [...v.via].sort(cmp));
    })
    .sort(byAccountMechanism);
  // Unconstrained delegation (TRUSTED_FOR_DELEGATION) acts at every target: the same actors, built and sorted
  // once per graph, merged in.
  return Object.freeze(mergeSorted(own, index.unconstrainedActors(), byAccountMechanism));
}

function byAccountMechanism(a: DelegationActor, b: DelegationActor): number {
  return cmp(a.account, b.account) || cmp(a.mechanism, b.mechanism);
}

/** Whether an account node can act: an enabled user, computer or gMSA. */
function canAct(graph: EstateGraph, node: string): boolean {
  const a = graph.getNodeAttributes(node);
  return a.kind === 'account' && a.accountKind !== 'group' && a.enabled;
}

function actor(
  graph: EstateGraph,
  node: string,
  mechanism: ActorMechanism,
  services: Map<string, string[]>,
  via: readonly string[],
): DelegationActor {
  return Object.freeze({
    account: (graph.getNodeAttributes(node) as AccountNodeAttributes).name,
    mechanism,
    services: Object.freeze([...(services.get(node) ?? [])].sort(cmp)),
    via: Object.freeze(via),
  });
}

/** Two sorted lists as one, in the same order. */
function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push(order(a[i] as T, b[j] as T) <= 0 ? (a[i++] as T) : (b[j++] as T));
  while (i < a.length) out.push(a[i++] as T);
  while (j < b.length) out.push(b[j++] as T);
  return out;
}

/**
 * Calls `visit` for `start` and every account that is a member of it, directly or through nested groups (the
 * `member-of` edges followed backwards), once each. graphology-traversal's bfsFromNode over a membership view
 * would do, but it allocates a queue the size of the whole graph per call — one per RBCD grantee, 1.4 GB on a
 * 50 000-service estate — where the members of a grantee are a handful.
 */
function forEachMember(graph: EstateGraph, start: string, visit: (node: string) => void): void {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    visit(node);
    graph.forEachInEdge(node, (_e, attr, member) => {
      if (attr.kind !== 'member-of' || seen.has(member)) return;
      seen.add(member);
      queue.push(member);
    });
  }
}

interface ActorIndex {
  /** The SPN nodes the KDC resolves to each account, by account SID. */
  readonly spnsOf: Map<string, string[]>;
  /** The actors by unconstrained delegation, the same at every target; sorted, built on first use. */
  unconstrainedActors(): readonly DelegationActor[];
}

const indexes = new WeakMap<EstateGraph, ActorIndex>();

/** The accounts trusted for unconstrained delegation, and the SPN nodes the KDC resolves to each account. */
function indexOf(graph: EstateGraph): ActorIndex {
  let index = indexes.get(graph);
  if (index === undefined) {
    const unconstrained: string[] = [];
    const spnsOf = new Map<string, string[]>();
    graph.forEachNode((node, a) => {
      if (a.kind === 'account' && a.trustedForDelegation) unconstrained.push(node);
      if (a.kind === 'spn' && a.account !== null) {
        const list = spnsOf.get(a.account);
        if (list === undefined) spnsOf.set(a.account, [node]);
        else list.push(node);
      }
    });
    let actors: readonly DelegationActor[] | undefined;
    index = {
      spnsOf,
      unconstrainedActors() {
        actors ??= Object.freeze(
          unconstrained
            .filter((node) => canAct(graph, node))
            .map((node) => actor(graph, node, 'unconstrained', runningServices(graph), []))
            .sort(byAccountMechanism),
        );
        return actors;
      },
    };
    indexes.set(graph, index);
  }
  return index;
}

const running = new WeakMap<EstateGraph, Map<string, string[]>>();

/** @internal Account node → the names of the services that run as it. */
export function runningServices(graph: EstateGraph): Map<string, string[]> {
  let map = running.get(graph);
  if (map === undefined) {
    const m = new Map<string, string[]>();
    graph.forEachEdge((_e, a: EstateEdgeAttributes, source, target) => {
      if (a.kind !== 'runs-as') return;
      const s = graph.getNodeAttributes(source) as ServiceNodeAttributes;
      const list = m.get(target);
      if (list === undefined) m.set(target, [s.name]);
      else list.push(s.name);
    });
    map = m;
    running.set(graph, map);
  }
  return map;
}

/** @internal A node's attributes, typed. */
export type NodeOf<K extends EstateNodeAttributes['kind']> = Extract<EstateNodeAttributes, { kind: K }>;
