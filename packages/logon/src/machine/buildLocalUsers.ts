import { DOMAIN_RIDS, type Sid, sidWithRid } from '@doublehop/core-token';
import { compareText } from '../directory/order.js';
import type { LocalUser } from './localUser.js';
import type { MachineInit } from './machineInit.js';
import type { MachineRole } from './userRights.js';

/**
 * @internal The local accounts of a machine's SAM, sorted by RID. Setup always creates Administrator (500;
 * enabled on servers, disabled on workstations), Guest (501) and DefaultAccount (503), both
 * disabled; a declaration with one of their names sets its password and enabled flag instead of adding an
 * account. Other declared accounts take RIDs from 1000 up in name order unless they give one, and two accounts on
 * one RID are a model error, as a SAM cannot hold them. A domain controller has none: its SAM is the domain's.
 * @see "Local Accounts" (Administrator, Guest, DefaultAccount),
 * https://learn.microsoft.com/windows/security/identity-protection/access-control/local-accounts;
 * MS-DTYP 2.4.2.4 (well-known RIDs)
 */
export function buildLocalUsers(
  declared: NonNullable<MachineInit['localUsers']>,
  role: MachineRole,
  machineSid: Sid,
): LocalUser[] {
  const localUsers: LocalUser[] = [];
  if (role === 'domainController') return localUsers;
  const extra = [...declared].sort((a, b) => compareText(a.name, b.name));
  const builtIn = [
    {
      name: DOMAIN_RIDS.ADMINISTRATOR.name,
      rid: DOMAIN_RIDS.ADMINISTRATOR.rid,
      enabled: role !== 'workstation',
    },
    { name: DOMAIN_RIDS.GUEST.name, rid: DOMAIN_RIDS.GUEST.rid, enabled: false },
    { name: 'DefaultAccount', rid: 503, enabled: false },
  ];
  const used = new Set<number>();
  for (const b of builtIn) {
    const override = extra.find((u) => u.name.toLowerCase() === b.name.toLowerCase());
    localUsers.push(
      Object.freeze({
        name: b.name,
        sid: sidWithRid(machineSid, b.rid),
        password: override?.password ?? null,
        enabled: override?.enabled ?? b.enabled,
      }),
    );
    used.add(b.rid);
  }
  let next = 1000;
  for (const u of extra) {
    if (builtIn.some((b) => b.name.toLowerCase() === u.name.toLowerCase())) continue;
    let rid = u.rid;
    if (rid === undefined) {
      while (used.has(next)) next++;
      rid = next;
    }
    if (used.has(rid)) throw new TypeError(`machine: two local accounts with RID ${rid}`);
    used.add(rid);
    localUsers.push(
      Object.freeze({
        name: u.name,
        sid: sidWithRid(machineSid, rid),
        password: u.password ?? null,
        enabled: u.enabled ?? true,
      }),
    );
  }
  return localUsers.sort((a, b) => (a.sid.rid ?? 0) - (b.sid.rid ?? 0));
}
