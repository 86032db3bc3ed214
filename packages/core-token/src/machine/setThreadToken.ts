import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { assignImpersonation } from './assignImpersonation.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId, ThreadObject } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { THREAD_SET_THREAD_TOKEN, TOKEN_IMPERSONATE } from './rights.js';

/**
 * SetThreadToken: gives a thread an impersonation token, or (`token` null) makes it stop impersonating.
 *
 * @remarks
 * In NtSetInformationThread(ThreadImpersonationToken)'s order: a thread handle (unless `thread` is null,
 * meaning the calling thread) needs THREAD_SET_THREAD_TOKEN; the token handle needs TOKEN_IMPERSONATE, and
 * only the access granted when those handles were opened counts. A primary token is refused with
 * ERROR_BAD_TOKEN_TYPE — unlike {@link win32.impersonateLoggedOnUser}, SetThreadToken does not duplicate it.
 * Then the same impersonation check, run on the calling process's token, may silently downgrade the thread
 * to an Identification-level copy.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param thread - a thread handle, or `null` for the calling thread
 * @param token - an impersonation token handle, or `null` to stop impersonating
 * @returns success, or why the handles could not be used
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, registerToken, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const system = token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' });
 * const { processId, threadId } = createProcess(machine, { name: 'svchost.exe', token: system });
 * const primary = registerToken(machine, processId, system);
 * win32.setThreadToken(machine, threadId, null, primary); // { ok: false, error: { code: 'ERROR_BAD_TOKEN_TYPE', win32: 1349 } }
 * ```
 * @see SetThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-setthreadtoken;
 * Access Rights for Access-Token Objects (TOKEN_IMPERSONATE), https://learn.microsoft.com/windows/win32/secauthz/access-rights-for-access-token-objects
 */
export function setThreadToken(
  machine: Machine,
  caller: ThreadId,
  thread: Handle | null,
  token: Handle | null,
): Result<void, HandleError | Win32Error<'ERROR_BAD_TOKEN_TYPE'>> {
  const ctx = callContext(machine, caller, 'SetThreadToken');
  let target: ThreadObject = ctx.thread;
  if (thread !== null) {
    const t = referenceObjectByHandle(ctx, thread, 'thread', THREAD_SET_THREAD_TOKEN);
    if (!t.ok) return finish(ctx, t, { desiredAccess: THREAD_SET_THREAD_TOKEN });
    target = t.value.object;
  }
  if (token === null) {
    const was = target.impersonationToken;
    target.impersonationToken = null;
    return finish(ctx, ok(undefined), {
      object: target,
      detail: was === null ? 'Token: NULL (was not impersonating)' : 'Token: NULL — stops impersonating',
    });
  }
  const t = referenceObjectByHandle(ctx, token, 'token', TOKEN_IMPERSONATE);
  if (!t.ok) return finish(ctx, t, { desiredAccess: TOKEN_IMPERSONATE });
  const object = t.value.object;
  if (object.token.type !== 'impersonation') {
    return finish(
      ctx,
      err(win32Error('ERROR_BAD_TOKEN_TYPE', 'SetThreadToken needs an impersonation token')),
      {
        object,
        desiredAccess: TOKEN_IMPERSONATE,
      },
    );
  }
  const { detail } = assignImpersonation(ctx, target, object);
  return finish(ctx, ok(undefined), { object, desiredAccess: TOKEN_IMPERSONATE, detail });
}
