import type { Ticket } from '@doublehop/delegation';
import type { Style } from '../cli/style.js';
import type { ScenarioRun, StepOutcome } from '../scenario/runScenario.js';
import type { Expectation } from '../scenario/scenario.js';
import { type FileResult, summarize } from './fileResult.js';

/**
 * @internal The text report of the scenario command, for people: per file, one block per step — what it asked,
 * what the KDC answered (the ticket and its flags, or the error with its number and NTSTATUS), whether the
 * expectation held, and every rule applied with its source — then a summary line. Columns are aligned; the
 * output depends only on the results (and on `style`, which is plain unless stdout is a color terminal).
 */
export function scenarioTextReport(results: readonly FileResult[], style: Style): string {
  const blocks = results.filter((r) => r.valid).map((r) => fileBlock(r.run, style));
  const s = summarize(results);
  const parts = [
    `${s.files} file${s.files === 1 ? '' : 's'}${s.invalid > 0 ? ` (${s.invalid} invalid)` : ''}`,
    `${s.steps} step${s.steps === 1 ? '' : 's'}`,
    `${s.held} held`,
    s.failed > 0 ? style.error(`${s.failed} failed`) : `${s.failed} failed`,
    `${s.unchecked} without expectation`,
  ];
  return `${[...blocks, `${style.bold('summary')}: ${parts.join(', ')}\n`].join('\n')}`;
}

function fileBlock(run: ScenarioRun, style: Style): string {
  const idWidth = Math.max(0, ...run.steps.map((s) => (s.id ?? '').length));
  const kindWidth = Math.max(...run.steps.map((s) => s.kind.length), 0);
  const numberWidth = String(run.steps.length).length;
  const lines = [`${style.bold(run.file)} ${style.dim(`(KDC ${run.patched ? 'patched' : 'unpatched'})`)}`];
  const indent = ' '.repeat(4 + numberWidth + 1 + (idWidth > 0 ? idWidth + 1 : 0));
  for (const s of run.steps) {
    if (s.index > 1) lines.push('');
    const mark = s.held === true ? style.ok('✓') : s.held === false ? style.error('✗') : style.dim('•');
    const id = idWidth > 0 ? `${(s.id ?? '').padEnd(idWidth)} ` : '';
    lines.push(
      `  ${mark} ${String(s.index).padStart(numberWidth)} ${id}${style.bold(s.kind.padEnd(kindWidth))}  ${s.summary}`,
    );
    if (s.description !== null) lines.push(`${indent}${style.dim(s.description)}`);
    lines.push(`${indent}→ ${result(s, style)}`);
    if (s.expect !== null) {
      const verdict = s.held === true ? style.ok('held') : style.error(`FAILED: ${s.mismatches.join('; ')}`);
      lines.push(`${indent}expect ${expectation(s.expect)} → ${verdict}`);
    }
    const outcomeWidth = Math.max(0, ...s.explanation.map((e) => e.outcome.length));
    const ruleWidth = Math.max(0, ...s.explanation.map((e) => e.rule.length));
    for (const e of s.explanation) {
      const outcome = e.outcome.padEnd(outcomeWidth);
      const colored = e.outcome === 'refused' ? style.error(outcome) : style.dim(outcome);
      lines.push(
        `${indent}  ${colored} ${e.rule.padEnd(ruleWidth)}  ${e.detail} ${style.dim(`[${e.source}]`)}`,
      );
    }
  }
  const held = run.steps.filter((s) => s.held === true).length;
  const failed = run.steps.filter((s) => s.held === false).length;
  lines.push(
    `  ${run.steps.length} step${run.steps.length === 1 ? '' : 's'}: ${held} held, ${failed > 0 ? style.error(`${failed} failed`) : '0 failed'}`,
  );
  return `${lines.join('\n')}\n`;
}

function result(s: StepOutcome, style: Style): string {
  if (s.status === 'not-run') return style.warn(`not run: ${s.notRun ?? ''}`);
  if (s.error !== null) {
    const numbers = [String(s.error.krb), ...(s.error.ntstatus === undefined ? [] : [s.error.ntstatus])];
    return `${style.error(s.error.code)} (${numbers.join(', ')}): ${s.error.message}`;
  }
  if (s.delegation !== null) {
    return s.delegation.delegated && s.ticket !== null
      ? `ok: forwarded TGT sent (${s.delegation.reason}): ${ticket(s.ticket)}`
      : `ok: no forwarded TGT (${s.delegation.reason})`;
  }
  return s.ticket === null ? 'ok' : `ok: ${ticket(s.ticket)}`;
}

function ticket(t: Ticket): string {
  const what =
    t.kind === 'service'
      ? `service ticket to ${t.server.spn}@${t.server.realm}`
      : t.kind === 'referral'
        ? `referral TGT ${t.server.spn}@${t.server.realm}`
        : `${t.flags.includes('FORWARDED') ? 'forwarded ' : ''}TGT ${t.server.spn}`;
  const facts = [
    t.pac.assertedIdentity.text === 'S-1-18-2' ? 'S-1-18-2 (service asserted)' : null,
    t.pac.delegationInfo === null ? null : `transited ${t.pac.delegationInfo.transitedServices.join(' → ')}`,
  ].filter((f) => f !== null);
  return `${what} for ${t.client.name}@${t.client.realm} [${t.flags.join(' ')}]${facts.length > 0 ? `; ${facts.join('; ')}` : ''}`;
}

function expectation(e: Expectation): string {
  const parts: string[] = [];
  if (e.error !== null) parts.push(e.error);
  else if (e.ok === true) parts.push('ok');
  else if (e.ok === false) parts.push('a refusal');
  if (e.delegated !== null) parts.push(e.delegated ? 'delegated' : 'not delegated');
  for (const [name, value] of Object.entries(e.flags)) parts.push(`${name}: ${value}`);
  return parts.join(', ');
}
