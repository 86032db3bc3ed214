import { ok, type Result } from '../result.js';
import { callContext, finish } from './callContext.js';
import type { Machine, ThreadId } from './machine.js';

/**
 * RevertToSelf: the calling thread stops impersonating and acts as its process again. It always succeeds,
 * impersonating or not.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @returns success
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.revertToSelf(machine, threadId).ok; // true
 * ```
 * @see RevertToSelf, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-reverttoself
 */
export function revertToSelf(machine: Machine, caller: ThreadId): Result<void, never> {
  const ctx = callContext(machine, caller, 'RevertToSelf');
  const was = ctx.thread.impersonationToken;
  ctx.thread.impersonationToken = null;
  return finish(ctx, ok(undefined), {
    object: was,
    detail: was === null ? 'was not impersonating' : 'now acting as the process token',
  });
}
