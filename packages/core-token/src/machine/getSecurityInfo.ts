import type { Result } from '../result.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import { querySecurity } from './getKernelObjectSecurity.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import type { HandleError } from './referenceObjectByHandle.js';

/**
 * The SE_OBJECT_TYPE values {@link win32.getSecurityInfo} takes for the objects the machine has.
 *
 * @example
 * ```ts
 * import type { SeObjectType } from '@doublehop/core-token';
 *
 * const tokenKind: SeObjectType = 'SE_KERNEL_OBJECT';
 * ```
 */
export type SeObjectType = 'SE_KERNEL_OBJECT' | 'SE_FILE_OBJECT';

/**
 * GetSecurityInfo: reads the requested parts of an object's security descriptor through a handle, with the
 * same access rules as {@link win32.getKernelObjectSecurity} (READ_CONTROL; ACCESS_SYSTEM_SECURITY for the
 * SACL). Raymond Chen's fix calls it with SE_KERNEL_OBJECT and DACL_SECURITY_INFORMATION on the token handle.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param handle - a handle to the object
 * @param objectType - `SE_KERNEL_OBJECT` (tokens, processes, threads) or `SE_FILE_OBJECT`
 * @param securityInfo - {@link SECURITY_INFORMATION} bits
 * @returns the requested parts of the descriptor
 * @example
 * ```ts
 * import { SECURITY_INFORMATION, WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x8); // TOKEN_QUERY only
 * own.ok && win32.getSecurityInfo(machine, threadId, own.value, 'SE_KERNEL_OBJECT', SECURITY_INFORMATION.DACL_SECURITY_INFORMATION); // { ok: false, error: { code: 'ERROR_ACCESS_DENIED' } }
 * ```
 * @see GetSecurityInfo, https://learn.microsoft.com/windows/win32/api/aclapi/nf-aclapi-getsecurityinfo
 */
export function getSecurityInfo(
  machine: Machine,
  caller: ThreadId,
  handle: Handle,
  objectType: SeObjectType,
  securityInfo: number,
): Result<SecurityDescriptor, HandleError> {
  return querySecurity(machine, caller, handle, securityInfo, `GetSecurityInfo(${objectType})`);
}
