import type { AnyStateMachine } from 'xstate';

interface NodeLike {
  readonly key: string;
  readonly type: string;
  readonly states: Readonly<Record<string, NodeLike>>;
  readonly initial?: { readonly target?: readonly NodeLike[] } | undefined;
  readonly transitions: ReadonlyMap<string, readonly TransitionLike[]>;
}

interface TransitionLike {
  readonly target?: readonly NodeLike[] | undefined;
  readonly guard?: unknown;
}

function guardLabel(guard: unknown): string {
  if (guard === undefined || guard === null) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function' && Array.isArray((guard as { guards?: unknown }).guards)) {
    return (guard as unknown as { guards: unknown[] }).guards.map(guardLabel).join(' and ');
  }
  if (typeof guard === 'object' && 'type' in guard) {
    const { type, params } = guard as { type: string; params?: Record<string, unknown> };
    const args = params === undefined ? '' : `(${Object.values(params).map(String).join(', ')})`;
    return `${type}${args}`;
  }
  return 'guard';
}

function edges(
  source: NodeLike,
  transitions: ReadonlyMap<string, readonly TransitionLike[]>,
  pad: string,
): string[] {
  const lines: string[] = [];
  for (const [event, list] of transitions) {
    for (const t of list) {
      const guard = guardLabel(t.guard);
      const label = guard === '' ? event : `${event} [${guard}]`;
      for (const target of t.target ?? [source])
        lines.push(`${pad}${source.key} --> ${target.key} : ${label}`);
    }
  }
  return lines;
}

function render(
  node: NodeLike,
  pad: string,
  inherited: ReadonlyMap<string, readonly TransitionLike[]>,
): string[] {
  const lines: string[] = [];
  const children = Object.values(node.states);
  const first = node.initial?.target?.[0];
  if (first !== undefined) lines.push(`${pad}[*] --> ${first.key}`);
  for (const child of children) {
    if (Object.keys(child.states).length > 0) {
      lines.push(`${pad}state ${child.key} {`);
      lines.push(...render(child, `${pad}  `, new Map()));
      lines.push(`${pad}}`);
    }
  }
  for (const child of children) {
    const own = new Map(child.transitions);
    const fromParent = new Map([...inherited].filter(([event]) => !own.has(event)));
    lines.push(...edges(child, own, pad), ...edges(child, fromParent, pad));
  }
  return lines;
}

/**
 * A machine's chart as Mermaid `stateDiagram-v2` text, generated from its definition: states (compound states
 * as nested blocks), the initial state of each, and one edge per transition labelled `event [guard]`. A
 * transition defined on the machine's root is drawn from each top-level state that does not override it. The
 * text is deterministic: the same machine always gives the same chart.
 *
 * @param machine - an xstate v5 machine
 * @returns Mermaid source, for a Markdown ```mermaid block
 * @example
 * ```ts
 * import { connectionMachine, stateChart } from '@doublehop/impersonation-levels';
 *
 * stateChart(connectionMachine).split('\n')[0]; // 'stateDiagram-v2'
 * ```
 * @see Mermaid state diagrams, https://mermaid.js.org/syntax/stateDiagram.html
 */
export function stateChart(machine: AnyStateMachine): string {
  const root = machine.root as unknown as NodeLike;
  return ['stateDiagram-v2', ...render(root, '  ', root.transitions)].join('\n');
}
