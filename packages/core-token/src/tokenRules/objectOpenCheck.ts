import { type AccessMask, mapGenericMask } from '../access/accessMask.js';
import type { ObjectType } from '../access/objectTypes.js';
import { accessCheck } from '../accessCheck/accessCheck.js';
import type { AccessCheckResult } from '../accessCheck/accessCheckResult.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Token } from '../token/token.js';

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

/**
 * What {@link objectOpenCheck} decided: the granted access or why the open fails, and the access check that
 * decided (`null` when the impersonation level refused before any DACL was read).
 *
 * @example
 * ```ts
 * import type { ObjectOpenCheck } from '@doublehop/core-token';
 *
 * const granted = (c: ObjectOpenCheck): number => (c.result.ok ? c.result.value : 0);
 * ```
 */
export interface ObjectOpenCheck {
  /** The granted access, or the error the open fails with. */
  readonly result: Result<AccessMask, OpenError>;
  /** The access check, for explanations; `null` when it did not run. */
  readonly check: AccessCheckResult | null;
}

const views = new WeakMap<Token, Token>();

/** A primary token checked through a cached Impersonation-level view of it (same SIDs, privileges, label). */
function impersonationView(primary: Token): Token {
  let view = views.get(primary);
  if (view === undefined) {
    view = Object.freeze({ ...primary, type: 'impersonation', impersonationLevel: 'Impersonation' } as const);
    views.set(primary, view);
  }
  return view;
}

/**
 * The kernel's check when a thread opens an object (SeAccessCheck, reached from ObOpenObjectByPointer /
 * IoCreateFile): a subject impersonating at Identification or Anonymous level cannot open anything; otherwise
 * generic rights are mapped through the object type's mapping and {@link accessCheck} decides.
 *
 * @remarks
 * SeAccessCheck fails with STATUS_BAD_IMPERSONATION_LEVEL for an Identification- or Anonymous-level subject
 * (OpenThreadToken: "it is impossible to open executive-level objects by using the SecurityIdentification
 * impersonation level"; SeQuerySubjectContextToken: an impersonation token "requires an impersonation level
 * of SecurityImpersonation or higher"). SeAccessCheck takes primary tokens too, but {@link accessCheck}
 * models the Win32 AccessCheck, which insists on an impersonation token; a primary token is therefore checked
 * through an Impersonation-level view of it — the same SIDs, privileges, integrity level and restrictions.
 * The simulated machine's opens ({@link win32.createFile}, {@link win32.openThreadToken} …) call this rule.
 *
 * @param subject - the effective token: the thread's impersonation token, or the process's primary token
 * @param securityDescriptor - the object's descriptor
 * @param objectType - the object's type (its generic mapping)
 * @param desiredAccess - the rights wanted (generic rights are mapped)
 * @returns the granted access or the error, with the access check that decided
 * @example
 * ```ts
 * import { OBJECT_TYPES, objectOpenCheck, sddl, sid, token } from '@doublehop/core-token';
 *
 * const sd = sddl('O:BAG:SYD:(A;;FA;;;S-1-5-21-1-2-3-1104)');
 * const identify = token({ user: sid('S-1-5-21-1-2-3-1104'), impersonationLevel: 'Identification' });
 * objectOpenCheck(identify, sd, OBJECT_TYPES.file, 0x80000000).result; // { ok: false, error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL', win32: 1346 } }
 * objectOpenCheck(token({ user: sid('S-1-5-21-1-2-3-1104') }), sd, OBJECT_TYPES.file, 0x80000000).result.ok; // true
 * ```
 * @see SeAccessCheck, https://learn.microsoft.com/windows-hardware/drivers/ddi/wdm/nf-wdm-seaccesscheck;
 * OpenThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openthreadtoken
 */
export function objectOpenCheck(
  subject: Token,
  securityDescriptor: SecurityDescriptor,
  objectType: ObjectType,
  desiredAccess: AccessMask,
): ObjectOpenCheck {
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
  const checked = accessCheck({
    securityDescriptor,
    token: subject.type === 'primary' ? impersonationView(subject) : subject,
    desiredAccess: mapGenericMask(desiredAccess, objectType.genericMapping),
    objectType,
  });
  if (!checked.ok) {
    const code =
      checked.error.code === 'ERROR_INVALID_SECURITY_DESCR' ? 'ERROR_INVALID_SECURITY_DESCR' : null;
    if (code === null)
      throw new Error(`objectOpenCheck: unexpected ${checked.error.code}: ${checked.error.message}`);
    return { result: err(win32Error(code, checked.error.message)), check: null };
  }
  const value = checked.value;
  if (value.status !== 'ERROR_SUCCESS') {
    return {
      result: err(
        win32Error(value.status, `access check denied the requested access to the ${objectType.name} object`),
      ),
      check: value,
    };
  }
  return { result: ok(value.grantedAccess), check: value };
}
