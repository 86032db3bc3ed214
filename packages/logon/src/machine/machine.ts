import {
  DOMAIN_RIDS,
  parseSid,
  type Sid,
  sidWithRid,
  WELL_KNOWN_SIDS,
  type WellKnownSidKey,
} from '@doublehop/core-token';
import { derivedDomainSid } from '../directory/derivedSid.js';
import type { Directory } from '../directory/directory.js';
import { findAccount } from '../directory/findAccount.js';
import { findDomain } from '../directory/findDomain.js';
import { compareText, sortSids } from '../directory/order.js';
import { defaultUserRights, type MachineRole, USER_RIGHTS, type UserRight } from './userRights.js';

/**
 * A local account in a machine's SAM database (`WEB01\admin`).
 *
 * @example
 * ```ts
 * import { machine } from '@doublehop/logon';
 *
 * const ws = machine({ name: 'WS01', role: 'workstation', machineSid: 'S-1-5-21-9-9-9' });
 * ws.localUsers.map((u) => `${u.name}:${u.enabled}`); // ['Administrator:false', 'Guest:false', 'DefaultAccount:false']
 * ```
 * @see "Local Accounts", https://learn.microsoft.com/windows/security/identity-protection/access-control/local-accounts
 */
export interface LocalUser {
  /** The account name. */
  readonly name: string;
  /** The machine SID plus the RID (500 Administrator, 501 Guest, 503 DefaultAccount, 1000 and up for others). */
  readonly sid: Sid;
  /** The password the model checks; `null` for none (password logons fail). */
  readonly password: string | null;
  /** `false` for a disabled account. */
  readonly enabled: boolean;
}

/**
 * A machine-local group (`BUILTIN\Administrators`, `BUILTIN\Users` …) and its members on this machine.
 *
 * @example
 * ```ts
 * import type { LocalGroup } from '@doublehop/logon';
 *
 * const memberCount = (g: LocalGroup): number => g.members.length;
 * ```
 * @see "Local Accounts" (default local groups)
 */
export interface LocalGroup {
  /** The group's SID (`S-1-5-32-…` for the built-in groups). */
  readonly sid: Sid;
  /** The group name without `BUILTIN\`. */
  readonly name: string;
  /** Members: local users, domain accounts and groups, or well-known SIDs such as INTERACTIVE; sorted. */
  readonly members: readonly Sid[];
}

/**
 * A Windows machine's identity and local security policy: its computer account, local accounts and groups,
 * User Rights Assignment, and the switches that change logons (UAC, Credential Guard, whether a domain
 * controller answers).
 *
 * @example
 * ```ts
 * import { directory, machine } from '@doublehop/logon';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }], accounts: [{ kind: 'computer', samAccountName: 'WEB01' }] });
 * const web01 = machine({ name: 'WEB01', domain: 'corp.example' }, dir);
 * web01.dnsHostName; // 'web01.corp.example'
 * web01.uac;         // true
 * ```
 * @see "User Rights Assignment"; "How User Account Control works",
 * https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works
 */
export interface Machine {
  /** The computer name (NetBIOS, upper case). */
  readonly name: string;
  /** The DNS host name (`web01.corp.example`, or the lower-case name in a workgroup). */
  readonly dnsHostName: string;
  /** The DNS name of the domain the machine is joined to, or `null` in a workgroup. */
  readonly domain: string | null;
  /** The computer account (`WEB01$`) SID in the domain, or `null` in a workgroup or if the directory lacks it. */
  readonly computerAccount: Sid | null;
  /** Workstation, server or domain controller. */
  readonly role: MachineRole;
  /** The local account domain SID (the domain SID on a domain controller, which has no local accounts). */
  readonly machineSid: Sid;
  /** Local accounts, sorted by RID. */
  readonly localUsers: readonly LocalUser[];
  /** Local groups, sorted by SID. */
  readonly localGroups: readonly LocalGroup[];
  /** User Rights Assignment: the SIDs holding each right (absent: no one); sorted. */
  readonly userRights: Readonly<Partial<Record<UserRight, readonly Sid[]>>>;
  /** UAC "Run all administrators in Admin Approval Mode" (EnableLUA). */
  readonly uac: boolean;
  /** "Admin Approval Mode for the Built-in Administrator account" (FilterAdministratorToken). */
  readonly filterAdministratorToken: boolean;
  /** LocalAccountTokenFilterPolicy: `true` turns off UAC remote restrictions for local accounts. */
  readonly localAccountTokenFilterPolicy: boolean;
  /** Credential Guard: the logon sessions' secrets live in the isolated LSA (LSAIso). */
  readonly credentialGuard: boolean;
  /** Whether a domain controller (KDC and Netlogon) of the machine's domain answers. */
  readonly domainControllerReachable: boolean;
  /** Whether IIS is installed (adds IUSR to IIS_IUSRS). */
  readonly iis: boolean;
  /** Domain accounts with a cached logon verifier on this machine (for CACHED_INTERACTIVE), sorted. */
  readonly cachedLogons: readonly Sid[];
}

/**
 * What {@link machine} accepts; only the name is required.
 *
 * @example
 * ```ts
 * import type { MachineInit } from '@doublehop/logon';
 *
 * const init: MachineInit = {
 *   name: 'APP01', domain: 'corp.example',
 *   localGroupMembers: { 'Remote Desktop Users': ['CORP\\billy'] },
 *   userRights: { SeDenyBatchLogonRight: ['CORP\\svc-report'] },
 * };
 * ```
 */
export interface MachineInit {
  /** The computer name. */
  readonly name: string;
  /** The domain (DNS or NetBIOS name); omitted for a workgroup machine. */
  readonly domain?: string;
  /** Default `'server'`. */
  readonly role?: MachineRole;
  /** Default: derived deterministically from the name (the domain SID on a domain controller). */
  readonly machineSid?: Sid | string;
  /** Extra local accounts (Administrator, Guest and DefaultAccount always exist, except on a DC). */
  readonly localUsers?: readonly {
    /** The account name. */
    readonly name: string;
    /** Its password. */
    readonly password?: string;
    /** Default: 1000 and up, in name order. */
    readonly rid?: number;
    /** Default `true` (for Administrator: `true` on a server, `false` on a workstation). */
    readonly enabled?: boolean;
  }[];
  /** Members added to local groups, by group name: local user names, `DOMAIN\name`, or SID strings. */
  readonly localGroupMembers?: Readonly<Record<string, readonly string[]>>;
  /** Rights replaced (not merged) with these holders: names as in `localGroupMembers` or `BUILTIN\…` / well-known names. */
  readonly userRights?: Readonly<Partial<Record<UserRight, readonly string[]>>>;
  /** Default `true`. */
  readonly uac?: boolean;
  /** Default `false`. */
  readonly filterAdministratorToken?: boolean;
  /** Default `false`. */
  readonly localAccountTokenFilterPolicy?: boolean;
  /** Default `false`. */
  readonly credentialGuard?: boolean;
  /** Default `true`. */
  readonly domainControllerReachable?: boolean;
  /** Default `false`. */
  readonly iis?: boolean;
  /** Domain accounts whose logon verifier is cached (they logged on here before). */
  readonly cachedLogons?: readonly string[];
}

const LOCAL_GROUP_KEYS: readonly WellKnownSidKey[] = [
  'BUILTIN_ADMINISTRATORS',
  'BUILTIN_USERS',
  'BUILTIN_GUESTS',
  'POWER_USERS',
  'BACKUP_OPERATORS',
  'REPLICATOR',
  'REMOTE_DESKTOP_USERS',
  'NETWORK_CONFIGURATION_OPERATORS',
  'PERFORMANCE_MONITOR_USERS',
  'PERFORMANCE_LOG_USERS',
  'DISTRIBUTED_COM_USERS',
  'IIS_IUSRS',
  'CRYPTOGRAPHIC_OPERATORS',
  'EVENT_LOG_READERS',
  'ACCESS_CONTROL_ASSISTANCE_OPERATORS',
  'REMOTE_MANAGEMENT_USERS',
  'HYPER_V_ADMINISTRATORS',
];

/**
 * Builds a {@link Machine} with Windows' defaults: the local accounts Administrator (500; enabled on servers,
 * disabled on workstations), Guest (501, disabled) and DefaultAccount (503, disabled); the built-in local
 * groups, where joining a domain puts **Domain Admins in Administrators**, **Domain Users in Users** and
 * Domain Guests in Guests, and Users always holds INTERACTIVE and Authenticated Users; and the default User
 * Rights Assignment of {@link defaultUserRights}.
 *
 * @param init - the machine's name, domain and any departures from the defaults
 * @param dir - the directory, required for a domain-joined machine
 * @returns a frozen machine
 * @throws TypeError - `machine: …` for a model error: a domain without a directory, an unknown domain, group or
 * member name
 * @example
 * ```ts
 * import { directory, machine } from '@doublehop/logon';
 * import { sidDisplayName } from '@doublehop/core-token';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' }] });
 * const web01 = machine({ name: 'WEB01', domain: 'CORP' }, dir);
 * const admins = web01.localGroups.find((g) => g.name === 'Administrators');
 * admins?.members.map((m) => m.text).includes('S-1-5-21-1-2-3-512'); // true
 * ```
 * @see "Local Accounts", https://learn.microsoft.com/windows/security/identity-protection/access-control/local-accounts;
 * "Active Directory security groups" (Domain Admins, Domain Users); "User Rights Assignment"
 */
export function machine(init: MachineInit, dir?: Directory): Machine {
  const role = init.role ?? 'server';
  const name = init.name.toUpperCase();
  let domainName: string | null = null;
  let domainSid: Sid | null = null;
  let computerAccount: Sid | null = null;
  if (init.domain !== undefined) {
    if (dir === undefined)
      throw new TypeError(`machine: "${name}" is joined to a domain; pass the directory`);
    const domain = findDomain(dir, init.domain);
    if (domain === undefined) throw new TypeError(`machine: unknown domain "${init.domain}"`);
    domainName = domain.dnsName;
    domainSid = domain.sid;
    const account = findAccount(dir, `${domain.dnsName}\\${name}$`);
    computerAccount = account?.sid ?? null;
  }
  if (role === 'domainController' && domainSid === null) {
    throw new TypeError(`machine: domain controller "${name}" needs a domain`);
  }
  const machineSid =
    init.machineSid === undefined
      ? role === 'domainController'
        ? (domainSid as Sid)
        : derivedDomainSid(`machine:${name}`)
      : typeof init.machineSid === 'string'
        ? requireSid(init.machineSid)
        : init.machineSid;

  // Local accounts (a DC has none: its "local" accounts are the domain's).
  const localUsers: LocalUser[] = [];
  if (role !== 'domainController') {
    const extra = [...(init.localUsers ?? [])].sort((a, b) => compareText(a.name, b.name));
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
    localUsers.sort((a, b) => (a.sid.rid ?? 0) - (b.sid.rid ?? 0));
  }

  const resolve = (member: string): Sid => {
    if (/^S-1-/i.test(member)) return requireSid(member);
    const slash = member.indexOf('\\');
    const prefix = slash < 0 ? null : member.slice(0, slash).toUpperCase();
    const bare = slash < 0 ? member : member.slice(slash + 1);
    if (prefix === null || prefix === '.' || prefix === name) {
      const l = localUsers.find((u) => u.name.toLowerCase() === bare.toLowerCase());
      if (l !== undefined) return l.sid;
    }
    const wellKnown = Object.values(WELL_KNOWN_SIDS).find(
      (w) =>
        w.name.toLowerCase() === member.toLowerCase() ||
        w.name.toLowerCase().endsWith(`\\${member.toLowerCase()}`),
    );
    if (
      wellKnown !== undefined &&
      (prefix === null || prefix === 'BUILTIN' || prefix === 'NT AUTHORITY' || prefix === 'NT SERVICE')
    ) {
      return wellKnown.sid;
    }
    if (dir !== undefined) {
      const account = findAccount(dir, member, domainName ?? undefined);
      if (account !== undefined) return account.sid;
    }
    throw new TypeError(`machine: unknown account "${member}" on ${name}`);
  };

  // Local groups with their default and declared members.
  const members = new Map<Sid, Set<Sid>>();
  for (const key of LOCAL_GROUP_KEYS) members.set(WELL_KNOWN_SIDS[key].sid, new Set());
  const add = (group: Sid, member: Sid): void => {
    members.get(group)?.add(member);
  };
  const W = WELL_KNOWN_SIDS;
  if (role === 'domainController') {
    const ds = domainSid as Sid;
    add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(ds, DOMAIN_RIDS.ADMINISTRATOR.rid));
    add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(ds, DOMAIN_RIDS.DOMAIN_ADMINS.rid));
    const root =
      dir === undefined || domainName === null
        ? undefined
        : findDomain(dir, findDomain(dir, domainName)?.forest ?? domainName);
    if (root !== undefined)
      add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(root.sid, DOMAIN_RIDS.ENTERPRISE_ADMINS.rid));
    add(W.BUILTIN_GUESTS.sid, sidWithRid(ds, DOMAIN_RIDS.GUEST.rid));
  } else {
    add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(machineSid, DOMAIN_RIDS.ADMINISTRATOR.rid));
    add(W.BUILTIN_GUESTS.sid, sidWithRid(machineSid, DOMAIN_RIDS.GUEST.rid));
  }
  add(W.BUILTIN_USERS.sid, W.INTERACTIVE.sid);
  add(W.BUILTIN_USERS.sid, W.AUTHENTICATED_USERS.sid);
  if (domainSid !== null) {
    if (role !== 'domainController')
      add(W.BUILTIN_ADMINISTRATORS.sid, sidWithRid(domainSid, DOMAIN_RIDS.DOMAIN_ADMINS.rid));
    add(W.BUILTIN_USERS.sid, sidWithRid(domainSid, DOMAIN_RIDS.DOMAIN_USERS.rid));
    add(W.BUILTIN_GUESTS.sid, sidWithRid(domainSid, DOMAIN_RIDS.DOMAIN_GUESTS.rid));
  }
  const iis = init.iis ?? false;
  if (iis) add(W.IIS_IUSRS.sid, W.IUSR.sid);
  for (const [groupName, list] of Object.entries(init.localGroupMembers ?? {})) {
    const key = LOCAL_GROUP_KEYS.find(
      (k) =>
        WELL_KNOWN_SIDS[k].name.toLowerCase() ===
        `builtin\\${groupName.toLowerCase().replace(/^builtin\\/, '')}`,
    );
    if (key === undefined) throw new TypeError(`machine: unknown local group "${groupName}"`);
    for (const m of list) add(WELL_KNOWN_SIDS[key].sid, resolve(m));
  }
  const localGroups: LocalGroup[] = LOCAL_GROUP_KEYS.map((key) =>
    Object.freeze({
      sid: WELL_KNOWN_SIDS[key].sid,
      name: WELL_KNOWN_SIDS[key].name.replace(/^BUILTIN\\/, ''),
      members: Object.freeze(sortSids(members.get(WELL_KNOWN_SIDS[key].sid) ?? [])),
    }),
  ).sort((a, b) => (a.sid.rid ?? 0) - (b.sid.rid ?? 0));

  const rights: Partial<Record<UserRight, readonly Sid[]>> = { ...defaultUserRights(role, machineSid) };
  for (const [right, holders] of Object.entries(init.userRights ?? {}) as [UserRight, readonly string[]][]) {
    if (!USER_RIGHTS.includes(right)) throw new TypeError(`machine: unknown user right "${right}"`);
    rights[right] = Object.freeze(sortSids(holders.map(resolve)));
  }

  return Object.freeze({
    name,
    dnsHostName: domainName === null ? name.toLowerCase() : `${name.toLowerCase()}.${domainName}`,
    domain: domainName,
    computerAccount,
    role,
    machineSid,
    localUsers: Object.freeze(localUsers),
    localGroups: Object.freeze(localGroups),
    userRights: Object.freeze(rights),
    uac: init.uac ?? true,
    filterAdministratorToken: init.filterAdministratorToken ?? false,
    localAccountTokenFilterPolicy: init.localAccountTokenFilterPolicy ?? false,
    credentialGuard: init.credentialGuard ?? false,
    domainControllerReachable: init.domainControllerReachable ?? true,
    iis,
    cachedLogons: Object.freeze(sortSids((init.cachedLogons ?? []).map(resolve))),
  });
}

function requireSid(text: string): Sid {
  const parsed = parseSid(text);
  if (!parsed.ok) throw new TypeError(`machine: "${text}" is not a valid SID`);
  return parsed.value;
}
