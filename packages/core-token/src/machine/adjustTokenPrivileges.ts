import { ok, type Result } from '../result.js';
import type { TokenPrivilege } from '../token/token.js';
import {
  type AdjustTokenPrivilegesChange,
  adjustTokenPrivileges as adjustPrivilegesRule,
} from '../tokenRules/adjustTokenPrivileges.js';
import { allocateLuid } from './adoptToken.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_ADJUST_PRIVILEGES, TOKEN_QUERY } from './rights.js';

/**
 * What AdjustTokenPrivileges returns besides success: GetLastError's soft status — ERROR_NOT_ALL_ASSIGNED
 * when a privilege the token does not hold (or may not enable at its integrity level) was asked for — and
 * the PreviousState, when asked for.
 *
 * @example
 * ```ts
 * import type { AdjustPrivilegesOutcome } from '@doublehop/core-token';
 *
 * const notHeld: AdjustPrivilegesOutcome = { status: 'ERROR_NOT_ALL_ASSIGNED', previous: [] };
 * ```
 */
export interface AdjustPrivilegesOutcome {
  /** `'ERROR_SUCCESS'`, or `'ERROR_NOT_ALL_ASSIGNED'` — the call still returned TRUE. */
  readonly status: 'ERROR_SUCCESS' | 'ERROR_NOT_ALL_ASSIGNED';
  /** The privileges as they were before the change (PreviousState), or `null` when not asked for. */
  readonly previous: readonly TokenPrivilege[] | null;
}

/**
 * AdjustTokenPrivileges: enables, disables or removes privileges of a token object, through a handle with
 * TOKEN_ADJUST_PRIVILEGES (and TOKEN_QUERY when the previous state is wanted). The rules are
 * {@link adjustTokenPrivileges}; the token object changes in place, so every thread and handle using it
 * sees the change — and nothing else: enabling a privilege in a thread's impersonation token does not
 * touch the process token.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param token - a token handle
 * @param change - DisableAllPrivileges, or the NewState entries
 * @param wantPreviousState - whether to return PreviousState (needs TOKEN_QUERY)
 * @returns the soft status and the previous state
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x28); // TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY
 * const r = own.ok ? win32.adjustTokenPrivileges(machine, threadId, own.value, { privileges: [{ name: 'SeTcbPrivilege', enable: true }] }) : own;
 * r.ok && r.value.status; // 'ERROR_NOT_ALL_ASSIGNED'
 * ```
 * @see AdjustTokenPrivileges, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokenprivileges
 */
export function adjustTokenPrivileges(
  machine: Machine,
  caller: ThreadId,
  token: Handle,
  change: AdjustTokenPrivilegesChange,
  wantPreviousState = false,
): Result<AdjustPrivilegesOutcome, HandleError> {
  const ctx = callContext(machine, caller, 'AdjustTokenPrivileges');
  const needed = TOKEN_ADJUST_PRIVILEGES | (wantPreviousState ? TOKEN_QUERY : 0);
  const handle = referenceObjectByHandle(ctx, token, 'token', needed);
  if (!handle.ok) return finish(ctx, handle, { desiredAccess: needed });
  const object = handle.value.object;
  const adjusted = adjustPrivilegesRule(object.token, change, allocateLuid(machine));
  object.token = adjusted.token;
  const names = 'disableAll' in change ? 'all privileges disabled' : describe(change);
  return finish(
    ctx,
    ok({ status: adjusted.status, previous: wantPreviousState ? adjusted.previous : null }),
    { object, desiredAccess: needed, detail: `${names}; GetLastError: ${adjusted.status}` },
  );
}

function describe(change: {
  readonly privileges: readonly { name: string; enable?: boolean; remove?: boolean }[];
}) {
  return change.privileges
    .map((p) => `${p.name} ${p.remove === true ? 'removed' : p.enable === true ? 'enabled' : 'disabled'}`)
    .join(', ');
}
