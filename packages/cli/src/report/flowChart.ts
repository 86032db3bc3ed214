import type { DiagramMessage, FlowVerdict } from '@doublehop/delegation';
import type { ChartEvent, SequenceChart } from '../output/sequenceChart.js';

const STYLE = { request: 'request', reply: 'reply', error: 'refused' } as const;

/**
 * @internal The sequence chart of a flow, from the exchanges the engine recorded (`FlowVerdict.diagram`): the
 * user's client as an actor, the KDCs and services as participants; each hop opens with a note naming it, and
 * the hop where the flow stops is drawn inside a `break` block labelled with the why-not reason.
 */
export function flowChart(v: FlowVerdict): SequenceChart {
  const d = v.diagram;
  const order = new Map(d.participants.map((p, i) => [p.id, i]));
  const kdcs = new Set(d.participants.filter((p) => p.kind === 'kdc').map((p) => p.id));
  const events: ChartEvent[] = [];
  for (const hop of v.hops) {
    const messages = d.messages.filter((m) => m.hop === hop.hop);
    if (messages.length === 0) continue;
    // The hop's header spans the client side and the service (the KDCs only when nothing else is involved).
    const all = [...new Set(messages.flatMap((m) => [m.from, m.to]))];
    const ends = all.some((p) => !kdcs.has(p)) ? all.filter((p) => !kdcs.has(p)) : all;
    const touched = ends.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const first = touched[0] as string;
    const last = touched[touched.length - 1] as string;
    const header = `Hop ${hop.hop}: ${hop.from} → ${hop.to} (${hop.protocol ?? 'no protocol'}, ${hop.mechanism})`;
    const inner = messages.map(event);
    events.push({ kind: 'note', over: first === last ? [first] : [first, last], text: header });
    if (hop.outcome === 'reached') events.push(...inner);
    else {
      const label =
        hop.outcome === 'anonymous'
          ? `hop ${hop.hop} arrives as ANONYMOUS LOGON${hop.reason === null ? '' : `: ${hop.reason}`}`
          : `hop ${hop.hop} refused${hop.reason === null ? '' : `: ${hop.reason}`}`;
      events.push({ kind: 'block', type: 'break', label, events: inner });
    }
  }
  return {
    participants: d.participants.map((p) => ({ id: p.id, label: p.label, actor: p.kind === 'client' })),
    events,
  };
}

function event(m: DiagramMessage): ChartEvent {
  if (m.kind === 'note' || m.from === m.to) {
    return { kind: 'note', over: m.from === m.to ? [m.from] : [m.from, m.to], text: m.text };
  }
  return { kind: 'message', from: m.from, to: m.to, text: m.text, style: STYLE[m.kind] };
}
