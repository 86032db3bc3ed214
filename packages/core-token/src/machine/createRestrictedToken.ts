import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import {
  type RestrictTokenError,
  type RestrictTokenOptions,
  restrictToken,
} from '../tokenRules/restrictToken.js';
import { allocateLuid } from './adoptToken.js';
import { assignSecurity } from './assignSecurity.js';
import { callContext, describeToken, finish } from './callContext.js';
import type { Handle, Machine, ThreadId, TokenObject } from './machine.js';
import { type HandleError, insertHandle, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_DUPLICATE } from './rights.js';

/**
 * CreateRestrictedToken: a new token filtered from an existing one — deny-only SIDs, deleted privileges
 * (or DISABLE_MAX_PRIVILEGE), restricting SIDs, WRITE_RESTRICTED — by {@link restrictToken}'s rules.
 *
 * @remarks
 * The existing handle needs TOKEN_DUPLICATE; the new handle carries the same access as the existing one
 * (NtFilterToken). The new token is a child of the existing one (its ParentTokenId is the existing
 * TokenId), which is what lets a process without SeAssignPrimaryTokenPrivilege start a child process with
 * a restricted version of its own token ({@link win32.createProcessAsUser}). Its object descriptor, as for
 * any object created without one, comes from the caller's effective token.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param existingToken - a token handle with TOKEN_DUPLICATE
 * @param options - the flags, SidsToDisable, PrivilegesToDelete and SidsToRestrict
 * @returns a handle to the restricted token
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const user = token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary', privileges: ['SeTcbPrivilege', 'SeChangeNotifyPrivilege'] });
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: user });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0xb); // TOKEN_DUPLICATE | TOKEN_QUERY | TOKEN_ASSIGN_PRIMARY
 * const r = own.ok ? win32.createRestrictedToken(machine, threadId, own.value, { disableMaxPrivilege: true }) : own;
 * r.ok && machine.processes.get(4)?.handles.get(r.value)?.object.kind; // 'token'
 * ```
 * @see CreateRestrictedToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-createrestrictedtoken;
 * Restricted Tokens, https://learn.microsoft.com/windows/win32/secauthz/restricted-tokens
 */
export function createRestrictedToken(
  machine: Machine,
  caller: ThreadId,
  existingToken: Handle,
  options: RestrictTokenOptions,
): Result<Handle, HandleError | RestrictTokenError> {
  const ctx = callContext(machine, caller, 'CreateRestrictedToken');
  const source = referenceObjectByHandle(ctx, existingToken, 'token', TOKEN_DUPLICATE);
  if (!source.ok) return finish(ctx, source, { desiredAccess: TOKEN_DUPLICATE });
  const original = source.value.object;
  const restricted = restrictToken(
    original.token,
    options,
    { tokenId: allocateLuid(machine), modifiedId: allocateLuid(machine) },
    assignSecurity(null, ctx.effective.token, OBJECT_TYPES.token.genericMapping),
  );
  if (!restricted.ok) return finish(ctx, restricted, { object: original, desiredAccess: TOKEN_DUPLICATE });
  const child: TokenObject = {
    kind: 'token',
    token: restricted.value,
    parentTokenId: original.token.tokenId,
  };
  const handle = insertHandle(ctx.process, child, source.value.grantedAccess);
  return finish(ctx, ok(handle), {
    object: original,
    desiredAccess: TOKEN_DUPLICATE,
    grantedAccess: source.value.grantedAccess,
    detail: `new restricted ${describeToken(restricted.value)}`,
  });
}
