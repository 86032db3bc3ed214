import { type Sid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { sortSids } from '../directory/order.js';
import type { LocalGroup } from './localGroup.js';
import { LOCAL_GROUP_KEYS, localGroupKey } from './localGroupKeys.js';
import type { MachineInit } from './machineInit.js';

/**
 * @internal A machine's built-in local groups, sorted by SID: the default members (from
 * {@link defaultLocalGroupMembers}, a map this adds to) plus the declared ones, as `net localgroup … /add` adds
 * members without removing Windows' own. A group that is not built in is a model error: the model has no custom
 * local groups, so an unknown name is more likely a typo than a group.
 * @see "Local Accounts" (default local groups),
 * https://learn.microsoft.com/windows/security/identity-protection/access-control/local-accounts
 */
export function buildLocalGroups(
  members: Map<Sid, Set<Sid>>,
  declared: NonNullable<MachineInit['localGroupMembers']>,
  resolve: (member: string) => Sid,
): LocalGroup[] {
  for (const [groupName, list] of Object.entries(declared)) {
    const key = localGroupKey(groupName);
    if (key === undefined) throw new TypeError(`machine: unknown local group "${groupName}"`);
    for (const m of list) members.get(WELL_KNOWN_SIDS[key].sid)?.add(resolve(m));
  }
  return LOCAL_GROUP_KEYS.map((key) =>
    Object.freeze({
      sid: WELL_KNOWN_SIDS[key].sid,
      name: WELL_KNOWN_SIDS[key].name.replace(/^BUILTIN\\/, ''),
      members: Object.freeze(sortSids(members.get(WELL_KNOWN_SIDS[key].sid) ?? [])),
    }),
  ).sort((a, b) => (a.sid.rid ?? 0) - (b.sid.rid ?? 0));
}
