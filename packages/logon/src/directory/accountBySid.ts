import type { Sid } from '@doublehop/core-token';
import type { Account } from './account.js';
import type { Directory } from './directory.js';
import { indexOf } from './directoryIndex.js';

/**
 * Finds an account by SID.
 *
 * @param dir - the directory
 * @param value - the account's objectSid
 * @returns the account, or `undefined`
 * @example
 * ```ts
 * import { accountBySid, directory } from '@doublehop/logon';
 * import { sid } from '@doublehop/core-token';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', sid: 'S-1-5-21-1-2-3' }] });
 * accountBySid(dir, sid('S-1-5-21-1-2-3-502'))?.samAccountName; // 'krbtgt'
 * ```
 * @see MS-ADTS 3.1.1.1.5 (objectSid)
 */
export function accountBySid(dir: Directory, value: Sid): Account | undefined {
  return indexOf(dir).bySid.get(value);
}
