import { DOMAIN_RIDS, type Sid, sidWithRid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { localGroupKeys } from './localGroupKeys.js';
import type { MachineDomain } from './machineDomain.js';
import type { MachineRole } from './userRights.js';

/**
 * @internal The members Windows puts in a machine's built-in groups, one (possibly empty) set per group a
 * machine of the role has ({@link localGroupKeys}). On a domain controller the BUILTIN groups are the domain's, so Administrators holds
 * the domain's Administrator, Domain Admins and the forest root's Enterprise Admins, and Guests the domain's
 * Guest; elsewhere they hold the local Administrator and Guest, and joining a domain adds Domain Admins to
 * Administrators. Users always holds INTERACTIVE and Authenticated Users, a joined machine's also Domain Users
 * (and Guests, Domain Guests); installing IIS adds IUSR to IIS_IUSRS. These defaults are why a domain user can
 * log on anywhere and a Domain Admin administers every member.
 * @see "Active Directory security groups" (Administrators, Users, Guests),
 * https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups;
 * "Understanding Built-In User and Group Accounts in IIS",
 * https://learn.microsoft.com/iis/get-started/planning-for-security/understanding-built-in-user-and-group-accounts-in-iis
 */
export function defaultLocalGroupMembers(
  role: MachineRole,
  machineSid: Sid,
  domain: MachineDomain,
  iis: boolean,
): Map<Sid, Set<Sid>> {
  const members = new Map<Sid, Set<Sid>>();
  for (const key of localGroupKeys(role)) members.set(WELL_KNOWN_SIDS[key].sid, new Set());
  const add = (group: Sid, member: Sid): void => {
    members.get(group)?.add(member);
  };
  const W = WELL_KNOWN_SIDS;
  if (role === 'domainController') {
    // machineDomain refuses a domain controller without a domain.
    const ds = domain.sid as Sid;
    add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(ds, DOMAIN_RIDS.ADMINISTRATOR.rid));
    add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(ds, DOMAIN_RIDS.DOMAIN_ADMINS.rid));
    if (domain.forestRootSid !== null)
      add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(domain.forestRootSid, DOMAIN_RIDS.ENTERPRISE_ADMINS.rid));
    add(W.BUILTIN_GUESTS.sid, sidWithRid(ds, DOMAIN_RIDS.GUEST.rid));
  } else {
    add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(machineSid, DOMAIN_RIDS.ADMINISTRATOR.rid));
    add(W.BUILTIN_GUESTS.sid, sidWithRid(machineSid, DOMAIN_RIDS.GUEST.rid));
  }
  add(W.BUILTIN_USERS.sid, W.INTERACTIVE.sid);
  add(W.BUILTIN_USERS.sid, W.AUTHENTICATED_USERS.sid);
  if (domain.sid !== null) {
    if (role !== 'domainController')
      add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(domain.sid, DOMAIN_RIDS.DOMAIN_ADMINS.rid));
    add(W.BUILTIN_USERS.sid, sidWithRid(domain.sid, DOMAIN_RIDS.DOMAIN_USERS.rid));
    add(W.BUILTIN_GUESTS.sid, sidWithRid(domain.sid, DOMAIN_RIDS.DOMAIN_GUESTS.rid));
  }
  if (iis) add(W.IIS_IUSRS.sid, W.IUSR.sid);
  return members;
}
