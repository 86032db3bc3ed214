/**
 * Kerberos delegation, decided as a Windows domain controller decides it. This package models the **KDC** over a
 * `@doublehop/logon` directory — the AS exchange (TGTs), the TGS exchange (service tickets, referrals across
 * trusts, forwarded TGTs), **S4U2Self** (protocol transition) and **S4U2Proxy** (classic constrained delegation,
 * KCD, and resource-based constrained delegation, RBCD) — plus the client's side of an AP-REQ with delegation, and
 * the **Bronze Bit** (CVE-2020-17049).
 *
 * @remarks
 * A short tour, for readers who know Kerberos only vaguely:
 *
 * - **Tickets** ({@link Ticket}) are values: who they are for (the client), which service (an SPN and the account
 *   whose key encrypts them), **flags** ({@link TICKET_FLAGS}: FORWARDABLE, FORWARDED, OK-AS-DELEGATE …) and a
 *   **PAC** ({@link Pac}) with the user's groups, the asserted-identity SID (S-1-18-1 after a password logon,
 *   S-1-18-2 after S4U2Self), the NOT_DELEGATED bit and S4U_DELEGATION_INFO (the services a delegated ticket
 *   passed through).
 * - **Unconstrained delegation**: a client forwards its TGT to a service whose ticket has OK-AS-DELEGATE
 *   ({@link apReqDelegation}); the service can then act as the user anywhere.
 * - **Constrained delegation**: a service presents the user's ticket to itself (the *evidence*) and asks the KDC
 *   for a ticket to another service in the user's name ({@link s4u2proxy}). Classic KCD lists the allowed SPNs on
 *   the front end (msDS-AllowedToDelegateTo) and needs a FORWARDABLE evidence ticket; RBCD lists the allowed front
 *   ends on the back end (msDS-AllowedToActOnBehalfOfOtherIdentity, checked with core-token's real access check).
 *   When the user did not use Kerberos, the service first gets the evidence with {@link s4u2self}.
 * - **Sensitive accounts** (NOT_DELEGATED) and **Protected Users** get no FORWARDABLE tickets, so no second hop —
 *   unless the KDC is unpatched and a front end flips the FORWARDABLE bit ({@link tamperTicket}).
 *
 * **Estates** put the KDC to work on a whole architecture. An {@link EstateModel} — the directory, machines,
 * services (who they run as, the SPN clients ask for, the authentication they accept, whom they call and how) and
 * flows — is evaluated hop by hop by {@link evaluateFlow}: which protocol Negotiate picks and why, the tickets and
 * their flags, the server-side logon (`@doublehop/logon`'s LsaLogonUser), the impersonation level
 * (`@doublehop/impersonation-levels`), the delegation mechanism used, and who arrives at the next hop — the user,
 * the service's own account, ANONYMOUS LOGON, or no one — with a why-not reason code ({@link WHY_NOT_REASONS})
 * when the flow stops. {@link buildEstateGraph} turns the estate into a graphology graph for analyses
 * ({@link delegationActors}, {@link reachableUsers}); {@link lintEstate} finds SPN and delegation mistakes
 * ({@link LINT_RULES}); {@link evaluateAssertions} checks what the model expects. For a flow that does not reach,
 * {@link proposeFixes} proposes the smallest changes that make it reach — RBCD, KCD (with protocol transition only
 * when needed), unconstrained delegation, `setspn`, CredSSP, Negotiate instead of NTLM, a logon right or privilege
 * for one identity on one machine, an `impersonate` request, Allowed-To-Authenticate, TGT delegation on a forest
 * trust, or "not fixable by configuration" for a sensitive user ({@link FIX_KINDS}) —
 * each with its exact PowerShell / `setspn` commands, the exposure it adds (who could then impersonate whom to
 * which SPNs, counting every SPN of an account: service-name substitution), and a proof: the flow evaluated again
 * on a copy of the model with the change applied ({@link applyFix}).
 *
 * Start with {@link createKdc}, then {@link asExchange}; or with {@link evaluateFlow}. Every function returns a `Result`: the ticket with the
 * rules applied ({@link KdcReply}, each {@link ExplanationStep} naming its MS-SFU / MS-KILE / MS-PAC section), or a
 * {@link KdcError} with the Kerberos error name and number, the NTSTATUS Windows sends, and the rule
 * ({@link KDC_RULES}). Where Windows, MIT and Samba differ, the model follows Windows; `docs/kerberos-delegation.md`
 * lists the differences.
 * @packageDocumentation
 */

export {
  KDC_NT_STATUS,
  type KdcError,
  type KdcNtStatusName,
  KRB_ERROR_CODES,
  type KrbErrorName,
} from './errors.js';
export { buildEstateGraph } from './estate/buildEstateGraph.js';
export {
  type ActorMechanism,
  type DelegationActor,
  delegationActors,
} from './estate/delegationActors.js';
export {
  type EstateDirectoryInput,
  estateDirectory,
} from './estate/estateDirectory.js';
export type {
  AccountNodeAttributes,
  DomainNodeAttributes,
  EstateEdgeAttributes,
  EstateGraph,
  EstateNodeAttributes,
  MachineNodeAttributes,
  ServiceNodeAttributes,
  SpnNodeAttributes,
} from './estate/estateGraphTypes.js';
export type {
  EstateAssertion,
  EstateAuthentication,
  EstateCall,
  EstateEndpoint,
  EstateFlow,
  EstateFlowStart,
  EstateKdc,
  EstateMachine,
  EstateModel,
  EstateRequest,
  EstateService,
  EstateUserRights,
  LintAssertion,
  ReachableByAssertion,
  ReachesAssertion,
  RefusedAssertion,
} from './estate/estateModel.js';
export type {
  ArrivingIdentity,
  AssertionResult,
  DelegationMechanism,
  DiagramMessage,
  DiagramParticipant,
  FlowStep,
  FlowVerdict,
  HopLogon,
  HopResult,
  HopTicket,
  LintFinding,
  SequenceDiagram,
  WhyNot,
  WhyNotCause,
} from './estate/estateResults.js';
export { ESTATE_RULES, type EstateRuleId } from './estate/estateRules.js';
export { evaluateAssertions } from './estate/evaluateAssertions.js';
export { type EvaluateFlowOptions, evaluateFlow } from './estate/evaluateFlow.js';
export { type JoinedComputerAccount, joinedComputerAccounts } from './estate/joinedComputerAccounts.js';
export { reachableUsers } from './estate/reachableUsers.js';
export {
  WHY_NOT_REASONS,
  type WhyNotOrigin,
  type WhyNotReason,
  type WhyNotReasonInfo,
} from './estate/whyNotReasons.js';
export { applyFix } from './fix/applyFix.js';
export type { FixChange, FixEdit } from './fix/fixEdit.js';
export { FIX_KINDS, type FixKind, type FixKindInfo } from './fix/fixKinds.js';
export type {
  ExposureGrant,
  ExposureMechanism,
  FixExposure,
  FixProof,
  FixProposal,
  FixStep,
} from './fix/fixProposal.js';
export { type FixOptions, proposeFixes } from './fix/proposeFixes.js';
export { verdictAtLevel } from './fix/verdictAtLevel.js';
export { type ApReqOutcome, type ApReqRequest, apReqDelegation } from './kdc/apReq.js';
export { type AsRequest, asExchange } from './kdc/asExchange.js';
export { type TamperChanges, tamperTicket } from './kdc/bronzeBit.js';
export { createKdc, type Kdc, type KdcOptions } from './kdc/kdc.js';
export type { Pac, S4uDelegationInfo } from './kdc/pac.js';
export type { KdcReferral, KdcReply } from './kdc/reply.js';
export { type ExplanationStep, KDC_RULES, type KdcRuleId } from './kdc/rules.js';
export { type S4u2proxyRequest, s4u2proxy } from './kdc/s4u2proxy.js';
export { type S4u2selfRequest, s4u2self } from './kdc/s4u2self.js';
export { type TgsRequest, tgsExchange } from './kdc/tgsExchange.js';
export {
  TICKET_FLAGS,
  type Ticket,
  type TicketClient,
  type TicketFlag,
  type TicketFlagsRecord,
  type TicketKind,
  type TicketOrigin,
  type TicketServer,
  ticketFlagsRecord,
} from './kdc/tickets.js';
export { lintAssertionMatches } from './lint/lintAssertionMatches.js';
export { lintEstate } from './lint/lintEstate.js';
export { LINT_RULES, type LintRuleId, type LintSeverity } from './lint/lintRules.js';
