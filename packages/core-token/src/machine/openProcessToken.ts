import type { AccessMask } from '../access/accessMask.js';
import type { Result } from '../result.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { openObject } from './openObject.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { PROCESS_QUERY_LIMITED_INFORMATION } from './rights.js';
import type { OpenError } from './seAccessCheck.js';

/**
 * OpenProcessToken: opens a process's primary token. The process handle needs
 * PROCESS_QUERY_LIMITED_INFORMATION; the desired access is checked against the token object's own DACL as
 * the calling thread's effective token (the client's while it impersonates).
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param processHandle - a process handle, or {@link win32.getCurrentProcess}()
 * @param desiredAccess - TOKEN_* rights (generic rights are mapped)
 * @returns a token handle with the granted access
 * @example
 * ```ts
 * import { OBJECT_TYPES, WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const opened = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), OBJECT_TYPES.token.rights.TOKEN_QUERY ?? 0);
 * opened.ok; // true
 * ```
 * @see OpenProcessToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocesstoken;
 * Access Rights for Access-Token Objects, https://learn.microsoft.com/windows/win32/secauthz/access-rights-for-access-token-objects
 */
export function openProcessToken(
  machine: Machine,
  caller: ThreadId,
  processHandle: Handle,
  desiredAccess: AccessMask,
): Result<Handle, OpenError | HandleError> {
  const ctx = callContext(machine, caller, 'OpenProcessToken');
  const process = referenceObjectByHandle(ctx, processHandle, 'process', PROCESS_QUERY_LIMITED_INFORMATION);
  if (!process.ok) return finish(ctx, process, { desiredAccess: PROCESS_QUERY_LIMITED_INFORMATION });
  return openObject(ctx, ctx.effective.token, process.value.object.primaryToken, desiredAccess);
}
