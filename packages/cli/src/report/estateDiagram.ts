import type { AccountNodeAttributes, EstateGraph, EstateNodeAttributes } from '@doublehop/delegation';
import {
  type Diagram,
  type DiagramEdge,
  type DiagramGroup,
  type DiagramNode,
  diagram,
} from '../output/diagram.js';

/** The node drawn for "any service" when an account has unconstrained delegation. */
const ANY_SERVICE = 'any-service:unconstrained';

/**
 * @internal Selects what the estate diagram shows from the engine's graph (`buildEstateGraph`) — it draws, it
 * decides nothing: a box per machine that hosts services, the services in it; the accounts services run as, the
 * accounts the model declares, and accounts with delegation rights; the SPNs clients ask for and the SPNs
 * delegation targets; and the edges runs-as, SPN registration, "asks for", calls, KCD (KCD+PT when the account
 * has protocol transition), RBCD, unconstrained delegation (to an "any service" node), and trusts between
 * domains when there are several. Built-in accounts and group memberships are left out.
 */
export function estateDiagram(g: EstateGraph): Diagram {
  const attrs = (key: string): EstateNodeAttributes => g.getNodeAttributes(key);
  const account = (key: string): AccountNodeAttributes | undefined => {
    if (!g.hasNode(key)) return undefined;
    const a = attrs(key);
    return a.kind === 'account' ? a : undefined;
  };
  const edges: DiagramEdge[] = [];
  const shown = new Set<string>();
  const show = (key: string): void => {
    shown.add(key);
  };
  const domains = g.filterNodes((_, a) => a.kind === 'domain');

  g.forEachEdge((_, e, source, target) => {
    switch (e.kind) {
      case 'runs-as':
        edges.push({ from: source, to: target, kind: 'runs-as', label: 'runs as' });
        show(source);
        show(target);
        break;
      case 'endpoint':
        edges.push({ from: source, to: target, kind: 'registers', label: 'clients ask for' });
        show(source);
        show(target);
        break;
      case 'allowed-to-delegate-to': {
        const pt = account(source)?.trustedToAuthForDelegation === true;
        edges.push({
          from: source,
          to: target,
          kind: pt ? 'kcd-protocol-transition' : 'kcd',
          label: pt ? 'KCD + protocol transition' : 'KCD',
        });
        show(source);
        show(target);
        break;
      }
      case 'rbcd':
        edges.push({ from: source, to: target, kind: 'rbcd', label: 'RBCD' });
        show(source);
        show(target);
        break;
      case 'calls':
        edges.push({ from: source, to: target, kind: 'call', label: `calls as ${e.as} (${e.request})` });
        show(source);
        show(target);
        break;
      case 'trust':
        // A two-way trust is two edges: draw it once (from the name that sorts first).
        if (domains.length > 1 && !(source > target && g.hasDirectedEdge(target, source))) {
          edges.push({
            from: source,
            to: target,
            kind: 'trust',
            label: `${e.trustType} trust${e.enableTgtDelegation ? '' : ', no TGT delegation'}${e.selectiveAuthentication ? ', selective' : ''}`,
          });
          show(source);
          show(target);
        }
        break;
      default:
        break;
    }
  });
  // Services, machines, and the users, service accounts and gMSAs the model declares (computer accounts only
  // when an edge shown involves them, or when they have unconstrained delegation off a domain controller).
  g.forEachNode((key, a) => {
    if (a.kind === 'service' || a.kind === 'machine') show(key);
    if (a.kind !== 'account' || a.accountKind === 'group') return;
    if (a.declared && a.accountKind !== 'computer') show(key);
    if (a.trustedForDelegation && !a.domainController) show(key);
  });
  // Who holds each SPN shown: the account the KDC's lookup finds (through the HOST/ aliases), or every account
  // registering it when it is duplicated.
  for (const key of [...shown]) {
    const a = attrs(key);
    if (a.kind !== 'spn') continue;
    const holders =
      a.lookup === 'found' && a.account !== null
        ? [`account:${a.account}`]
        : a.lookup === 'duplicate'
          ? g.filterOutNeighbors(key, (_, n) => n.kind === 'account')
          : [];
    for (const holder of holders) {
      if (!g.hasNode(holder)) continue;
      edges.push({ from: holder, to: key, kind: 'registers', label: 'holds' });
      show(holder);
    }
  }
  // Unconstrained delegation: an edge to "any service" from each account shown that has it.
  const unconstrained = [...shown].filter((k) => {
    const a = account(k);
    return a?.trustedForDelegation === true && !a.domainController;
  });
  for (const k of unconstrained)
    edges.push({ from: k, to: ANY_SERVICE, kind: 'unconstrained', label: 'unconstrained' });

  const hosting = new Map<string, string>();
  g.forEachEdge((_, e, source, target) => {
    if (e.kind === 'hosts') hosting.set(target, source);
  });
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  for (const key of shown) {
    const a = attrs(key);
    if (a.kind === 'machine') {
      const label = `${a.name}${a.role === 'server' ? '' : ` (${a.role})`}${a.credentialGuard ? '\nCredential Guard' : ''}`;
      if ([...hosting.values()].includes(key)) groups.push({ key, label });
      else nodes.push({ key, kind: 'machine', label, group: null });
      continue;
    }
    nodes.push(nodeOf(key, a, hosting.get(key) ?? null));
  }
  if (unconstrained.length > 0) {
    nodes.push({ key: ANY_SERVICE, kind: 'spn', label: 'any service\n(the users’ TGTs)', group: null });
  }
  // Accounts are keyed by their name (`account:CORP\\svc-web`) rather than their SID, so ids read well.
  const rekey = (key: string): string => {
    const a = account(key);
    return a === undefined ? key : `account:${a.name}`;
  };
  return diagram(
    nodes.map((n) => ({ ...n, key: rekey(n.key) })),
    groups,
    edges.map((e) => ({ ...e, from: rekey(e.from), to: rekey(e.to) })),
  );
}

function nodeOf(key: string, a: EstateNodeAttributes, group: string | null): DiagramNode {
  switch (a.kind) {
    case 'service': {
      const facts = [a.authentication.join(', '), a.impersonates ? null : 'no impersonation'].filter(
        (f) => f !== null,
      );
      return { key, kind: 'service', label: `${a.name}\n${facts.join('; ')}`, group };
    }
    case 'account': {
      const flags = [
        a.domainController ? 'domain controller' : null,
        a.trustedForDelegation && !a.domainController ? 'unconstrained delegation' : null,
        a.trustedToAuthForDelegation ? 'protocol transition' : null,
        a.notDelegated ? 'sensitive, cannot be delegated' : null,
        a.protectedUser ? 'Protected Users' : null,
        a.enabled ? null : 'disabled',
      ].filter((f) => f !== null);
      const kind = a.accountKind === 'user' && flags.length === 0 ? 'user' : 'account';
      return { key, kind, label: [a.name, ...flags].join('\n'), group: null };
    }
    case 'spn':
      return {
        key,
        kind: 'spn',
        label: `${a.spn}${a.lookup === 'missing' ? '\n(no account holds it)' : a.lookup === 'duplicate' ? '\n(held by several accounts)' : ''}`,
        group: null,
      };
    case 'domain':
      return { key, kind: 'domain', label: `${a.name} (${a.netbiosName})`, group: null };
    case 'machine':
      return { key, kind: 'machine', label: a.name, group: null };
  }
}
