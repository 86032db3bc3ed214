import {
  PRIVILEGE_ATTRIBUTES,
  PRIVILEGES,
  type PrivilegeName,
  type Sid,
  type TokenPrivilege,
} from '@doublehop/core-token';
import type { Machine } from '../machine/machine.js';

/**
 * The privileges LSA turns on when it creates a logon token: SeChangeNotifyPrivilege, SeImpersonatePrivilege
 * and SeCreateGlobalPrivilege are enabled by default; every other privilege is present but disabled until
 * AdjustTokenPrivileges enables it (as `whoami /priv` shows).
 */
const ENABLED_BY_DEFAULT = new Set<PrivilegeName>([
  'SeChangeNotifyPrivilege',
  'SeImpersonatePrivilege',
  'SeCreateGlobalPrivilege',
]);

const ON = PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED | PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED_BY_DEFAULT;

/**
 * @internal The privileges a logon's token holds: every privilege whose User Rights Assignment names the user
 * or one of its enabled groups, in LUID order.
 */
export function logonPrivileges(machine: Machine, sids: readonly Sid[]): TokenPrivilege[] {
  const held = new Set(sids);
  const result: TokenPrivilege[] = [];
  for (const p of Object.values(PRIVILEGES).sort((a, b) => a.luid - b.luid)) {
    const holders = machine.userRights[p.name] ?? [];
    if (holders.some((h) => held.has(h))) {
      result.push(Object.freeze({ name: p.name, attributes: ENABLED_BY_DEFAULT.has(p.name) ? ON : 0 }));
    }
  }
  return result;
}

/**
 * The privileges enabled in the SYSTEM token (it holds every privilege intrinsically, not through policy), as
 * `whoami /priv` shows them in a SYSTEM shell.
 */
const SYSTEM_ENABLED = new Set<PrivilegeName>([
  'SeTcbPrivilege',
  'SeLockMemoryPrivilege',
  'SeSystemProfilePrivilege',
  'SeProfileSingleProcessPrivilege',
  'SeIncreaseBasePriorityPrivilege',
  'SeCreatePagefilePrivilege',
  'SeCreatePermanentPrivilege',
  'SeDebugPrivilege',
  'SeAuditPrivilege',
  'SeChangeNotifyPrivilege',
  'SeImpersonatePrivilege',
  'SeCreateGlobalPrivilege',
  'SeIncreaseWorkingSetPrivilege',
  'SeTimeZonePrivilege',
  'SeCreateSymbolicLinkPrivilege',
  'SeDelegateSessionUserImpersonatePrivilege',
]);

/** @internal SYSTEM's privileges: all of them, the usual ones enabled. */
export function systemPrivileges(): TokenPrivilege[] {
  return Object.values(PRIVILEGES)
    .sort((a, b) => a.luid - b.luid)
    .map((p) => Object.freeze({ name: p.name, attributes: SYSTEM_ENABLED.has(p.name) ? ON : 0 }));
}
