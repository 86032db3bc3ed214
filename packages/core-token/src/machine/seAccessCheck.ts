import type { AccessMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Token } from '../token/token.js';
import { type ObjectOpenCheck, objectOpenCheck } from '../tokenRules/objectOpenCheck.js';
import type { KernelObject } from './machine.js';

export type { OpenError } from '../tokenRules/objectOpenCheck.js';

/** The outcome of an open's access check, with the check itself for the trace. @internal */
export type OpenCheck = ObjectOpenCheck;

/**
 * The kernel's access check on an open of one of the machine's objects: {@link objectOpenCheck} with the
 * object's own descriptor and type.
 *
 * @internal
 */
export function seAccessCheck(subject: Token, object: KernelObject, desiredAccess: AccessMask): OpenCheck {
  return objectOpenCheck(subject, securityOf(object), OBJECT_TYPES[object.kind], desiredAccess);
}

/** An object's security descriptor: a token object's is the token's own. @internal */
export function securityOf(object: KernelObject): SecurityDescriptor {
  return object.kind === 'token' ? object.token.securityDescriptor : object.securityDescriptor;
}
