import type { ExplanationStep, Ticket } from '@doublehop/delegation';
import type { StepOutcome } from '../scenario/runScenario.js';
import type { JsonValue } from '../schema/schema.js';
import { exitCodeOf, type FileResult, summarize } from './fileResult.js';
import { stableJson } from './stableJson.js';

/** @internal The version of the JSON report's shape (docs/scenario-files.md, "JSON report"). */
export const SCENARIO_REPORT_VERSION = 1;

/**
 * @internal The JSON report of the scenario command: every file (a replay, or its diagnostics), every step's
 * outcome, and the summary — keys sorted, so identical input gives identical bytes.
 */
export function scenarioJsonReport(results: readonly FileResult[]): string {
  const summary = summarize(results);
  return stableJson({
    format: 'doublehop-scenario-report',
    version: SCENARIO_REPORT_VERSION,
    exitCode: exitCodeOf(results),
    summary: { ...summary },
    files: results.map(
      (r): JsonValue =>
        r.valid
          ? {
              file: r.file,
              valid: true,
              kdc: { patched: r.run.patched },
              held: r.run.held,
              steps: r.run.steps.map(stepJson),
            }
          : {
              file: r.file,
              valid: false,
              diagnostics: r.diagnostics.map((d) => ({ ...d })),
            },
    ),
  });
}

function stepJson(s: StepOutcome): JsonValue {
  return {
    index: s.index,
    id: s.id,
    kind: s.kind,
    line: s.line,
    description: s.description,
    request: { ...s.request },
    ok: s.status === 'ok',
    status: s.status,
    error: s.error?.code ?? null,
    krb: s.error?.krb ?? null,
    ntstatus: s.error?.ntstatus ?? null,
    message: s.error?.message ?? s.notRun,
    ticket: s.ticket === null ? null : ticketJson(s.ticket),
    flags: s.flags === null ? null : { ...s.flags },
    delegated: s.delegation?.delegated ?? null,
    delegationReason: s.delegation?.reason ?? null,
    expect: s.expect === null ? null : { ...s.expect, flags: { ...s.expect.flags } },
    held: s.held,
    mismatches: [...s.mismatches],
    explanation: s.explanation.map(explanationJson),
  };
}

/** @internal A ticket for reports: names, flags in RFC 4120 order, and the PAC facts delegation reads. */
export function ticketJson(t: Ticket): JsonValue {
  return {
    kind: t.kind,
    origin: t.origin,
    client: `${t.client.name}@${t.client.realm}`,
    server: `${t.server.spn}@${t.server.realm}`,
    serverAccount: t.server.account,
    flagNames: [...t.flags],
    assertedIdentity: t.pac.assertedIdentity.text,
    notDelegated: t.pac.notDelegated,
    s4u2proxyTarget: t.pac.delegationInfo?.s4u2proxyTarget ?? null,
    transitedServices: t.pac.delegationInfo === null ? [] : [...t.pac.delegationInfo.transitedServices],
    signed: t.pac.ticketSignature !== null,
  };
}

function explanationJson(e: ExplanationStep): JsonValue {
  return { rule: e.rule, source: e.source, outcome: e.outcome, detail: e.detail };
}
