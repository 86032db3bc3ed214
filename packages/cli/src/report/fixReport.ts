import type { FixExposure, FixProposal, FlowVerdict } from '@doublehop/delegation';
import type { Style } from '../cli/style.js';
import { mdCode, mdFence, mdTable, mdText } from '../output/markdown.js';

/**
 * @internal The exposure of a fix in one line: the machines it hands over (SeTcbPrivilege), the new (actor, user,
 * SPN) triples and who and what they name, the service classes the targets' HOST/ SPNs stand for.
 */
export function exposureLine(e: FixExposure): string {
  if (e.triples === 0 && e.removed === 0 && e.machines.length === 0) return 'adds no exposure';
  const hosts = e.grants.filter((g) => g.hostClasses.length > 0);
  const classes = [...new Set(hosts.flatMap((g) => g.hostClasses))].sort();
  const parts = [
    ...(e.machines.length > 0
      ? [
          `hands over ${e.machines.join(', ')}: SeTcbPrivilege creates a token for any user, so the machine and its keys are the holder's`,
        ]
      : []),
    `+${e.triples} (actor, user, SPN)${e.removed > 0 ? `, −${e.removed}` : ''}`,
    ...(e.triples > 0
      ? [`${e.actors.join(', ')} could act as ${count(e.users.length, 'user')} at ${e.targets.join(', ')}`]
      : []),
    ...(e.substitution.length > 0
      ? [`through service-name substitution also ${e.substitution.join(', ')}`]
      : []),
    ...(classes.length > 0
      ? [
          `the HOST/ SPNs of ${[...new Set(hosts.map((g) => g.target))].join(', ')} also stand for ${count(classes.length, 'service class')} (sPNMappings): ${notableClasses(classes)}`,
        ]
      : []),
    ...(e.unaffected.length > 0 ? [`never ${e.unaffected.join(', ')} (sensitive or Protected Users)`] : []),
  ];
  return parts.join('; ');
}

// The classes behind HOST/ that administrators recognise — file shares, web, remoting, RPC, remote desktop,
// scheduled tasks — named first; the others (the JSON report lists them all) only counted, to keep a line readable.
const NOTABLE_CLASSES = ['cifs', 'http', 'wsman', 'rpcss', 'termsrv', 'schedule', 'msdtc'];

function notableClasses(classes: readonly string[]): string {
  const named = NOTABLE_CLASSES.filter((c) => classes.includes(c));
  const others = classes.length - named.length;
  return others === 0 ? named.join(', ') : `${[...named, `${others} more`].join(', ')}`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : what.endsWith('x') || what.endsWith('s') ? 'es' : 's'}`;
}

/** @internal The headline of `doublehop fix`: whether and where the flow fails, and how many proven fixes. */
function headline(v: FlowVerdict, fixes: readonly FixProposal[]): string {
  if (v.reached) return `flow ${v.flow}: ${v.user} already reaches ${v.path.at(-1)} — nothing to fix`;
  const w = v.whyNot;
  const proven = fixes.filter((f) => f.proven).length;
  return `flow ${v.flow}: ${v.user} stops at hop ${w?.hop} (${w?.service}): ${w?.reason} — ${count(proven, 'proven fix')}${fixes.length > proven ? `, ${fixes.length - proven} not proven` : ''}`;
}

/**
 * @internal The text report of `doublehop fix`: the headline, then each fix in rank order — kind, proof status,
 * what it does, its commands (indented, ready to copy), the exposure it adds, and its proof.
 */
export function fixText(file: string, v: FlowVerdict, fixes: readonly FixProposal[], style: Style): string {
  const out = [style.bold(`${file}: ${headline(v, fixes)}`), ''];
  for (const f of fixes) {
    const status = f.proven ? style.ok('proven') : style.warn('not proven');
    out.push(`${style.bold(`${f.rank}. ${f.kind}`)} (${status}): ${f.summary}`);
    for (const c of f.commands) out.push(`     ${c}`);
    out.push(`   exposure: ${exposureLine(f.exposure)}`);
    out.push(`   proof: ${f.proof.detail}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * @internal The markdown report of `doublehop fix`: the headline, a table of the ranked fixes, then each fix with
 * its commands in a ```powershell block, its exposure grants in a table, and its proof.
 */
export function fixMarkdown(file: string, v: FlowVerdict, fixes: readonly FixProposal[]): string {
  const out = [
    `# Fixes for flow ${mdCode(v.flow)}\n`,
    `Model: ${mdCode(file)}\n`,
    `**${mdText(headline(v, fixes))}.**\n`,
  ];
  if (fixes.length === 0) return out.join('\n');
  out.push(
    mdTable(
      ['rank', 'kind', 'proven', 'added (actor, user, SPN)', 'summary'],
      fixes.map((f) => [
        String(f.rank),
        mdCode(f.kind),
        f.proven ? 'yes' : 'no',
        String(f.exposure.triples),
        mdText(f.summary),
      ]),
    ),
  );
  for (const f of fixes) {
    out.push(`## ${f.rank}. ${mdCode(f.kind)} — ${f.proven ? 'proven' : 'not proven'}\n`);
    out.push(`${mdText(f.summary)}\n`);
    if (f.commands.length > 0) out.push(mdFence('powershell', f.commands.join('\n')));
    out.push(`**Exposure:** ${mdText(exposureLine(f.exposure))}\n`);
    if (f.exposure.grants.length > 0) {
      out.push(
        mdTable(
          ['actor', 'how', 'target', 'users', 'SPNs (service-name substitution)', 'added'],
          f.exposure.grants.map((g) => [
            mdCode(g.actor),
            g.mechanisms.map(mdCode).join(', '),
            mdCode(g.target),
            mdText(g.users.join(', ')),
            mdText(g.spns.join(', ')),
            String(g.triples),
          ]),
        ),
      );
    }
    out.push(`**Proof:** ${mdText(f.proof.detail)}\n`);
  }
  return out.join('\n');
}
