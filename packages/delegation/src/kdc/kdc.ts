import type { Directory } from '@doublehop/logon';

/**
 * Options of {@link createKdc}.
 *
 * @example
 * ```ts
 * import type { KdcOptions } from '@doublehop/delegation';
 *
 * const before2021: KdcOptions = { patched: false };
 * ```
 * @see KB4598347 (CVE-2020-17049); KB4577252 (CVE-2020-16996)
 */
export interface KdcOptions {
  /**
   * Whether the domain controllers have the CVE-2020-17049 (KB4598347, ticket signatures enforced) and
   * CVE-2020-16996 (KB4577252, Protected Users and RBCD enforced) fixes. Default `true`; `false` models a KDC
   * before them, which accepts a Bronze Bit ticket.
   */
  readonly patched?: boolean;
}

/**
 * The key distribution centres of a directory's domains: every domain controller of every domain, all at the
 * same patch level, answering from the same directory.
 *
 * @example
 * ```ts
 * import { createKdc } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({ domains: [{ dnsName: 'corp.example' }] }), { patched: false });
 * kdc.patched; // false
 * ```
 * @see MS-KILE 3.3 (KDC details)
 */
export interface Kdc {
  /** The directory the KDCs read accounts, SPNs, delegation settings and trusts from. */
  readonly directory: Directory;
  /** Whether the CVE-2020-17049 and CVE-2020-16996 fixes are installed and enforced. */
  readonly patched: boolean;
}

/**
 * Creates the KDCs of a directory: the starting point of every exchange ({@link asExchange},
 * {@link tgsExchange}, {@link s4u2self}, {@link s4u2proxy}, {@link apReqDelegation}).
 *
 * @param directory - the directory, from `@doublehop/logon`'s `directory()`
 * @param options - the patch level (default: patched)
 * @returns the KDC value
 * @throws TypeError - `createKdc: …` when `directory` is not a directory
 * @example
 * ```ts
 * import { createKdc } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({ domains: [{ dnsName: 'corp.example' }] }));
 * kdc.patched; // true
 * ```
 * @see MS-KILE 3.3; KB4598347 (CVE-2020-17049); KB4577252 (CVE-2020-16996)
 */
export function createKdc(directory: Directory, options: KdcOptions = {}): Kdc {
  if (
    directory === null ||
    typeof directory !== 'object' ||
    !Array.isArray(directory.domains) ||
    !Array.isArray(directory.accounts)
  ) {
    throw new TypeError('createKdc: pass a Directory built by directory() from @doublehop/logon');
  }
  return Object.freeze({ directory, patched: options.patched ?? true });
}
