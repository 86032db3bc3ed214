import type { ActorMechanism } from '../estate/delegationActors.js';
import type {
  AccountNodeAttributes,
  EstateEdgeAttributes,
  EstateGraph,
  EstateNodeAttributes,
  ServiceNodeAttributes,
} from '../estate/estateGraphTypes.js';

/**
 * What {@link estateReachOracle} computes for every service: the actors configured to act as users there, and
 * the users whose identity can arrive there.
 *
 * @example
 * ```ts
 * import type { EstateOracleAnswer } from '@doublehop/delegation/testing';
 *
 * const actorsAt = (a: EstateOracleAnswer, service: string) => a.actors[service] ?? [];
 * ```
 * @see {@link estateReachOracle}
 */
export interface EstateOracleAnswer {
  /** Service name → `DOMAIN\account mechanism` strings, sorted. */
  readonly actors: Readonly<Record<string, readonly string[]>>;
  /** Service name → users' `DOMAIN\name`, sorted. */
  readonly users: Readonly<Record<string, readonly string[]>>;
}

type Node = { readonly key: string; readonly attributes: EstateNodeAttributes };
type Edge = { readonly source: string; readonly target: string; readonly attributes: EstateEdgeAttributes };

/**
 * A naive oracle for the estate graph's analyses (`delegationActors`, `reachableUsers`): it reads only the
 * graph's exported node and edge *lists* and computes the same answers by fixpoint iteration — repeat until
 * nothing changes, no traversal library, no index — so the property tests can check the graph engine against
 * it.
 *
 * @param graph - the estate graph (only its `export()` is read)
 * @returns the actors and reachable users of every service
 * @example
 * ```ts
 * import { buildEstateGraph } from '@doublehop/delegation';
 * import { estateReachOracle } from '@doublehop/delegation/testing';
 *
 * const g = buildEstateGraph({ domains: [{ dnsName: 'corp.example' }] });
 * estateReachOracle(g).users; // {}
 * ```
 * @see STYLE.md "an oracle (compare the fast graph engine with a naive fixpoint over an edge list)"
 */
export function estateReachOracle(graph: EstateGraph): EstateOracleAnswer {
  const exported = graph.export();
  const nodes: Node[] = exported.nodes.map((n) => ({
    key: n.key,
    attributes: n.attributes as EstateNodeAttributes,
  }));
  const edges: Edge[] = exported.edges.map((e) => ({
    source: e.source,
    target: e.target,
    attributes: e.attributes as EstateEdgeAttributes,
  }));
  const attrs = new Map(nodes.map((n) => [n.key, n.attributes]));
  const edgesOf = (kind: EstateEdgeAttributes['kind']) => edges.filter((e) => e.attributes.kind === kind);
  const account = (key: string) => attrs.get(key) as AccountNodeAttributes;
  const runsAs = (service: string) => edgesOf('runs-as').find((e) => e.source === service)?.target;

  // Membership closure by fixpoint: member → every group it is in, transitively.
  const groupsOf = new Map<string, Set<string>>(nodes.map((n) => [n.key, new Set<string>()]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edgesOf('member-of')) {
      const mine = groupsOf.get(e.source) as Set<string>;
      for (const g of [e.target, ...(groupsOf.get(e.target) ?? [])]) {
        if (!mine.has(g)) {
          mine.add(g);
          changed = true;
        }
      }
    }
  }

  const actorsOfAccount = (target: string): string[] => {
    const t = account(target);
    const out = new Set<string>();
    const principal = (k: string) => {
      const a = attrs.get(k);
      return a?.kind === 'account' && a.accountKind !== 'group' && a.enabled ? a : undefined;
    };
    const add = (k: string, m: ActorMechanism) => {
      const a = principal(k);
      if (a !== undefined) out.add(`${a.name} ${m}`);
    };
    for (const n of nodes)
      if (n.attributes.kind === 'account' && n.attributes.trustedForDelegation) add(n.key, 'unconstrained');
    for (const e of edgesOf('allowed-to-delegate-to')) {
      const spn = attrs.get(e.target);
      const source = attrs.get(e.source);
      if (
        spn?.kind !== 'spn' ||
        spn.account !== t.sid ||
        source?.kind !== 'account' ||
        source.domain !== t.domain
      )
        continue;
      add(e.source, source.trustedToAuthForDelegation ? 'kcd-protocol-transition' : 'kcd');
    }
    const grantees = new Set(
      edgesOf('rbcd')
        .filter((e) => e.target === target)
        .map((e) => e.source),
    );
    for (const n of nodes) {
      if (grantees.has(n.key) || [...(groupsOf.get(n.key) ?? [])].some((g) => grantees.has(g)))
        add(n.key, 'rbcd');
    }
    return [...out].sort();
  };

  const services = nodes.filter((n) => n.attributes.kind === 'service');
  const actors: Record<string, string[]> = {};
  for (const s of services) {
    const target = runsAs(s.key);
    actors[(s.attributes as ServiceNodeAttributes).name] =
      target === undefined ? [] : actorsOfAccount(target);
  }

  // Reach by fixpoint, per class of user (may be delegated or not).
  const arrival = (s: ServiceNodeAttributes): string => {
    const first = s.authentication[0];
    if (first === 'negotiate' || first === 'kerberos') return 'kerberos';
    if (first === 'basic' || first === 'credssp') return 'password';
    if (first === 'forms') return s.protocolTransition && s.impersonates ? 'transition' : 'none';
    if (first === 'ntlm') return s.protocolTransition ? 'transition' : 'ntlm';
    return 'none';
  };
  const passes = (from: string, to: string, delegable: boolean): boolean => {
    const s = attrs.get(from) as ServiceNodeAttributes;
    if (!s.impersonates) return false;
    const a = arrival(s);
    if (a === 'password') return true;
    if (!delegable || (a !== 'kerberos' && a !== 'transition')) return false;
    const own = runsAs(from);
    const theirs = runsAs(to);
    if (own === undefined || theirs === undefined) return false;
    const mine = `${account(own).name} `;
    return actorsOfAccount(theirs).some(
      (x) =>
        x.startsWith(mine) &&
        (a === 'kerberos' || x.endsWith(' kcd-protocol-transition') || x.endsWith(' rbcd')),
    );
  };
  const reachFor = (delegable: boolean): Set<string> => {
    const reached = new Set(
      services
        .filter((s) => {
          const a = s.attributes as ServiceNodeAttributes;
          return a.entry && arrival(a) !== 'none';
        })
        .map((s) => s.key),
    );
    for (let changed = true; changed; ) {
      changed = false;
      for (const e of edgesOf('calls')) {
        if (e.attributes.kind !== 'calls' || e.attributes.as !== 'caller') continue;
        if (reached.has(e.source) && !reached.has(e.target) && passes(e.source, e.target, delegable)) {
          reached.add(e.target);
          changed = true;
        }
      }
    }
    return reached;
  };
  const delegableReach = reachFor(true);
  const sensitiveReach = reachFor(false);
  const serviceAccounts = new Set(edgesOf('runs-as').map((e) => e.target));
  const users: Record<string, string[]> = {};
  for (const s of services) {
    const name = (s.attributes as ServiceNodeAttributes).name;
    users[name] = nodes
      .filter((n) => {
        const a = n.attributes;
        if (
          a.kind !== 'account' ||
          a.accountKind !== 'user' ||
          !a.declared ||
          !a.enabled ||
          serviceAccounts.has(n.key)
        )
          return false;
        return (!a.notDelegated && !a.protectedUser ? delegableReach : sensitiveReach).has(s.key);
      })
      .map((n) => (n.attributes as AccountNodeAttributes).name)
      .sort();
  }
  return { actors, users };
}
