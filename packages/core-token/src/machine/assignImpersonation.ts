import { duplicateTokenValue } from '../tokenRules/duplicateTokenRules.js';
import { impersonationCheck } from '../tokenRules/impersonationCheck.js';
import { allocateLuid } from './adoptToken.js';
import type { CallContext } from './callContext.js';
import { hex } from './callContext.js';
import type { ThreadObject, TokenObject } from './machine.js';

/**
 * PsImpersonateClient: puts an impersonation token on a thread after the kernel's impersonation check
 * ({@link impersonationCheck}) of the *calling process's* primary token. When no exception lets the caller
 * impersonate at the token's level, the call still succeeds but the thread gets an Identification-level copy
 * — the silent downgrade.
 *
 * @remarks
 * The copy is a new token object with a TokenId of its own. Which descriptor Windows gives it is not
 * documented; doublehop keeps the original token's, so OpenThreadToken on a downgraded thread behaves as it
 * would on the original (OpenAsSelf = TRUE is needed anyway: the Identification-level thread cannot open
 * objects as itself).
 *
 * @returns the token object the thread now carries, and a sentence for the trace
 * @internal
 */
export function assignImpersonation(
  ctx: CallContext,
  target: ThreadObject,
  tokenObject: TokenObject,
): { readonly object: TokenObject; readonly detail: string } {
  const check = impersonationCheck(ctx.process.primaryToken.token, tokenObject.token, {
    uacEnabled: ctx.machine.uacEnabled,
  });
  let object = tokenObject;
  if (check.downgraded) {
    const source = tokenObject.token;
    const copy = duplicateTokenValue(
      source,
      { type: 'impersonation', level: check.level },
      { tokenId: allocateLuid(ctx.machine) },
      source.securityDescriptor,
    );
    if (!copy.ok) throw new Error(`assignImpersonation: ${copy.error.message}`);
    object = { kind: 'token', token: copy.value, parentTokenId: tokenObject.parentTokenId };
  }
  target.impersonationToken = object;
  const who = target === ctx.thread ? 'the thread' : `thread ${target.threadId}`;
  const detail = check.downgraded
    ? `impersonation check: ${check.rule} — silently downgraded: ${who} impersonates an Identification-level copy (token ${hex(object.token.tokenId)})`
    : `impersonation check: ${check.rule} — ${who} impersonates at ${check.level} level`;
  return { object, detail };
}
