import { type AccessMask, mapGenericMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ok, type Result } from '../result.js';
import type { Token } from '../token/token.js';
import { type CallContext, finish } from './callContext.js';
import type { Handle, KernelObject } from './machine.js';
import { insertHandle } from './referenceObjectByHandle.js';
import { type OpenError, seAccessCheck } from './seAccessCheck.js';

/**
 * ObOpenObjectByPointer: the access check as `subject`, then a handle carrying the granted access in the
 * caller's table; traced either way, with the desired access as the check saw it (generic rights mapped).
 *
 * @internal
 */
export function openObject(
  ctx: CallContext,
  subject: Token,
  object: KernelObject,
  desiredAccess: AccessMask,
  detail: string | null = null,
): Result<Handle, OpenError> {
  const { result, check } = seAccessCheck(subject, object, desiredAccess);
  return finish(ctx, result.ok ? ok(insertHandle(ctx.process, object, result.value)) : result, {
    object,
    desiredAccess: mapGenericMask(desiredAccess, OBJECT_TYPES[object.kind].genericMapping),
    grantedAccess: result.ok ? result.value : null,
    checkedAs: subject === ctx.effective.token ? null : subject,
    accessCheck: check,
    detail,
  });
}
