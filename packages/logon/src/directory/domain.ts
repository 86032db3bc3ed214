import type { Sid } from '@doublehop/core-token';

/**
 * Domain and forest functional levels (msDS-Behavior-Version), by the Windows Server release that
 * introduced them. Protected Users' domain-controller protections need 2012 R2 (6).
 *
 * @example
 * ```ts
 * import { FUNCTIONAL_LEVELS } from '@doublehop/logon';
 *
 * FUNCTIONAL_LEVELS.WIN2012R2; // 6
 * ```
 * @see MS-ADTS 6.1.4.2 msDS-Behavior-Version: Forest Functional Level; "Protected Users Security Group",
 * https://learn.microsoft.com/windows-server/security/credentials-protection-and-management/protected-users-security-group
 */
export const FUNCTIONAL_LEVELS = {
  /** DS_BEHAVIOR_WIN2003. */
  WIN2003: 2,
  /** DS_BEHAVIOR_WIN2008. */
  WIN2008: 3,
  /** DS_BEHAVIOR_WIN2008R2. */
  WIN2008R2: 4,
  /** DS_BEHAVIOR_WIN2012. */
  WIN2012: 5,
  /** DS_BEHAVIOR_WIN2012R2. */
  WIN2012R2: 6,
  /** DS_BEHAVIOR_WIN2016 (also the level of Windows Server 2019 and 2022). */
  WIN2016: 7,
  /** DS_BEHAVIOR_WIN2025. */
  WIN2025: 10,
} as const;

/**
 * An Active Directory domain: its DNS and NetBIOS names, its SID (every account SID in it is this SID plus
 * a RID), its functional level and the forest it belongs to.
 *
 * @example
 * ```ts
 * import { directory } from '@doublehop/logon';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }] });
 * dir.domains[0]?.forest; // 'corp.example'
 * ```
 * @see MS-ADTS 6.1.1.2.1 (domain NC); MS-DTYP 2.4.2.4 (domain-relative RIDs)
 */
export interface Domain {
  /** The DNS name, lower case (`corp.example`); also the Kerberos realm in upper case. */
  readonly dnsName: string;
  /** The NetBIOS (pre-Windows 2000) name, upper case (`CORP`). */
  readonly netbiosName: string;
  /** The domain SID `S-1-5-21-a-b-c`. */
  readonly sid: Sid;
  /** The domain functional level ({@link FUNCTIONAL_LEVELS}). */
  readonly functionalLevel: number;
  /** The DNS name of the forest root domain. */
  readonly forest: string;
  /** The parent domain's DNS name for a child domain, `null` for a tree root. */
  readonly parent: string | null;
  /**
   * ms-DS-MachineAccountQuota: how many computer accounts any authenticated user may add to the domain (an
   * account to act with, for RBCD); Active Directory's default is 10.
   */
  readonly machineAccountQuota: number;
}

/**
 * How a domain is declared to {@link directory}.
 *
 * @example
 * ```ts
 * import type { DomainInit } from '@doublehop/logon';
 *
 * const child: DomainInit = { dnsName: 'emea.corp.example', parent: 'corp.example' };
 * ```
 */
export interface DomainInit {
  /** The DNS name. */
  readonly dnsName: string;
  /** Default: the first label in upper case (`emea.corp.example` → `EMEA`). */
  readonly netbiosName?: string;
  /** Default: derived deterministically from the DNS name. */
  readonly sid?: Sid | string;
  /** Default: {@link FUNCTIONAL_LEVELS}.WIN2016. */
  readonly functionalLevel?: number;
  /** The parent domain of a child domain (implies a two-way transitive parent-child trust). */
  readonly parent?: string;
  /** The forest root of a tree-root domain (implies a two-way transitive tree-root trust). */
  readonly forest?: string;
  /** ms-DS-MachineAccountQuota; default 10 (MS-ADTS 6.1.1.2.1: the attribute of the domain NC root). */
  readonly machineAccountQuota?: number;
}
