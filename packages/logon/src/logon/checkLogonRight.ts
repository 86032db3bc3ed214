import type { Sid } from '@doublehop/core-token';
import { compareSids } from '../directory/order.js';
import type { Machine } from '../machine/machine.js';
import { type AllowLogonRight, LOGON_RIGHTS } from '../machine/userRights.js';
import type { LogonTypeName } from './logonType.js';

/**
 * The logon right a logon type needs: Interactive, Unlock and CachedInteractive need SeInteractiveLogonRight,
 * RemoteInteractive SeRemoteInteractiveLogonRight, Network and NetworkCleartext SeNetworkLogonRight, Batch
 * SeBatchLogonRight, Service SeServiceLogonRight; NewCredentials and System need none.
 *
 * @param logonType - the logon type
 * @returns the allow right, or `null`
 * @example
 * ```ts
 * import { logonRightFor } from '@doublehop/logon';
 *
 * logonRightFor('NetworkCleartext'); // 'SeNetworkLogonRight'
 * logonRightFor('NewCredentials');   // null
 * ```
 * @see "Account Rights Constants", https://learn.microsoft.com/windows/win32/secauthz/account-rights-constants
 */
export function logonRightFor(logonType: LogonTypeName): AllowLogonRight | null {
  switch (logonType) {
    case 'Interactive':
    case 'Unlock':
    case 'CachedInteractive':
      return 'SeInteractiveLogonRight';
    case 'RemoteInteractive':
      return 'SeRemoteInteractiveLogonRight';
    case 'Network':
    case 'NetworkCleartext':
      return 'SeNetworkLogonRight';
    case 'Batch':
      return 'SeBatchLogonRight';
    case 'Service':
      return 'SeServiceLogonRight';
    default:
      return null;
  }
}

/**
 * The outcome of {@link checkLogonRight}: granted, or refused because the allow right is missing or a deny
 * right matched (naming the SID it matched).
 */
export type LogonRightCheck =
  | {
      /** The logon may proceed. */
      readonly granted: true;
      /** The allow right that was held (`null` when the logon type needs none). */
      readonly right: AllowLogonRight | null;
    }
  | {
      /** The logon is refused (ERROR_LOGON_TYPE_NOT_GRANTED). */
      readonly granted: false;
      /** The missing allow right, or the deny right that matched. */
      readonly right: string;
      /** The token SID the deny right matched, or `null` when the allow right is simply missing. */
      readonly deniedSid: Sid | null;
    };

/**
 * Checks a logon type against a machine's User Rights Assignment for the SIDs of the would-be token (the
 * user and its enabled groups): **a deny right always wins** over the allow right, whichever SID holds
 * either.
 *
 * @param machine - the machine's policy
 * @param logonType - the requested logon type
 * @param sids - the user SID and group SIDs of the logon
 * @param implicitAllow - `true` when the account holds the allow right by definition (SYSTEM, LOCAL SERVICE,
 * NETWORK SERVICE and virtual accounts for service logons); deny rights still apply
 * @returns granted, or the right and SID that refused it
 * @example
 * ```ts
 * import { checkLogonRight, machine } from '@doublehop/logon';
 * import { WELL_KNOWN_SIDS } from '@doublehop/core-token';
 *
 * const m = machine({ name: 'APP01', userRights: { SeDenyNetworkLogonRight: ['S-1-5-113'] } });
 * const sids = [WELL_KNOWN_SIDS.EVERYONE.sid, WELL_KNOWN_SIDS.LOCAL_ACCOUNT.sid];
 * checkLogonRight(m, 'Network', sids).granted; // false
 * checkLogonRight(m, 'Network', sids).right;   // 'SeDenyNetworkLogonRight'
 * ```
 * @see "Deny access to this computer from the network" ("supersedes the Access this computer from the network
 * policy setting"), https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/deny-access-to-this-computer-from-the-network;
 * LogonUserW ("the account … must have the necessary account rights")
 */
export function checkLogonRight(
  machine: Machine,
  logonType: LogonTypeName,
  sids: readonly Sid[],
  implicitAllow = false,
): LogonRightCheck {
  const right = logonRightFor(logonType);
  if (right === null) return { granted: true, right: null };
  const deny = LOGON_RIGHTS[right].deny;
  const denied = machine.userRights[deny] ?? [];
  // The deny hit reported is the first in SID order; holder lists are short, so no sets or sorting needed
  // unless a deny right matches.
  let hit: Sid | undefined;
  for (const s of sids) if (denied.includes(s) && (hit === undefined || compareSids(s, hit) < 0)) hit = s;
  if (hit !== undefined) return { granted: false, right: deny, deniedSid: hit };
  const allowed = machine.userRights[right] ?? [];
  if (implicitAllow || sids.some((s) => allowed.includes(s))) return { granted: true, right };
  return { granted: false, right, deniedSid: null };
}
