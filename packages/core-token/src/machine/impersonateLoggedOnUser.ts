import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import { objectSecurityFrom } from '../securityDescriptor/defaultObjectSecurity.js';
import { duplicateTokenValue } from '../tokenRules/duplicateTokenRules.js';
import { allocateLuid } from './adoptToken.js';
import { assignImpersonation } from './assignImpersonation.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId, TokenObject } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_DUPLICATE, TOKEN_IMPERSONATE, TOKEN_QUERY } from './rights.js';

/**
 * ImpersonateLoggedOnUser: the calling thread impersonates the user a token handle represents.
 *
 * @remarks
 * - An impersonation token's handle needs TOKEN_QUERY | TOKEN_IMPERSONATE; a primary token's
 *   TOKEN_QUERY | TOKEN_DUPLICATE, because the function first duplicates it to an Impersonation-level
 *   impersonation token — a new token object whose descriptor, as for any object created without one, comes
 *   from the calling thread's effective token ({@link objectSecurityFrom}).
 * - No privilege is needed to *call* it, but the kernel's impersonation check ({@link impersonationCheck})
 *   runs on the calling process's token: without SeImpersonatePrivilege (or another exception) the call
 *   still succeeds and the thread silently gets an Identification-level copy, so its next object open fails
 *   with ERROR_BAD_IMPERSONATION_LEVEL. The trace says which rule decided.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param token - a handle to a primary or impersonation token
 * @returns success (check `machine.trace` or {@link win32.openThreadToken} for the level actually granted)
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, registerToken, sid, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const noPrivilege = token({ user: sid('S-1-5-21-1-2-3-2001'), type: 'primary' });
 * const service = createProcess(machine, { name: 'app.exe', token: noPrivilege });
 * const client = registerToken(machine, service.processId, token({ user: sid('S-1-5-21-1-2-3-1104') }));
 * win32.impersonateLoggedOnUser(machine, service.threadId, client).ok; // true
 * machine.threads.get(service.threadId)?.impersonationToken?.token.impersonationLevel; // 'Identification'
 * ```
 * @see ImpersonateLoggedOnUser, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateloggedonuser;
 * Client Impersonation, https://learn.microsoft.com/windows/win32/secauthz/client-impersonation
 */
export function impersonateLoggedOnUser(
  machine: Machine,
  caller: ThreadId,
  token: Handle,
): Result<void, HandleError> {
  const ctx = callContext(machine, caller, 'ImpersonateLoggedOnUser');
  const handle = referenceObjectByHandle(ctx, token, 'token', 0);
  if (!handle.ok) return finish(ctx, handle);
  let object = handle.value.object;
  const primary = object.token.type === 'primary';
  const required = TOKEN_QUERY | (primary ? TOKEN_DUPLICATE : TOKEN_IMPERSONATE);
  const usable = referenceObjectByHandle(ctx, token, 'token', required);
  if (!usable.ok) return finish(ctx, usable, { object, desiredAccess: required });
  let duplicated = '';
  if (primary) {
    const copy = duplicateTokenValue(
      object.token,
      { type: 'impersonation', level: 'Impersonation' },
      { tokenId: allocateLuid(machine) },
      objectSecurityFrom(ctx.effective.token, OBJECT_TYPES.token.genericMapping),
    );
    if (!copy.ok) throw new Error(`impersonateLoggedOnUser: ${copy.error.message}`);
    const dup: TokenObject = { kind: 'token', token: copy.value, parentTokenId: object.parentTokenId };
    duplicated = `primary token duplicated to an Impersonation-level token; `;
    object = dup;
  }
  const { detail } = assignImpersonation(ctx, ctx.thread, object);
  return finish(ctx, ok(undefined), {
    object: handle.value.object,
    desiredAccess: required,
    detail: duplicated + detail,
  });
}
