/** @internal What a node of the estate diagram stands for (its shape and style follow). */
export type DiagramNodeKind = 'machine' | 'service' | 'account' | 'spn' | 'user' | 'domain';

/** @internal What an edge of the estate diagram stands for. */
export type DiagramEdgeKind =
  | 'hosts'
  | 'runs-as'
  | 'registers'
  | 'call'
  | 'kcd'
  | 'kcd-protocol-transition'
  | 'rbcd'
  | 'unconstrained'
  | 'trust'
  | 'member-of'
  | 'other';

/** @internal A node: a stable key (from the engine's graph), its kind, label and enclosing group. */
export interface DiagramNode {
  /** The engine's node key (`service:web`); ids are derived from it. */
  readonly key: string;
  /** What it is. */
  readonly kind: DiagramNodeKind;
  /** What it is shown as; lines separated by `\n`. */
  readonly label: string;
  /** The key of the group (a machine's box) it is drawn in, or `null`. */
  readonly group: string | null;
}

/** @internal An edge between two node keys. */
export interface DiagramEdge {
  /** The source node's key. */
  readonly from: string;
  /** The target node's key. */
  readonly to: string;
  /** What it is. */
  readonly kind: DiagramEdgeKind;
  /** The label on the edge (may be empty). */
  readonly label: string;
}

/** @internal A group of nodes drawn in a box (a machine). */
export interface DiagramGroup {
  /** Its key. */
  readonly key: string;
  /** Its label. */
  readonly label: string;
}

/**
 * @internal The estate as a diagram: nodes, groups and edges, each list sorted by key (nodes and groups) or by
 * (from, to, kind, label) — the writers print them in this order, so the output never depends on the order the
 * engine built its graph in.
 */
export interface Diagram {
  /** Nodes, sorted by key. */
  readonly nodes: readonly DiagramNode[];
  /** Groups, sorted by key. */
  readonly groups: readonly DiagramGroup[];
  /** Edges, sorted. */
  readonly edges: readonly DiagramEdge[];
}

/** @internal Sorts a diagram's parts (see {@link Diagram}) and drops edges whose ends are unknown. */
export function diagram(
  nodes: readonly DiagramNode[],
  groups: readonly DiagramGroup[],
  edges: readonly DiagramEdge[],
): Diagram {
  const byKey = (a: { key: string }, b: { key: string }): number => compare(a.key, b.key);
  const known = new Set(nodes.map((n) => n.key));
  const edgeKey = (e: DiagramEdge): string => `${e.from}\u0000${e.to}\u0000${e.kind}\u0000${e.label}`;
  const seen = new Set<string>();
  return {
    nodes: [...nodes].sort(byKey),
    groups: [...groups].sort(byKey),
    edges: [...edges]
      .filter((e) => known.has(e.from) && known.has(e.to))
      .sort((a, b) => compare(edgeKey(a), edgeKey(b)))
      .filter((e) => {
        const k = edgeKey(e);
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      }),
  };
}

/** @internal Compares strings by UTF-16 code units (locale-independent). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** @internal Whether an edge is a delegation right (drawn bold). */
export function isDelegation(kind: DiagramEdgeKind): boolean {
  return kind === 'kcd' || kind === 'kcd-protocol-transition' || kind === 'rbcd' || kind === 'unconstrained';
}
