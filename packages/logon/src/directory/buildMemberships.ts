import type { Sid } from '@doublehop/core-token';
import type { Domain } from './domain.js';
import type { AccountDraft } from './draftAccounts.js';

/** @internal The membership edges of a directory, both ways. */
export interface Memberships {
  /** Group → its direct members (the `member` attribute). */
  readonly members: ReadonlyMap<Sid, ReadonlySet<Sid>>;
  /** Member → the groups it is a direct member of (the `memberOf` back-link), unsorted. */
  readonly memberOf: ReadonlyMap<Sid, readonly Sid[]>;
}

/**
 * @internal Pass 2 of building a directory: `member` on groups and `memberOf` on accounts are the same edges, so
 * both declarations add to one set; only a group may have members.
 * @see MS-ADTS 3.1.1.4.5.14 (memberOf is the back-link of member)
 */
export function buildMemberships(
  drafts: readonly AccountDraft[],
  resolveMember: (name: string, context: Domain) => Sid,
): Memberships {
  const members = new Map<Sid, Set<Sid>>();
  const addEdge = (group: Sid, member: Sid): void => {
    const set = members.get(group) ?? new Set<Sid>();
    members.set(group, set);
    set.add(member);
  };
  for (const d of drafts) {
    for (const g of d.init.memberOf ?? []) addEdge(resolveMember(g, d.domain), d.sid);
    if (d.init.kind === 'group')
      for (const m of d.init.members ?? []) addEdge(d.sid, resolveMember(m, d.domain));
  }
  const groupSids = new Set(drafts.filter((d) => d.init.kind === 'group').map((d) => d.sid));
  for (const g of members.keys()) {
    if (!groupSids.has(g)) {
      const name = drafts.find((d) => d.sid === g)?.samAccountName ?? g.text;
      throw new TypeError(`directory: "${name}" has members but is not a group`);
    }
  }
  const memberOf = new Map<Sid, Sid[]>();
  for (const [g, ms] of members) {
    for (const m of ms) {
      const list = memberOf.get(m) ?? [];
      memberOf.set(m, list);
      list.push(g);
    }
  }
  return { members, memberOf };
}
