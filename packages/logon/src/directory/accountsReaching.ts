import { domainOf, type Sid, sidWithRid } from '@doublehop/core-token';
import { accountBySid } from './accountBySid.js';
import type { Directory } from './directory.js';
import { findDomain } from './findDomain.js';

/**
 * The users, computers and gMSAs whose token groups can include one of `groups`, in any domain they log on to: the
 * members of a group, directly or through nested groups of any scope, through their primary group, or through a
 * sIDHistory value that is (or is a nested member of) one of them — worked out once for the whole directory.
 *
 * @remarks
 * It over-approximates {@link directoryGroups} on purpose: it ignores group scope, security-enabled, the forest
 * boundary and SID filtering, which can only take a group out of a token. An account outside the set never has
 * one of the groups; one inside is decided exactly by {@link directoryGroups}. So a question such as "which of
 * these 150 000 accounts are privileged" expands the groups of the few that may be, rather than of every one.
 * @param dir - the directory
 * @param groups - the group SIDs (a SID the directory lacks reaches no one through membership)
 * @returns the SIDs of the accounts that may hold one of the groups
 * @example
 * ```ts
 * import { accountsReaching, directory, findAccount } from '@doublehop/logon';
 * import { sid } from '@doublehop/core-token';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', sid: 'S-1-5-21-1-2-3' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'ops', memberOf: ['Tier0'] },
 *     { kind: 'group', samAccountName: 'Tier0', memberOf: ['Domain Admins'] },
 *     { kind: 'user', samAccountName: 'alice' },
 *   ],
 * });
 * const admins = accountsReaching(dir, [sid('S-1-5-21-1-2-3-512')]);
 * admins.has(findAccount(dir, 'ops')?.sid ?? sid('S-1-0-0'));   // true
 * admins.has(findAccount(dir, 'alice')?.sid ?? sid('S-1-0-0')); // false
 * ```
 * @see MS-ADTS 3.1.1.4.5.14 (member, memberOf), 3.1.1.4.5.19 (primaryGroupID); MS-PAC 2.5 (ExtraSids: sIDHistory)
 */
export function accountsReaching(dir: Directory, groups: readonly Sid[]): ReadonlySet<Sid> {
  // Who holds each SID in its sIDHistory: such an account stands for that SID in a token.
  const historyHolders = new Map<Sid, Sid[]>();
  for (const a of dir.accounts) {
    for (const h of a.sidHistory) {
      const holders = historyHolders.get(h);
      if (holders === undefined) historyHolders.set(h, [a.sid]);
      else holders.push(a.sid);
    }
  }
  const reached = new Set<Sid>(groups);
  const pending = [...groups];
  const reach = (s: Sid): void => {
    if (reached.has(s)) return;
    reached.add(s);
    pending.push(s);
  };
  while (pending.length > 0) {
    const s = pending.pop() as Sid;
    const group = accountBySid(dir, s);
    if (group?.kind === 'group') for (const m of group.members) reach(m);
    for (const holder of historyHolders.get(s) ?? []) reach(holder);
  }
  const out = new Set<Sid>();
  for (const a of dir.accounts) {
    if (a.kind === 'group') continue;
    // The primary group SID as directoryGroups forms it: the RID in the account's own domain.
    const home = domainOf(a.sid) ?? findDomain(dir, a.domain)?.sid;
    if (reached.has(a.sid) || (home !== undefined && reached.has(sidWithRid(home, a.primaryGroupId)))) {
      out.add(a.sid);
    }
  }
  return out;
}
