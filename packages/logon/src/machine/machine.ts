import type { Sid } from '@doublehop/core-token';
import { derivedDomainSid } from '../directory/derivedSid.js';
import type { Directory } from '../directory/directory.js';
import { sortSids } from '../directory/order.js';
import { buildLocalGroups } from './buildLocalGroups.js';
import { buildLocalUsers } from './buildLocalUsers.js';
import { buildUserRights } from './buildUserRights.js';
import { defaultLocalGroupMembers } from './defaultLocalGroupMembers.js';
import type { LocalGroup } from './localGroup.js';
import { localMemberResolver } from './localMemberResolver.js';
import type { LocalUser } from './localUser.js';
import { machineDomain } from './machineDomain.js';
import type { MachineInit } from './machineInit.js';
import { requireSid } from './requireSid.js';
import type { MachineRole, UserRight } from './userRights.js';

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
  const domain = machineDomain(init.domain, name, role, dir);
  const machineSid =
    init.machineSid === undefined
      ? role === 'domainController'
        ? (domain.sid as Sid)
        : derivedDomainSid(`machine:${name}`)
      : typeof init.machineSid === 'string'
        ? requireSid(init.machineSid)
        : init.machineSid;
  const localUsers = buildLocalUsers(init.localUsers ?? [], role, machineSid);
  // Names in the declaration resolve once the local accounts exist, so `.\admin` can join a group.
  const resolve = localMemberResolver(name, localUsers, domain.dnsName, dir);
  const iis = init.iis ?? false;
  const localGroups = buildLocalGroups(
    defaultLocalGroupMembers(role, machineSid, domain, iis),
    init.localGroupMembers ?? {},
    resolve,
    role,
  );
  const userRights = buildUserRights(role, machineSid, init.userRights ?? {}, resolve);

  return Object.freeze({
    name,
    dnsHostName: domain.dnsName === null ? name.toLowerCase() : `${name.toLowerCase()}.${domain.dnsName}`,
    domain: domain.dnsName,
    computerAccount: domain.computerAccount,
    role,
    machineSid,
    localUsers: Object.freeze(localUsers),
    localGroups: Object.freeze(localGroups),
    userRights: Object.freeze(userRights),
    uac: init.uac ?? true,
    filterAdministratorToken: init.filterAdministratorToken ?? false,
    localAccountTokenFilterPolicy: init.localAccountTokenFilterPolicy ?? false,
    credentialGuard: init.credentialGuard ?? false,
    domainControllerReachable: init.domainControllerReachable ?? true,
    iis,
    cachedLogons: Object.freeze(sortSids((init.cachedLogons ?? []).map(resolve))),
  });
}
