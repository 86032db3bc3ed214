import { mermaidText } from './mermaidText.js';
import type { ChartEvent, SequenceChart } from './sequenceChart.js';

const ARROWS = { request: '->>', reply: '-->>', refused: '-x' } as const;

/**
 * @internal Writes a sequence diagram as Mermaid (`sequenceDiagram`, which GitHub renders in a ```mermaid
 * block): participants (or actors) with their labels, numbered messages — solid for requests, dashed for
 * replies, a cross for a refusal — notes, and blocks for optional or failing parts.
 * @see https://mermaid.js.org/syntax/sequenceDiagram.html
 */
export function mermaidSequence(diagram: SequenceChart): string {
  const lines = ['sequenceDiagram', '    autonumber'];
  for (const p of diagram.participants) {
    lines.push(`    ${p.actor === true ? 'actor' : 'participant'} ${p.id} as ${mermaidText(p.label)}`);
  }
  const write = (events: readonly ChartEvent[], depth: number): void => {
    const indent = '    '.repeat(depth);
    for (const e of events) {
      switch (e.kind) {
        case 'message':
          lines.push(`${indent}${e.from}${ARROWS[e.style]}${e.to}: ${mermaidText(e.text)}`);
          break;
        case 'note':
          lines.push(`${indent}Note over ${e.over.join(',')}: ${mermaidText(e.text)}`);
          break;
        case 'block':
          lines.push(`${indent}${e.type} ${mermaidText(e.label)}`);
          write(e.events, depth + 1);
          lines.push(`${indent}end`);
          break;
      }
    }
  };
  write(diagram.events, 1);
  return `${lines.join('\n')}\n`;
}
