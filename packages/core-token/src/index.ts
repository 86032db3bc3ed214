/**
 * Windows security as plain values: security identifiers (SIDs), access masks, security descriptors and
 * their SDDL text form, access tokens, and the access check Windows runs whenever a thread opens an object.
 *
 * @remarks
 * Every decision Windows makes about "may this identity do that?" on one machine comes down to the
 * **access check** (MS-DTYP 2.5.3): a *token* — who the caller is (user and group SIDs), what it may do
 * regardless of ACLs (privileges), its integrity level — is compared against an object's *security
 * descriptor* — its owner, and a DACL listing who is allowed or denied which rights — for a requested
 * *access mask*. This package models those pieces exactly as MS-DTYP and the Win32 documentation define them,
 * so the packages above it (logon, impersonation levels, Kerberos delegation) can ask the same question
 * Windows asks and get the same answer, with an explanation a person can read.
 *
 * - **SIDs** ({@link Sid}, {@link parseSid}, {@link WELL_KNOWN_SIDS}): `S-1-5-18` is SYSTEM, `S-1-5-32-544`
 *   BUILTIN\Administrators; domain accounts are the domain SID plus a RID. SIDs are interned, so `===`
 *   compares them.
 * - **Access masks** ({@link ACCESS_RIGHTS}, {@link OBJECT_TYPES}): 32-bit sets of rights; GENERIC_* bits
 *   mean different things per object type, through its {@link GenericMapping}.
 * - **Security descriptors** ({@link SecurityDescriptor}, {@link parseSddl}, {@link formatSddl}): owner,
 *   group, DACL and SACL, read and written in SDDL (`O:BAG:SYD:(A;;FA;;;SY)`).
 * - **Tokens** ({@link Token}, {@link token}): the identity a thread acts as.
 * - **Token rules** ({@link impersonationCheck}, {@link duplicateTokenRules}, {@link restrictToken},
 *   {@link adjustTokenPrivileges}, {@link getTokenInformation}, {@link filterAdministratorToken}, …): each
 *   Windows rule about tokens once, as a pure function — including the silent downgrade to Identification
 *   when a thread impersonates without the right to.
 * - **The access check** ({@link accessCheck}, {@link explainAccessCheck}): returns the rights granted and
 *   which ACE or rule granted or denied each one.
 * - **The simulated machine** ({@link createMachine}, {@link createProcess}, {@link registerFile},
 *   {@link registerToken}, {@link formatTrace}) and its Win32 operations ({@link win32}): processes with
 *   primary tokens, threads that impersonate, handles that remember the access granted at open time, and
 *   `win32.impersonateLoggedOnUser`, `win32.openThreadToken`, `win32.duplicateTokenEx` … calling the token
 *   rules and the access check with the token Windows would use, each call traced like Process Monitor.
 *
 * Expected outcomes (a denial, malformed SDDL) are returned as values ({@link Result}); exceptions mean a
 * programmer error. Errors carry the Windows name and number (`ERROR_ACCESS_DENIED`, 5).
 *
 * @packageDocumentation
 */

export {
  ACCESS_RIGHTS,
  type AccessMask,
  GENERIC_RIGHTS_MASK,
  type GenericMapping,
  MANDATORY_LABEL_POLICY,
  mapGenericMask,
} from './access/accessMask.js';
export {
  maskToNames,
  namesToMask,
  OBJECT_TYPES,
  type ObjectType,
  type ObjectTypeKey,
} from './access/objectTypes.js';
export { type AccessCheckRequest, accessCheck } from './accessCheck/accessCheck.js';
export type {
  AccessCheckError,
  AccessCheckPass,
  AccessCheckResult,
  AccessCheckStatus,
  AccessCheckStep,
  AceStep,
  EmptyRequestStep,
  MandatoryLabelStep,
  NotGrantedStep,
  NullDaclStep,
  OwnerStep,
  PrivilegeStep,
  RestrictedPassStep,
} from './accessCheck/accessCheckResult.js';
export { type ExplainAccessCheckOptions, explainAccessCheck } from './accessCheck/explainAccessCheck.js';
export {
  type MandatoryIntegrityCheckResult,
  mandatoryIntegrityCheck,
} from './accessCheck/mandatoryIntegrityCheck.js';
export type { ObjectTypeListEntry } from './accessCheck/objectTypeTree.js';
export {
  type ParseError,
  parseError,
  WIN32_ERRORS,
  type Win32Error,
  type Win32ErrorName,
  win32Error,
} from './errors.js';
// The simulated machine (./machine/*): setup, the trace, and the Win32 operations as the `win32` namespace.
export type { AdjustGroupsOutcome } from './machine/adjustTokenGroups.js';
export type { AdjustPrivilegesOutcome } from './machine/adjustTokenPrivileges.js';
export { createProcess, type ProcessInfo, type ProcessInit } from './machine/createProcess.js';
export type { ProcessInformation } from './machine/createProcessAsUser.js';
export type { SecurityAttributes } from './machine/duplicateTokenEx.js';
export { type FormatTraceOptions, formatTrace } from './machine/formatTrace.js';
export { SECURITY_INFORMATION } from './machine/getKernelObjectSecurity.js';
export type { SeObjectType } from './machine/getSecurityInfo.js';
export type { TokenInformationValue } from './machine/getTokenInformation.js';
export {
  createMachine,
  type FileObject,
  type Handle,
  type HandleEntry,
  type KernelObject,
  type Machine,
  type MachineOptions,
  type ProcessId,
  type ProcessObject,
  type ThreadId,
  type ThreadObject,
  type TokenObject,
} from './machine/machine.js';
export type { HandleError } from './machine/referenceObjectByHandle.js';
export { registerFile } from './machine/registerFile.js';
export { registerToken } from './machine/registerToken.js';
export type { TraceEvent, TraceIdentity } from './machine/trace.js';
export * as win32 from './machine/win32.js';
export { type Err, err, type Ok, ok, type Result } from './result.js';
export { type FormatSddlOptions, formatSddl } from './sddl/formatSddl.js';
export { parseSddl } from './sddl/parseSddl.js';
export { sddl } from './sddl/sddl.js';
export type { SddlOptions } from './sddl/sddlSid.js';
export { ACE_FLAGS, type Ace, type AceType, type Acl, ace } from './securityDescriptor/ace.js';
export { type ObjectSecuritySource, objectSecurityFrom } from './securityDescriptor/defaultObjectSecurity.js';
export {
  SD_CONTROL,
  type SecurityDescriptor,
  securityDescriptor,
} from './securityDescriptor/securityDescriptor.js';
export {
  parseSecurityDescriptorBytes,
  securityDescriptorBytes,
} from './securityDescriptor/securityDescriptorBytes.js';
export {
  domainOf,
  parseSid,
  SID_MAX_SUB_AUTHORITIES,
  Sid,
  sid,
  sidFromComponents,
  sidWithRid,
} from './sid/sid.js';
export { appPoolSid, serviceSid } from './sid/virtualAccountSid.js';
export {
  DOMAIN_RIDS,
  type DomainRid,
  type DomainRidKey,
  domainRidByAlias,
  domainRidOf,
  isIntegritySid,
  isLogonSid,
  logonSid,
  sidDisplayName,
  WELL_KNOWN_SIDS,
  type WellKnownSid,
  type WellKnownSidKey,
  wellKnownSidByAlias,
  wellKnownSidOf,
} from './sid/wellKnownSids.js';
export {
  isPrivilegeName,
  PRIVILEGE_ATTRIBUTES,
  PRIVILEGES,
  type Privilege,
  type PrivilegeName,
} from './token/privileges.js';
export {
  DEFAULT_GROUP_ATTRIBUTES,
  type ElevationType,
  GROUP_ATTRIBUTES,
  hasEnabledPrivilege,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  type Luid,
  type SidAndAttributes,
  TOKEN_MANDATORY_POLICY,
  type Token,
  type TokenInit,
  type TokenPrivilege,
  type TokenSource,
  type TokenType,
  token,
} from './token/token.js';
// The pure token rules (./tokenRules/*): each Windows rule once, values in, values out; the machine calls them.
export {
  type AdjustTokenGroupsChange,
  type AdjustTokenGroupsError,
  type AdjustTokenGroupsResult,
  adjustTokenGroups,
  type GroupChange,
} from './tokenRules/adjustTokenGroups.js';
export {
  type AdjustTokenPrivilegesChange,
  type AdjustTokenPrivilegesResult,
  adjustTokenPrivileges,
  type PrivilegeChange,
} from './tokenRules/adjustTokenPrivileges.js';
export { type CheckTokenMembershipError, checkTokenMembership } from './tokenRules/checkTokenMembership.js';
export {
  type DuplicateTokenError,
  type DuplicateTokenIds,
  type DuplicateTokenRequest,
  type DuplicateTokenShape,
  duplicateTokenRules,
  duplicateTokenValue,
} from './tokenRules/duplicateTokenRules.js';
export { type FilteredTokenIds, filterAdministratorToken } from './tokenRules/filterAdministratorToken.js';
export {
  type GetTokenInformationContext,
  type GetTokenInformationError,
  getTokenInformation,
  type TokenInformation,
  type TokenInformationClass,
  type TokenStatisticsInfo,
} from './tokenRules/getTokenInformation.js';
export {
  type ImpersonationCheckOptions,
  type ImpersonationCheckResult,
  type ImpersonationRule,
  impersonationCheck,
} from './tokenRules/impersonationCheck.js';
export { ELEVATED_GROUP_RIDS, ELEVATED_PRIVILEGES, isElevated } from './tokenRules/isElevated.js';
export { linkUacTokens, type UacTokenPair } from './tokenRules/linkUacTokens.js';
export { type ObjectOpenCheck, type OpenError, objectOpenCheck } from './tokenRules/objectOpenCheck.js';
export { type OpenThreadTokenError, openThreadTokenRules } from './tokenRules/openThreadTokenRules.js';
export { type PrivilegeCheckError, privilegeCheck } from './tokenRules/privilegeCheck.js';
export {
  LUA_PRIVILEGES,
  type NewTokenIds,
  type RestrictTokenError,
  type RestrictTokenOptions,
  restrictToken,
} from './tokenRules/restrictToken.js';
// SDDL (./sddl/*) and the access check (./accessCheck/*) export from here too.
