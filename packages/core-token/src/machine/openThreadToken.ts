import type { AccessMask } from '../access/accessMask.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, type Result } from '../result.js';
import { openThreadTokenRules } from '../tokenRules/openThreadTokenRules.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { openObject } from './openObject.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { THREAD_QUERY_INFORMATION } from './rights.js';
import type { OpenError } from './seAccessCheck.js';

/**
 * OpenThreadToken: opens the impersonation token of a thread.
 *
 * @remarks
 * In Windows' order (NtOpenThreadToken): the thread handle needs THREAD_QUERY_INFORMATION; a thread that is
 * not impersonating has no token to open (ERROR_NO_TOKEN); an Anonymous-level token cannot be opened
 * (ERROR_CANT_OPEN_ANONYMOUS); then the desired access is checked against the token object's DACL —
 * as the calling thread's effective token when `openAsSelf` is FALSE, or as the *process* token when it is
 * TRUE (the kernel stops impersonating for the check). OpenAsSelf exists so that a thread impersonating at
 * Identification level can open its own token at all: as itself it could open nothing
 * (ERROR_BAD_IMPERSONATION_LEVEL).
 *
 * This is the check that fails in Raymond Chen's "How come a duplicated token doesn't behave identically to
 * the original?": COM opens the thread token *as the client* (OpenAsSelf = FALSE), and a duplicate whose
 * descriptor came from the service's default DACL does not let the client open it.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param threadHandle - a thread handle, or {@link win32.getCurrentThread}()
 * @param desiredAccess - TOKEN_* rights (generic rights are mapped)
 * @param openAsSelf - check as the process token (TRUE) or as the thread's effective token (FALSE)
 * @returns a token handle with the granted access
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.openThreadToken(machine, threadId, win32.getCurrentThread(), 0x8, true); // { ok: false, error: { code: 'ERROR_NO_TOKEN', win32: 1008 } }
 * ```
 * @see OpenThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openthreadtoken;
 * NtOpenThreadToken, https://learn.microsoft.com/windows-hardware/drivers/ddi/ntifs/nf-ntifs-ntopenthreadtoken
 */
export function openThreadToken(
  machine: Machine,
  caller: ThreadId,
  threadHandle: Handle,
  desiredAccess: AccessMask,
  openAsSelf: boolean,
): Result<Handle, OpenError | HandleError | Win32Error<'ERROR_NO_TOKEN' | 'ERROR_CANT_OPEN_ANONYMOUS'>> {
  const ctx = callContext(machine, caller, 'OpenThreadToken');
  const thread = referenceObjectByHandle(ctx, threadHandle, 'thread', THREAD_QUERY_INFORMATION);
  if (!thread.ok) return finish(ctx, thread, { desiredAccess: THREAD_QUERY_INFORMATION });
  const target = thread.value.object;
  const detail = `OpenAsSelf: ${openAsSelf ? 'TRUE' : 'FALSE'}`;
  const impersonation = target.impersonationToken;
  const levelRules = openThreadTokenRules(impersonation?.token ?? null);
  if (!levelRules.ok || impersonation === null) {
    const error = levelRules.ok
      ? win32Error('ERROR_NO_TOKEN', 'the thread is not impersonating')
      : levelRules.error;
    const message =
      error.code === 'ERROR_NO_TOKEN' ? `thread ${target.threadId} is not impersonating` : error.message;
    return finish(ctx, err(win32Error(error.code, message)), {
      object: impersonation ?? target,
      desiredAccess,
      detail,
    });
  }
  const subject = openAsSelf ? ctx.process.primaryToken.token : ctx.effective.token;
  return openObject(ctx, subject, impersonation, desiredAccess, detail);
}
