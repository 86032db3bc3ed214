import { type AccessMask, GENERIC_RIGHTS_MASK, type GenericMapping } from '../access/accessMask.js';
import type { ObjectType } from '../access/objectTypes.js';
import { win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import type { Token } from '../token/token.js';
import type { AccessCheckError, AccessCheckResult } from './accessCheckResult.js';
import { evaluateAccessCheck } from './evaluateAccessCheck.js';
import { type ObjectTypeListEntry, type ObjectTypeTree, objectTypeTree } from './objectTypeTree.js';

/**
 * What {@link accessCheck} needs: the object's security descriptor, the client's token, the rights wanted,
 * and the object type (or just its generic mapping); for AccessCheckByType, a principal-self SID and an
 * object type list.
 *
 * @example
 * ```ts
 * import type { AccessCheckRequest } from '@doublehop/core-token';
 * import { OBJECT_TYPES, securityDescriptor, sid, token } from '@doublehop/core-token';
 *
 * const request: AccessCheckRequest = {
 *   securityDescriptor: securityDescriptor({ owner: sid('S-1-5-18'), group: sid('S-1-5-18'), dacl: null }),
 *   token: token({ user: sid('S-1-5-21-1-2-3-1104') }),
 *   desiredAccess: 0x120089, // FILE_GENERIC_READ, already mapped
 *   objectType: OBJECT_TYPES.file,
 * };
 * ```
 * @see AccessCheck and AccessCheckByType, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-accesscheckbytype
 */
export interface AccessCheckRequest {
  /** The object's security descriptor; it must have an owner and a group. */
  readonly securityDescriptor: SecurityDescriptor;
  /** The client's token: an impersonation token at Identification level or above. */
  readonly token: Token;
  /** The rights wanted, generic rights already mapped (MapGenericMask); may include MAXIMUM_ALLOWED and ACCESS_SYSTEM_SECURITY. */
  readonly desiredAccess: AccessMask;
  /** The object type, whose generic mapping the integrity check and write-restricted tokens use. */
  readonly objectType?: ObjectType | undefined;
  /** The generic mapping, when there is no {@link ObjectType} for the object (overrides `objectType`'s). */
  readonly genericMapping?: GenericMapping | undefined;
  /** The SID that PRINCIPAL SELF (S-1-5-10) ACEs stand for, e.g. the user object being checked (AccessCheckByType). */
  readonly principalSelf?: Sid | null | undefined;
  /** An object type list (AccessCheckByType); the result is the root's. Empty or absent: no list. */
  readonly objectTypeList?: readonly ObjectTypeListEntry[] | undefined;
}

/**
 * Runs the Windows access check: may this token have these rights on the object this security descriptor
 * protects? Models Win32 AccessCheck / AccessCheckByType (NtAccessCheck) as Windows actually decides.
 *
 * @remarks
 * A failed call (a primary or Anonymous token, unmapped generic rights, a descriptor without owner or
 * group, a malformed object type list) is `{ ok: false, error }` with the Win32 code; a completed check is
 * `{ ok: true, value }`, whose `granted` is AccessStatus — a plain denial is a value, as AccessCheck
 * returns TRUE with AccessStatus FALSE.
 *
 * The rules run in Windows' order (Forshaw, *Windows Security Internals* ch. 7, who checked his model
 * against NtAccessCheck), of which MS-DTYP 2.5.3.2's pseudocode states only part:
 * 1. the mandatory integrity check ({@link mandatoryIntegrityCheck}): a right outside its allowed set
 *    fails a specific request, and is trimmed from a MAXIMUM_ALLOWED result;
 * 2. privileges, for explicitly requested rights only (SeAccessCheck: no privilege checks "unless the
 *    caller specifically requests them"): an enabled SeSecurityPrivilege grants ACCESS_SYSTEM_SECURITY
 *    (without it the status is ERROR_PRIVILEGE_NOT_HELD); an enabled SeTakeOwnershipPrivilege or
 *    SeRelabelPrivilege grants WRITE_OWNER;
 * 3. the owner — an enabled SID of the token and, for a restricted token, a restricting SID too — gets
 *    READ_CONTROL | WRITE_DAC, unless the DACL has an OWNER RIGHTS (S-1-3-4) ACE that is not inherit-only;
 *    such ACEs are evaluated as if they named the owner (the spec's "ACEs from object owner");
 * 4. a NULL DACL grants everything (MAXIMUM_ALLOWED: the mapping's GenericAll); otherwise the DACL is
 *    walked in stored order. Allow ACEs match enabled SIDs; deny ACEs match enabled and deny-only SIDs
 *    (SID Attributes in an Access Token); disabled groups match nothing; the first token entry carrying a
 *    SID decides for it, as the kernel's SidInToken does; inherit-only ACEs are skipped; CREATOR OWNER and
 *    CREATOR GROUP never match; PRINCIPAL SELF stands for `principalSelf` when one is given. A deny ACE
 *    naming a right still wanted denies the request; rights granted earlier are not revoked; the walk
 *    stops when nothing is wanted. For MAXIMUM_ALLOWED the first ACE naming a right decides it, as Windows
 *    does (MS-ADTS 5.1.3.3.2) — MS-DTYP's pseudocode instead computes `Allowed & ~Denied` over the whole
 *    DACL, so there a later deny would win;
 * 5. a restricted token walks the DACL again with its restricting SIDs, allow and deny ACEs alike,
 *    starting from what was wanted after privileges and the owner, and keeps what both passes grant; a
 *    write-restricted token does so for write rights only — GenericWrite less what GenericRead or
 *    GenericExecute also grant, so READ_CONTROL and SYNCHRONIZE, part of every file mapping, stay
 *    unrestricted.
 *
 * ACE masks are compared as stored: the access check "does not map generic rights to object-specific
 * rights for ACE structures" (MS-DTYP 2.4.3; CreatePrivateObjectSecurity maps them when it builds a
 * descriptor), so an ACE carrying GENERIC_READ grants nothing to a mapped request, and the steps point it
 * out. Conditional (callback) ACEs are evaluated as UNKNOWN, because doublehop models no claims: an
 * allow-callback ACE never grants and a deny-callback ACE denies (MS-DTYP 2.5.3.2, 2.4.4.17.3, which is
 * what AuthzAccessCheck does; Forshaw reports the kernel ignores deny-callback ACEs). Object ACEs follow
 * MS-DTYP 2.4.4.3 and 2.5.3.2: one with an ObjectType applies only to the node of `objectTypeList` with
 * that GUID (and so never without a list); one without an ObjectType acts like the plain ACE. A request
 * for no rights at all is denied, as SeAccessCheck denies it.
 *
 * @param request - descriptor, token, desired access, object type or generic mapping, and the AccessCheckByType extras
 * @returns the decision with its decisive steps, or the Win32 error that fails the call
 * @throws TypeError - `accessCheck: …` when neither `objectType` nor `genericMapping` is given, or the
 * desired access is not a 32-bit unsigned integer (programmer errors)
 * @example
 * ```ts
 * import { OBJECT_TYPES, ace, accessCheck, securityDescriptor, sid, token } from '@doublehop/core-token';
 *
 * const billy = sid('S-1-5-21-1-2-3-1104');
 * const sd = securityDescriptor({
 *   owner: sid('S-1-5-32-544'),
 *   group: sid('S-1-5-18'),
 *   dacl: [ace('ACCESS_DENIED', billy, 0x1), ace('ACCESS_ALLOWED', sid('S-1-1-0'), 0x120089)],
 * });
 * const client = token({ user: billy, groups: [sid('S-1-1-0')] });
 * const read = accessCheck({ securityDescriptor: sd, token: client, desiredAccess: 0x80, objectType: OBJECT_TYPES.file });
 * read.ok && read.value.grantedAccess; // 0x80
 * const data = accessCheck({ securityDescriptor: sd, token: client, desiredAccess: 0x1, objectType: OBJECT_TYPES.file });
 * data.ok && data.value.status; // 'ERROR_ACCESS_DENIED'
 * ```
 * @see MS-DTYP 2.5.3.2 Access Check Algorithm Pseudocode; AccessCheck,
 * https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-accesscheck;
 * How AccessCheck Works, https://learn.microsoft.com/windows/win32/secauthz/how-dacls-control-access-to-an-object
 */
export function accessCheck(request: AccessCheckRequest): Result<AccessCheckResult, AccessCheckError> {
  const { securityDescriptor: sd, token: subject, desiredAccess } = request;
  const mapping = request.genericMapping ?? request.objectType?.genericMapping;
  if (mapping === undefined) {
    throw new TypeError(
      'accessCheck: pass objectType or genericMapping (the integrity check needs the mapping)',
    );
  }
  if (!Number.isInteger(desiredAccess) || desiredAccess < 0 || desiredAccess > 0xffff_ffff) {
    throw new TypeError(
      `accessCheck: desiredAccess must be a 32-bit unsigned integer, got ${String(desiredAccess)}`,
    );
  }
  // The call's own preconditions, in NtAccessCheck's order (ReactOS ntoskrnl/se/accesschk.c).
  if ((desiredAccess & GENERIC_RIGHTS_MASK) !== 0) {
    return err(win32Error('ERROR_GENERIC_NOT_MAPPED', 'map the desired access with MapGenericMask first'));
  }
  if (subject.type !== 'impersonation') {
    return err(win32Error('ERROR_NO_IMPERSONATION_TOKEN', 'AccessCheck needs an impersonation token'));
  }
  if (subject.impersonationLevel === 'Anonymous') {
    return err(
      win32Error('ERROR_BAD_IMPERSONATION_LEVEL', 'an Anonymous-level token cannot be access-checked'),
    );
  }
  if (sd.owner === null || sd.group === null) {
    return err(
      win32Error('ERROR_INVALID_SECURITY_DESCR', 'the security descriptor has no owner or no group'),
    );
  }
  let tree: ObjectTypeTree | null = null;
  if (request.objectTypeList !== undefined && request.objectTypeList.length > 0) {
    const built = objectTypeTree(request.objectTypeList);
    if (typeof built === 'string') return err(win32Error('ERROR_INVALID_PARAMETER', built));
    tree = built;
  }
  const principalSelf = request.principalSelf ?? null;
  return ok(evaluateAccessCheck(sd, sd.owner, subject, desiredAccess >>> 0, mapping, principalSelf, tree));
}
