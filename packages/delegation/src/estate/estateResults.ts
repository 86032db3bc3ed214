import type { ImpersonationLevel } from '@doublehop/core-token';
import type { NegotiatedProtocol, OnwardCredentials } from '@doublehop/impersonation-levels';
import type { LogonTypeName } from '@doublehop/logon';
import type { TicketFlag, TicketOrigin } from '../kdc/tickets.js';
import type { LintRuleId, LintSeverity } from '../lint/lintRules.js';
import type { EstateAssertion, EstateAuthentication } from './estateModel.js';
import type { WhyNotReason } from './whyNotReasons.js';

/**
 * One rule applied while a hop was evaluated: which package's rule, its id and source, whether it passed,
 * shaped the outcome, or refused, and what it found. A hop's steps, in order, are its story.
 *
 * @example
 * ```ts
 * import type { FlowStep } from '@doublehop/delegation';
 *
 * const line = (s: FlowStep): string => `[${s.outcome}] ${s.origin} ${s.rule} (${s.source}): ${s.detail}`;
 * ```
 * @see {@link KDC_RULES}; {@link ESTATE_RULES}
 */
export interface FlowStep {
  /** The package whose rule this is: the token rules, the KDC, the level rules, LsaLogonUser, or the estate engine. */
  readonly origin:
    | '@doublehop/core-token'
    | '@doublehop/delegation'
    | '@doublehop/impersonation-levels'
    | '@doublehop/logon'
    | 'estate';
  /** The rule's id (a KDC rule id, a level reason code, a logon rule, an estate rule id). */
  readonly rule: string;
  /** The document it follows. */
  readonly source: string;
  /** `passed` — a check that held; `applied` — a rule that shaped the outcome; `refused` — the refusal. */
  readonly outcome: 'passed' | 'applied' | 'refused';
  /** What it found, naming the accounts, SPNs, flags and levels involved. */
  readonly detail: string;
}

/**
 * How the client side of a hop authenticates as the identity it presents:
 * `logon-session` — the user's own logon session at the start machine (its TGT or password);
 * `forwarded-tgt` — the user's TGT, forwarded to an unconstrained-delegation service;
 * `kcd` / `rbcd` — S4U2Proxy with the user's ticket as evidence (classic constrained or resource-based);
 * `kcd-protocol-transition` / `rbcd-protocol-transition` — S4U2Self first, then S4U2Proxy;
 * `password` — a password the service received (Basic, CredSSP);
 * `service-identity` — the service's own identity (`as: self`, or a service that does not impersonate);
 * `none` — nothing to authenticate with: the hop is anonymous.
 */
export type DelegationMechanism =
  | 'logon-session'
  | 'forwarded-tgt'
  | 'kcd'
  | 'kcd-protocol-transition'
  | 'rbcd'
  | 'rbcd-protocol-transition'
  | 'password'
  | 'service-identity'
  | 'none';

/**
 * A ticket obtained during a hop, as `klist` would list it: its client and server, flags and origin.
 *
 * @example
 * ```ts
 * import type { HopTicket } from '@doublehop/delegation';
 *
 * const klist = (t: HopTicket): string => `${t.client} → ${t.server} [${t.flags.join(' ')}] (${t.origin})`;
 * ```
 * @see RFC 4120 5.3; {@link Ticket}
 */
export interface HopTicket {
  /** `user@REALM` (cname@crealm). */
  readonly client: string;
  /** The server name: the SPN, or `krbtgt/REALM`. */
  readonly server: string;
  /** The account the ticket is encrypted for (`WEB01$`, `svc-sql`, `krbtgt`). */
  readonly account: string;
  /** The flags, in RFC 4120 bit order. */
  readonly flags: readonly TicketFlag[];
  /** The exchange that produced it. */
  readonly origin: TicketOrigin;
  /** The PAC's asserted identity: `S-1-18-1` or `S-1-18-2`. */
  readonly assertedIdentity: string;
}

/**
 * The logon the service's machine made for the arriving identity (LsaLogonUser), as its token shows it.
 *
 * @example
 * ```ts
 * import type { HopLogon } from '@doublehop/delegation';
 *
 * const viaS4u = (l: HopLogon): boolean => l.groups.includes('S-1-18-2');
 * ```
 * @see LsaLogonUser; "4624(S)"
 */
export interface HopLogon {
  /** The logon type (Network, NetworkCleartext …). */
  readonly logonType: LogonTypeName;
  /** `DOMAIN\name` of the logged-on account. */
  readonly account: string;
  /** The authentication package event 4624 shows (`Kerberos`, `NTLM`, `Negotiate`). */
  readonly authenticationPackage: string;
  /** The token's type. */
  readonly tokenType: 'primary' | 'impersonation';
  /** The token's impersonation level, or `null` for a primary token. */
  readonly impersonationLevel: ImpersonationLevel | null;
  /** The token's group SIDs, as text, sorted — the domain groups, NETWORK, S-1-18-1 or S-1-18-2 … */
  readonly groups: readonly string[];
  /** What the logon session keeps for authenticating onward: `none`, `forwardedTgt`, `secrets` … */
  readonly credentials: string;
}

/**
 * Who arrives at a hop's service: the flow's user, the calling service's own account, ANONYMOUS LOGON, or
 * nobody (the connection was refused).
 *
 * @example
 * ```ts
 * import type { ArrivingIdentity } from '@doublehop/delegation';
 *
 * const label = (i: ArrivingIdentity): string => i.name ?? 'refused';
 * ```
 * @see `networkIdentity` in `@doublehop/logon`
 */
export interface ArrivingIdentity {
  /** `user`, `service` (the caller's own account), `anonymous`, or `refused`. */
  readonly kind: 'user' | 'service' | 'anonymous' | 'refused';
  /** `DOMAIN\name`, `NT AUTHORITY\ANONYMOUS LOGON`, or `null` when refused. */
  readonly name: string | null;
  /** The SID, as text, or `null`. */
  readonly sid: string | null;
}

/**
 * The outcome of one hop: how the caller authenticated (method, protocol and why, SPN lookup, tickets), the
 * server-side logon, the level, who arrived, what the service now holds to go onward, and every rule applied.
 *
 * @example
 * ```ts
 * import type { HopResult } from '@doublehop/delegation';
 *
 * const summary = (h: HopResult): string => `${h.hop}. ${h.from} → ${h.to}: ${h.identity.kind} at ${h.level ?? '-'} (${h.mechanism})`;
 * ```
 * @see {@link evaluateFlow}
 */
export interface HopResult {
  /** The hop's number, from 1. */
  readonly hop: number;
  /** Where it starts: the user's machine (`WS01`) for hop 1, else the calling service's name. */
  readonly from: string;
  /** The service it goes to. */
  readonly to: string;
  /** The machine that service runs on. */
  readonly machine: string;
  /** `caller` (the identity received, or the user at hop 1) or `self` (the calling service's identity). */
  readonly as: 'caller' | 'self';
  /** The identity the client side presents (`CORP\alice`, `CORP\WEB01$`), or `null` when it has none. */
  readonly presents: string | null;
  /** The SPN the client asks for, or `null` when no Kerberos was attempted. */
  readonly spn: string | null;
  /** What the KDC's lookup of that SPN found. */
  readonly spnLookup: 'found' | 'missing' | 'duplicate' | 'not-attempted';
  /** The account holding the SPN (`CORP\svc-sql`), or `null`. */
  readonly spnAccount: string | null;
  /** The method used, or `null` when none could be. */
  readonly authentication: EstateAuthentication | null;
  /** The protocol negotiated (what the level rules see), `forms` for an application logon, or `null`. */
  readonly protocol: NegotiatedProtocol | 'forms' | null;
  /** How the client side authenticated as the identity it presents. */
  readonly mechanism: DelegationMechanism;
  /** The Kerberos tickets obtained, in order. */
  readonly tickets: readonly HopTicket[];
  /** The server-side logon, or `null` (refused, anonymous, forms). */
  readonly logon: HopLogon | null;
  /** The impersonation level the service gets, or `null` when nothing arrived. */
  readonly level: ImpersonationLevel | null;
  /** Who arrived. */
  readonly identity: ArrivingIdentity;
  /**
   * `reached` when the intended identity arrived (the identity received — at hop 1 the user; the calling service's
   * own account for `as: self`); `service` when the calling service's own account arrived instead (it does not
   * impersonate); `anonymous` for ANONYMOUS LOGON; `refused` when the connection failed.
   */
  readonly outcome: 'reached' | 'service' | 'anonymous' | 'refused';
  /** What the service's logon session for the arriving identity can authenticate onward with. */
  readonly onward: OnwardCredentials | 'none';
  /** Why the hop did not reach, or `null`. */
  readonly reason: WhyNotReason | null;
  /** Every rule applied, in order. */
  readonly steps: readonly FlowStep[];
}

/**
 * An earlier fact that contributed to a why-not (such as the missing SPN that made hop 1 use NTLM).
 *
 * @example
 * ```ts
 * import type { WhyNotCause } from '@doublehop/delegation';
 *
 * const c: WhyNotCause = { hop: 1, reason: 'spn-missing', rule: 'tgs.service-unknown', source: 'RFC 4120 7.5.9', message: 'no account has HTTP/web01' };
 * ```
 * @see {@link WhyNot}
 */
export interface WhyNotCause {
  /** The hop where it happened. */
  readonly hop: number;
  /** Its reason code. */
  readonly reason: WhyNotReason;
  /** The rule. */
  readonly rule: string;
  /** The rule's source. */
  readonly source: string;
  /** What happened. */
  readonly message: string;
}

/**
 * Why a flow did not reach: the first hop where the intended identity did not arrive, the reason code, the rule
 * that fired with its source, and the earlier facts that led there.
 *
 * @example
 * ```ts
 * import type { WhyNot } from '@doublehop/delegation';
 *
 * const say = (w: WhyNot): string => `hop ${w.hop} (${w.service}): ${w.reason} — ${w.rule}, ${w.source}`;
 * ```
 * @see {@link WHY_NOT_REASONS}
 */
export interface WhyNot extends WhyNotCause {
  /** The service the failing hop goes to. */
  readonly service: string;
  /** Earlier facts that contributed, oldest first. */
  readonly causes: readonly WhyNotCause[];
}

/**
 * A participant of a flow's sequence diagram: the user's client, a service, a KDC (one per domain).
 *
 * @example
 * ```ts
 * import type { DiagramParticipant } from '@doublehop/delegation';
 *
 * const p: DiagramParticipant = { id: 'kdc_corp_example', label: 'KDC corp.example', kind: 'kdc' };
 * ```
 * @see Mermaid sequence diagrams (`participant id as label`)
 */
export interface DiagramParticipant {
  /** An identifier safe in Mermaid (letters, digits, `_`). */
  readonly id: string;
  /** What to print. */
  readonly label: string;
  /** The user's client, a service, or a domain's KDC. */
  readonly kind: 'client' | 'service' | 'kdc';
}

/**
 * One arrow (or note) of a flow's sequence diagram, in order: a Kerberos request or reply, an AP-REQ or NTLM
 * exchange, a refusal, or a note about a token.
 *
 * @example
 * ```ts
 * import type { DiagramMessage } from '@doublehop/delegation';
 *
 * const m: DiagramMessage = { hop: 1, from: 'client', to: 'kdc_corp_example', kind: 'request', text: 'TGS-REQ HTTP/web01' };
 * ```
 * @see Mermaid sequence diagrams (`A->>B: text`, `A-->>B: text`, `A-xB: text`, `Note over A: text`)
 */
export interface DiagramMessage {
  /** The hop it belongs to. */
  readonly hop: number;
  /** The sender's participant id. */
  readonly from: string;
  /** The receiver's participant id (the sender's for a note). */
  readonly to: string;
  /** `request` (solid arrow), `reply` (dashed), `error` (cross), or `note`. */
  readonly kind: 'request' | 'reply' | 'error' | 'note';
  /** The text. */
  readonly text: string;
}

/**
 * What a Mermaid sequence diagram of a flow needs: the participants in order of appearance and the messages in
 * order.
 *
 * @example
 * ```ts
 * import type { SequenceDiagram } from '@doublehop/delegation';
 *
 * const count = (d: SequenceDiagram): number => d.messages.length;
 * ```
 * @see {@link evaluateFlow}
 */
export interface SequenceDiagram {
  /** The participants. */
  readonly participants: readonly DiagramParticipant[];
  /** The messages. */
  readonly messages: readonly DiagramMessage[];
}

/**
 * The verdict on a flow: whether the user's identity reached every service of the path as intended, each hop
 * evaluated up to the first that did not, why not, and the sequence diagram of the exchanges.
 *
 * @example
 * ```ts
 * import type { FlowVerdict } from '@doublehop/delegation';
 *
 * const headline = (v: FlowVerdict): string =>
 *   v.reached ? `${v.flow}: ${v.user} reaches ${v.path.at(-1)}` : `${v.flow}: ${v.whyNot?.reason} at hop ${v.whyNot?.hop}`;
 * ```
 * @see {@link evaluateFlow}
 */
export interface FlowVerdict {
  /** The flow's name. */
  readonly flow: string;
  /** The user, `DOMAIN\name`. */
  readonly user: string;
  /** The machine the user starts at. */
  readonly start: string;
  /** The services of the path. */
  readonly path: readonly string[];
  /** Whether every hop reached. */
  readonly reached: boolean;
  /** The hops evaluated, in order (the last one is the failing one when `reached` is `false`). */
  readonly hops: readonly HopResult[];
  /** Why not, or `null`. */
  readonly whyNot: WhyNot | null;
  /** The exchanges, for a Mermaid sequence diagram. */
  readonly diagram: SequenceDiagram;
}

/**
 * A lint finding: the rule, its severity, what it is about (an SPN, an account, a service), a message, the
 * rule's source, and the other model elements involved.
 *
 * @example
 * ```ts
 * import type { LintFinding } from '@doublehop/delegation';
 *
 * const line = (f: LintFinding): string => `${f.severity} ${f.rule} ${f.subject}: ${f.message}`;
 * ```
 * @see {@link LINT_RULES}
 */
export interface LintFinding {
  /** The rule. */
  readonly rule: LintRuleId;
  /** `error` or `warning`. */
  readonly severity: LintSeverity;
  /** What the finding is about: an SPN, `DOMAIN\account`, or a service name. */
  readonly subject: string;
  /** What is wrong, in a sentence. */
  readonly message: string;
  /** The rule's source. */
  readonly source: string;
  /** Other accounts, services or SPNs involved, sorted. */
  readonly related: readonly string[];
}

/**
 * Whether one assertion of the model held, with what was found.
 *
 * @example
 * ```ts
 * import type { AssertionResult } from '@doublehop/delegation';
 *
 * const failed = (results: readonly AssertionResult[]) => results.filter((r) => !r.held);
 * ```
 * @see {@link evaluateAssertions}
 */
export interface AssertionResult {
  /** The assertion's 0-based position in `model.assertions`. */
  readonly index: number;
  /** Its kind. */
  readonly kind: 'reaches' | 'refused' | 'reachableBy' | 'lint';
  /** The assertion itself. */
  readonly assertion: EstateAssertion;
  /** Whether it held. */
  readonly held: boolean;
  /** What was expected and what was found, in a sentence. */
  readonly message: string;
}
