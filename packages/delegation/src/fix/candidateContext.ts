import type { PrincipalAccount } from '@doublehop/logon';
import type { CompiledEstate, CompiledService } from '../estate/compileEstate.js';
import type { EstateModel } from '../estate/estateModel.js';
import type { FlowVerdict, WhyNotCause } from '../estate/estateResults.js';
import type { FixCommands } from './fixCommands.js';
import type { FixStep } from './fixProposal.js';

/** @internal A candidate step, with a stable identifier. */
export interface CandidateStep extends FixStep {
  readonly id: string;
}

/** @internal What every candidate builder reads: the model, the failing verdict, the estate compiled once. */
export interface CandidateContext {
  readonly model: EstateModel;
  readonly verdict: FlowVerdict;
  readonly estate: CompiledEstate;
  readonly cmds: FixCommands;
  /** An account as the results name it: `DOMAIN\sAMAccountName`. */
  readonly name: (a: PrincipalAccount) => string;
  /** The flow's services, in path order (`services[h - 1]` is hop h's target). */
  readonly services: readonly (CompiledService | undefined)[];
}

/** @internal Builds the candidates a why-not (or one of its causes) calls for. */
export type CandidateBuilder = (ctx: CandidateContext, problem: WhyNotCause) => CandidateStep[];

/**
 * @internal The hop before `problem`'s, and its service — where a level reason (client-requested-identify,
 * no-impersonate-privilege, s4u-identification-token) arises: that service got its caller below Impersonation (or,
 * after NTLM and protocol transition, an Identification token), has nothing to go onward with, and the flow stops
 * at the next hop — or, for a flow reaching its last service below the level required, that service itself.
 */
export function downgradedHop(
  ctx: CandidateContext,
  problem: WhyNotCause,
): { readonly hop: number; readonly service: CompiledService } | undefined {
  // A flow that reached its last service below the level required (verdictAtLevel) stops *at* that hop: the
  // downgrade happened there, not before it.
  const atLast = problem.hop === ctx.verdict.hops.length && ctx.verdict.hops.at(-1)?.outcome === 'reached';
  const hop = atLast ? problem.hop : problem.hop - 1;
  const service = ctx.services[hop - 1];
  return service === undefined ? undefined : { hop, service };
}
