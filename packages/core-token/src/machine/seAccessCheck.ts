import { type AccessMask, mapGenericMask } from '../access/accessMask.js';
import { OBJECT_TYPES, type ObjectType } from '../access/objectTypes.js';
import { accessCheck } from '../accessCheck/accessCheck.js';
import type { AccessCheckResult } from '../accessCheck/accessCheckResult.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Token } from '../token/token.js';
import type { KernelObject } from './machine.js';

/**
 * Why opening an object failed: the DACL (or the integrity label) refused (ERROR_ACCESS_DENIED), the thread
 * impersonates at Identification or Anonymous level (ERROR_BAD_IMPERSONATION_LEVEL), ACCESS_SYSTEM_SECURITY
 * without SeSecurityPrivilege (ERROR_PRIVILEGE_NOT_HELD), or the object's descriptor lacks an owner or group.
 *
 * @example
 * ```ts
 * import type { OpenError } from '@doublehop/core-token';
 *
 * const tooLow = (e: OpenError) => e.code === 'ERROR_BAD_IMPERSONATION_LEVEL';
 * ```
 */
export type OpenError = Win32Error<
  | 'ERROR_ACCESS_DENIED'
  | 'ERROR_BAD_IMPERSONATION_LEVEL'
  | 'ERROR_PRIVILEGE_NOT_HELD'
  | 'ERROR_INVALID_SECURITY_DESCR'
>;

/** The outcome of an open's access check, with the check itself for the trace. @internal */
export interface OpenCheck {
  readonly result: Result<AccessMask, OpenError>;
  readonly check: AccessCheckResult | null;
}

/**
 * The kernel's access check on an open (SeAccessCheck, reached from ObOpenObjectByPointer / IoCreateFile):
 * generic rights mapped through the object type's mapping, then {@link accessCheck} as `subject`.
 *
 * @remarks
 * A subject impersonating at Identification or Anonymous level cannot open anything: SeAccessCheck fails
 * with STATUS_BAD_IMPERSONATION_LEVEL (OpenThreadToken: "it is impossible to open executive-level objects
 * by using the SecurityIdentification impersonation level"; SeQuerySubjectContextToken: an impersonation
 * token "requires an impersonation level of SecurityImpersonation or higher").
 *
 * SeAccessCheck takes primary tokens too, but doublehop's {@link accessCheck} models the Win32 AccessCheck,
 * which insists on an impersonation token; a primary token is therefore checked through a cached
 * Impersonation-level view of it — the same SIDs, privileges, integrity level and restrictions.
 *
 * @internal
 */
export function seAccessCheck(subject: Token, object: KernelObject, desiredAccess: AccessMask): OpenCheck {
  if (
    subject.type === 'impersonation' &&
    (subject.impersonationLevel === 'Identification' || subject.impersonationLevel === 'Anonymous')
  ) {
    return {
      result: err(
        win32Error(
          'ERROR_BAD_IMPERSONATION_LEVEL',
          `a thread impersonating at ${subject.impersonationLevel} level cannot open objects`,
        ),
      ),
      check: null,
    };
  }
  const objectType = OBJECT_TYPES[object.kind];
  const checked = accessCheck({
    securityDescriptor: securityOf(object),
    token: subject.type === 'primary' ? impersonationView(subject) : subject,
    desiredAccess: mapGenericMask(desiredAccess, objectType.genericMapping),
    objectType,
  });
  if (!checked.ok) {
    const code =
      checked.error.code === 'ERROR_INVALID_SECURITY_DESCR' ? 'ERROR_INVALID_SECURITY_DESCR' : null;
    if (code === null)
      throw new Error(`seAccessCheck: unexpected ${checked.error.code}: ${checked.error.message}`);
    return { result: err(win32Error(code, checked.error.message)), check: null };
  }
  const value = checked.value;
  if (value.status !== 'ERROR_SUCCESS') {
    return {
      result: err(win32Error(value.status, `access check denied ${describe(objectType)}`)),
      check: value,
    };
  }
  return { result: ok(value.grantedAccess), check: value };
}

/** An object's security descriptor: a token object's is the token's own. @internal */
export function securityOf(object: KernelObject): SecurityDescriptor {
  return object.kind === 'token' ? object.token.securityDescriptor : object.securityDescriptor;
}

const views = new WeakMap<Token, Token>();

function impersonationView(primary: Token): Token {
  let view = views.get(primary);
  if (view === undefined) {
    view = Object.freeze({ ...primary, type: 'impersonation', impersonationLevel: 'Impersonation' } as const);
    views.set(primary, view);
  }
  return view;
}

function describe(objectType: ObjectType): string {
  return `the requested access to the ${objectType.name} object`;
}
