import { type Diagram, type DiagramEdgeKind, type DiagramNodeKind, isDelegation } from './diagram.js';
import { mermaidLabel, uniqueIds } from './mermaidText.js';

const SHAPES: Readonly<Record<DiagramNodeKind, readonly [string, string]>> = {
  machine: ['[', ']'],
  service: ['(', ')'],
  account: ['[/', '/]'],
  spn: ['>', ']'],
  user: ['([', '])'],
  domain: ['[(', ')]'],
};

const ARROWS: Readonly<Record<DiagramEdgeKind, string>> = {
  hosts: '---',
  'runs-as': '-.->',
  registers: '-.->',
  call: '-->',
  kcd: '==>',
  'kcd-protocol-transition': '==>',
  rbcd: '==>',
  unconstrained: '==>',
  trust: '<-.->',
  'member-of': '-.->',
  other: '-->',
};

/**
 * @internal Writes the estate diagram as a Mermaid flowchart (left to right): a box (`subgraph`) per machine
 * with its services inside; accounts, SPNs and users around them; bold arrows for delegation rights (KCD, KCD
 * with protocol transition, RBCD, unconstrained), solid ones for calls, dotted ones for runs-as and SPN
 * registration; a class per node kind so themes can style them. Node ids are derived from the engine's node
 * keys (stable, unique), and every list is printed in sorted order.
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function mermaidFlowchart(d: Diagram): string {
  const ids = uniqueIds([...d.nodes.map((n) => n.key), ...d.groups.map((g) => `group:${g.key}`)]);
  const id = (key: string): string => ids.get(key) ?? key;
  const lines = ['flowchart LR'];
  const node = (n: Diagram['nodes'][number], indent: string): string => {
    const [open, close] = SHAPES[n.kind];
    return `${indent}${id(n.key)}${open}"${mermaidLabel(n.label)}"${close}:::${n.kind}`;
  };
  for (const g of d.groups) {
    lines.push(`  subgraph ${id(`group:${g.key}`)}["${mermaidLabel(g.label)}"]`);
    for (const n of d.nodes) if (n.group === g.key) lines.push(node(n, '    '));
    lines.push('  end');
  }
  const grouped = new Set(d.groups.map((g) => g.key));
  for (const n of d.nodes) if (n.group === null || !grouped.has(n.group)) lines.push(node(n, '  '));
  const delegation: number[] = [];
  d.edges.forEach((e, i) => {
    const label = e.label === '' ? '' : `|"${mermaidLabel(e.label)}"|`;
    lines.push(`  ${id(e.from)} ${ARROWS[e.kind]}${label} ${id(e.to)}`);
    if (isDelegation(e.kind)) delegation.push(i);
  });
  lines.push(
    '  classDef machine fill:#eef2f7,stroke:#5b6b82',
    '  classDef service fill:#e8f4ea,stroke:#2e7d32',
    '  classDef account fill:#fff8e1,stroke:#b28704',
    '  classDef spn fill:#f3e5f5,stroke:#7b1fa2',
    '  classDef user fill:#e3f2fd,stroke:#1565c0',
    '  classDef domain fill:#fafafa,stroke:#616161',
  );
  if (delegation.length > 0)
    lines.push(`  linkStyle ${delegation.join(',')} stroke:#c62828,stroke-width:3px`);
  return `${lines.join('\n')}\n`;
}
