import type { AccessMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { CallContext } from './callContext.js';
import type { Handle, HandleEntry, KernelObject, ProcessObject } from './machine.js';

/**
 * The pseudo-handle GetCurrentProcess() returns: `(HANDLE)-1`, with PROCESS_ALL_ACCESS to the calling
 * process. It is not in the handle table and needs no closing.
 *
 * @example
 * ```ts
 * import { win32 } from '@doublehop/core-token';
 *
 * win32.getCurrentProcess(); // -1
 * ```
 * @returns `-1`
 * @see GetCurrentProcess, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentprocess
 */
export function getCurrentProcess(): Handle {
  return CURRENT_PROCESS;
}

/**
 * The pseudo-handle GetCurrentThread() returns: `(HANDLE)-2`, with THREAD_ALL_ACCESS to the calling thread.
 *
 * @example
 * ```ts
 * import { win32 } from '@doublehop/core-token';
 *
 * win32.getCurrentThread(); // -2
 * ```
 * @returns `-2`
 * @see GetCurrentThread, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-getcurrentthread
 */
export function getCurrentThread(): Handle {
  return CURRENT_THREAD;
}

const CURRENT_PROCESS: Handle = -1;
const CURRENT_THREAD: Handle = -2;

/**
 * Why a handle could not be used: it is no open handle of the calling process or refers to another type of
 * object (ERROR_INVALID_HANDLE), or it was not opened with the access the operation needs (ERROR_ACCESS_DENIED).
 *
 * @example
 * ```ts
 * import type { HandleError } from '@doublehop/core-token';
 *
 * const closed: HandleError = { code: 'ERROR_INVALID_HANDLE', win32: 6, message: 'handle 4 is not open' };
 * ```
 */
export type HandleError = Win32Error<'ERROR_INVALID_HANDLE' | 'ERROR_ACCESS_DENIED'>;

/** A handle resolved to an object of the wanted kind, with the access the handle carries. @internal */
export interface Referenced<K extends KernelObject['kind']> {
  readonly object: Extract<KernelObject, { kind: K }>;
  readonly grantedAccess: AccessMask;
}

/**
 * ObReferenceObjectByHandle: resolves a handle of the calling process to an object of the expected type and
 * checks that the access granted *when the handle was opened* includes `required` — the object's DACL is
 * not consulted again. A value that is no handle, or a handle to another type of object
 * (STATUS_OBJECT_TYPE_MISMATCH), is ERROR_INVALID_HANDLE; missing access is ERROR_ACCESS_DENIED. `kind`
 * `null` accepts any object (NtQuerySecurityObject, CloseHandle).
 *
 * @internal
 */
export function referenceObjectByHandle<K extends KernelObject['kind']>(
  ctx: CallContext,
  handle: Handle,
  kind: K | null,
  required: AccessMask,
): Result<Referenced<K>, HandleError> {
  const entry = lookupHandle(ctx, handle);
  if (entry === undefined || (kind !== null && entry.object.kind !== kind)) {
    const what =
      entry === undefined
        ? 'is not an open handle'
        : `refers to a ${entry.object.kind}, not a ${String(kind)}`;
    return err(win32Error('ERROR_INVALID_HANDLE', `handle ${String(handle)} ${what} in ${ctx.process.name}`));
  }
  const missing = (required & ~entry.grantedAccess) >>> 0;
  if (missing !== 0) {
    return err(
      win32Error(
        'ERROR_ACCESS_DENIED',
        `handle ${handle} lacks ${missing.toString(16)} (granted 0x${entry.grantedAccess.toString(16)} when opened)`,
      ),
    );
  }
  return ok({
    object: entry.object as Extract<KernelObject, { kind: K }>,
    grantedAccess: entry.grantedAccess,
  });
}

/** The entry behind a handle of the calling process, pseudo-handles included. @internal */
export function lookupHandle(ctx: CallContext, handle: Handle): HandleEntry | undefined {
  if (handle === CURRENT_PROCESS) {
    return { object: ctx.process, grantedAccess: OBJECT_TYPES.process.genericMapping.genericAll };
  }
  if (handle === CURRENT_THREAD) {
    return { object: ctx.thread, grantedAccess: OBJECT_TYPES.thread.genericMapping.genericAll };
  }
  return ctx.process.handles.get(handle);
}

/** Whether a value is one of the pseudo-handles. @internal */
export function isPseudoHandle(handle: Handle): boolean {
  return handle === CURRENT_PROCESS || handle === CURRENT_THREAD;
}

/** Adds a handle to a process's table: values are multiples of 4 from 4 up, as Windows hands them out. @internal */
export function insertHandle(
  process: ProcessObject,
  object: KernelObject,
  grantedAccess: AccessMask,
): Handle {
  const handle = process.nextHandle;
  process.nextHandle += 4;
  process.handles.set(handle, { object, grantedAccess: grantedAccess >>> 0 });
  return handle;
}
