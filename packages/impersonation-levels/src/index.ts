/**
 * The four impersonation levels — Anonymous, Identification, Impersonation, Delegation — as executable rules
 * and xstate v5 machines.
 *
 * @remarks
 * When a client authenticates to a server, the server gets a token for the client at an **impersonation
 * level** that says what it may do with the client's identity: nothing (Anonymous), look at it
 * (Identification), act as the client on this machine (Impersonation), or act as the client on other
 * machines too (Delegation). Three things decide the level, and this package puts them in order:
 *
 * 1. **What the client asked for** ({@link requestedLevel}): ISC_REQ_IDENTIFY / ISC_REQ_DELEGATE for SSPI,
 *    RPC_C_IMP_LEVEL_* for RPC and DCOM, SECURITY_SQOS_PRESENT with SECURITY_* for named pipes — and each
 *    API's default when it says nothing.
 * 2. **The protocol**: NTLM cannot delegate; Kerberos delegates when the client's SSP forwards its TGT
 *    ({@link kerberosDelegationDecision}: ISC_REQ_DELEGATE, OK-AS-DELEGATE, a FORWARDABLE TGT, no Credential
 *    Guard); Basic and CredSSP hand the server the password; no authentication means ANONYMOUS LOGON.
 * 3. **The server process**: core-token's impersonation check silently downgrades to Identification when the
 *    process lacks SeImpersonatePrivilege (and no exception applies).
 *
 * {@link connectionMachine} is that story as a state machine, and {@link connectionLevel} asks it in one call
 * through xstate's pure `transition()`. {@link threadMachine} follows one server thread over time —
 * impersonate, duplicate (never upward), revert, open local objects (not below Impersonation), connect onward
 * (as the client with Delegation-level credentials or a constrained-delegation ticket; otherwise as the
 * service itself, or as NT AUTHORITY\ANONYMOUS LOGON: the NTLM double hop). {@link LEVEL_CAPABILITIES} is the
 * table for learners, {@link connectionChart} and {@link threadChart} the machines' Mermaid charts.
 *
 * The machines orchestrate; the rules live once, in `@doublehop/core-token` (the impersonation check,
 * duplication, the access check) and `@doublehop/logon` (logon sessions' credentials, network identities),
 * and the machines' guards call them. `@doublehop/impersonation-levels/testing` has fast-check arbitraries.
 *
 * @packageDocumentation
 */

export { capabilities, LEVEL_CAPABILITIES, type LevelCapabilities } from './capabilities.js';
export { stateChart } from './chart.js';
export { connectionChart, threadChart } from './charts.js';
export { type ConnectionInput, type ConnectionLevel, connectionLevel } from './connection/connectionLevel.js';
export { connectionMachine } from './connection/connectionMachine.js';
export type {
  ConnectionContext,
  ConnectionEvent,
  ConnectionReasonCode,
  LevelReason,
  OnwardCredentials,
} from './connection/connectionTypes.js';
export {
  type KerberosDelegationDecision,
  type KerberosDelegationInput,
  type KerberosDelegationReason,
  kerberosDelegationDecision,
} from './kerberosDelegationDecision.js';
export { NEGOTIATED_PROTOCOLS, type NegotiatedProtocol } from './protocol.js';
export type { ClientRequest, IscReqFlag, RpcImpLevel, SqosLevel } from './request/clientRequest.js';
export { type RequestedLevel, type RequestReasonCode, requestedLevel } from './request/requestedLevel.js';
export { threadMachine } from './thread/threadMachine.js';
export type {
  RemoteConnectError,
  RemoteIdentity,
  RemoteReasonCode,
  ThreadContext,
  ThreadEvent,
  ThreadImpersonation,
  ThreadInput,
  ThreadOutcome,
} from './thread/threadTypes.js';
