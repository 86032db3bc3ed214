import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { isPseudoHandle, lookupHandle } from './referenceObjectByHandle.js';

/**
 * CloseHandle: removes a handle from the calling process's table. Closing a pseudo-handle
 * (GetCurrentProcess(), GetCurrentThread()) succeeds and does nothing; closing anything else that is not an
 * open handle is ERROR_INVALID_HANDLE.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param handle - the handle to close
 * @returns success, or ERROR_INVALID_HANDLE
 * @example
 * ```ts
 * import { ACCESS_RIGHTS, WELL_KNOWN_SIDS, createMachine, createProcess, registerFile, sddl, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * registerFile(machine, 'C:\\a.txt', sddl('O:SYG:SYD:(A;;FA;;;SY)'));
 * const { threadId } = createProcess(machine, { name: 'a.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const h = win32.createFile(machine, threadId, 'C:\\a.txt', ACCESS_RIGHTS.GENERIC_READ);
 * h.ok && win32.closeHandle(machine, threadId, h.value).ok; // true
 * h.ok && win32.closeHandle(machine, threadId, h.value); // { ok: false, error: { code: 'ERROR_INVALID_HANDLE', win32: 6 } }
 * ```
 * @see CloseHandle, https://learn.microsoft.com/windows/win32/api/handleapi/nf-handleapi-closehandle
 */
export function closeHandle(
  machine: Machine,
  caller: ThreadId,
  handle: Handle,
): Result<void, Win32Error<'ERROR_INVALID_HANDLE'>> {
  const ctx = callContext(machine, caller, 'CloseHandle');
  const entry = lookupHandle(ctx, handle);
  if (entry === undefined) {
    return finish(ctx, err(win32Error('ERROR_INVALID_HANDLE', `handle ${handle} is not open`)));
  }
  if (!isPseudoHandle(handle)) ctx.process.handles.delete(handle);
  return finish(ctx, ok(undefined), { object: entry.object, detail: `handle ${handle}` });
}
