import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import { hasEnabledPrivilege, type Token } from '../token/token.js';
import {
  type GetTokenInformationError,
  type TokenInformation,
  type TokenInformationClass,
  getTokenInformation as tokenInformationRule,
} from '../tokenRules/getTokenInformation.js';
import { allocateLuid } from './adoptToken.js';
import { callContext, describeToken, finish } from './callContext.js';
import type { Handle, Machine, ThreadId, TokenObject } from './machine.js';
import { type HandleError, insertHandle, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_QUERY, TOKEN_QUERY_SOURCE } from './rights.js';

/**
 * What GetTokenInformation returns for a class on the machine: the class's value ({@link TokenInformation}),
 * except TokenLinkedToken, which — as TOKEN_LINKED_TOKEN.LinkedToken — is a new *handle* to the linked token.
 *
 * @example
 * ```ts
 * import type { TokenInformationValue } from '@doublehop/core-token';
 *
 * const linked: TokenInformationValue<'TokenLinkedToken'> = 12; // a handle
 * ```
 */
export type TokenInformationValue<C extends TokenInformationClass> = C extends 'TokenLinkedToken'
  ? Handle
  : TokenInformation[C];

/**
 * GetTokenInformation: reads one class of information from a token through a handle with TOKEN_QUERY
 * (TokenSource: TOKEN_QUERY_SOURCE). The answers are {@link getTokenInformation}'s.
 *
 * @remarks
 * TokenLinkedToken returns a new handle (TOKEN_ALL_ACCESS: the kernel opens it for the caller) to the other
 * half of a UAC split token. Only a caller with SeTcbPrivilege *enabled* gets the linked token itself (a
 * primary token it could start a process with); everyone else gets an Identification-level copy, good for
 * looking at (CheckTokenMembership of Administrators) but not for opening anything. The privilege is looked
 * up as every kernel privilege check does it (SePrivilegeCheck on the captured subject context): in the
 * calling thread's *effective* token — so a service impersonating a client does not get the real linked
 * token through its own SeTcbPrivilege — and an effective token below Impersonation level holds no
 * privileges for this purpose.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param token - a token handle
 * @param infoClass - the TOKEN_INFORMATION_CLASS name
 * @returns the information, or a handle for TokenLinkedToken
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0x8);
 * const type = own.ok ? win32.getTokenInformation(machine, threadId, own.value, 'TokenType') : own;
 * type; // { ok: true, value: 'primary' }
 * ```
 * @see GetTokenInformation, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-gettokeninformation;
 * TOKEN_LINKED_TOKEN, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_linked_token
 */
export function getTokenInformation<C extends TokenInformationClass>(
  machine: Machine,
  caller: ThreadId,
  token: Handle,
  infoClass: C,
): Result<TokenInformationValue<C>, HandleError | GetTokenInformationError> {
  const ctx = callContext(machine, caller, `GetTokenInformation(${infoClass})`);
  const needed = infoClass === 'TokenSource' ? TOKEN_QUERY_SOURCE : TOKEN_QUERY;
  const handle = referenceObjectByHandle(ctx, token, 'token', needed);
  if (!handle.ok) return finish(ctx, handle, { desiredAccess: needed });
  const object = handle.value.object;
  const subject = ctx.effective.token;
  const callerHasTcbPrivilege =
    subject.impersonationLevel !== 'Identification' &&
    subject.impersonationLevel !== 'Anonymous' &&
    hasEnabledPrivilege(subject, 'SeTcbPrivilege');
  const linkedTokenCopy =
    infoClass === 'TokenLinkedToken' && !callerHasTcbPrivilege && object.token.linkedToken !== null
      ? { tokenId: allocateLuid(machine), securityDescriptor: object.token.linkedToken.securityDescriptor }
      : undefined;
  const answer = tokenInformationRule(
    object.token,
    infoClass,
    linkedTokenCopy === undefined ? { callerHasTcbPrivilege } : { callerHasTcbPrivilege, linkedTokenCopy },
  );
  if (!answer.ok) return finish(ctx, answer, { object, desiredAccess: needed });
  if (infoClass !== 'TokenLinkedToken') {
    return finish(ctx, ok(answer.value as TokenInformationValue<C>), { object, desiredAccess: needed });
  }
  const linked = linkedObject(machine, answer.value as Token);
  const access = OBJECT_TYPES.token.genericMapping.genericAll;
  const linkedHandle = insertHandle(ctx.process, linked, access);
  return finish(ctx, ok(linkedHandle as TokenInformationValue<C>), {
    object,
    desiredAccess: needed,
    grantedAccess: access,
    detail: `${callerHasTcbPrivilege ? 'SeTcbPrivilege enabled: the linked token itself' : 'no SeTcbPrivilege in the effective token: an Identification-level copy'}, ${describeToken(linked.token)}`,
  });
}

const linkedObjects = new WeakMap<Machine, WeakMap<Token, TokenObject>>();

/** The one token object per linked-token value on a machine, so repeated queries share it. */
function linkedObject(machine: Machine, linked: Token): TokenObject {
  let objects = linkedObjects.get(machine);
  if (objects === undefined) {
    objects = new WeakMap();
    linkedObjects.set(machine, objects);
  }
  let object = objects.get(linked);
  if (object === undefined) {
    object = { kind: 'token', token: linked, parentTokenId: 0 };
    objects.set(linked, object);
  }
  return object;
}
