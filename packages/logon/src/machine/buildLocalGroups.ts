import { type Sid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { sortSids } from '../directory/order.js';
import type { LocalGroup } from './localGroup.js';
import { LOCAL_GROUP_KEYS, localGroupKey, localGroupKeys } from './localGroupKeys.js';
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
  role = 'server',
): LocalGroup[] {
  const keys = localGroupKeys(role);
  for (const [groupName, list] of Object.entries(declared)) {
    const key = localGroupKey(groupName, keys);
    if (key === undefined) {
      const dcOnly = localGroupKey(groupName, localGroupKeys('domainController')) !== undefined;
      throw new TypeError(
        `machine: unknown local group "${groupName}"${dcOnly ? ' (it exists on domain controllers only)' : ''}`,
      );
    }
    for (const m of list) members.get(WELL_KNOWN_SIDS[key].sid)?.add(resolve(m));
  }
  // A domain controller's own BUILTIN groups are listed only when they have members: they are the domain's.
  const listed = keys.filter(
    (key) => LOCAL_GROUP_KEYS.includes(key) || (members.get(WELL_KNOWN_SIDS[key].sid)?.size ?? 0) > 0,
  );
  return listed
    .map((key) =>
      Object.freeze({
        sid: WELL_KNOWN_SIDS[key].sid,
        name: WELL_KNOWN_SIDS[key].name.replace(/^BUILTIN\\/, ''),
        members: Object.freeze(sortSids(members.get(WELL_KNOWN_SIDS[key].sid) ?? [])),
      }),
    )
    .sort((a, b) => (a.sid.rid ?? 0) - (b.sid.rid ?? 0));
}
