import type { Result } from '../result.js';
import type { Sid } from '../sid/sid.js';
import type { Token } from '../token/token.js';
import {
  type CheckTokenMembershipError,
  checkTokenMembership as membershipRule,
} from '../tokenRules/checkTokenMembership.js';
import { duplicateTokenValue } from '../tokenRules/duplicateTokenRules.js';
import { allocateLuid } from './adoptToken.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId, TokenObject } from './machine.js';
import { type HandleError, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_QUERY } from './rights.js';

/**
 * CheckTokenMembership: whether a SID is enabled in a token ({@link checkTokenMembership}'s rule).
 *
 * @remarks
 * The token handle needs TOKEN_QUERY and must be an impersonation token (a primary token is
 * ERROR_NO_IMPERSONATION_TOKEN). With `token` null the calling thread's impersonation token is used, or —
 * when it is not impersonating — an Identification-level duplicate of its process token, as the function
 * makes one itself. It works at Identification level: checking a client's groups is what that level is for.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param token - an impersonation token handle, or `null`
 * @param sid - the SID to look for
 * @returns whether the SID is present and enabled (deny-only does not count)
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const system = token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary', groups: [WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid] });
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: system });
 * win32.checkTokenMembership(machine, threadId, null, WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid); // { ok: true, value: true }
 * ```
 * @see CheckTokenMembership, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-checktokenmembership
 */
export function checkTokenMembership(
  machine: Machine,
  caller: ThreadId,
  token: Handle | null,
  sid: Sid,
): Result<boolean, HandleError | CheckTokenMembershipError> {
  const ctx = callContext(machine, caller, 'CheckTokenMembership');
  let subject: Token;
  let object: TokenObject;
  if (token === null) {
    object = ctx.thread.impersonationToken ?? ctx.process.primaryToken;
    subject = ctx.thread.impersonationToken?.token ?? identificationCopy(machine, object.token);
  } else {
    const handle = referenceObjectByHandle(ctx, token, 'token', TOKEN_QUERY);
    if (!handle.ok) return finish(ctx, handle, { desiredAccess: TOKEN_QUERY });
    object = handle.value.object;
    subject = object.token;
  }
  return finish(ctx, membershipRule(subject, sid), {
    object,
    desiredAccess: token === null ? null : TOKEN_QUERY,
    detail: `SID ${sid.text}`,
  });
}

function identificationCopy(machine: Machine, primary: Token): Token {
  const copy = duplicateTokenValue(
    primary,
    { type: 'impersonation', level: 'Identification' },
    { tokenId: allocateLuid(machine) },
    primary.securityDescriptor,
  );
  if (!copy.ok) throw new Error(`checkTokenMembership: ${copy.error.message}`);
  return copy.value;
}
