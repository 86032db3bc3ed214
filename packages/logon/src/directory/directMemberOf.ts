import type { Sid } from '@doublehop/core-token';
import type { Directory } from './directory.js';
import { indexOf } from './directoryIndex.js';

/**
 * The groups that list a SID as a direct member (the memberOf back-link; for a foreign SID, the groups that
 * hold it as a foreign security principal), sorted.
 *
 * @param dir - the directory
 * @param member - any SID
 * @returns the direct parents
 * @example
 * ```ts
 * import { directMemberOf, directory } from '@doublehop/logon';
 * import { sid } from '@doublehop/core-token';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', sid: 'S-1-5-21-1-2-3' }] });
 * directMemberOf(dir, sid('S-1-5-21-1-2-3-500')).map((g) => g.text).includes('S-1-5-21-1-2-3-512'); // true
 * ```
 * @see MS-ADTS 3.1.1.4.5.14 (memberOf)
 */
export function directMemberOf(dir: Directory, member: Sid): readonly Sid[] {
  return indexOf(dir).memberOf.get(member) ?? [];
}
