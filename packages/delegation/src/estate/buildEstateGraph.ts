import { ACCESS_RIGHTS, type SecurityDescriptor, type Sid, sidWithRid } from '@doublehop/core-token';
import { accountBySid, type Directory, findDomain, type PrincipalAccount } from '@doublehop/logon';
import { DirectedGraph } from 'graphology';
import { ADS_RIGHT_DS_CONTROL_ACCESS } from '../kdc/pac.js';
import { accountFacts, spnFacts } from './accountFacts.js';
import { type CompiledEstate, cmp, compileEstate } from './compileEstate.js';
import type { EstateEdgeAttributes, EstateGraph, EstateNodeAttributes } from './estateGraphTypes.js';
import type { EstateModel } from './estateModel.js';

/** @internal The node key of a domain, account, machine, service or SPN. */
export const nodeKey = {
  domain: (dnsName: string): string => `domain:${dnsName.toLowerCase()}`,
  account: (sid: string): string => `account:${sid}`,
  machine: (name: string): string => `machine:${name.toUpperCase()}`,
  service: (name: string): string => `service:${name}`,
  spn: (spn: string): string => `spn:${spn.toLowerCase()}`,
} as const;

/**
 * Builds the estate graph: a graphology `DirectedGraph` with a node per domain, account (users, computers, gMSAs,
 * groups — built-ins included), machine, service and SPN, and typed edges for group membership, domains, trusts,
 * hosting, computer accounts, runs-as, SPN registration (SPN → the account holding it), the SPN each endpoint asks for, msDS-AllowedToDelegateTo,
 * RBCD grants (msDS-AllowedToActOnBehalfOfOtherIdentity) and calls.
 *
 * @remarks
 * Keys are deterministic (`account:S-1-5-21-…`, `spn:http/web01.corp.example`, edges `kind:source->target`) and
 * nodes and edges are added in sorted order, so two models that differ only in the order of their lists give
 * graphs whose exports are identical. An `rbcd` edge goes from each account or group an allow ACE of the
 * descriptor grants control access (ADS_RIGHT_DS_CONTROL_ACCESS or GENERIC_ALL) to the account holding the
 * descriptor; {@link delegationActors} confirms each actor with the KDC's real access check.
 * @param model - the estate
 * @returns the graph
 * @throws TypeError - `buildEstateGraph: …` for a model whose machines, services or accounts do not resolve
 * @example
 * ```ts
 * import { buildEstateGraph } from '@doublehop/delegation';
 *
 * const g = buildEstateGraph({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01.corp.example'], allowedToDelegateTo: ['cifs/fs01.corp.example'] }],
 * });
 * const web01 = g.filterNodes((_, a) => a.kind === 'account' && a.name === 'CORP\\WEB01$')[0] ?? '';
 * g.inNeighbors(web01).filter((n) => n.startsWith('spn:')); // ['spn:http/web01.corp.example']
 * g.outNeighbors(web01).filter((n) => n.startsWith('spn:')); // ['spn:cifs/fs01.corp.example']
 * ```
 * @see MS-ADTS 2.2.16; MS-ADA2 msDS-AllowedToDelegateTo, msDS-AllowedToActOnBehalfOfOtherIdentity; MS-SFU 3.2.5.2
 */
export function buildEstateGraph(model: EstateModel): EstateGraph {
  return graphOf(compileEstate(model, 'buildEstateGraph'));
}

/** @internal The graph of a compiled estate (built once per estate). */
export function graphOf(estate: CompiledEstate): EstateGraph {
  const cached = graphs.get(estate);
  if (cached !== undefined) return cached;
  const graph = build(estate);
  graphs.set(estate, graph);
  return graph;
}

const graphs = new WeakMap<CompiledEstate, EstateGraph>();

function build(estate: CompiledEstate): EstateGraph {
  const dir = estate.directory;
  const g: EstateGraph = new DirectedGraph<EstateNodeAttributes, EstateEdgeAttributes>();
  // An edge once (a service calling another twice), and none to a node the graph does not have.
  const edge = (kind: EstateEdgeAttributes, source: string, target: string): void => {
    const key = `${kind.kind}:${source}->${target}`;
    if (!g.hasEdge(key) && g.hasNode(source) && g.hasNode(target))
      g.addDirectedEdgeWithKey(key, source, target, kind);
  };
  // Each node's key made once and kept: an edge then names its ends with strings already hashed, where making
  // them again per edge costs a string and its hash each (a million edges on a large directory).
  const domainKeys = new Map<string, string>();
  const accountKeys = new Map<Sid, string>();
  const spnKeys = new Map<string, string>();
  for (const d of dir.domains) {
    const key = nodeKey.domain(d.dnsName);
    domainKeys.set(d.dnsName, key);
    g.addNode(key, {
      kind: 'domain',
      name: d.dnsName,
      netbiosName: d.netbiosName,
      forest: d.forest,
      functionalLevel: d.functionalLevel,
    });
  }
  for (const a of dir.accounts) {
    const key = nodeKey.account(a.sid.text);
    accountKeys.set(a.sid, key);
    g.addNode(key, accountFacts(estate, a));
  }
  for (const m of estate.machines.values()) {
    g.addNode(nodeKey.machine(m.name), {
      kind: 'machine',
      name: m.name,
      domain: m.domain,
      role: m.role,
      credentialGuard: m.credentialGuard,
    });
  }
  for (const s of estate.services.values()) {
    g.addNode(nodeKey.service(s.name), {
      kind: 'service',
      name: s.name,
      machine: s.machine.name,
      runsAs: s.def.runsAs,
      networkIdentity: s.networkIdentity,
      spn: s.spn,
      authentication: Object.freeze([...s.def.authentication]),
      impersonates: s.impersonates,
      protocolTransition: s.protocolTransition,
      entry: estate.entries.has(s.name),
    });
  }
  // SPN nodes in sorted order: registered, delegated-to and requested SPNs, one per SPN whatever its case (the
  // first spelling met names it).
  const firstSpelling = new Map<string, string>();
  const noteSpn = (spn: string): void => {
    if (spnKeys.has(spn)) return;
    const key = nodeKey.spn(spn);
    if (!firstSpelling.has(key)) firstSpelling.set(key, spn);
    spnKeys.set(spn, key);
  };
  const principals = dir.accounts.filter((a): a is PrincipalAccount => a.kind !== 'group');
  for (const a of principals) {
    for (const s of a.servicePrincipalNames) noteSpn(s);
    for (const s of a.allowedToDelegateTo) noteSpn(s);
  }
  for (const s of estate.services.values()) noteSpn(s.spn);
  for (const key of [...firstSpelling.keys()].sort(cmp)) {
    g.addNode(key, spnFacts(dir, firstSpelling.get(key) as string, true));
  }

  // Edges.
  // The accounts' edges, half a million on a large directory: each is unique by construction (memberOf and the
  // RBCD grantees are sets; the primary group and an SPN listed twice in another case are checked here), so they
  // go in without the graph-wide checks of `edge`, which hash every key string again.
  const add = (kind: EstateEdgeAttributes, source: string, target: string): void => {
    g.addDirectedEdgeWithKey(`${kind.kind}:${source}->${target}`, source, target, kind);
  };
  for (const a of dir.accounts) {
    const from = accountKeys.get(a.sid) as string;
    add({ kind: 'in-domain' }, from, domainKeys.get(a.domain) as string);
    for (const group of a.memberOf) {
      const to = accountKeys.get(group);
      if (to !== undefined) add({ kind: 'member-of' }, from, to);
    }
    if (a.kind !== 'group') {
      const domain = findDomain(dir, a.domain);
      const primary = domain === undefined ? undefined : sidWithRid(domain.sid, a.primaryGroupId);
      const to = primary === undefined ? undefined : accountKeys.get(primary);
      if (to !== undefined && !a.memberOf.includes(primary as Sid)) add({ kind: 'member-of' }, from, to);
      for (const s of distinctSpns(a.servicePrincipalNames))
        add({ kind: 'registered-on' }, spnKeys.get(s) as string, from);
      for (const s of distinctSpns(a.allowedToDelegateTo))
        add({ kind: 'allowed-to-delegate-to' }, from, spnKeys.get(s) as string);
      for (const grantee of rbcdGrantees(dir, a.allowedToActOnBehalfOfOtherIdentity)) {
        add({ kind: 'rbcd' }, nodeKey.account(grantee), from);
      }
    }
  }
  for (const t of dir.trusts) {
    edge(
      {
        kind: 'trust',
        trustType: t.type,
        transitive: t.transitive,
        selectiveAuthentication: t.selectiveAuthentication,
        enableTgtDelegation: t.enableTgtDelegation,
        sidFiltering: t.sidFiltering,
      },
      nodeKey.domain(t.trusted),
      nodeKey.domain(t.trusting),
    );
  }
  for (const m of estate.machines.values()) {
    const from = nodeKey.machine(m.name);
    if (m.domain !== null) edge({ kind: 'in-domain' }, from, nodeKey.domain(m.domain));
    if (m.computerAccount !== null)
      edge({ kind: 'computer-account' }, from, nodeKey.account(m.computerAccount.text));
  }
  for (const s of estate.services.values()) {
    const from = nodeKey.service(s.name);
    edge({ kind: 'hosts' }, nodeKey.machine(s.machine.name), from);
    if (s.keyAccount !== null) edge({ kind: 'runs-as' }, from, nodeKey.account(s.keyAccount.sid.text));
    edge({ kind: 'endpoint' }, from, nodeKey.spn(s.spn));
    for (const c of [...s.calls].sort((a, b) => cmp(a.service, b.service))) {
      edge({ kind: 'calls', as: c.as, request: c.request }, from, nodeKey.service(c.service));
    }
  }
  return g;
}

/** The SPNs of a list, each once whatever its case (the first spelling), as their graph nodes are keyed. */
function distinctSpns(spns: readonly string[]): readonly string[] {
  if (spns.length < 2) return spns;
  const seen = new Set<string>();
  return spns.filter((s) => {
    const key = s.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * @internal The SIDs (text) an RBCD descriptor's allow ACEs grant control access, sorted; only those of directory
 * accounts (a well-known grantee such as Authenticated Users is left to the access check).
 */
export function rbcdGrantees(dir: Directory, descriptor: SecurityDescriptor | null): string[] {
  if (descriptor === null || descriptor.dacl === null) return [];
  const out = new Set<string>();
  for (const ace of descriptor.dacl) {
    if (ace.type !== 'ACCESS_ALLOWED' && ace.type !== 'ACCESS_ALLOWED_OBJECT') continue;
    if ((ace.mask & (ADS_RIGHT_DS_CONTROL_ACCESS | ACCESS_RIGHTS.GENERIC_ALL)) === 0) continue;
    if (accountBySid(dir, ace.sid) !== undefined) out.add(ace.sid.text);
  }
  return [...out].sort(cmp);
}
