import type { AccessMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { hasEnabledPrivilege } from '../token/token.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { openObject } from './openObject.js';
import { debugAccess } from './openProcess.js';
import { insertHandle } from './referenceObjectByHandle.js';
import type { OpenError } from './seAccessCheck.js';

/**
 * OpenThread: opens a thread object by id, checking its descriptor as the calling thread's effective token;
 * an enabled SeDebugPrivilege grants any access, as for {@link win32.openProcess}.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param desiredAccess - THREAD_* rights (generic rights are mapped), e.g. THREAD_SET_THREAD_TOKEN (0x80)
 * @param threadId - the thread to open
 * @returns a thread handle with the granted access
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.openThread(machine, threadId, 0x80, threadId).ok; // true
 * ```
 * @see OpenThread, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openthread;
 * Thread Security and Access Rights, https://learn.microsoft.com/windows/win32/procthread/thread-security-and-access-rights
 */
export function openThread(
  machine: Machine,
  caller: ThreadId,
  desiredAccess: AccessMask,
  threadId: ThreadId,
): Result<Handle, OpenError | Win32Error<'ERROR_INVALID_PARAMETER'>> {
  const ctx = callContext(machine, caller, 'OpenThread');
  const thread = machine.threads.get(threadId);
  if (thread === undefined) {
    return finish(ctx, err(win32Error('ERROR_INVALID_PARAMETER', `no thread ${threadId}`)), {
      desiredAccess,
    });
  }
  const subject = ctx.effective.token;
  if (subject.impersonationLevel !== 'Identification' && subject.impersonationLevel !== 'Anonymous') {
    if (hasEnabledPrivilege(subject, 'SeDebugPrivilege')) {
      const granted = debugAccess(desiredAccess, OBJECT_TYPES.thread.genericMapping);
      return finish(ctx, ok(insertHandle(ctx.process, thread, granted)), {
        object: thread,
        desiredAccess,
        grantedAccess: granted,
        detail: 'granted by SeDebugPrivilege',
      });
    }
  }
  return openObject(ctx, subject, thread, desiredAccess);
}
