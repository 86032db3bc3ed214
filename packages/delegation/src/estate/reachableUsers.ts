import { DirectedGraph } from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
import { buildEstateGraph } from './buildEstateGraph.js';
import { cmp } from './compileEstate.js';
import { actorsOf, runningServices } from './delegationActors.js';
import type { AccountNodeAttributes, EstateGraph, ServiceNodeAttributes } from './estateGraphTypes.js';
import type { EstateAuthentication, EstateModel } from './estateModel.js';

/**
 * How a caller's identity arrives at a service, judged from the first method it offers: with a Kerberos ticket
 * (`negotiate`, `kerberos`), with the password (`basic`, `credssp`), through the application and protocol
 * transition (`forms`), with NTLM, or not at all (`anonymous`).
 *
 * @internal
 */
export type Arrival = 'kerberos' | 'password' | 'transition' | 'ntlm' | 'none';

/** @internal The arrival a service's first method gives, and whether its code transitions protocols. */
export function arrivalOf(service: ServiceNodeAttributes): Arrival {
  const first: EstateAuthentication | undefined = service.authentication[0];
  switch (first) {
    case 'negotiate':
    case 'kerberos':
      return 'kerberos';
    case 'basic':
    case 'credssp':
      return 'password';
    case 'forms':
      return service.protocolTransition && service.impersonates ? 'transition' : 'none';
    case 'ntlm':
      return service.protocolTransition ? 'transition' : 'ntlm';
    default:
      return 'none';
  }
}

/**
 * Whether a service can pass an identity that arrived as `arrival` on to `target`'s account for a user who may
 * (`delegable`) or may not be delegated — from the configuration: a password goes anywhere; a Kerberos arrival
 * needs the service's account to be an unconstrained, KCD or RBCD actor at the target; a transitioned one a KCD
 * actor with protocol transition or an RBCD actor; NTLM and anonymous arrivals go nowhere.
 *
 * @internal
 */
export function passesOn(graph: EstateGraph, from: string, target: string, delegable: boolean): boolean {
  const s = graph.getNodeAttributes(from) as ServiceNodeAttributes;
  if (!s.impersonates) return false;
  const arrival = arrivalOf(s);
  if (arrival === 'password') return true;
  if (!delegable || (arrival !== 'kerberos' && arrival !== 'transition')) return false;
  const own = graph.filterOutNeighbors(from, (_n, a) => a.kind === 'account')[0];
  const theirs = graph.filterOutNeighbors(target, (_n, a) => a.kind === 'account')[0];
  if (own === undefined || theirs === undefined) return false;
  const name = (graph.getNodeAttributes(own) as AccountNodeAttributes).name;
  return actorsOf(graph, theirs).some(
    (a) =>
      a.account === name &&
      (arrival === 'kerberos' || a.mechanism === 'kcd-protocol-transition' || a.mechanism === 'rbcd'),
  );
}

/**
 * The users whose identity the estate's configuration lets arrive at a service: the model's declared, enabled
 * user accounts (other than the service accounts its services run as) that enter at a front end (a service no other service calls, whose first method brings a Windows
 * identity) and are passed on along `calls` made as the caller, hop by hop, by services whose delegation
 * settings allow it for them — users marked sensitive or in Protected Users only where a password travels.
 *
 * @remarks
 * A graph analysis: for each class of user (may be delegated or not) it builds the graph of the calls that pass
 * that class on, and runs graphology-traversal's breadth-first search from the front ends. It judges the
 * configuration (as {@link delegationActors} does), not one flow: SPN problems, Negotiate's fallback to NTLM and
 * impersonation levels are {@link evaluateFlow}'s. The test suite checks it against a naive fixpoint over plain
 * edge lists (`estateReachOracle` in `@doublehop/delegation/testing`).
 * @param source - the estate, or its graph
 * @param service - the service's name
 * @returns the users' `DOMAIN\name`, sorted
 * @throws TypeError - `reachableUsers: …` for an unknown service
 * @example
 * ```ts
 * import { reachableUsers } from '@doublehop/delegation';
 *
 * const users = reachableUsers({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'user', samAccountName: 'admin', accountNotDelegated: true },
 *     { kind: 'computer', samAccountName: 'WEB01', allowedToDelegateTo: ['HOST/SQL01.corp.example'] },
 *   ],
 *   machines: [{ name: 'WEB01', domain: 'corp.example' }, { name: 'SQL01', domain: 'corp.example' }],
 *   services: [
 *     { name: 'web', machine: 'WEB01', runsAs: 'NetworkService', endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' }, authentication: ['negotiate'], calls: [{ service: 'sql' }] },
 *     { name: 'sql', machine: 'SQL01', runsAs: 'NetworkService', endpoint: { host: 'sql01.corp.example' }, authentication: ['negotiate'] },
 *   ],
 * }, 'sql');
 * users; // ['CORP\\alice']
 * ```
 * @see {@link delegationActors}; MS-SFU 3.2.5.2; MS-KILE 3.3.5.1
 */
export function reachableUsers(source: EstateModel | EstateGraph, service: string): readonly string[] {
  const graph =
    source instanceof DirectedGraph ? (source as EstateGraph) : buildEstateGraph(source as EstateModel);
  const key = `service:${service}`;
  if (!graph.hasNode(key) || graph.getNodeAttribute(key, 'kind') !== 'service') {
    throw new TypeError(`reachableUsers: the estate has no service named "${service}"`);
  }
  const reach = reachSets(graph);
  const delegable = reach.delegable.has(key);
  const sensitive = reach.sensitive.has(key);
  const users = userLists(graph);
  return delegable && sensitive
    ? users.all
    : delegable
      ? users.delegable
      : sensitive
        ? users.sensitive
        : NONE;
}

const NONE: readonly string[] = Object.freeze([]);

interface UserLists {
  /** The users who may be delegated, sorted. */
  readonly delegable: readonly string[];
  /** The users marked sensitive or in Protected Users, sorted. */
  readonly sensitive: readonly string[];
  /** Both, sorted. */
  readonly all: readonly string[];
}

const userCache = new WeakMap<EstateGraph, UserLists>();

/**
 * The users of each class, once per graph: what arrives at a service depends only on the class of the user, so
 * every service shares one of four frozen lists — asking for 10 000 services of a 100 000-user directory lists the
 * users once, not 10 000 times.
 */
function userLists(graph: EstateGraph): UserLists {
  let lists = userCache.get(graph);
  if (lists !== undefined) return lists;
  const serviceAccounts = runningServices(graph);
  const delegable: string[] = [];
  const sensitive: string[] = [];
  const all: string[] = [];
  graph.forEachNode((node, a) => {
    if (a.kind !== 'account' || a.accountKind !== 'user' || !a.declared || !a.enabled) return;
    if (serviceAccounts.has(node)) return;
    (!a.notDelegated && !a.protectedUser ? delegable : sensitive).push(a.name);
    all.push(a.name);
  });
  lists = {
    delegable: Object.freeze(delegable.sort(cmp)),
    sensitive: Object.freeze(sensitive.sort(cmp)),
    all: Object.freeze(all.sort(cmp)),
  };
  userCache.set(graph, lists);
  return lists;
}

const ROOT = 'users';
const reachCache = new WeakMap<EstateGraph, { delegable: Set<string>; sensitive: Set<string> }>();

/** The services each class of user reaches: BFS from a root joined to the front ends, over the passing calls. */
function reachSets(graph: EstateGraph): { delegable: Set<string>; sensitive: Set<string> } {
  const hit = reachCache.get(graph);
  if (hit !== undefined) return hit;
  const sets = { delegable: reachOf(graph, true), sensitive: reachOf(graph, false) };
  reachCache.set(graph, sets);
  return sets;
}

function reachOf(graph: EstateGraph, delegable: boolean): Set<string> {
  const view = new DirectedGraph();
  view.addNode(ROOT);
  graph.forEachNode((node, a) => {
    if (a.kind !== 'service') return;
    view.addNode(node);
    if (a.entry && arrivalOf(a) !== 'none') view.addDirectedEdge(ROOT, node);
  });
  graph.forEachEdge((_e, a, source, target) => {
    if (a.kind === 'calls' && a.as === 'caller' && passesOn(graph, source, target, delegable)) {
      if (!view.hasEdge(source, target)) view.addDirectedEdge(source, target);
    }
  });
  const reached = new Set<string>();
  bfsFromNode(view, ROOT, (node) => {
    if (node !== ROOT) reached.add(node);
  });
  return reached;
}
