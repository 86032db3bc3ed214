import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import type { ImpersonationLevel } from '../token/token.js';
import { duplicateTokenValue } from '../tokenRules/duplicateTokenRules.js';
import { allocateLuid } from './adoptToken.js';
import { assignImpersonation } from './assignImpersonation.js';
import { assignSecurity } from './assignSecurity.js';
import { callContext, finish, hex } from './callContext.js';
import type { Machine, ThreadId, TokenObject } from './machine.js';
import { TOKEN_DUPLICATE } from './rights.js';
import { type OpenError, seAccessCheck } from './seAccessCheck.js';

/**
 * ImpersonateSelf: the calling thread impersonates a duplicate of its own process token at the given level —
 * how a thread enables a privilege, or changes its default DACL, for itself only.
 *
 * @remarks
 * As RtlImpersonateSelf does it: open the process token for TOKEN_DUPLICATE — an access check of the process
 * token's DACL *as the thread's effective token* ("the DACL protecting the process token must grant the
 * TOKEN_DUPLICATE right to itself"; a thread impersonating at Identification level fails with
 * ERROR_BAD_IMPERSONATION_LEVEL) — duplicate it at `impersonationLevel` with no descriptor (so the copy's
 * descriptor comes from the effective token's defaults), and assign it to the thread, where the impersonation
 * check passes because the user is the process's own.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param impersonationLevel - the duplicate's level
 * @returns success, or why the process token could not be opened
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.impersonateSelf(machine, threadId, 'Impersonation').ok; // true
 * machine.threads.get(threadId)?.impersonationToken?.token.user.sid.text; // 'S-1-5-18'
 * ```
 * @see ImpersonateSelf, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateself
 */
export function impersonateSelf(
  machine: Machine,
  caller: ThreadId,
  impersonationLevel: ImpersonationLevel,
): Result<void, OpenError> {
  const ctx = callContext(machine, caller, 'ImpersonateSelf');
  const processToken = ctx.process.primaryToken;
  const { result, check } = seAccessCheck(ctx.effective.token, processToken, TOKEN_DUPLICATE);
  if (!result.ok) {
    return finish(ctx, result, { object: processToken, desiredAccess: TOKEN_DUPLICATE, accessCheck: check });
  }
  const copy = duplicateTokenValue(
    processToken.token,
    { type: 'impersonation', level: impersonationLevel },
    { tokenId: allocateLuid(machine) },
    assignSecurity(null, ctx.effective.token, OBJECT_TYPES.token.genericMapping),
  );
  if (!copy.ok) throw new Error(`impersonateSelf: ${copy.error.message}`);
  const object: TokenObject = { kind: 'token', token: copy.value, parentTokenId: processToken.parentTokenId };
  const { detail } = assignImpersonation(ctx, ctx.thread, object);
  return finish(ctx, ok(undefined), {
    object: processToken,
    desiredAccess: TOKEN_DUPLICATE,
    accessCheck: check,
    detail: `process token duplicated as token ${hex(copy.value.tokenId)}; ${detail}`,
  });
}
