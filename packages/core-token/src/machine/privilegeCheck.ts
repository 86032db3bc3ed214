import type { Result } from '../result.js';
import type { PrivilegeName } from '../token/privileges.js';
import { type PrivilegeCheckError, privilegeCheck as privilegeRule } from '../tokenRules/privilegeCheck.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_QUERY } from './rights.js';

/**
 * PrivilegeCheck: whether a client's token has the given privileges enabled ({@link privilegeCheck}'s
 * rule) — all of them (PRIVILEGE_SET_ALL_NECESSARY) or any. The handle needs TOKEN_QUERY and must be an
 * impersonation token ("obtained by opening the token of a thread impersonating the client").
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param clientToken - a handle to the client's impersonation token
 * @param privileges - the privileges to look for
 * @param requireAll - PRIVILEGE_SET_ALL_NECESSARY
 * @returns whether they are enabled
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x8);
 * own.ok && win32.privilegeCheck(machine, threadId, own.value, ['SeTcbPrivilege'], true); // { ok: false, error: { code: 'ERROR_NO_IMPERSONATION_TOKEN', win32: 1309 } }
 * ```
 * @see PrivilegeCheck, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-privilegecheck
 */
export function privilegeCheck(
  machine: Machine,
  caller: ThreadId,
  clientToken: Handle,
  privileges: readonly PrivilegeName[],
  requireAll: boolean,
): Result<boolean, HandleError | PrivilegeCheckError> {
  const ctx = callContext(machine, caller, 'PrivilegeCheck');
  const handle = referenceObjectByHandle(ctx, clientToken, 'token', TOKEN_QUERY);
  if (!handle.ok) return finish(ctx, handle, { desiredAccess: TOKEN_QUERY });
  const object = handle.value.object;
  return finish(ctx, privilegeRule(object.token, privileges, requireAll), {
    object,
    desiredAccess: TOKEN_QUERY,
    detail: `${privileges.join(', ')} (${requireAll ? 'all' : 'any'})`,
  });
}
