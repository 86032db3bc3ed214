import { type GenericMapping, mapGenericMask } from '../access/accessMask.js';
import type { Sid } from '../sid/sid.js';
import { ACE_FLAGS, type Acl, ace } from './ace.js';
import { type SecurityDescriptor, securityDescriptor } from './securityDescriptor.js';

/**
 * What a new object's default security comes from: the default owner, primary group and default DACL of
 * the creator's *effective* token — a {@link Token} has all three.
 */
export interface ObjectSecuritySource {
  /** The creator token's TokenOwner. */
  readonly owner: Sid;
  /** The creator token's TokenPrimaryGroup. */
  readonly primaryGroup: Sid;
  /** The creator token's TokenDefaultDacl (`null`: the object gets a NULL DACL). */
  readonly defaultDacl: Acl | null;
}

/**
 * The security descriptor Windows gives a new object created with no explicit descriptor and no
 * inheritable ACEs from a parent: owner, group and DACL from the creator's effective token — the
 * impersonation token if the creating thread impersonates, else the process token — with the DACL's
 * generic rights mapped to the object type's specific rights.
 *
 * @remarks
 * This is why a duplicated token can lack access to itself: DuplicateTokenEx with no SECURITY_ATTRIBUTES
 * gives the *new token object* the default DACL of whoever called it, not the original token's
 * descriptor (Raymond Chen, "How come a duplicated token doesn't behave identically to the original?").
 * Inherit-only default ACEs are dropped; the others lose their inheritance flags on the new object.
 *
 * @param creator - the effective token of the creating thread (or any owner / group / default DACL source)
 * @param mapping - the new object's generic mapping
 * @returns the new object's security descriptor
 * @example
 * ```ts
 * import { OBJECT_TYPES, formatSddl, objectSecurityFrom, sid, token } from '@doublehop/core-token';
 *
 * const service = token({ user: sid('S-1-5-20') }); // NETWORK SERVICE
 * const sd = objectSecurityFrom(service, OBJECT_TYPES.token.genericMapping); // GENERIC_ALL → TOKEN_ALL_ACCESS
 * formatSddl(sd); // 'O:NSG:NSD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;NS)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)'
 * ```
 * @see SeAssignSecurity / "Security Descriptors for New Objects", https://learn.microsoft.com/windows/win32/secauthz/security-descriptors-for-new-objects;
 * DuplicateTokenEx (lpTokenAttributes), https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex
 */
export function objectSecurityFrom(
  creator: ObjectSecuritySource,
  mapping: GenericMapping,
): SecurityDescriptor {
  if (creator.defaultDacl === null) {
    return securityDescriptor({ owner: creator.owner, group: creator.primaryGroup, dacl: null });
  }
  const dacl = creator.defaultDacl
    .filter((entry) => (entry.flags & ACE_FLAGS.INHERIT_ONLY_ACE) === 0)
    .map((entry) =>
      ace(entry.type, entry.sid, mapGenericMask(entry.mask, mapping), {
        flags: entry.flags & ~INHERITANCE_FLAGS,
        objectType: entry.objectType,
        inheritedObjectType: entry.inheritedObjectType,
        applicationData: entry.applicationData,
      }),
    );
  return securityDescriptor({ owner: creator.owner, group: creator.primaryGroup, dacl });
}

const INHERITANCE_FLAGS =
  ACE_FLAGS.OBJECT_INHERIT_ACE | ACE_FLAGS.CONTAINER_INHERIT_ACE | ACE_FLAGS.NO_PROPAGATE_INHERIT_ACE;
