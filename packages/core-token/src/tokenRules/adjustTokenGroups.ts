import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Sid } from '../sid/sid.js';
import { GROUP_ATTRIBUTES, type Luid, type SidAndAttributes, type Token } from '../token/token.js';

/**
 * One entry of AdjustTokenGroups' NewState: the group and whether it should be enabled (SE_GROUP_ENABLED).
 *
 * @example
 * ```ts
 * import type { GroupChange } from '@doublehop/core-token';
 * import { sid } from '@doublehop/core-token';
 *
 * const disableUsers: GroupChange = { sid: sid('S-1-5-32-545'), enable: false };
 * ```
 */
export interface GroupChange {
  /** The group's SID. */
  readonly sid: Sid;
  /** `true` to enable the group, `false` to disable it. */
  readonly enable: boolean;
}

/**
 * What AdjustTokenGroups is asked to do: ResetToDefault, or a NewState list.
 *
 * @example
 * ```ts
 * import type { AdjustTokenGroupsChange } from '@doublehop/core-token';
 *
 * const reset: AdjustTokenGroupsChange = { resetToDefault: true };
 * ```
 */
export type AdjustTokenGroupsChange =
  | { readonly resetToDefault: true }
  | { readonly groups: readonly GroupChange[] };

/**
 * A successful AdjustTokenGroups: the adjusted token, PreviousState, and GetLastError after the call.
 *
 * @example
 * ```ts
 * import type { AdjustTokenGroupsResult } from '@doublehop/core-token';
 *
 * const changed = (r: AdjustTokenGroupsResult) => r.previous.map((g) => g.sid.text);
 * ```
 */
export interface AdjustTokenGroupsResult {
  /** The token after the call (the same object when nothing changed). */
  readonly token: Token;
  /** PreviousState: the groups the call changed, with their attributes before it. */
  readonly previous: readonly SidAndAttributes[];
  /** ERROR_NOT_ALL_ASSIGNED when a requested group is not in the token (the call still succeeds). */
  readonly status: 'ERROR_SUCCESS' | 'ERROR_NOT_ALL_ASSIGNED';
}

/** Why AdjustTokenGroups fails; nothing is changed when it does. */
export type AdjustTokenGroupsError = Win32Error<
  'ERROR_CANT_DISABLE_MANDATORY' | 'ERROR_CANT_ENABLE_DENY_ONLY'
>;

const { SE_GROUP_ENABLED, SE_GROUP_ENABLED_BY_DEFAULT, SE_GROUP_MANDATORY, SE_GROUP_USE_FOR_DENY_ONLY } =
  GROUP_ATTRIBUTES;

/**
 * Applies AdjustTokenGroups to a token value: enables or disables optional groups.
 *
 * @remarks
 * As NtAdjustGroupsToken does it (Windows Research Kernel tokenadj.c): the token's groups — never the user —
 * are walked in order, each matched against the first NewState entry with its SID. A change to a mandatory
 * group fails the whole call with ERROR_CANT_DISABLE_MANDATORY (1310); a change to a deny-only group — that
 * is, enabling it — fails with ERROR_CANT_ENABLE_DENY_ONLY (629); on failure nothing changes. Requesting the
 * state a group already has is not a change. A NewState SID the token lacks makes the call succeed with
 * ERROR_NOT_ALL_ASSIGNED (1300). ResetToDefault gives every group that is neither mandatory nor deny-only
 * the enabled state of its SE_GROUP_ENABLED_BY_DEFAULT bit and ignores NewState. ModifiedId becomes
 * `newModifiedId` only if a group changed. TOKEN_ADJUST_GROUPS on the handle is the machine's check.
 *
 * @param subject - the token
 * @param change - ResetToDefault, or the NewState entries
 * @param newModifiedId - the LUID the machine allocated for ModifiedId, used only if the token changes
 * @returns the adjusted token with PreviousState and status, or the error that failed the call
 * @example
 * ```ts
 * import { GROUP_ATTRIBUTES, adjustTokenGroups, sid, token } from '@doublehop/core-token';
 *
 * const users = sid('S-1-5-32-545');
 * const everyone = sid('S-1-1-0');
 * const t = token({
 *   user: sid('S-1-5-21-1-2-3-1104'),
 *   groups: [everyone, { sid: users, attributes: GROUP_ATTRIBUTES.SE_GROUP_ENABLED | GROUP_ATTRIBUTES.SE_GROUP_ENABLED_BY_DEFAULT }],
 * });
 * const r = adjustTokenGroups(t, { groups: [{ sid: users, enable: false }] }, 9);
 * r.ok && r.value.token.groups[1]?.attributes; // 2
 * const m = adjustTokenGroups(t, { groups: [{ sid: everyone, enable: false }] }, 10);
 * m.ok || m.error.code; // 'ERROR_CANT_DISABLE_MANDATORY'
 * ```
 * @see AdjustTokenGroups, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokengroups;
 * TOKEN_GROUPS, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_groups
 */
export function adjustTokenGroups(
  subject: Token,
  change: AdjustTokenGroupsChange,
  newModifiedId: Luid,
): Result<AdjustTokenGroupsResult, AdjustTokenGroupsError> {
  const groups: SidAndAttributes[] = [...subject.groups];
  const previous: SidAndAttributes[] = [];
  let matched = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as SidAndAttributes;
    let enable: boolean;
    if ('resetToDefault' in change) {
      if ((g.attributes & (SE_GROUP_MANDATORY | SE_GROUP_USE_FOR_DENY_ONLY)) !== 0) continue;
      enable = (g.attributes & SE_GROUP_ENABLED_BY_DEFAULT) !== 0;
    } else {
      const wanted = change.groups.find((c) => c.sid === g.sid);
      if (wanted === undefined) continue;
      matched++;
      enable = wanted.enable;
    }
    if (enable === ((g.attributes & SE_GROUP_ENABLED) !== 0)) continue;
    if ((g.attributes & SE_GROUP_MANDATORY) !== 0) {
      return err(win32Error('ERROR_CANT_DISABLE_MANDATORY', `${g.sid.text} is a mandatory group`));
    }
    if ((g.attributes & SE_GROUP_USE_FOR_DENY_ONLY) !== 0) {
      return err(win32Error('ERROR_CANT_ENABLE_DENY_ONLY', `${g.sid.text} is a deny-only group`));
    }
    previous.push(g);
    groups[i] = Object.freeze({
      sid: g.sid,
      attributes: enable ? g.attributes | SE_GROUP_ENABLED : g.attributes & ~SE_GROUP_ENABLED,
    });
  }
  const status =
    'groups' in change && matched < change.groups.length ? 'ERROR_NOT_ALL_ASSIGNED' : 'ERROR_SUCCESS';
  if (previous.length === 0) return ok({ token: subject, previous, status });
  return ok({
    token: Object.freeze({ ...subject, groups: Object.freeze(groups), modifiedId: newModifiedId }),
    previous,
    status,
  });
}
