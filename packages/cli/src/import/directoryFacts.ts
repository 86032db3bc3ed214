/**
 * @internal The delegation-relevant facts of a real directory, whichever source they were read from (SharpHound,
 * the PowerShell export, ldapdomaindump): what the model writer turns into a model file and what drift compares.
 * SIDs are strings in their canonical form (`S-1-5-21-…`); domains are keyed by SID.
 */
export interface DirectoryFacts {
  readonly domains: Map<string, DomainFacts>;
  readonly objects: Map<string, ObjectFacts>;
  readonly trusts: TrustFacts[];
  /** The SIDs of the forest roots seen (domains whose Enterprise Admins or Schema Admins SID appears). */
  readonly forestRoots: Set<string>;
  /** Objects by distinguished name (lower case), for sources that name members by DN (ldapdomaindump). */
  distinguishedNames?: Map<string, string>;
  /**
   * The members of each domain's BUILTIN groups (`S-1-5-32-…`), by domain DNS name and group SID: on a domain
   * controller these are its local groups, so the model writes them as its `localGroupMembers`.
   */
  readonly builtinMembers: Map<
    string,
    Map<string, { readonly members: string[]; readonly file: string; readonly path: string }>
  >;
}

/** @internal Records the members of a domain's BUILTIN group. */
export function noteBuiltinGroup(
  facts: DirectoryFacts,
  domainDns: string,
  groupSid: string,
  members: readonly string[],
  file: string,
  path: string,
): void {
  let groups = facts.builtinMembers.get(domainDns);
  if (groups === undefined) {
    groups = new Map();
    facts.builtinMembers.set(domainDns, groups);
  }
  if (!groups.has(groupSid)) groups.set(groupSid, { members: [...members], file, path });
}

/** @internal A domain: collected (its objects were read) or only named by a trust or a SID. */
export interface DomainFacts {
  readonly sid: string;
  /** The DNS name, lower case. */
  dnsName: string;
  /** msDS-Behavior-Version, when known. */
  functionalLevel: number | undefined;
  /** ms-DS-MachineAccountQuota, when known. */
  machineAccountQuota: number | undefined;
  /** The NetBIOS name, when the source has it (SharpHound does not). */
  netbiosName?: string | undefined;
  collected: boolean;
}

/** @internal A trust as one side of it reports it. */
export interface TrustFacts {
  /** The DNS name of the domain whose collection reported the trust. */
  readonly reportedBy: string;
  /** The trusting (resource) domain's DNS name. */
  readonly trusting: string;
  /** The trusted (account) domain's DNS name. */
  readonly trusted: string;
  readonly twoWay: boolean;
  readonly type: 'parent-child' | 'tree-root' | 'shortcut' | 'forest' | 'external';
  readonly transitive: boolean | undefined;
  readonly sidFiltering: boolean | undefined;
  readonly tgtDelegation: boolean | undefined;
  /** Selective authentication, when the source says (SharpHound does not). */
  readonly selectiveAuthentication?: boolean | undefined;
  readonly file: string;
  readonly path: string;
}

/** @internal One ACE that lets a principal write an object's delegation settings (BloodHound's edge names). */
export interface WriteAce {
  readonly principal: string;
  readonly right: DelegationWriteRight;
  readonly inherited: boolean;
}

/** @internal The rights that let a principal configure delegation on an object, as BloodHound names the ACEs. */
export type DelegationWriteRight =
  | 'AddAllowedToAct'
  | 'WriteAccountRestrictions'
  | 'WriteSPN'
  | 'GenericWrite'
  | 'GenericAll'
  | 'WriteDacl'
  | 'WriteOwner'
  | 'Owns';

/** @internal A user, computer, gMSA or group. */
export interface ObjectFacts {
  readonly sid: string;
  readonly kind: 'user' | 'computer' | 'gmsa' | 'group';
  /** The SID of the object's domain. */
  readonly domainSid: string;
  readonly samAccountName: string;
  readonly enabled: boolean;
  readonly trustedForDelegation: boolean;
  readonly trustedToAuthForDelegation: boolean;
  readonly accountNotDelegated: boolean;
  /** servicePrincipalName, or `undefined` when the source does not say (then `spnTargets` may). */
  readonly servicePrincipalNames: readonly string[] | undefined;
  /** SharpHound's SPNTargets (MSSQLSvc SPNs resolved to computers), for a user whose SPNs were not written. */
  readonly spnTargets: readonly {
    readonly computerSid: string;
    readonly port: number;
    readonly service: string;
  }[];
  /** msDS-AllowedToDelegateTo: SPNs. */
  readonly allowedToDelegateTo: readonly string[];
  /** The accounts constrained delegation reaches (SIDs), when the source gives them without the SPNs. */
  readonly allowedToDelegateToAccounts: readonly string[];
  /** The principals msDS-AllowedToActOnBehalfOfOtherIdentity grants (SIDs), when only they are known. */
  readonly allowedToAct: readonly string[];
  /** msDS-AllowedToActOnBehalfOfOtherIdentity itself as SDDL, when the source has the descriptor. */
  readonly allowedToActSddl: string | undefined;
  readonly primaryGroupSid: string | undefined;
  /** A group's direct members (SIDs). */
  readonly members: readonly string[];
  readonly isDomainController: boolean;
  readonly operatingSystem: string | undefined;
  readonly writeAces: readonly WriteAce[];
  /** The delegation part of nTSecurityDescriptor as SDDL, when the source has the descriptor itself. */
  readonly writeDescriptor?: string | undefined;
  /** Where the object was read (for warnings). */
  readonly file: string;
  readonly path: string;
}

/** @internal An empty set of facts. */
export function emptyFacts(): DirectoryFacts {
  return {
    domains: new Map(),
    objects: new Map(),
    trusts: [],
    forestRoots: new Set(),
    builtinMembers: new Map(),
  };
}

/** @internal The SID of the domain a domain-relative SID belongs to (`S-1-5-21-a-b-c-rid` → `S-1-5-21-a-b-c`), else `undefined`. */
export function domainOfSid(sid: string): string | undefined {
  return DOMAIN_RELATIVE.test(sid) ? sid.slice(0, sid.lastIndexOf('-')) : undefined;
}

const DOMAIN_RELATIVE = /^S-1-5-21-\d+-\d+-\d+-\d+$/;

/** @internal The RID of a domain-relative SID, else `undefined`. */
export function ridOf(sid: string): number | undefined {
  return DOMAIN_RELATIVE.test(sid) ? Number(sid.slice(sid.lastIndexOf('-') + 1)) : undefined;
}

/**
 * @internal Whether a text is a SID Windows could have written (MS-DTYP 2.4.2.1): `S-1-`, an identifier authority
 * below 2^48, at most 15 sub-authorities, each below 2^32.
 */
export function isSid(text: string): boolean {
  const parts = text.split('-');
  if (parts.length < 3 || parts.length > 18 || parts[0] !== 'S' || parts[1] !== '1') return false;
  for (let i = 2; i < parts.length; i++) {
    const p = parts[i] as string;
    if (!/^\d{1,15}$/.test(p)) return false;
    if (Number(p) >= (i === 2 ? 2 ** 48 : 2 ** 32)) return false;
  }
  return true;
}
