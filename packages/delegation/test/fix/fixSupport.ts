import { IMPERSONATION_LEVELS } from '@doublehop/core-token';
import {
  applyFix,
  type EstateModel,
  evaluateFlow,
  type FixKind,
  type FixProposal,
  proposeFixes,
} from '../../src/index.js';

/** The proposal of a kind (the first, by rank). */
export function of(fixes: readonly FixProposal[], kind: FixKind): FixProposal {
  const p = fixes.find((f) => f.kind === kind);
  if (p === undefined) throw new Error(`no ${kind} proposal among ${fixes.map((f) => f.kind).join(', ')}`);
  return p;
}

/** Re-checks a proof independently: the change applied to a copy, the flow evaluated again, the level compared. */
export function reachesAfter(model: EstateModel, flow: string, p: FixProposal): boolean {
  const v = evaluateFlow(applyFix(model, p.change), flow);
  const level = v.hops.at(-1)?.level ?? null;
  return (
    v.reached &&
    level !== null &&
    IMPERSONATION_LEVELS.indexOf(level) >= IMPERSONATION_LEVELS.indexOf(p.proof.required)
  );
}

/**
 * The flow's why-not, its proposals, and the first of `kind` — asserted proven, and re-proven here by applying its
 * change to a copy and evaluating the flow again.
 */
export function provenFix(
  model: EstateModel,
  kind: FixKind,
  flow = 'alice',
): {
  readonly reason: string | undefined;
  readonly fixes: readonly FixProposal[];
  readonly fix: FixProposal;
} {
  const fixes = proposeFixes(model, flow);
  const fix = of(fixes, kind);
  if (!fix.proven || !reachesAfter(model, flow, fix))
    throw new Error(`${kind}: not proven — ${fix.proof.detail}`);
  return { reason: evaluateFlow(model, flow).whyNot?.reason, fixes, fix };
}
