import {
  DOMAIN_RIDS,
  PRIVILEGES,
  type PrivilegeName,
  type Sid,
  serviceSid,
  sidWithRid,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { sortSids } from '../directory/order.js';

/**
 * The account rights that decide which logon types an account may use; the `SeDeny…` rights override the
 * allow rights ("This policy setting supersedes the … policy setting if a user account is subject to both").
 *
 * @example
 * ```ts
 * import { LOGON_RIGHTS } from '@doublehop/logon';
 *
 * LOGON_RIGHTS.SeBatchLogonRight.displayName; // 'Log on as a batch job'
 * LOGON_RIGHTS.SeBatchLogonRight.deny;        // 'SeDenyBatchLogonRight'
 * ```
 * @see "Account Rights Constants", https://learn.microsoft.com/windows/win32/secauthz/account-rights-constants;
 * "User Rights Assignment", https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/user-rights-assignment
 */
export const LOGON_RIGHTS = {
  SeInteractiveLogonRight: { displayName: 'Allow log on locally', deny: 'SeDenyInteractiveLogonRight' },
  SeNetworkLogonRight: {
    displayName: 'Access this computer from the network',
    deny: 'SeDenyNetworkLogonRight',
  },
  SeBatchLogonRight: { displayName: 'Log on as a batch job', deny: 'SeDenyBatchLogonRight' },
  SeServiceLogonRight: { displayName: 'Log on as a service', deny: 'SeDenyServiceLogonRight' },
  SeRemoteInteractiveLogonRight: {
    displayName: 'Allow log on through Remote Desktop Services',
    deny: 'SeDenyRemoteInteractiveLogonRight',
  },
} as const;

/** An allow logon right, e.g. `'SeBatchLogonRight'`. */
export type AllowLogonRight = keyof typeof LOGON_RIGHTS;
/** A deny logon right, e.g. `'SeDenyBatchLogonRight'`. */
export type DenyLogonRight = (typeof LOGON_RIGHTS)[AllowLogonRight]['deny'];
/** A logon right or a privilege: the name of one User Rights Assignment entry. */
export type UserRight = AllowLogonRight | DenyLogonRight | PrivilegeName;

/**
 * Every user right, in a fixed order (logon rights, deny rights, then privileges by LUID).
 *
 * @example
 * ```ts
 * import { USER_RIGHTS } from '@doublehop/logon';
 *
 * USER_RIGHTS.includes('SeDenyNetworkLogonRight'); // true
 * ```
 * @see MS-GPSB 2.2.6 Privilege Rights
 */
export const USER_RIGHTS: readonly UserRight[] = Object.freeze([
  ...(Object.keys(LOGON_RIGHTS) as AllowLogonRight[]),
  ...Object.values(LOGON_RIGHTS).map((r) => r.deny),
  ...(Object.values(PRIVILEGES)
    .sort((a, b) => a.luid - b.luid)
    .map((p) => p.name) as PrivilegeName[]),
]);

/** The kind of machine, which selects Windows' default user rights and local groups. */
export type MachineRole = 'workstation' | 'server' | 'domainController';

const W = WELL_KNOWN_SIDS;
const ADMINS = W.BUILTIN_ADMINISTRATORS.sid;
const USERS = W.BUILTIN_USERS.sid;
const BACKUP = W.BACKUP_OPERATORS.sid;
const LS = W.LOCAL_SERVICE.sid;
const NS = W.NETWORK_SERVICE.sid;
const SERVICE = W.SERVICE.sid;
const EVERYONE = W.EVERYONE.sid;

/**
 * Windows' default User Rights Assignment for a machine — the "Member Server Effective Default Settings",
 * "Client Computer Effective Default Settings" (`workstation`) or "Domain Controller Effective Default
 * Settings" column of each right's page.
 *
 * @remarks
 * Sources, each the right's page under "User Rights Assignment" (learn.microsoft.com/windows/security/
 * threat-protection/security-policy-settings/…): access-this-computer-from-the-network, allow-log-on-locally,
 * allow-log-on-through-remote-desktop-services, log-on-as-a-batch-job, log-on-as-a-service,
 * deny-access-to-this-computer-from-the-network (Guest), deny-log-on-locally and deny-log-on-as-a-batch-job (not
 * defined), impersonate-a-client-after-authentication, and the privilege pages (debug-programs,
 * back-up-files-and-directories, …). Where the documentation and a real machine differ, the machine wins and
 * the difference is noted:
 * - **SeServiceLogonRight**: the page lists only NETWORK SERVICE (which holds the right "by definition", as do
 *   SYSTEM and LOCAL SERVICE — doublehop grants those three implicitly); an installed Windows also lists
 *   `NT SERVICE\ALL SERVICES` (S-1-5-80-0), which is how virtual service accounts get the right. Both are kept.
 * - Rights whose effective default is "Not defined" (SeTcbPrivilege, SeCreateTokenPrivilege, all deny rights but
 *   network …) are empty: SYSTEM holds every privilege intrinsically, not through policy.
 * `machineSid` is needed for the local Guest account (RID 501) in SeDenyNetworkLogonRight.
 * @param role - workstation, (member or stand-alone) server, or domain controller
 * @param machineSid - the machine's local account domain SID (the domain SID on a domain controller)
 * @returns a SID list per right (a right absent from the result is held by no one)
 * @example
 * ```ts
 * import { defaultUserRights } from '@doublehop/logon';
 * import { sid, sidDisplayName } from '@doublehop/core-token';
 *
 * const rights = defaultUserRights('server', sid('S-1-5-21-9-9-9'));
 * rights.SeImpersonatePrivilege?.map((s) => sidDisplayName(s));
 * // ['NT AUTHORITY\\SERVICE', 'NT AUTHORITY\\LOCAL SERVICE', 'NT AUTHORITY\\NETWORK SERVICE', 'BUILTIN\\Administrators']
 * rights.SeBatchLogonRight?.length; // 3
 * ```
 * @see "User Rights Assignment", https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/user-rights-assignment
 */
export function defaultUserRights(
  role: MachineRole,
  machineSid: Sid,
): Readonly<Partial<Record<UserRight, readonly Sid[]>>> {
  // Every right but one is the same on every machine of a role: build those once per role (a directory of
  // 50 000 computers builds 50 000 machines), and only the local Guest of SeDenyNetworkLogonRight per machine.
  const template = roleTemplate(role);
  const out: Partial<Record<UserRight, readonly Sid[]>> = {};
  for (const right of USER_RIGHTS) {
    if (right === 'SeDenyNetworkLogonRight') {
      out[right] = Object.freeze([sidWithRid(machineSid, DOMAIN_RIDS.GUEST.rid)]);
    } else {
      const holders = template[right];
      if (holders !== undefined) out[right] = holders;
    }
  }
  return Object.freeze(out);
}

const templates = new Map<MachineRole, Readonly<Partial<Record<UserRight, readonly Sid[]>>>>();

/** The machine-independent default rights of a role (SeDenyNetworkLogonRight is left to the caller). */
function roleTemplate(role: MachineRole): Readonly<Partial<Record<UserRight, readonly Sid[]>>> {
  const known = templates.get(role);
  if (known !== undefined) return known;
  const client = role === 'workstation';
  const dc = role === 'domainController';
  const rights: Partial<Record<UserRight, Sid[]>> = {
    // access-this-computer-from-the-network
    SeNetworkLogonRight: dc
      ? [
          EVERYONE,
          ADMINS,
          W.AUTHENTICATED_USERS.sid,
          W.ENTERPRISE_DOMAIN_CONTROLLERS.sid,
          W.PRE_WINDOWS_2000_COMPATIBLE_ACCESS.sid,
        ]
      : [EVERYONE, ADMINS, USERS, BACKUP],
    // allow-log-on-locally
    SeInteractiveLogonRight: dc
      ? [W.ACCOUNT_OPERATORS.sid, ADMINS, BACKUP, W.PRINT_OPERATORS.sid, W.SERVER_OPERATORS.sid]
      : [ADMINS, BACKUP, USERS],
    // allow-log-on-through-remote-desktop-services
    SeRemoteInteractiveLogonRight: dc ? [ADMINS] : [ADMINS, W.REMOTE_DESKTOP_USERS.sid],
    // log-on-as-a-batch-job
    SeBatchLogonRight: client ? [ADMINS] : [ADMINS, BACKUP, W.PERFORMANCE_LOG_USERS.sid],
    // log-on-as-a-service (+ ALL SERVICES as installed machines have it, see remarks)
    SeServiceLogonRight: [NS, W.ALL_SERVICES.sid],
    // deny-access-to-this-computer-from-the-network: the local Guest (defaultUserRights adds it per machine)
    // impersonate-a-client-after-authentication; create-global-objects
    SeImpersonatePrivilege: [ADMINS, LS, NS, SERVICE],
    SeCreateGlobalPrivilege: [ADMINS, LS, NS, SERVICE],
    // replace-a-process-level-token; generate-security-audits
    SeAssignPrimaryTokenPrivilege: [LS, NS],
    SeAuditPrivilege: [LS, NS],
    // adjust-memory-quotas-for-a-process
    SeIncreaseQuotaPrivilege: [ADMINS, LS, NS],
    // bypass-traverse-checking
    SeChangeNotifyPrivilege: [EVERYONE, ADMINS, USERS, BACKUP, LS, NS],
    // back-up-files-and-directories; restore-files-and-directories
    SeBackupPrivilege: [ADMINS, BACKUP],
    SeRestorePrivilege: [ADMINS, BACKUP],
    // shut-down-the-system
    SeShutdownPrivilege: client ? [ADMINS, BACKUP, USERS] : [ADMINS, BACKUP],
    // change-the-system-time; change-the-time-zone
    SeSystemtimePrivilege: [ADMINS, LS],
    SeTimeZonePrivilege: client ? [ADMINS, LS, USERS] : [ADMINS, LS],
    // remove-computer-from-docking-station; increase-a-process-working-set
    SeUndockPrivilege: client ? [ADMINS, USERS] : [ADMINS],
    SeIncreaseWorkingSetPrivilege: [USERS],
    // debug-programs and the other administrator-only privileges
    SeDebugPrivilege: [ADMINS],
    SeSecurityPrivilege: [ADMINS],
    SeTakeOwnershipPrivilege: [ADMINS],
    SeLoadDriverPrivilege: [ADMINS],
    SeSystemProfilePrivilege: [ADMINS, serviceSid('WdiServiceHost')],
    SeProfileSingleProcessPrivilege: [ADMINS],
    SeIncreaseBasePriorityPrivilege: [ADMINS],
    SeCreatePagefilePrivilege: [ADMINS],
    SeRemoteShutdownPrivilege: dc ? [ADMINS, W.SERVER_OPERATORS.sid] : [ADMINS],
    SeSystemEnvironmentPrivilege: [ADMINS],
    SeManageVolumePrivilege: [ADMINS],
    SeCreateSymbolicLinkPrivilege: [ADMINS],
    SeDelegateSessionUserImpersonatePrivilege: [ADMINS],
  };
  if (dc) {
    // enable-computer-and-user-accounts-to-be-trusted-for-delegation; add-workstations-to-domain
    rights.SeEnableDelegationPrivilege = [ADMINS];
    rights.SeMachineAccountPrivilege = [W.AUTHENTICATED_USERS.sid];
  }
  const sorted: Partial<Record<UserRight, readonly Sid[]>> = {};
  for (const right of USER_RIGHTS) {
    const holders = rights[right];
    if (holders !== undefined) sorted[right] = Object.freeze(sortSids(holders));
  }
  const template = Object.freeze(sorted);
  templates.set(role, template);
  return template;
}
