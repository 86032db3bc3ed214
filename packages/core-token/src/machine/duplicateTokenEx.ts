import { ACCESS_RIGHTS, type AccessMask, mapGenericMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { ImpersonationLevel, TokenType } from '../token/token.js';
import { type DuplicateTokenError, duplicateTokenValue } from '../tokenRules/duplicateTokenRules.js';
import { allocateLuid } from './adoptToken.js';
import { assignSecurity } from './assignSecurity.js';
import { type CallContext, callContext, describeToken, finish } from './callContext.js';
import type { Handle, Machine, ThreadId, TokenObject } from './machine.js';
import { type HandleError, insertHandle, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_DUPLICATE } from './rights.js';

/**
 * SECURITY_ATTRIBUTES: the security descriptor a new object gets (`null`: the creator's default) and whether
 * the new handle is inheritable.
 *
 * @example
 * ```ts
 * import type { SecurityAttributes } from '@doublehop/core-token';
 * import { sddl } from '@doublehop/core-token';
 *
 * const sa: SecurityAttributes = { securityDescriptor: sddl('D:(A;;GA;;;WD)'), inheritHandle: true };
 * ```
 * @see SECURITY_ATTRIBUTES, https://learn.microsoft.com/windows/win32/api/wtypesbase/ns-wtypesbase-security_attributes
 */
export interface SecurityAttributes {
  /** lpSecurityDescriptor: the new object's descriptor, or `null` for the default one. */
  readonly securityDescriptor: SecurityDescriptor | null;
  /** bInheritHandle (recorded only; the machine does not model handle inheritance). */
  readonly inheritHandle: boolean;
}

/**
 * DuplicateTokenEx: creates a new token object that duplicates an existing one, primary or impersonation.
 *
 * @remarks
 * - The existing token's handle needs TOKEN_DUPLICATE — only the access granted when it was opened counts.
 * - The level rules are {@link duplicateTokenRules}: never above an impersonation source's level, and a
 *   primary token only from Impersonation or Delegation (ERROR_BAD_IMPERSONATION_LEVEL).
 * - **The new token object's security descriptor** is the one in `tokenAttributes`, or else the default one
 *   built from the *calling thread's effective token* — its owner, primary group and default DACL
 *   ({@link objectSecurityFrom}) — not the original token's. A service that reverts to itself and then
 *   duplicates its client's token therefore makes a token the client cannot open (Raymond Chen, "How come a
 *   duplicated token doesn't behave identically to the original?"); passing the original's DACL, read with
 *   {@link win32.getKernelObjectSecurity} or {@link win32.getSecurityInfo}, keeps it. A passed descriptor
 *   without owner or group gets the creator's defaults.
 * - The new handle gets the desired access without a check against the new descriptor (the creator of an
 *   unnamed object gets what it asks for: NtDuplicateToken → ObInsertObject); 0 means the same access as
 *   the existing handle; MAXIMUM_ALLOWED means TOKEN_ALL_ACCESS; a descriptor with a SACL adds
 *   ACCESS_SYSTEM_SECURITY, as the documentation says.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param existingToken - a token handle with TOKEN_DUPLICATE
 * @param desiredAccess - the new handle's access (0: the existing handle's)
 * @param tokenAttributes - the new token's descriptor, or `null`
 * @param impersonationLevel - the new token's level (ignored for a primary token)
 * @param tokenType - `'primary'` or `'impersonation'`
 * @returns a handle to the new token
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, registerToken, sid, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const service = createProcess(machine, { name: 'svc.exe', token: token({ user: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid, type: 'primary' }) });
 * const identify = registerToken(machine, service.processId, token({ user: sid('S-1-5-21-1-2-3-1104'), impersonationLevel: 'Identification' }));
 * win32.duplicateTokenEx(machine, service.threadId, identify, 0, null, 'Impersonation', 'impersonation'); // { ok: false, error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL', win32: 1346 } }
 * win32.duplicateTokenEx(machine, service.threadId, identify, 0, null, 'Identification', 'primary'); // { ok: false, error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL' } }
 * win32.duplicateTokenEx(machine, service.threadId, identify, 0, null, 'Anonymous', 'impersonation').ok; // true
 * ```
 * @see DuplicateTokenEx, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex;
 * Raymond Chen, https://devblogs.microsoft.com/oldnewthing/20160512-00
 */
export function duplicateTokenEx(
  machine: Machine,
  caller: ThreadId,
  existingToken: Handle,
  desiredAccess: AccessMask,
  tokenAttributes: SecurityAttributes | null,
  impersonationLevel: ImpersonationLevel,
  tokenType: TokenType,
): Result<Handle, HandleError | DuplicateTokenError> {
  const ctx = callContext(machine, caller, 'DuplicateTokenEx');
  return duplicate(ctx, existingToken, desiredAccess, tokenAttributes, impersonationLevel, tokenType);
}

/** NtDuplicateToken, shared by DuplicateTokenEx and DuplicateToken. @internal */
export function duplicate(
  ctx: CallContext,
  existingToken: Handle,
  desiredAccess: AccessMask,
  tokenAttributes: SecurityAttributes | null,
  impersonationLevel: ImpersonationLevel,
  tokenType: TokenType,
): Result<Handle, HandleError | DuplicateTokenError> {
  const source = referenceObjectByHandle(ctx, existingToken, 'token', TOKEN_DUPLICATE);
  if (!source.ok) return finish(ctx, source, { desiredAccess: TOKEN_DUPLICATE });
  const original = source.value.object;
  const mapping = OBJECT_TYPES.token.genericMapping;
  const explicit = tokenAttributes?.securityDescriptor ?? null;
  const sd = assignSecurity(explicit, ctx.effective.token, mapping);
  const value = duplicateTokenValue(
    original.token,
    { type: tokenType, level: impersonationLevel },
    { tokenId: allocateLuid(ctx.machine) },
    sd,
  );
  if (!value.ok) return finish(ctx, value, { object: original, desiredAccess: TOKEN_DUPLICATE });
  const copy: TokenObject = { kind: 'token', token: value.value, parentTokenId: original.parentTokenId };
  let granted =
    desiredAccess === 0
      ? source.value.grantedAccess
      : mapGenericMask(
          (desiredAccess & ACCESS_RIGHTS.MAXIMUM_ALLOWED) !== 0
            ? (desiredAccess & ~ACCESS_RIGHTS.MAXIMUM_ALLOWED) | mapping.genericAll
            : desiredAccess,
          mapping,
        );
  if (sd.sacl !== null) granted |= ACCESS_RIGHTS.ACCESS_SYSTEM_SECURITY;
  const handle = insertHandle(ctx.process, copy, granted);
  const from =
    explicit === null ? "the default descriptor of the caller's effective token" : 'SECURITY_ATTRIBUTES';
  return finish(ctx, ok(handle), {
    object: original,
    desiredAccess: desiredAccess === 0 ? null : desiredAccess,
    grantedAccess: granted >>> 0,
    detail: `new ${describeToken(value.value)}; its descriptor from ${from}`,
  });
}
