import type { WhyNotCause } from '../estate/estateResults.js';
import { type CandidateContext, type CandidateStep, downgradedHop } from './candidateContext.js';

/**
 * @internal For `client-requested-identify`: the calling code asked for Identification (ISC_REQ_IDENTIFY), so the
 * service it called may look at the user's token but not act with it. The fix is in that code — the call's
 * `request` (a service's call, or the flow's client at hop 1) becomes `impersonate` (no ISC_REQ_IDENTIFY; in .NET
 * TokenImpersonationLevel.Impersonation) —, not in Active Directory: nothing to run, so the command is a comment.
 * Impersonation, not Delegation: it is the least the next hop needs, and a delegation setting that needs more is
 * the next candidate.
 * @see InitializeSecurityContext (Kerberos), ISC_REQ_IDENTIFY,
 * https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--kerberos; "Impersonation Levels"
 */
export function requestCandidates(ctx: CandidateContext, p: WhyNotCause): CandidateStep[] {
  const at = downgradedHop(ctx, p);
  if (at === undefined) return [];
  const callee = at.service.name;
  const base = { kind: 'impersonation-request', hop: p.hop, reason: p.reason } as const;
  const code = (who: string): string =>
    `# ${who} (code): call ${callee} without ISC_REQ_IDENTIFY — .NET: TokenImpersonationLevel.Impersonation, not Identification`;
  const why = `${callee} may then act as the user, not only look — a code change, not an AD change`;
  if (at.hop === 1) {
    const flow = ctx.estate.flows.get(ctx.verdict.flow);
    if (flow?.request !== 'identify') return [];
    return [
      {
        ...base,
        id: `impersonation-request:${ctx.verdict.flow}`,
        summary: `have ${ctx.verdict.user}'s client on ${ctx.verdict.start} ask ${callee} for Impersonation, not Identification (no ISC_REQ_IDENTIFY): ${why}`,
        commands: [code(`the client on ${ctx.verdict.start}`)],
        change: [{ op: 'request', flow: ctx.verdict.flow, value: 'impersonate' }],
      },
    ];
  }
  const caller = ctx.services[at.hop - 2];
  const call = caller?.calls.find((c) => c.service === callee);
  if (caller === undefined || call?.request !== 'identify') return [];
  return [
    {
      ...base,
      id: `impersonation-request:${caller.name}->${callee}`,
      summary: `change ${caller.name}'s code calling ${callee} to ask for Impersonation, not Identification (no ISC_REQ_IDENTIFY): ${why}`,
      commands: [code(caller.name)],
      change: [{ op: 'request', service: caller.name, calls: callee, value: 'impersonate' }],
    },
  ];
}
