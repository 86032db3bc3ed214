import { type GenericMapping, mapGenericMask } from '../access/accessMask.js';
import { ace } from '../securityDescriptor/ace.js';
import { objectSecurityFrom } from '../securityDescriptor/defaultObjectSecurity.js';
import {
  SD_CONTROL,
  type SecurityDescriptor,
  securityDescriptor,
} from '../securityDescriptor/securityDescriptor.js';
import type { Token } from '../token/token.js';

/**
 * The descriptor of a new kernel object (SeAssignSecurity): the one passed in SECURITY_ATTRIBUTES, or else
 * the creator's default — {@link objectSecurityFrom} its *effective* token. A passed descriptor missing its
 * owner or group gets the creator's default owner or primary group, and one without a DACL gets the default
 * DACL, as when the caller passes only what GetSecurityInfo(DACL_SECURITY_INFORMATION) returned. Generic
 * rights in a passed DACL are mapped to the object type's rights.
 *
 * Not modelled: the check that an explicit owner is one the creator may assign (its user or an
 * SE_GROUP_OWNER group, or any with SeRestorePrivilege).
 *
 * @internal
 */
export function assignSecurity(
  explicit: SecurityDescriptor | null,
  creator: Token,
  mapping: GenericMapping,
): SecurityDescriptor {
  const defaults = objectSecurityFrom(creator, mapping);
  if (explicit === null) return defaults;
  const daclPresent = explicit.dacl !== null || (explicit.control & SD_CONTROL.SE_DACL_PRESENT) !== 0;
  const dacl = daclPresent
    ? explicit.dacl === null
      ? null
      : explicit.dacl.map((entry) =>
          ace(entry.type, entry.sid, mapGenericMask(entry.mask, mapping), {
            flags: entry.flags,
            objectType: entry.objectType,
            inheritedObjectType: entry.inheritedObjectType,
            applicationData: entry.applicationData,
          }),
        )
    : defaults.dacl;
  const daclControl = daclPresent ? explicit.control : defaults.control;
  return securityDescriptor({
    owner: explicit.owner ?? defaults.owner,
    group: explicit.group ?? defaults.group,
    dacl,
    sacl: explicit.sacl,
    control:
      (daclControl & (SD_CONTROL.SE_DACL_PRESENT | SD_CONTROL.SE_DACL_PROTECTED)) |
      (explicit.control & (SD_CONTROL.SE_SACL_PRESENT | SD_CONTROL.SE_SACL_PROTECTED)),
  });
}
