import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { insertHandle } from './referenceObjectByHandle.js';
import { spawnThread } from './spawnProcess.js';

/**
 * CreateThread: starts a new thread in the calling process and returns a handle to it with
 * THREAD_ALL_ACCESS. The new thread does not inherit the creator's impersonation: it acts as the process
 * token until it impersonates itself.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @returns the new thread's id and a handle to it
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const worker = win32.createThread(machine, threadId);
 * worker.ok && worker.value.threadId; // 12
 * ```
 * @see CreateThread, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createthread
 */
export function createThread(
  machine: Machine,
  caller: ThreadId,
): Result<{ readonly threadId: ThreadId; readonly handle: Handle }, never> {
  const ctx = callContext(machine, caller, 'CreateThread');
  const thread = spawnThread(machine, ctx.process);
  const granted = OBJECT_TYPES.thread.genericMapping.genericAll;
  const handle = insertHandle(ctx.process, thread, granted);
  return finish(ctx, ok({ threadId: thread.threadId, handle }), { object: thread, grantedAccess: granted });
}
