import type { Diagram, DiagramEdgeKind, DiagramNodeKind } from './diagram.js';

/** @internal A DOT quoted string: `\` and `"` escaped, line breaks as `\n` (centred lines). */
export function dotString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')}"`;
}

const NODE_ATTRS: Readonly<Record<DiagramNodeKind, string>> = {
  machine: 'shape=box, style="rounded,filled", fillcolor="#eef2f7"',
  service: 'shape=box, style="rounded,filled", fillcolor="#e8f4ea"',
  account: 'shape=parallelogram, style=filled, fillcolor="#fff8e1"',
  spn: 'shape=note, style=filled, fillcolor="#f3e5f5"',
  user: 'shape=ellipse, style=filled, fillcolor="#e3f2fd"',
  domain: 'shape=cylinder, style=filled, fillcolor="#fafafa"',
};

const EDGE_ATTRS: Readonly<Record<DiagramEdgeKind, string>> = {
  hosts: 'arrowhead=none, style=dotted',
  'runs-as': 'style=dashed',
  registers: 'style=dashed',
  call: '',
  kcd: 'penwidth=2.5, color="#c62828"',
  'kcd-protocol-transition': 'penwidth=2.5, color="#c62828"',
  rbcd: 'penwidth=2.5, color="#c62828"',
  unconstrained: 'penwidth=2.5, color="#c62828", style=bold',
  trust: 'dir=both, style=dashed',
  'member-of': 'style=dashed',
  other: '',
};

/**
 * @internal Writes the estate diagram as Graphviz DOT: a `cluster_` subgraph per machine with its services, a
 * shape and fill per node kind, red bold edges for delegation rights. Node ids are the engine's node keys,
 * quoted, so they are stable; everything is printed in sorted order.
 * @see https://graphviz.org/doc/info/lang.html
 */
export function dotGraph(d: Diagram, name = 'estate'): string {
  const lines = [
    `digraph ${dotString(name)} {`,
    '  rankdir=LR;',
    '  node [fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const node = (n: Diagram['nodes'][number], indent: string): string =>
    `${indent}${dotString(n.key)} [label=${dotString(n.label)}, ${NODE_ATTRS[n.kind]}];`;
  for (const g of d.groups) {
    lines.push(
      `  subgraph ${dotString(`cluster_${g.key}`)} {`,
      `    label=${dotString(g.label)};`,
      '    style="rounded";',
    );
    for (const n of d.nodes) if (n.group === g.key) lines.push(node(n, '    '));
    lines.push('  }');
  }
  const grouped = new Set(d.groups.map((g) => g.key));
  for (const n of d.nodes) if (n.group === null || !grouped.has(n.group)) lines.push(node(n, '  '));
  for (const e of d.edges) {
    const attrs = [e.label === '' ? '' : `label=${dotString(e.label)}`, EDGE_ATTRS[e.kind]].filter(
      (a) => a !== '',
    );
    lines.push(
      `  ${dotString(e.from)} -> ${dotString(e.to)}${attrs.length === 0 ? '' : ` [${attrs.join(', ')}]`};`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
