import type { SecurityDescriptor, Sid } from '@doublehop/core-token';

/** What an Active Directory account is: a user, a computer (`NAME$`), a group-managed service account, or a group. */
export type AccountKind = 'user' | 'computer' | 'gmsa' | 'group';

/** The scope of a group: who may be a member, and where it appears in tokens. */
export type GroupScope = 'global' | 'domainLocal' | 'universal';

/**
 * What every directory object doublehop models has: its SID, sAMAccountName, domain, direct group
 * memberships and its own security descriptor.
 */
export interface DirectoryObject {
  /** The object's class. */
  readonly kind: AccountKind;
  /** objectSid: the domain SID plus the RID. */
  readonly sid: Sid;
  /** sAMAccountName, as declared (computer and gMSA names end in `$`). */
  readonly samAccountName: string;
  /** The DNS name of the domain the account lives in. */
  readonly domain: string;
  /** memberOf: the groups the object is a *direct* member of, sorted (the primary group is not listed, as in AD). */
  readonly memberOf: readonly Sid[];
  /** sIDHistory: SIDs from earlier domains, added to tokens unless SID filtering removes them. */
  readonly sidHistory: readonly Sid[];
  /** nTSecurityDescriptor: who may read and write the object's attributes. */
  readonly securityDescriptor: SecurityDescriptor;
}

/**
 * A security principal that can log on: a user, a computer account or a group-managed service account, with
 * the attributes logon and Kerberos delegation read.
 *
 * @remarks
 * Properties are named after the AD attributes: `userAccountControl`, `servicePrincipalNames`
 * (servicePrincipalName), `allowedToDelegateTo` (msDS-AllowedToDelegateTo),
 * `allowedToActOnBehalfOfOtherIdentity` (msDS-AllowedToActOnBehalfOfOtherIdentity, the resource-based
 * constrained delegation descriptor), `primaryGroupId` (primaryGroupID). {@link powerShellProperties} gives
 * the names the ActiveDirectory PowerShell module uses.
 * @example
 * ```ts
 * import { directory, findAccount } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'WEB01$', servicePrincipalNames: ['HTTP/web01.corp.example'] }],
 * });
 * findAccount(dir, 'CORP\\WEB01$')?.kind; // 'computer'
 * ```
 * @see MS-ADTS 2.2.16 (userAccountControl); MS-ADA2 msDS-AllowedToDelegateTo; MS-ADA2
 * msDS-AllowedToActOnBehalfOfOtherIdentity; MS-SFU 3.2.5.2
 */
export interface PrincipalAccount extends DirectoryObject {
  /** A user, computer or gMSA. */
  readonly kind: 'user' | 'computer' | 'gmsa';
  /** userPrincipalName, or `null` (the implicit UPN `sam@dns` still works for logon). */
  readonly userPrincipalName: string | null;
  /** userAccountControl bits ({@link USER_ACCOUNT_CONTROL}). */
  readonly userAccountControl: number;
  /** primaryGroupID: the RID of the primary group (513 Domain Users, 515 Domain Computers, 516 Domain Controllers). */
  readonly primaryGroupId: number;
  /** servicePrincipalName values, as written (`HTTP/web01.corp.example`, `MSSQLSvc/sql01.corp.example:1433`). */
  readonly servicePrincipalNames: readonly string[];
  /** msDS-AllowedToDelegateTo: the SPNs this account may delegate to (classic constrained delegation). */
  readonly allowedToDelegateTo: readonly string[];
  /** The accounts constrained delegation reaches when only they are known, not the SPNs (sorted SIDs; usually empty). */
  readonly allowedToDelegateToAccounts: readonly Sid[];
  /** msDS-AllowedToActOnBehalfOfOtherIdentity: who may delegate *to* this account (RBCD), or `null`. */
  readonly allowedToActOnBehalfOfOtherIdentity: SecurityDescriptor | null;
  /** The account's password in the model (standing for unicodePwd / the managed password); `null` for none. */
  readonly password: string | null;
}

/**
 * A security group (or a distribution group, which never appears in tokens) with its direct members.
 *
 * @example
 * ```ts
 * import { directory, findAccount } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'group', samAccountName: 'Sales', scope: 'global' }],
 * });
 * const g = findAccount(dir, 'Sales');
 * g?.kind === 'group' && g.scope; // 'global'
 * ```
 * @see MS-ADTS 2.2.12 (groupType); "Active Directory security groups", group scope,
 * https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups
 */
export interface GroupAccount extends DirectoryObject {
  /** A group. */
  readonly kind: 'group';
  /** Global, domain local or universal. */
  readonly scope: GroupScope;
  /** A security group (`true`) or a distribution group. */
  readonly securityEnabled: boolean;
  /** member: the direct members' SIDs, sorted (accounts, groups, or foreign SIDs such as a well-known SID). */
  readonly members: readonly Sid[];
}

/** Any account of the directory. */
export type Account = PrincipalAccount | GroupAccount;
