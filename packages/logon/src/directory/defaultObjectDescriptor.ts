import {
  ACCESS_RIGHTS,
  ace,
  DOMAIN_RIDS,
  OBJECT_TYPES,
  type SecurityDescriptor,
  type Sid,
  securityDescriptor,
  sidWithRid,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';

const DS_GENERIC_ALL = OBJECT_TYPES.directoryService.genericMapping.genericAll;
// READ_CONTROL | ADS_RIGHT_ACTRL_DS_LIST (0x4) | ADS_RIGHT_DS_READ_PROP (0x10): list the object, read its properties.
const LIST_AND_READ = ACCESS_RIGHTS.READ_CONTROL | 0x4 | 0x10;

/**
 * @internal The simplified nTSecurityDescriptor doublehop gives accounts that declare none: owner Domain Admins,
 * full control (DS_GENERIC_ALL) to Domain Admins and SYSTEM, list and read to Authenticated Users. (Real defaults come from the schema's
 * defaultSecurityDescriptor and inheritance; declare one where a model depends on it.)
 */
export function defaultObjectDescriptor(domainSid: Sid): SecurityDescriptor {
  // One value per domain, shared by its accounts: a descriptor is immutable, and SIDs are interned.
  const known = defaults.get(domainSid);
  if (known !== undefined) return known;
  const admins = sidWithRid(domainSid, DOMAIN_RIDS.DOMAIN_ADMINS.rid);
  const descriptor = securityDescriptor({
    owner: admins,
    group: admins,
    dacl: [
      ace('ACCESS_ALLOWED', admins, DS_GENERIC_ALL),
      ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.SYSTEM.sid, DS_GENERIC_ALL),
      ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid, LIST_AND_READ),
    ],
  });
  defaults.set(domainSid, descriptor);
  return descriptor;
}

const defaults = new Map<Sid, SecurityDescriptor>();
