import { ACCESS_RIGHTS, type AccessMask, type GenericMapping, mapGenericMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { hasEnabledPrivilege } from '../token/token.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ProcessId, ThreadId } from './machine.js';
import { openObject } from './openObject.js';
import { insertHandle } from './referenceObjectByHandle.js';
import type { OpenError } from './seAccessCheck.js';

/**
 * OpenProcess: opens a process object by id, checking its descriptor as the calling thread's effective token.
 *
 * @remarks
 * "If the caller has enabled the SeDebugPrivilege privilege, the requested access is granted regardless of
 * the contents of the security descriptor" — the privilege is looked up in the effective token, which must
 * be at Impersonation level or above. An id that is no process is ERROR_INVALID_PARAMETER, as Windows
 * reports it.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param desiredAccess - PROCESS_* rights (generic rights are mapped)
 * @param processId - the process to open
 * @returns a process handle with the granted access
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { processId, threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.openProcess(machine, threadId, 0x1000, processId).ok; // true
 * win32.openProcess(machine, threadId, 0x1000, 9999); // { ok: false, error: { code: 'ERROR_INVALID_PARAMETER', win32: 87 } }
 * ```
 * @see OpenProcess, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openprocess
 */
export function openProcess(
  machine: Machine,
  caller: ThreadId,
  desiredAccess: AccessMask,
  processId: ProcessId,
): Result<Handle, OpenError | Win32Error<'ERROR_INVALID_PARAMETER'>> {
  const ctx = callContext(machine, caller, 'OpenProcess');
  const process = machine.processes.get(processId);
  if (process === undefined) {
    return finish(ctx, err(win32Error('ERROR_INVALID_PARAMETER', `no process ${processId}`)), {
      desiredAccess,
    });
  }
  const subject = ctx.effective.token;
  if (subject.impersonationLevel !== 'Identification' && subject.impersonationLevel !== 'Anonymous') {
    if (hasEnabledPrivilege(subject, 'SeDebugPrivilege')) {
      const granted = debugAccess(desiredAccess, OBJECT_TYPES.process.genericMapping);
      return finish(ctx, ok(insertHandle(ctx.process, process, granted)), {
        object: process,
        desiredAccess,
        grantedAccess: granted,
        detail: 'granted by SeDebugPrivilege',
      });
    }
  }
  return openObject(ctx, subject, process, desiredAccess);
}

/** What SeDebugPrivilege grants: the request, MAXIMUM_ALLOWED meaning all the type's rights. @internal */
export function debugAccess(desiredAccess: AccessMask, mapping: GenericMapping): AccessMask {
  const { MAXIMUM_ALLOWED } = ACCESS_RIGHTS;
  const mapped = mapGenericMask(desiredAccess, mapping);
  return ((mapped & MAXIMUM_ALLOWED) !== 0 ? (mapped & ~MAXIMUM_ALLOWED) | mapping.genericAll : mapped) >>> 0;
}
