import { PRIVILEGE_ATTRIBUTES, type PrivilegeName } from '../token/privileges.js';
import type { Luid, Token, TokenPrivilege } from '../token/token.js';
import { HIGH_RID, integrityRid, MEDIUM_RID } from './integrityRid.js';
import { ELEVATED_PRIVILEGES } from './isElevated.js';

/**
 * One entry of AdjustTokenPrivileges' NewState: enable the privilege (SE_PRIVILEGE_ENABLED), disable it
 * (attributes 0, the default), or remove it for good (SE_PRIVILEGE_REMOVED, which wins over `enable`).
 *
 * @example
 * ```ts
 * import type { PrivilegeChange } from '@doublehop/core-token';
 *
 * const enableBackup: PrivilegeChange = { name: 'SeBackupPrivilege', enable: true };
 * ```
 */
export interface PrivilegeChange {
  /** The privilege. */
  readonly name: PrivilegeName;
  /** `true`: SE_PRIVILEGE_ENABLED; `false` or absent: disable. */
  readonly enable?: boolean;
  /** `true`: SE_PRIVILEGE_REMOVED — the privilege leaves the token and can never be enabled again. */
  readonly remove?: boolean;
}

/**
 * What AdjustTokenPrivileges is asked to do: DisableAllPrivileges, or a NewState list applied in order.
 *
 * @example
 * ```ts
 * import type { AdjustTokenPrivilegesChange } from '@doublehop/core-token';
 *
 * const dropAll: AdjustTokenPrivilegesChange = { disableAll: true };
 * ```
 */
export type AdjustTokenPrivilegesChange =
  | { readonly disableAll: true }
  | { readonly privileges: readonly PrivilegeChange[] };

/**
 * The outcome of AdjustTokenPrivileges, which "succeeds" either way: the adjusted token, PreviousState (the
 * attributes, before the call, of every privilege it changed) and what GetLastError then returns.
 *
 * @example
 * ```ts
 * import type { AdjustTokenPrivilegesResult } from '@doublehop/core-token';
 *
 * const describe = (r: AdjustTokenPrivilegesResult) => `${r.status}, ${r.previous.length} changed`;
 * ```
 */
export interface AdjustTokenPrivilegesResult {
  /** The token after the call (the same object when nothing changed). */
  readonly token: Token;
  /** PreviousState: the privileges the call changed, with their attributes before it. */
  readonly previous: readonly TokenPrivilege[];
  /** GetLastError after the (successful) call: ERROR_NOT_ALL_ASSIGNED when some entry could not be applied. */
  readonly status: 'ERROR_SUCCESS' | 'ERROR_NOT_ALL_ASSIGNED';
}

const { SE_PRIVILEGE_ENABLED } = PRIVILEGE_ATTRIBUTES;
const BLOCKED_BELOW_HIGH = new Set<PrivilegeName>(ELEVATED_PRIVILEGES);
const ALLOWED_BELOW_MEDIUM = new Set<PrivilegeName>([
  'SeChangeNotifyPrivilege',
  'SeUndockPrivilege',
  'SeIncreaseWorkingSetPrivilege',
]);

/**
 * Applies AdjustTokenPrivileges to a token value: enables, disables or removes privileges the token holds,
 * never adds one.
 *
 * @remarks
 * - A privilege the token does not hold is skipped and the call "succeeds" with GetLastError
 *   ERROR_NOT_ALL_ASSIGNED — the classic trap: checking only the BOOL return misses it.
 * - SE_PRIVILEGE_REMOVED deletes the privilege from the token; nothing can add it back.
 * - Integrity limits enabling: below High integrity the {@link ELEVATED_PRIVILEGES} (SeDebug, SeBackup,
 *   SeImpersonate, …) cannot be enabled, and below Medium only SeChangeNotifyPrivilege, SeUndockPrivilege
 *   and SeIncreaseWorkingSetPrivilege can; a refused entry also yields ERROR_NOT_ALL_ASSIGNED (Forshaw,
 *   *Windows Security Internals* ch. 4). AppContainer tokens, which have their own list, are not modelled.
 * - Entries apply in order; enabling an enabled privilege or disabling a disabled one changes nothing.
 * - DisableAllPrivileges disables every enabled privilege and ignores NewState.
 * - The token's ModifiedId becomes `newModifiedId` if, and only if, something changed.
 *
 * The handle's TOKEN_ADJUST_PRIVILEGES (and TOKEN_QUERY for PreviousState) is the machine's check.
 *
 * @param subject - the token
 * @param change - DisableAllPrivileges, or the NewState entries
 * @param newModifiedId - the LUID the machine allocated for TokenStatistics.ModifiedId, used only if the token changes
 * @returns the adjusted token, PreviousState and the last-error status
 * @example
 * ```ts
 * import { adjustTokenPrivileges, hasEnabledPrivilege, sid, token } from '@doublehop/core-token';
 *
 * const admin = token({
 *   user: sid('S-1-5-21-1-2-3-500'),
 *   integrityLevel: sid('S-1-16-12288'),
 *   privileges: [{ name: 'SeDebugPrivilege', attributes: 0 }],
 * });
 * const r = adjustTokenPrivileges(admin, { privileges: [{ name: 'SeDebugPrivilege', enable: true }] }, 7);
 * r.status;                                          // 'ERROR_SUCCESS'
 * hasEnabledPrivilege(r.token, 'SeDebugPrivilege');  // true
 * r.token.modifiedId;                                // 7
 *
 * adjustTokenPrivileges(admin, { privileges: [{ name: 'SeTcbPrivilege', enable: true }] }, 8).status; // 'ERROR_NOT_ALL_ASSIGNED'
 * ```
 * @see AdjustTokenPrivileges, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokenprivileges;
 * TOKEN_PRIVILEGES, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_privileges
 */
export function adjustTokenPrivileges(
  subject: Token,
  change: AdjustTokenPrivilegesChange,
  newModifiedId: Luid,
): AdjustTokenPrivilegesResult {
  const current: TokenPrivilege[] = [...subject.privileges];
  const previous: TokenPrivilege[] = [];
  let notAll = false;
  if ('disableAll' in change) {
    for (let i = 0; i < current.length; i++) {
      const p = current[i] as TokenPrivilege;
      if ((p.attributes & SE_PRIVILEGE_ENABLED) === 0) continue;
      previous.push(p);
      current[i] = Object.freeze({ name: p.name, attributes: p.attributes & ~SE_PRIVILEGE_ENABLED });
    }
  } else {
    const il = integrityRid(subject.integrityLevel);
    for (const entry of change.privileges) {
      const i = current.findIndex((p) => p.name === entry.name);
      const held = current[i];
      if (held === undefined) {
        notAll = true;
        continue;
      }
      const enabled = (held.attributes & SE_PRIVILEGE_ENABLED) !== 0;
      if (entry.remove === true) {
        previous.push(held);
        current.splice(i, 1);
      } else if (entry.enable === true && !enabled) {
        if (!mayEnable(entry.name, il)) {
          notAll = true;
          continue;
        }
        previous.push(held);
        current[i] = Object.freeze({ name: held.name, attributes: held.attributes | SE_PRIVILEGE_ENABLED });
      } else if (entry.enable !== true && enabled) {
        previous.push(held);
        current[i] = Object.freeze({ name: held.name, attributes: held.attributes & ~SE_PRIVILEGE_ENABLED });
      }
    }
  }
  const status = notAll ? 'ERROR_NOT_ALL_ASSIGNED' : 'ERROR_SUCCESS';
  if (previous.length === 0) return { token: subject, previous, status };
  return {
    token: Object.freeze({ ...subject, privileges: Object.freeze(current), modifiedId: newModifiedId }),
    previous,
    status,
  };
}

/** Whether a token at this integrity RID may enable the privilege (SepAdjustPrivileges). */
function mayEnable(name: PrivilegeName, il: number): boolean {
  if (il >= HIGH_RID) return true;
  if (il >= MEDIUM_RID) return !BLOCKED_BELOW_HIGH.has(name);
  return ALLOWED_BELOW_MEDIUM.has(name);
}
