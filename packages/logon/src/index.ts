/**
 * Who you are on a Windows machine is decided at logon. This package models the **directory** (Active
 * Directory domains, forests, trusts, users, computers, gMSAs and nested groups), **machines** (their local
 * accounts and groups, User Rights Assignment with Windows' defaults, UAC, Credential Guard, service
 * identities), and **LogonUser / LsaLogonUser**: the token and the logon session Windows creates for every
 * logon type, the errors it refuses with, and the Security-log events it writes.
 *
 * @remarks
 * A short tour, for readers who know Windows security only vaguely:
 *
 * - **Logon types** ({@link LOGON_TYPES}). Typing a password at the console is an *interactive* logon (2); a
 *   browser's Kerberos ticket accepted by IIS, or an SMB connection, is a *network* logon (3); Task Scheduler
 *   uses *batch* (4); the Service Control Manager *service* (5); Remote Desktop *remote interactive* (10). Each
 *   needs a **logon right** on the machine (SeNetworkLogonRight …), and a matching **deny right** always wins
 *   ({@link checkLogonRight}); a refusal is `ERROR_LOGON_TYPE_NOT_GRANTED` (1385).
 * - **Tokens**. A network logon yields an *impersonation* token (a server thread acts as the client with it);
 *   the others a *primary* token (a process runs with it). LSA fills in the groups — the account's domain
 *   groups closed under nesting ({@link directoryGroups}), well-known groups that describe the logon
 *   (INTERACTIVE, NETWORK, SERVICE, Authenticated Users, the logon SID, S-1-18-1 …), the machine's local
 *   groups — and the privileges the machine's policy grants them.
 * - **UAC**. An administrator logging on interactively gets two linked tokens and sessions: a filtered one at
 *   Medium integrity for the desktop, an elevated one at High integrity for "Run as administrator".
 * - **Logon sessions** ({@link LogonSession}) keep the **credentials** that decide whether the identity can go
 *   further ({@link SessionCredentials}): an interactive logon keeps the password and a TGT; a network logon
 *   keeps nothing — which is the "double hop" problem — unless the client delegated its TGT.
 * - **Service identities** appear on the network as the computer account (SYSTEM, NETWORK SERVICE, virtual
 *   accounts such as `IIS APPPOOL\Sales`) or as ANONYMOUS LOGON (LOCAL SERVICE): {@link networkIdentity}.
 * - **Audit events** ({@link AuditEvent}): 4624, 4625, 4634, 4648 and 4672 with their real field names.
 *
 * Start with {@link directory}, {@link machine} and {@link createLsa}, then call {@link lsaLogonUser} or
 * {@link logonUser}. Expected refusals are `Result` values (from `@doublehop/core-token`) carrying the Win32 code and the NTSTATUS pair;
 * exceptions mean a programmer error.
 *
 * Out of scope: NTLMv1/LM details, smart cards, logon hours and workstation restrictions, account lockout,
 * selective authentication's "Allowed to Authenticate" check (the trust flag only switches This Organization to
 * Other Organization), Restricted Admin mode, and Credential Guard beyond "secrets are isolated; the TGT cannot
 * be delegated unconstrained".
 * @packageDocumentation
 */

export type {
  AuditEvent,
  AuditEventHeader,
  Event4624,
  Event4625,
  Event4634,
  Event4648,
  Event4672,
} from './audit/auditEvent.js';
export { renderAuditEvent } from './audit/renderAuditEvent.js';
export { SENSITIVE_PRIVILEGES } from './audit/sensitivePrivileges.js';
export type {
  Account,
  AccountKind,
  DirectoryObject,
  GroupAccount,
  GroupScope,
  PrincipalAccount,
} from './directory/account.js';
export { accountBySid } from './directory/accountBySid.js';
export { accountsReaching } from './directory/accountsReaching.js';
export { DELEGATION_ATTRIBUTES } from './directory/delegationAttributes.js';
export { directMemberOf } from './directory/directMemberOf.js';
export { type Directory, directory } from './directory/directory.js';
export {
  type DirectoryGroupsOptions,
  directoryGroups,
  isProtectedUser,
} from './directory/directoryGroups.js';
export type { AccountInit, DirectoryInit, GroupInit, PrincipalInit } from './directory/directoryInit.js';
export { type Domain, type DomainInit, FUNCTIONAL_LEVELS } from './directory/domain.js';
export { domainOfSid } from './directory/domainOfSid.js';
export { findAccount } from './directory/findAccount.js';
export { findDomain } from './directory/findDomain.js';
export { type PowerShellProperties, powerShellProperties } from './directory/powerShellProperties.js';
export { rbcdDescriptor } from './directory/rbcdDescriptor.js';
export type { Trust, TrustInit, TrustType } from './directory/trust.js';
export { type TrustPath, trustPath } from './directory/trustPath.js';
export {
  GROUP_TYPE,
  USER_ACCOUNT_CONTROL,
  type UserAccountControlFlag,
} from './directory/userAccountControl.js';
export {
  type LogonError,
  type LogonFailureReason,
  type LogonSessionError,
  NT_STATUS,
  type NtStatusName,
} from './errors.js';
export { checkLogonRight, type LogonRightCheck, logonRightFor } from './logon/checkLogonRight.js';
export { logoff } from './logon/logoff.js';
export type { LogonCredential, LogonRequest } from './logon/logonRequest.js';
export type { AuthenticationPackage, LogonSession } from './logon/logonSession.js';
export {
  LOGON_TYPES,
  LOGON32_LOGON_TYPES,
  type Logon32LogonType,
  type LogonTypeName,
  logonTypeName,
} from './logon/logonType.js';
export { type Logon32Provider, type LogonUserArgs, logonUser } from './logon/logonUser.js';
export { auditLog, createLsa, type Lsa, type LsaOptions, logonSession, logonSessions } from './logon/lsa.js';
export { type Logon, lsaLogonUser } from './logon/lsaLogonUser.js';
export { type NetworkIdentity, networkIdentity } from './logon/networkIdentity.js';
export type { SessionCredentials, TicketGrantingTicket } from './logon/sessionCredentials.js';
export type { LocalGroup } from './machine/localGroup.js';
export { builtinLocalGroupNames } from './machine/localGroupKeys.js';
export type { LocalUser } from './machine/localUser.js';
export { type Machine, machine } from './machine/machine.js';
export { type MachineDomain, machineDomain } from './machine/machineDomain.js';
export type { MachineInit } from './machine/machineInit.js';
export {
  type AllowLogonRight,
  type DenyLogonRight,
  defaultUserRights,
  LOGON_RIGHTS,
  type MachineRole,
  USER_RIGHTS,
  type UserRight,
} from './machine/userRights.js';
