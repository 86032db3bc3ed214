import { ACCESS_RIGHTS, type AccessMask } from '../access/accessMask.js';
import { ok, type Result } from '../result.js';
import {
  SD_CONTROL,
  type SecurityDescriptor,
  securityDescriptor,
} from '../securityDescriptor/securityDescriptor.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { securityOf } from './seAccessCheck.js';

/**
 * SECURITY_INFORMATION bits: which parts of a descriptor to read or write.
 *
 * @example
 * ```ts
 * import { SECURITY_INFORMATION } from '@doublehop/core-token';
 *
 * SECURITY_INFORMATION.DACL_SECURITY_INFORMATION; // 4
 * ```
 * @see SECURITY_INFORMATION, https://learn.microsoft.com/windows/win32/secauthz/security-information
 */
export const SECURITY_INFORMATION = {
  /** The owner; needs READ_CONTROL. */
  OWNER_SECURITY_INFORMATION: 0x1,
  /** The primary group; needs READ_CONTROL. */
  GROUP_SECURITY_INFORMATION: 0x2,
  /** The DACL; needs READ_CONTROL. */
  DACL_SECURITY_INFORMATION: 0x4,
  /** The SACL; needs ACCESS_SYSTEM_SECURITY. */
  SACL_SECURITY_INFORMATION: 0x8,
  /** The mandatory integrity label (from the SACL); needs READ_CONTROL. */
  LABEL_SECURITY_INFORMATION: 0x10,
} as const;

/**
 * GetKernelObjectSecurity: reads the requested parts of a kernel object's security descriptor through a
 * handle. Owner, group, DACL and label need READ_CONTROL on the handle, the SACL ACCESS_SYSTEM_SECURITY —
 * the access granted when the handle was opened, not the descriptor's say now.
 *
 * @remarks
 * Parts not requested come back absent (`null`). Raymond Chen's fix for the duplicated token reads the
 * original token's DACL this way and passes it to {@link win32.duplicateTokenEx}.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param handle - a handle to any kernel object
 * @param requestedInformation - {@link SECURITY_INFORMATION} bits
 * @returns the requested parts of the descriptor
 * @example
 * ```ts
 * import { SECURITY_INFORMATION, WELL_KNOWN_SIDS, createMachine, createProcess, formatSddl, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x20000); // READ_CONTROL
 * const sd = own.ok ? win32.getKernelObjectSecurity(machine, threadId, own.value, SECURITY_INFORMATION.DACL_SECURITY_INFORMATION) : null;
 * sd?.ok && formatSddl(sd.value); // 'D:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)'
 * ```
 * @see GetKernelObjectSecurity, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-getkernelobjectsecurity
 */
export function getKernelObjectSecurity(
  machine: Machine,
  caller: ThreadId,
  handle: Handle,
  requestedInformation: number,
): Result<SecurityDescriptor, HandleError> {
  return querySecurity(machine, caller, handle, requestedInformation, 'GetKernelObjectSecurity');
}

/**
 * NtQuerySecurityObject, shared by GetKernelObjectSecurity and GetSecurityInfo.
 *
 * @internal
 */
export function querySecurity(
  machine: Machine,
  caller: ThreadId,
  handle: Handle,
  requested: number,
  operation: string,
): Result<SecurityDescriptor, HandleError> {
  const ctx = callContext(machine, caller, operation);
  const needed = neededAccess(requested);
  const entry = referenceObjectByHandle(ctx, handle, null, needed);
  if (!entry.ok) return finish(ctx, entry, { desiredAccess: needed });
  const object = entry.value.object;
  const sd = securityOf(object);
  const { OWNER_SECURITY_INFORMATION, GROUP_SECURITY_INFORMATION, DACL_SECURITY_INFORMATION } =
    SECURITY_INFORMATION;
  const wantsSacl = (requested & SECURITY_INFORMATION.SACL_SECURITY_INFORMATION) !== 0;
  const wantsLabel = (requested & SECURITY_INFORMATION.LABEL_SECURITY_INFORMATION) !== 0;
  const wantsDacl = (requested & DACL_SECURITY_INFORMATION) !== 0;
  const sacl = wantsSacl
    ? sd.sacl
    : wantsLabel && sd.sacl !== null
      ? sd.sacl.filter((a) => a.type === 'SYSTEM_MANDATORY_LABEL')
      : null;
  const result = securityDescriptor({
    owner: (requested & OWNER_SECURITY_INFORMATION) !== 0 ? sd.owner : null,
    group: (requested & GROUP_SECURITY_INFORMATION) !== 0 ? sd.group : null,
    dacl: wantsDacl ? sd.dacl : null,
    sacl,
    // A NULL DACL is still a present DACL: keep SE_DACL_PRESENT so it is not mistaken for "no DACL".
    control: wantsDacl ? sd.control & DACL_CONTROL : 0,
  });
  return finish(ctx, ok(result), { object, desiredAccess: needed });
}

const DACL_CONTROL = SD_CONTROL.SE_DACL_PRESENT | SD_CONTROL.SE_DACL_DEFAULTED | SD_CONTROL.SE_DACL_PROTECTED;

function neededAccess(requested: number): AccessMask {
  let needed = 0;
  if ((requested & ~SECURITY_INFORMATION.SACL_SECURITY_INFORMATION & 0x1f) !== 0)
    needed |= ACCESS_RIGHTS.READ_CONTROL;
  if ((requested & SECURITY_INFORMATION.SACL_SECURITY_INFORMATION) !== 0)
    needed |= ACCESS_RIGHTS.ACCESS_SYSTEM_SECURITY;
  return needed >>> 0;
}
