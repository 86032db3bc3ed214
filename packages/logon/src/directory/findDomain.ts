import type { Directory } from './directory.js';
import { indexOf } from './directoryIndex.js';
import type { Domain } from './domain.js';

/**
 * Finds a domain by DNS or NetBIOS name (case-insensitive).
 *
 * @param dir - the directory
 * @param name - `corp.example` or `CORP`
 * @returns the domain, or `undefined`
 * @example
 * ```ts
 * import { directory, findDomain } from '@doublehop/logon';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example' }] });
 * findDomain(dir, 'CORP')?.dnsName; // 'corp.example'
 * ```
 * @see MS-ADTS 6.1.1.2.1
 */
export function findDomain(dir: Directory, name: string): Domain | undefined {
  return indexOf(dir).domains.get(name.toLowerCase());
}
