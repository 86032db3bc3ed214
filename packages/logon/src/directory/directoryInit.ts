import type { SecurityDescriptor } from '@doublehop/core-token';
import type { GroupScope } from './account.js';
import type { DomainInit } from './domain.js';
import type { TrustInit } from './trust.js';

/**
 * How a user, computer or gMSA is declared; only `kind` and `samAccountName` are required.
 *
 * @remarks
 * Delegation settings can be given as raw `userAccountControl` bits or with the PowerShell names
 * (`trustedForDelegation`, `trustedToAuthForDelegation`, `accountNotDelegated`, `enabled`), and the RBCD
 * descriptor either as `allowedToActOnBehalfOfOtherIdentity` (a descriptor or SDDL) or as
 * `principalsAllowedToDelegateToAccount` (account names, written as Set-ADComputer writes them).
 * @example
 * ```ts
 * import type { PrincipalInit } from '@doublehop/logon';
 *
 * const sql: PrincipalInit = {
 *   kind: 'user', samAccountName: 'svc-sql', servicePrincipalNames: ['MSSQLSvc/sql01.corp.example:1433'],
 *   principalsAllowedToDelegateToAccount: ['WEB01$'],
 * };
 * ```
 */
export interface PrincipalInit {
  /** A user, a computer or a group-managed service account. */
  readonly kind: 'user' | 'computer' | 'gmsa';
  /** sAMAccountName; a `$` is appended to computer and gMSA names that lack one. */
  readonly samAccountName: string;
  /** The domain (DNS or NetBIOS name). Default: the first domain by DNS name. */
  readonly domain?: string;
  /** The RID; default derived from the name (deterministic). */
  readonly rid?: number;
  /** The password the model checks logons against. Default: none (password logons fail). */
  readonly password?: string;
  /** userPrincipalName. */
  readonly userPrincipalName?: string;
  /** Raw userAccountControl; default NORMAL_ACCOUNT for users, WORKSTATION_TRUST_ACCOUNT otherwise. */
  readonly userAccountControl?: number;
  /** PowerShell `Enabled` (clears or sets ACCOUNTDISABLE). */
  readonly enabled?: boolean;
  /** PowerShell `TrustedForDelegation` (TRUSTED_FOR_DELEGATION). */
  readonly trustedForDelegation?: boolean;
  /** PowerShell `TrustedToAuthForDelegation` (TRUSTED_TO_AUTH_FOR_DELEGATION). */
  readonly trustedToAuthForDelegation?: boolean;
  /** PowerShell `AccountNotDelegated` (NOT_DELEGATED). */
  readonly accountNotDelegated?: boolean;
  /** servicePrincipalName values. */
  readonly servicePrincipalNames?: readonly string[];
  /** msDS-AllowedToDelegateTo. */
  readonly allowedToDelegateTo?: readonly string[];
  /** msDS-AllowedToActOnBehalfOfOtherIdentity, as a descriptor or SDDL (domain aliases resolve in the account's domain). */
  readonly allowedToActOnBehalfOfOtherIdentity?: SecurityDescriptor | string;
  /** PowerShell `PrincipalsAllowedToDelegateToAccount`: account names or SIDs allowed to delegate to this account. */
  readonly principalsAllowedToDelegateToAccount?: readonly string[];
  /**
   * The accounts msDS-AllowedToDelegateTo reaches when only they are known, not the SPNs — a SharpHound
   * collection's `AllowedToDelegate` without its `allowedtodelegate` (names or SIDs). The exposure analysis
   * reads it (the service name in a ticket is not protected, so any service of the account is reached); a flow
   * needs the SPNs in `allowedToDelegateTo`.
   */
  readonly allowedToDelegateToAccounts?: readonly string[];
  /** Groups this account is a direct member of (names or SIDs). */
  readonly memberOf?: readonly string[];
  /** primaryGroupID; default 513 (users) or 515 (computers, gMSAs). */
  readonly primaryGroupId?: number;
  /** sIDHistory. */
  readonly sidHistory?: readonly string[];
  /** nTSecurityDescriptor (descriptor or SDDL); default: Domain Admins and SYSTEM full control, Authenticated Users read. */
  readonly securityDescriptor?: SecurityDescriptor | string;
}

/**
 * How a group is declared; only `kind` and `samAccountName` are required.
 *
 * @example
 * ```ts
 * import type { GroupInit } from '@doublehop/logon';
 *
 * const g: GroupInit = { kind: 'group', samAccountName: 'SQL Admins', scope: 'domainLocal', members: ['billy'] };
 * ```
 */
export interface GroupInit {
  /** A group. */
  readonly kind: 'group';
  /** sAMAccountName. */
  readonly samAccountName: string;
  /** The domain (DNS or NetBIOS name). Default: the first domain by DNS name. */
  readonly domain?: string;
  /** The RID; default derived from the name. */
  readonly rid?: number;
  /** Default `'global'`. */
  readonly scope?: GroupScope;
  /** Default `true` (a security group). */
  readonly securityEnabled?: boolean;
  /** Direct members: account names, group names or SIDs (foreign security principals). */
  readonly members?: readonly string[];
  /** Groups this group is a direct member of. */
  readonly memberOf?: readonly string[];
  /** sIDHistory. */
  readonly sidHistory?: readonly string[];
  /** nTSecurityDescriptor (descriptor or SDDL). */
  readonly securityDescriptor?: SecurityDescriptor | string;
}

/** How an account is declared to {@link directory}. */
export type AccountInit = PrincipalInit | GroupInit;

/**
 * Everything {@link directory} accepts.
 *
 * @example
 * ```ts
 * import type { DirectoryInit } from '@doublehop/logon';
 *
 * const init: DirectoryInit = { domains: [{ dnsName: 'corp.example' }] };
 * ```
 */
export interface DirectoryInit {
  /** At least one domain. */
  readonly domains: readonly DomainInit[];
  /** Trusts beyond the parent-child and tree-root trusts that `parent`/`forest` imply. */
  readonly trusts?: readonly TrustInit[];
  /** Accounts; each domain's built-in accounts are added unless declared. */
  readonly accounts?: readonly AccountInit[];
}
