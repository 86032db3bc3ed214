import type { AccessMask } from '../access/accessMask.js';
import type { ObjectTypeKey } from '../access/objectTypes.js';
import type { AccessCheckResult } from '../accessCheck/accessCheckResult.js';
import { WIN32_ERRORS, type Win32Error } from '../errors.js';
import type { Result } from '../result.js';
import type { Token } from '../token/token.js';
import type { KernelObject, Machine, ProcessObject, ThreadId, ThreadObject, TokenObject } from './machine.js';
import type { TraceEvent, TraceIdentity } from './trace.js';

/**
 * One call of a Win32 operation: the machine, the calling thread and process, and who the thread was
 * when the call began (for the trace).
 *
 * @internal
 */
export interface CallContext {
  readonly machine: Machine;
  readonly operation: string;
  readonly thread: ThreadObject;
  readonly process: ProcessObject;
  /** The token the thread acts with at the start of the call: its impersonation token, else the process token. */
  readonly effective: TokenObject;
  readonly user: TraceIdentity;
  readonly impersonating: TraceIdentity | null;
}

/** What an operation reports to the trace besides its result. @internal */
export interface TraceFields {
  readonly object?: KernelObject | null;
  readonly desiredAccess?: AccessMask | null;
  readonly grantedAccess?: AccessMask | null;
  readonly checkedAs?: Token | null;
  readonly detail?: string | null;
  readonly accessCheck?: AccessCheckResult | null;
}

/**
 * Starts a call made by thread `threadId`; an unknown thread is a programmer error.
 *
 * @internal
 */
export function callContext(machine: Machine, threadId: ThreadId, operation: string): CallContext {
  const thread = machine.threads.get(threadId);
  if (thread === undefined) {
    const fn = operation.charAt(0).toLowerCase() + operation.slice(1);
    throw new TypeError(`${fn}: thread ${String(threadId)} does not exist on ${machine.name}`);
  }
  const process = thread.process;
  const impersonation = thread.impersonationToken;
  return {
    machine,
    operation,
    thread,
    process,
    effective: impersonation ?? process.primaryToken,
    user: traceIdentity(process.primaryToken.token),
    impersonating: impersonation === null ? null : traceIdentity(impersonation.token),
  };
}

/**
 * Appends the call's trace event and returns its result unchanged.
 *
 * @internal
 */
export function finish<T, E extends Win32Error>(
  ctx: CallContext,
  result: Result<T, E>,
  fields: TraceFields = {},
): Result<T, E> {
  const object = fields.object ?? null;
  const checkedAs = fields.checkedAs ?? null;
  const event: TraceEvent = {
    sequence: ctx.machine.nextSequence++,
    operation: ctx.operation,
    processId: ctx.process.processId,
    processName: ctx.process.name,
    threadId: ctx.thread.threadId,
    user: ctx.user,
    impersonating: ctx.impersonating,
    checkedAs: checkedAs === null ? null : traceIdentity(checkedAs),
    objectType: object === null ? null : objectTypeKey(object),
    object: object === null ? null : objectName(object),
    objectUser: object?.kind === 'token' ? object.token.user.sid : null,
    desiredAccess: fields.desiredAccess ?? null,
    grantedAccess: fields.grantedAccess ?? null,
    result: result.ok ? 'ERROR_SUCCESS' : result.error.code,
    win32: result.ok ? WIN32_ERRORS.ERROR_SUCCESS : result.error.win32,
    detail: fields.detail ?? null,
    accessCheck: fields.accessCheck ?? null,
  };
  ctx.machine.trace.push(event);
  return result;
}

const identities = new WeakMap<Token, TraceIdentity>();

/** How the trace names a token; cached per token value (tokens are immutable). @internal */
export function traceIdentity(subject: Token): TraceIdentity {
  let identity = identities.get(subject);
  if (identity === undefined) {
    identity = Object.freeze({
      user: subject.user.sid,
      type: subject.type,
      level: subject.impersonationLevel,
      tokenId: subject.tokenId,
    });
    identities.set(subject, identity);
  }
  return identity;
}

/** The OBJECT_TYPES key of a kernel object. @internal */
export function objectTypeKey(object: KernelObject): ObjectTypeKey {
  return object.kind;
}

const objectNames = new WeakMap<KernelObject, string>();

/** How traces name an object (without account names; {@link formatTrace} adds the token's user). @internal */
export function objectName(object: KernelObject): string {
  let name = objectNames.get(object);
  if (name === undefined) {
    name = nameOf(object);
    objectNames.set(object, name);
  }
  return name;
}

function nameOf(object: KernelObject): string {
  switch (object.kind) {
    case 'file':
      return object.path;
    case 'token':
      return `Token ${hex(object.token.tokenId)}`;
    case 'process':
      return `${object.name} (pid ${object.processId})`;
    case 'thread':
      return `Thread ${object.threadId} of ${object.process.name} (pid ${object.process.processId})`;
  }
}

/** A LUID or mask as Windows tools print it: `0x10004`. @internal */
export function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

/** `primary token 0x10004` or `impersonation token 0x10004 at Identification level`. @internal */
export function describeToken(subject: Token): string {
  return subject.type === 'primary'
    ? `primary token ${hex(subject.tokenId)}`
    : `impersonation token ${hex(subject.tokenId)} at ${subject.impersonationLevel ?? '?'} level`;
}
