import { domainOf, type Sid } from '@doublehop/core-token';
import type { Directory } from './directory.js';
import { indexOf } from './directoryIndex.js';
import type { Domain } from './domain.js';

/**
 * The domain whose SID a SID belongs to (the account's domain), if it is a domain of the directory.
 *
 * @param dir - the directory
 * @param value - an account SID `S-1-5-21-a-b-c-RID` or a domain SID
 * @returns the domain, or `undefined`
 * @example
 * ```ts
 * import { directory, domainOfSid } from '@doublehop/logon';
 * import { sid } from '@doublehop/core-token';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', sid: 'S-1-5-21-1-2-3' }] });
 * domainOfSid(dir, sid('S-1-5-21-1-2-3-1104'))?.dnsName; // 'corp.example'
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export function domainOfSid(dir: Directory, value: Sid): Domain | undefined {
  const index = indexOf(dir);
  const own = index.domainsBySid.get(value);
  if (own !== undefined) return own;
  const parent = domainOf(value);
  return parent === undefined ? undefined : index.domainsBySid.get(parent);
}
