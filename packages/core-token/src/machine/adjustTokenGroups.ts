import { ok, type Result } from '../result.js';
import type { SidAndAttributes } from '../token/token.js';
import {
  type AdjustTokenGroupsChange,
  type AdjustTokenGroupsError,
  adjustTokenGroups as adjustGroupsRule,
} from '../tokenRules/adjustTokenGroups.js';
import { allocateLuid } from './adoptToken.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_ADJUST_GROUPS, TOKEN_QUERY } from './rights.js';

/**
 * What AdjustTokenGroups returns besides success: the soft status (ERROR_NOT_ALL_ASSIGNED when a group is
 * not in the token) and the PreviousState, when asked for.
 *
 * @example
 * ```ts
 * import type { AdjustGroupsOutcome } from '@doublehop/core-token';
 *
 * const done: AdjustGroupsOutcome = { status: 'ERROR_SUCCESS', previous: null };
 * ```
 */
export interface AdjustGroupsOutcome {
  /** `'ERROR_SUCCESS'`, or `'ERROR_NOT_ALL_ASSIGNED'` — the call still returned TRUE. */
  readonly status: 'ERROR_SUCCESS' | 'ERROR_NOT_ALL_ASSIGNED';
  /** The groups as they were before the change, or `null` when not asked for. */
  readonly previous: readonly SidAndAttributes[] | null;
}

/**
 * AdjustTokenGroups: enables or disables groups of a token object, through a handle with TOKEN_ADJUST_GROUPS
 * (and TOKEN_QUERY for the previous state). The rules are {@link adjustTokenGroups}: a mandatory group
 * cannot be disabled (ERROR_CANT_DISABLE_MANDATORY), a deny-only group cannot be enabled
 * (ERROR_CANT_ENABLE_DENY_ONLY), and the whole call then changes nothing.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param token - a token handle
 * @param change - ResetToDefault, or the NewState entries
 * @param wantPreviousState - whether to return PreviousState (needs TOKEN_QUERY)
 * @returns the soft status and the previous state, or the error that refused the change
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const user = token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary', groups: [WELL_KNOWN_SIDS.EVERYONE.sid] });
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: user });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x40); // TOKEN_ADJUST_GROUPS
 * const everyone = { sid: WELL_KNOWN_SIDS.EVERYONE.sid, enable: false };
 * own.ok && win32.adjustTokenGroups(machine, threadId, own.value, { groups: [everyone] }); // { ok: false, error: { code: 'ERROR_CANT_DISABLE_MANDATORY' } }
 * ```
 * @see AdjustTokenGroups, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokengroups
 */
export function adjustTokenGroups(
  machine: Machine,
  caller: ThreadId,
  token: Handle,
  change: AdjustTokenGroupsChange,
  wantPreviousState = false,
): Result<AdjustGroupsOutcome, HandleError | AdjustTokenGroupsError> {
  const ctx = callContext(machine, caller, 'AdjustTokenGroups');
  const needed = TOKEN_ADJUST_GROUPS | (wantPreviousState ? TOKEN_QUERY : 0);
  const handle = referenceObjectByHandle(ctx, token, 'token', needed);
  if (!handle.ok) return finish(ctx, handle, { desiredAccess: needed });
  const object = handle.value.object;
  const adjusted = adjustGroupsRule(object.token, change, allocateLuid(machine));
  if (!adjusted.ok) return finish(ctx, adjusted, { object, desiredAccess: needed });
  object.token = adjusted.value.token;
  return finish(
    ctx,
    ok({ status: adjusted.value.status, previous: wantPreviousState ? adjusted.value.previous : null }),
    { object, desiredAccess: needed, detail: `GetLastError: ${adjusted.value.status}` },
  );
}
