import type { Result } from '../result.js';
import type { ImpersonationLevel } from '../token/token.js';
import type { DuplicateTokenError } from '../tokenRules/duplicateTokenRules.js';
import { callContext } from './callContext.js';
import { duplicate } from './duplicateTokenEx.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import type { HandleError } from './referenceObjectByHandle.js';
import { TOKEN_IMPERSONATE, TOKEN_QUERY } from './rights.js';

/**
 * DuplicateToken: DuplicateTokenEx(existing, TOKEN_IMPERSONATE | TOKEN_QUERY, no SECURITY_ATTRIBUTES, level,
 * TokenImpersonation) — an impersonation token whose descriptor is the caller's default, never a primary
 * token (CreateProcessAsUser needs DuplicateTokenEx).
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param existingToken - a token handle with TOKEN_DUPLICATE
 * @param impersonationLevel - the new token's level
 * @returns a handle with TOKEN_IMPERSONATE | TOKEN_QUERY to the new impersonation token
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x2); // TOKEN_DUPLICATE
 * const dup = own.ok ? win32.duplicateToken(machine, threadId, own.value, 'Impersonation') : own;
 * dup.ok && machine.processes.get(4)?.handles.get(dup.value)?.grantedAccess; // 0xc
 * ```
 * @see DuplicateToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetoken
 */
export function duplicateToken(
  machine: Machine,
  caller: ThreadId,
  existingToken: Handle,
  impersonationLevel: ImpersonationLevel,
): Result<Handle, HandleError | DuplicateTokenError> {
  const ctx = callContext(machine, caller, 'DuplicateToken');
  return duplicate(
    ctx,
    existingToken,
    TOKEN_IMPERSONATE | TOKEN_QUERY,
    null,
    impersonationLevel,
    'impersonation',
  );
}
