import type { DelegationMechanism, FlowVerdict, HopResult } from '@doublehop/delegation';
import { mdCode, mdFence, mdTable, mdText } from '../output/markdown.js';
import { mermaidSequence } from '../output/mermaidSequence.js';
import { flowChart } from './flowChart.js';

/** @internal What each delegation mechanism means, in words (presentation only; the engine decides which applies). */
const MECHANISMS: Readonly<Record<DelegationMechanism, string>> = {
  'logon-session': "the user's own logon session (its TGT or password)",
  'forwarded-tgt': "the user's TGT, forwarded to an unconstrained-delegation service",
  kcd: "constrained delegation (S4U2Proxy, the user's ticket as evidence; msDS-AllowedToDelegateTo)",
  'kcd-protocol-transition': 'constrained delegation with protocol transition (S4U2Self, then S4U2Proxy)',
  rbcd: "resource-based constrained delegation (S4U2Proxy; the target's msDS-AllowedToActOnBehalfOfOtherIdentity)",
  'rbcd-protocol-transition':
    'resource-based constrained delegation after protocol transition (S4U2Self, then S4U2Proxy)',
  password: 'a password the service received (Basic, CredSSP)',
  'service-identity': "the service's own identity",
  none: 'nothing: no credential to authenticate with',
};

const code = (s: string | null): string => (s === null ? '—' : mdCode(s));

/**
 * @internal The markdown story of a flow for `doublehop explain`: a headline (reached, or where and why not), a
 * table of the hops, the Mermaid sequence diagram of the exchanges (which GitHub renders), then each hop — the
 * authentication method and the protocol Negotiate picked and why, the SPN lookup, the tickets and their flags,
 * the server-side logon and its token, the level, the delegation mechanism, the identity arriving and what it
 * can go onward with, and every rule applied with its source — and the why-not with its causes. Everything it
 * says comes from the engine's verdict.
 */
export function explainMarkdown(file: string, v: FlowVerdict): string {
  const out: string[] = [];
  out.push(
    `# Flow ${mdCode(v.flow)}: ${mdCode(v.user)} from ${mdCode(v.start)} through ${v.path.map(mdCode).join(' → ')}\n`,
  );
  out.push(`Model: ${mdCode(file)}\n`);
  const last = v.hops[v.hops.length - 1];
  if (v.reached && last !== undefined) {
    out.push(
      `**Reached.** ${mdCode(last.identity.name ?? v.user)} arrives at ${mdCode(last.to)} at **${last.level ?? '—'}**.\n`,
    );
  } else if (v.whyNot !== null) {
    const w = v.whyNot;
    out.push(
      `**Not reached: hop ${w.hop} (→ ${mdCode(w.service)}), ${mdCode(w.reason)}.** ${mdText(w.message)} — rule ${mdCode(w.rule)} (${mdText(w.source)}).\n`,
    );
  }
  out.push(
    mdTable(
      [
        'hop',
        'from → to',
        'authentication',
        'protocol',
        'mechanism',
        'identity arriving',
        'level',
        'outcome',
      ],
      v.hops.map((h) => [
        String(h.hop),
        `${mdText(h.from)} → ${mdText(h.to)} (${mdText(h.machine)})`,
        code(h.authentication),
        code(h.protocol),
        mdCode(h.mechanism),
        h.identity.name === null ? h.identity.kind : `${mdCode(h.identity.name)} (${h.identity.kind})`,
        h.level ?? '—',
        h.outcome === 'reached'
          ? 'reached'
          : `**${h.outcome}**${h.reason === null ? '' : ` ${mdCode(h.reason)}`}`,
      ]),
    ),
  );
  out.push('## Sequence diagram\n');
  out.push(mdFence('mermaid', mermaidSequence(flowChart(v))));
  for (const h of v.hops) out.push(hopSection(h));
  if (v.whyNot !== null) {
    const w = v.whyNot;
    out.push('## Why not\n');
    out.push(
      `Hop ${w.hop} (→ ${mdCode(w.service)}): ${mdCode(w.reason)} — ${mdText(w.message)}\n\nRule ${mdCode(w.rule)}; source: ${mdText(w.source)}.\n`,
    );
    if (w.causes.length > 0) {
      out.push('Earlier facts that led there:\n');
      out.push(
        `${w.causes
          .map(
            (c) =>
              `- hop ${c.hop}: ${mdCode(c.reason)} — ${mdText(c.message)} (rule ${mdCode(c.rule)}; ${mdText(c.source)})`,
          )
          .join('\n')}\n`,
      );
    }
  }
  return out.join('\n');
}

function hopSection(h: HopResult): string {
  const out: string[] = [];
  out.push(`## Hop ${h.hop}: ${mdText(h.from)} → ${mdText(h.to)} (on ${mdText(h.machine)})\n`);
  const facts: string[] = [];
  facts.push(
    `**Client side**: ${h.as === 'self' ? "the calling service's own identity" : 'as the caller'}, presenting ${h.presents === null ? 'no identity' : mdCode(h.presents)}`,
  );
  facts.push(
    `**Authentication**: ${code(h.authentication)}${h.protocol === null ? '' : `, protocol ${mdCode(h.protocol)}`}`,
  );
  if (h.spn !== null) {
    const lookup =
      h.spnLookup === 'found'
        ? `found on ${code(h.spnAccount)}`
        : h.spnLookup === 'missing'
          ? '**no account holds it**'
          : h.spnLookup === 'duplicate'
            ? '**held by several accounts**'
            : 'not looked up';
    facts.push(`**SPN**: ${mdCode(h.spn)} — ${lookup}`);
  }
  facts.push(`**Delegation mechanism**: ${mdCode(h.mechanism)} — ${MECHANISMS[h.mechanism]}`);
  if (h.logon !== null) {
    const l = h.logon;
    facts.push(
      `**Server logon**: ${l.logonType} logon of ${mdCode(l.account)} (${l.authenticationPackage}), ${l.tokenType} token at ${l.impersonationLevel}; credentials kept: ${mdCode(l.credentials)}; groups: ${l.groups.map(mdCode).join(' ')}`,
    );
  }
  facts.push(
    `**Identity arriving**: ${h.identity.name === null ? 'none' : mdCode(h.identity.name)} (${h.identity.kind})${h.level === null ? '' : ` at **${h.level}**`}`,
  );
  facts.push(`**Onward**: ${mdCode(h.onward)}`);
  if (h.reason !== null) facts.push(`**Why not**: ${mdCode(h.reason)}`);
  out.push(`${facts.map((f) => `- ${f}`).join('\n')}\n`);
  if (h.tickets.length > 0) {
    out.push('Tickets:\n');
    out.push(
      mdTable(
        ['client', 'server', 'encrypted for', 'flags', 'from', 'asserted identity'],
        h.tickets.map((t) => [
          mdCode(t.client),
          mdCode(t.server),
          mdCode(t.account),
          t.flags.join(' '),
          mdCode(t.origin),
          mdCode(t.assertedIdentity),
        ]),
      ),
    );
  }
  if (h.steps.length > 0) {
    out.push('Rules applied:\n');
    out.push(
      mdTable(
        ['outcome', 'rule', 'what it found', 'source'],
        h.steps.map((s) => [
          s.outcome === 'refused' ? `**${s.outcome}**` : s.outcome,
          `${mdCode(s.rule)} (${mdText(s.origin)})`,
          mdText(s.detail),
          mdText(s.source),
        ]),
      ),
    );
  }
  return out.join('\n');
}
