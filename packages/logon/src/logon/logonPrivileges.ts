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
  const bySid = privilegesBySid(machine);
  let held: Held = NONE;
  for (const s of sids) held = union(held, bySid.get(s) ?? NONE);
  const result: TokenPrivilege[] = [];
  for (let i = 0; i < AS_GRANTED.length; i++) if (has(held, i)) result.push(AS_GRANTED[i] as TokenPrivilege);
  return result;
}

/**
 * A set of privileges, as bits over {@link AS_GRANTED} in two 32-bit halves (Windows has fewer than 64
 * privileges): a logon ORs its SIDs' sets together instead of asking each privilege about each SID.
 */
interface Held {
  readonly low: number;
  readonly high: number;
}

const NONE: Held = { low: 0, high: 0 };

function union(a: Held, b: Held): Held {
  return b === NONE ? a : { low: a.low | b.low, high: a.high | b.high };
}

function has(held: Held, i: number): boolean {
  return ((i < 32 ? held.low >>> i : held.high >>> (i - 32)) & 1) === 1;
}

/** Per machine, User Rights Assignment inverted once: each holder SID → the privileges it holds. */
const inverted = new WeakMap<Machine, Map<Sid, Held>>();
function privilegesBySid(machine: Machine): Map<Sid, Held> {
  let bySid = inverted.get(machine);
  if (bySid === undefined) {
    bySid = new Map();
    for (const [i, p] of AS_GRANTED.entries()) {
      const bit: Held = i < 32 ? { low: 1 << i, high: 0 } : { low: 0, high: 1 << (i - 32) };
      for (const holder of machine.userRights[p.name] ?? [])
        bySid.set(holder, union(bySid.get(holder) ?? NONE, bit));
    }
    inverted.set(machine, bySid);
  }
  return bySid;
}

/** Every privilege as a logon grants it, in LUID order: worked out once, shared by every token (frozen). */
const AS_GRANTED: readonly TokenPrivilege[] = Object.values(PRIVILEGES)
  .sort((a, b) => a.luid - b.luid)
  .map((p) => Object.freeze({ name: p.name, attributes: ENABLED_BY_DEFAULT.has(p.name) ? ON : 0 }));

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
