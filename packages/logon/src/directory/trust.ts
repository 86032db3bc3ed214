/**
 * The kind of a trust: within a forest (`parent-child`, `tree-root`, `shortcut`), between forests
 * (`forest`), or a non-transitive `external` trust to a single domain.
 */
export type TrustType = 'parent-child' | 'tree-root' | 'shortcut' | 'forest' | 'external';

/**
 * A trust between two domains, with the attributes that decide who may authenticate across it and what
 * crosses it.
 *
 * @remarks
 * Accounts of the *trusted* domain use resources of the *trusting* domain. Defaults follow Windows:
 * trusts inside a forest are two-way, transitive, unfiltered and allow TGT delegation; a forest trust is
 * transitive between the two forests, SID-filtered, and — since the July 2019 updates — does not allow TGT
 * delegation unless `enableTgtDelegation` is set (`netdom trust /EnableTgtDelegation:Yes`); an external trust
 * is not transitive and is quarantined (SID filtering).
 * @example
 * ```ts
 * import { directory } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example' }, { dnsName: 'partner.example' }],
 *   trusts: [{ between: ['corp.example', 'partner.example'], type: 'forest' }],
 * });
 * dir.trusts[0]?.enableTgtDelegation; // false
 * dir.trusts[0]?.sidFiltering;        // true
 * ```
 * @see MS-ADTS 6.1.6.7.9 trustAttributes (TRUST_ATTRIBUTE_CROSS_ORGANIZATION = selective authentication,
 * TRUST_ATTRIBUTE_QUARANTINED_DOMAIN, CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION); "Updates to TGT delegation
 * across incoming trusts in Windows Server", https://learn.microsoft.com/troubleshoot/windows-server/windows-security/updates-to-tgt-delegation-across-incoming-trusts
 */
export interface Trust {
  /** The trusting domain (where the resources are), by DNS name. */
  readonly trusting: string;
  /** The trusted domain (where the accounts are), by DNS name. */
  readonly trusted: string;
  /** `true` when the trust also runs the other way (a two-way trust is two {@link Trust} values). */
  readonly twoWay: boolean;
  /** The kind of trust. */
  readonly type: TrustType;
  /** Whether the trust extends to domains beyond the trusted one (the trusted forest, or the whole forest). */
  readonly transitive: boolean;
  /** Selective authentication (TRUST_ATTRIBUTE_CROSS_ORGANIZATION): accounts need "Allowed to Authenticate" on each computer, and get "Other Organization" instead of "This Organization". */
  readonly selectiveAuthentication: boolean;
  /** Whether TGTs may be delegated across the trust (CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION): unconstrained delegation to a service in the trusting forest. */
  readonly enableTgtDelegation: boolean;
  /** SID filtering (quarantine / forest-aware): SIDs the trusted side may not claim (such as sIDHistory from the trusting forest) are dropped. */
  readonly sidFiltering: boolean;
}

/**
 * How a trust is declared to {@link directory}; only `between` is required.
 *
 * @example
 * ```ts
 * import type { TrustInit } from '@doublehop/logon';
 *
 * // resource.example trusts corp.example, one way: corp accounts can use resource.example machines.
 * const t: TrustInit = { between: ['resource.example', 'corp.example'], type: 'external', direction: 'one-way' };
 * ```
 */
export interface TrustInit {
  /** The two domains (DNS or NetBIOS names); for a one-way trust the first trusts the second. */
  readonly between: readonly [string, string];
  /** Default `'forest'` between forests, else `'shortcut'`. */
  readonly type?: TrustType;
  /** Default `'two-way'`. */
  readonly direction?: 'two-way' | 'one-way';
  /** Default: `false` for external trusts, `true` otherwise. */
  readonly transitive?: boolean;
  /** Default `false`. */
  readonly selectiveAuthentication?: boolean;
  /** Default: `true` inside a forest, `false` across forests. */
  readonly enableTgtDelegation?: boolean;
  /** Default: `true` for forest and external trusts, `false` inside a forest. */
  readonly sidFiltering?: boolean;
}
