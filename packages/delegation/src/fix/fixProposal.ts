import type { ImpersonationLevel } from '@doublehop/core-token';
import type { ActorMechanism } from '../estate/delegationActors.js';
import type { DelegationMechanism, WhyNot } from '../estate/estateResults.js';
import type { WhyNotReason } from '../estate/whyNotReasons.js';
import type { FixChange } from './fixEdit.js';
import type { FixKind } from './fixKinds.js';

/**
 * How an actor could act as users at a target, for exposure: a delegation setting ({@link ActorMechanism});
 * `password` — the users' passwords reach the actor's service (CredSSP, Basic), which can then log on as them
 * anywhere; or `operating-system` — the actor holds SeTcbPrivilege ("Act as part of the operating system") on a
 * machine where the target's key is: it can create any token there, take the machine, and forge the target's
 * service tickets for any user.
 */
export type ExposureMechanism = ActorMechanism | 'password' | 'operating-system';

/**
 * What one fix adds for one (actor, target account) pair: the actor (the account whose key a compromised front
 * end holds), how it could obtain tickets, the users it could then impersonate and every SPN of the target it
 * could present them to — all of them, through service-name substitution — and how many (actor, user, SPN)
 * triples are new.
 *
 * @example
 * ```ts
 * import type { ExposureGrant } from '@doublehop/delegation';
 *
 * const say = (g: ExposureGrant): string =>
 *   `${g.actor} (${g.mechanisms.join('+')}) → ${g.target}: ${g.users.length} users × ${g.spns.length} SPNs (+${g.triples})` +
 *   (g.hostClasses.length > 0 ? `; HOST/ also stands for ${g.hostClasses.join(', ')}` : '');
 * ```
 * @see {@link FixExposure}
 */
export interface ExposureGrant {
  /** The account that could impersonate, `DOMAIN\name`. */
  readonly actor: string;
  /** The services that run as the actor, sorted. */
  readonly services: readonly string[];
  /** How it could, after the change, sorted. */
  readonly mechanisms: readonly ExposureMechanism[];
  /** The account whose services it could reach, `DOMAIN\name`. */
  readonly target: string;
  /** The users it could impersonate there after the change, sorted. */
  readonly users: readonly string[];
  /**
   * Every SPN the model names for the target's account after the change (registered on it, or resolved to it by
   * the KDC), sorted: a ticket for one can be presented to any of them.
   */
  readonly spns: readonly string[];
  /**
   * The service classes the target's `HOST/` SPNs stand for, sorted — the sPNMappings aliases (`cifs`, `http`,
   * `rpcss`, `schedule` …) the KDC resolves to the target because no other account holds the exact SPN (MS-DRSR
   * 4.1.4.2.14): a ticket for `cifs/fs01` is a ticket for the account holding `HOST/fs01`. Named, not counted in
   * `spns` or `triples`, which count the SPNs the model names. Empty when it holds no `HOST/` SPN.
   */
  readonly hostClasses: readonly string[];
  /** How many (actor, user, SPN) triples of this pair are new. */
  readonly triples: number;
}

/**
 * The exposure a fix adds — who could then impersonate whom to what —, computed on the estate graph before and
 * after the change: the (actor, user, SPN) triples that are new, per (actor, target) pair, the SPNs of the failing
 * hop's back-end account the change exposes beyond the one the hop asks for (service-name substitution), and the
 * sensitive or Protected Users accounts it cannot expose.
 *
 * @example
 * ```ts
 * import type { FixExposure } from '@doublehop/delegation';
 *
 * const line = (e: FixExposure): string =>
 *   `+${e.triples} (actor, user, SPN); ${e.actors.length} actors, ${e.users.length} users; substitution: ${e.substitution.join(', ') || 'none'}`;
 * ```
 * @see {@link proposeFixes}; Solino, "Kerberos Delegation, SPNs and More..." (service-name substitution)
 */
export interface FixExposure {
  /** The (actor, user, SPN) triples the change adds. */
  readonly triples: number;
  /** The triples it takes away. */
  readonly removed: number;
  /** The actors of the added triples, sorted. */
  readonly actors: readonly string[];
  /** The users of the added triples, sorted. */
  readonly users: readonly string[];
  /** The target accounts of the added triples, sorted. */
  readonly targets: readonly string[];
  /**
   * The SPNs of the failing hop's back-end account, other than the one the hop asks for, that the change exposes
   * (service-name substitution: the service name is not in a ticket's encrypted part), sorted.
   */
  readonly substitution: readonly string[];
  /** The sensitive and Protected Users accounts the change cannot expose, sorted. */
  readonly unaffected: readonly string[];
  /**
   * The machines the change hands over whole, as `MACHINE (holder)`, sorted: a new SeTcbPrivilege grant ("Act as
   * part of the operating system") — the holder can create a token for any user with any groups, so the machine
   * and every key on it are its. A fix that hands over a machine ranks after every fix that does not.
   */
  readonly machines: readonly string[];
  /** Per (actor, target) pair with new triples, sorted by actor then target. */
  readonly grants: readonly ExposureGrant[];
}

/**
 * One change of a fix: what it addresses (the hop and why-not reason), what it does, the exact commands, and the
 * model edits.
 *
 * @example
 * ```ts
 * import type { FixStep } from '@doublehop/delegation';
 *
 * const script = (steps: readonly FixStep[]): string => steps.flatMap((s) => s.commands).join('\n');
 * ```
 * @see {@link FixProposal}
 */
export interface FixStep {
  /** What kind of change. */
  readonly kind: FixKind;
  /** The hop whose problem it addresses. */
  readonly hop: number;
  /** The why-not reason it addresses. */
  readonly reason: WhyNotReason;
  /** What it does, in a sentence naming the accounts and SPNs. */
  readonly summary: string;
  /** The exact PowerShell (ActiveDirectory module, WSMan) or setspn commands, in order. */
  readonly commands: readonly string[];
  /** The model edits. */
  readonly change: FixChange;
}

/**
 * The proof of a fix: the flow evaluated again on a copy of the model with the change applied — whether it
 * reached at the level required, the level at the last hop, each hop's delegation mechanism, and where it stops
 * when it does not.
 *
 * @example
 * ```ts
 * import type { FixProof } from '@doublehop/delegation';
 *
 * const say = (p: FixProof): string => (p.reached ? `reaches at ${p.level}` : `still stops: ${p.detail}`);
 * ```
 * @see {@link evaluateFlow}
 */
export interface FixProof {
  /** Whether the flow reaches every service of its path, and the last at the level required. */
  readonly reached: boolean;
  /** The level required at the last service. */
  readonly required: ImpersonationLevel;
  /** The level at the last hop evaluated, or `null`. */
  readonly level: ImpersonationLevel | null;
  /** Each evaluated hop's delegation mechanism. */
  readonly mechanisms: readonly DelegationMechanism[];
  /** Why the flow still does not reach, or `null`. */
  readonly whyNot: WhyNot | null;
  /** A sentence: how the flow now goes, or why it still does not reach. */
  readonly detail: string;
}

/**
 * A candidate fix for a failing flow: its kind, the steps (one, or a few when an earlier hop's problem — a missing
 * SPN — hides the failing one's), the exact commands, the model change, the exposure it adds, and its proof.
 *
 * @example
 * ```ts
 * import type { FixProposal } from '@doublehop/delegation';
 *
 * const headline = (p: FixProposal): string =>
 *   `${p.rank}. ${p.kind} ${p.proven ? '(proven)' : '(not proven)'} +${p.exposure.triples}: ${p.summary}`;
 * ```
 * @see {@link proposeFixes}
 */
export interface FixProposal {
  /** Its position in the ranking, from 1. */
  readonly rank: number;
  /** A stable identifier: the steps' identifiers joined with ` + `. */
  readonly id: string;
  /** The kind of its last step — the one that lets the flow through. */
  readonly kind: FixKind;
  /** The flow. */
  readonly flow: string;
  /** The hop at which the flow fails before the fix. */
  readonly hop: number;
  /** The why-not reason it fails with before the fix. */
  readonly reason: WhyNotReason;
  /** What it does, in a sentence. */
  readonly summary: string;
  /** The changes, in the order to make them (none for `not-fixable`). */
  readonly steps: readonly FixStep[];
  /** All steps' commands, in order. */
  readonly commands: readonly string[];
  /** All steps' model edits, in order: {@link applyFix} applies them to a copy of the model. */
  readonly change: FixChange;
  /** The exposure the change adds. */
  readonly exposure: FixExposure;
  /** `true` only when the flow, re-evaluated with the change, reaches at the level required. */
  readonly proven: boolean;
  /** The re-evaluation. */
  readonly proof: FixProof;
}
