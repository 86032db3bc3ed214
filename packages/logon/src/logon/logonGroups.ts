import {
  DEFAULT_GROUP_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  type Sid,
  type SidAndAttributes,
  serviceSid,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { directoryGroups } from '../directory/directoryGroups.js';
import { compareSids } from '../directory/order.js';
import type { Machine } from '../machine/machine.js';
import { isInteractiveLogon, isNetworkLogon, LOGON_TYPES, type LogonTypeName } from './logonType.js';
import type { Lsa } from './lsa.js';
import { machineMemo } from './machineMemo.js';
import type { Principal } from './principal.js';

/** @internal What decides a logon's groups besides the account. */
export interface LogonGroupContext {
  readonly logonType: LogonTypeName;
  readonly protocol: 'Kerberos' | 'NTLM' | null;
  /** S-1-18-1 (the KDC verified a secret) or S-1-18-2 (a service asserted the identity: S4U). */
  readonly asserted: 'authority' | 'service' | null;
  readonly serviceName: string | null;
  readonly logonSid: Sid;
  /** Selective authentication across a trust: Other Organization instead of This Organization. */
  readonly otherOrganization: boolean;
}

const W = WELL_KNOWN_SIDS;
const CONSOLE_TYPES: ReadonlySet<LogonTypeName> = new Set([
  'Interactive',
  'Unlock',
  'CachedInteractive',
  'Batch',
  'Service',
]);

/**
 * @internal The groups LSA puts in a logon's token, sorted by SID:
 * - the account's domain groups ({@link directoryGroups}, with the machine's domain as resource domain);
 * - Everyone and Authenticated Users;
 * - the logon-type group: INTERACTIVE (2, 7, 11, 10 — plus REMOTE INTERACTIVE LOGON for 10), NETWORK (3, 8),
 *   BATCH (4) or SERVICE (5); LOCAL for every logon that is not from the network; CONSOLE LOGON for logons in the
 *   console session (not Remote Desktop, not network);
 * - This Organization, or Other Organization across a selective-authentication trust;
 * - NTLM Authentication for logons MSV1_0 authenticated; S-1-18-1 or S-1-18-2 for Kerberos;
 * - Local account (S-1-5-113) for local accounts, and S-1-5-114 when they are local administrators;
 * - the service SID of a service logon, NT SERVICE\ALL SERVICES for an `NT SERVICE\x` virtual account,
 *   IIS_IUSRS for an application pool identity;
 * - the machine's local groups whose members include any SID so far (BUILTIN\Users holds INTERACTIVE and
 *   Authenticated Users, so every authenticated logon is in it);
 * - the logon SID (SE_GROUP_LOGON_ID).
 * Sources: "Special Identities" (https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-special-identities-groups);
 * "Security identifiers" (S-1-5-113/114, S-1-18-1/2, S-1-5-64-10); "Application Pool Identities" (IIS_IUSRS injection).
 */
export function logonGroups(lsa: Lsa, principal: Principal, ctx: LogonGroupContext): SidAndAttributes[] {
  const shared = sharedGroups(lsa, principal, ctx);
  // The logon SID is the one group each logon has of its own: added to the shared list in SID order.
  const logonSid = ctx.logonSid;
  if (logonSid === principal.sid) return [...shared];
  const logon = (others: number): SidAndAttributes =>
    Object.freeze({
      sid: logonSid,
      attributes: (others | GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID | DEFAULT_GROUP_ATTRIBUTES) >>> 0,
    });
  const groups: SidAndAttributes[] = [];
  let placed = false;
  // An index loop: for…of over a frozen array allocates an iterator result per element on V8.
  for (let i = 0; i < shared.length; i++) {
    const g = shared[i] as SidAndAttributes;
    const order = placed ? -1 : compareSids(g.sid, logonSid);
    if (order < 0) groups.push(g);
    else {
      groups.push(logon(order === 0 ? g.attributes : 0));
      if (order > 0) groups.push(g);
      placed = true;
    }
  }
  if (!placed) groups.push(logon(0));
  return groups;
}

/**
 * Every group of the logon but its logon SID, sorted, the account's own SID left out. It depends only on the
 * (frozen) machine and directory, the account and the logon's kind — not on the logon — so each combination
 * is worked out once: a template the logons of the account share.
 */
function sharedGroups(lsa: Lsa, principal: Principal, ctx: LogonGroupContext): readonly SidAndAttributes[] {
  // Keyed by the account's (interned) SID, then the account's and the logon's kinds packed in a number: no key
  // text to build.
  const byAccount = templatesOf(lsa);
  let templates = byAccount.get(principal.sid);
  if (templates === undefined) {
    templates = new Map();
    byAccount.set(principal.sid, templates);
  }
  const kind =
    LOGON_TYPES[ctx.logonType] +
    16 * (ctx.protocol === null ? 0 : ctx.protocol === 'Kerberos' ? 1 : 2) +
    64 * (ctx.asserted === null ? 0 : ctx.asserted === 'authority' ? 1 : 2) +
    256 * (ctx.otherOrganization ? 1 : 0) +
    1024 * PRINCIPAL_KINDS.indexOf(principal.kind);
  const key = ctx.serviceName === null ? kind : `${kind} ${ctx.serviceName}`;
  let shared = templates.get(key);
  if (shared === undefined) {
    shared = computeSharedGroups(lsa, principal, ctx);
    templates.set(key, shared);
  }
  return shared;
}

const templatesOf = machineMemo<Sid, Map<number | string, readonly SidAndAttributes[]>>();
const PRINCIPAL_KINDS: readonly Principal['kind'][] = ['builtin', 'virtual', 'local', 'domain'];

function computeSharedGroups(
  lsa: Lsa,
  principal: Principal,
  ctx: LogonGroupContext,
): readonly SidAndAttributes[] {
  const { machine, directory } = lsa;
  const groups = new Map<Sid, number>();
  const add = (s: Sid, attributes: number = DEFAULT_GROUP_ATTRIBUTES): void => {
    groups.set(s, (groups.get(s) ?? 0) | attributes);
  };
  if (principal.kind === 'domain' && directory !== null) {
    for (const g of directoryGroups(directory, principal.account, {
      resourceDomain: machine.domain ?? principal.dnsDomain,
    })) {
      add(g.sid, g.attributes);
    }
  }
  add(W.EVERYONE.sid);
  add(W.AUTHENTICATED_USERS.sid);
  const network = isNetworkLogon(ctx.logonType);
  if (isInteractiveLogon(ctx.logonType)) add(W.INTERACTIVE.sid);
  if (ctx.logonType === 'RemoteInteractive') add(W.REMOTE_INTERACTIVE_LOGON.sid);
  if (network) add(W.NETWORK.sid);
  if (ctx.logonType === 'Batch') add(W.BATCH.sid);
  if (ctx.logonType === 'Service') add(W.SERVICE.sid);
  if (!network) add(W.LOCAL.sid);
  if (CONSOLE_TYPES.has(ctx.logonType)) add(W.CONSOLE_LOGON.sid);
  add(ctx.otherOrganization ? W.OTHER_ORGANIZATION.sid : W.THIS_ORGANIZATION.sid);
  if (ctx.protocol === 'NTLM') add(W.NTLM_AUTHENTICATION.sid);
  if (ctx.asserted === 'authority') add(W.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY.sid);
  if (ctx.asserted === 'service') add(W.SERVICE_ASSERTED_IDENTITY.sid);
  if (principal.kind === 'local') add(W.LOCAL_ACCOUNT.sid);
  if (ctx.logonType === 'Service' && ctx.serviceName !== null) {
    const own = serviceSid(ctx.serviceName);
    if (own !== principal.sid) add(own, DEFAULT_GROUP_ATTRIBUTES | GROUP_ATTRIBUTES.SE_GROUP_OWNER);
  }
  if (principal.kind === 'virtual' && principal.domain === 'NT SERVICE') add(W.ALL_SERVICES.sid);
  if (principal.kind === 'virtual' && principal.domain === 'IIS APPPOOL') add(W.IIS_IUSRS.sid);

  for (const g of localGroupsOf(machine, [principal.sid, ...groups.keys()])) add(g);
  if (principal.kind === 'local' && groups.has(W.BUILTIN_ADMINISTRATORS.sid))
    add(W.LOCAL_ACCOUNT_AND_ADMINISTRATOR.sid);
  if (groups.has(W.BUILTIN_ADMINISTRATORS.sid))
    add(W.BUILTIN_ADMINISTRATORS.sid, GROUP_ATTRIBUTES.SE_GROUP_OWNER);
  groups.delete(principal.sid);
  return Object.freeze(
    [...groups]
      .map(([sid, attributes]) => Object.freeze({ sid, attributes: attributes >>> 0 }))
      .sort((a, b) => compareSids(a.sid, b.sid)),
  );
}

/**
 * @internal The machine's local groups that contain any of `sids`, closed under (local group) nesting and
 * cycle-safe.
 */
function localGroupsOf(machine: Machine, sids: readonly Sid[]): Sid[] {
  const parents = localParents(machine);
  const found = new Set<Sid>();
  const pending = [...sids];
  while (pending.length > 0) {
    for (const g of parents.get(pending.pop() as Sid) ?? []) {
      if (found.has(g)) continue;
      found.add(g);
      pending.push(g);
    }
  }
  return [...found];
}

/** Per machine, its local groups' membership inverted once: member SID → the local groups listing it. */
const memberships = new WeakMap<Machine, Map<Sid, Sid[]>>();
function localParents(machine: Machine): Map<Sid, Sid[]> {
  let parents = memberships.get(machine);
  if (parents === undefined) {
    parents = new Map();
    for (const g of machine.localGroups) {
      for (const m of g.members) {
        const list = parents.get(m);
        if (list === undefined) parents.set(m, [g.sid]);
        else list.push(g.sid);
      }
    }
    memberships.set(machine, parents);
  }
  return parents;
}
