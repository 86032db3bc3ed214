import { ACCESS_RIGHTS, type AccessMask, type GenericMapping } from '../access/accessMask.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import type { Token } from '../token/token.js';
import type { AccessCheckResult, AccessCheckStep } from './accessCheckResult.js';
import { ownerRightsAceIndex } from './aceKind.js';
import { type CompiledDacl, compiledDacl } from './compiledDacl.js';
import { type DaclPasses, daclGrantsMaximum, daclGrantsRequest } from './daclPasses.js';
import { mandatoryAllowedAccess, mandatoryIntegrityCheck } from './mandatoryIntegrityCheck.js';
import type { ObjectTypeTree } from './objectTypeTree.js';
import {
  MATCH_ALLOW,
  PRIVILEGE_RELABEL,
  PRIVILEGE_SECURITY,
  PRIVILEGE_TAKE_OWNERSHIP,
  type TokenSidIndex,
  tokenSidIndex,
} from './tokenSidIndex.js';

const { READ_CONTROL, WRITE_DAC, WRITE_OWNER, ACCESS_SYSTEM_SECURITY, MAXIMUM_ALLOWED } = ACCESS_RIGHTS;
const OWNER_IMPLICIT = READ_CONTROL | WRITE_DAC;
/**
 * What a DACL can grant to MAXIMUM_ALLOWED: the specific, standard and reserved bits 0–23.
 * ACCESS_SYSTEM_SECURITY comes only from SeSecurityPrivilege (MS-DTYP 2.4.3: it "MUST NOT be set in an
 * ACE that is part of a DACL"), MAXIMUM_ALLOWED "can only be requested", and GENERIC_* bits stored in an
 * ACE are never mapped.
 */
const DACL_GRANTABLE = 0x00ff_ffff;

/**
 * The access check proper, once the call's preconditions hold: the rules in Windows' order (see
 * {@link accessCheck}'s remarks).
 *
 * @internal
 */
export function evaluateAccessCheck(
  sd: SecurityDescriptor,
  owner: Sid,
  subject: Token,
  desired: AccessMask,
  mapping: GenericMapping,
  principalSelf: Sid | null,
  tree: ObjectTypeTree | null,
): AccessCheckResult {
  const index = tokenSidIndex(subject);
  const steps: AccessCheckStep[] = [];
  const user = subject.user.sid;
  const maximum = (desired & MAXIMUM_ALLOWED) !== 0;
  const explicit = (desired & ~MAXIMUM_ALLOWED) >>> 0;
  if (desired === 0) {
    // SeAccessCheck refuses a request for nothing when nothing was granted before.
    steps.push({ kind: 'emptyRequest' });
    return result(false, 0, desired, 'ERROR_ACCESS_DENIED', user, steps);
  }

  // 1. The mandatory integrity check comes before the DACL (Win32 "Mandatory Integrity Control"). A right
  //    asked for outside its allowed set fails the request; MAXIMUM_ALLOWED is trimmed at the end.
  const allowed = mandatoryAllowedAccess(sd, subject, index, mapping);
  if ((explicit & ~allowed) !== 0) {
    steps.push(labelStep(sd, subject, mapping, 'deny', explicit & ~allowed));
    return result(false, 0, desired, 'ERROR_ACCESS_DENIED', user, steps);
  }

  // 2. Privileges, for explicitly requested rights only (SeAccessCheck: "does not do any privilege checks
  //    unless the caller specifically requests them by setting the ACCESS_SYSTEM_SECURITY or WRITE_OWNER bits").
  let preGranted = 0;
  let wanted = explicit;
  if ((wanted & ACCESS_SYSTEM_SECURITY) !== 0) {
    const held = (index.privileges & PRIVILEGE_SECURITY) !== 0;
    const effect = held ? 'grant' : 'deny';
    steps.push({
      kind: 'privilege',
      effect,
      access: ACCESS_SYSTEM_SECURITY,
      privilege: 'SeSecurityPrivilege',
    });
    if (!held) return result(false, 0, desired, 'ERROR_PRIVILEGE_NOT_HELD', user, steps);
    preGranted |= ACCESS_SYSTEM_SECURITY;
    wanted = (wanted & ~ACCESS_SYSTEM_SECURITY) >>> 0;
  }
  if (
    (wanted & WRITE_OWNER) !== 0 &&
    (index.privileges & (PRIVILEGE_TAKE_OWNERSHIP | PRIVILEGE_RELABEL)) !== 0
  ) {
    // Forshaw ch. 7: "a token with only SeRelabelPrivilege can take ownership".
    const takeOwnership = (index.privileges & PRIVILEGE_TAKE_OWNERSHIP) !== 0;
    const privilege = takeOwnership ? 'SeTakeOwnershipPrivilege' : 'SeRelabelPrivilege';
    steps.push({ kind: 'privilege', effect: 'grant', access: WRITE_OWNER, privilege });
    preGranted |= WRITE_OWNER;
    wanted = (wanted & ~WRITE_OWNER) >>> 0;
  }
  if (!maximum && wanted === 0) return result(true, desired, desired, 'ERROR_SUCCESS', user, steps);

  // 3. The owner's implicit READ_CONTROL | WRITE_DAC, unless an OWNER RIGHTS ACE takes their place.
  const compiled = sd.dacl === null || tree !== null ? null : compiledDacl(sd, sd.dacl, owner);
  if ((maximum || (wanted & OWNER_IMPLICIT) !== 0) && ownerInToken(index, owner, compiled)) {
    const implicit = maximum ? OWNER_IMPLICIT : wanted & OWNER_IMPLICIT;
    const ownerRightsAce =
      compiled !== null ? compiled.ownerRightsAce : sd.dacl === null ? -1 : ownerRightsAceIndex(sd.dacl);
    if (ownerRightsAce < 0) {
      steps.push({ kind: 'owner', effect: 'grant', access: implicit, owner, aceIndex: null });
      preGranted |= implicit;
      wanted = (wanted & ~implicit) >>> 0;
      if (!maximum && wanted === 0) return result(true, desired, desired, 'ERROR_SUCCESS', user, steps);
    } else {
      steps.push({ kind: 'owner', effect: 'withheld', access: implicit, owner, aceIndex: ownerRightsAce });
    }
  }

  // 4. No DACL grants everything (MAXIMUM_ALLOWED: GenericAll, plus whatever else was asked for).
  let total: AccessMask;
  if (sd.dacl === null) {
    steps.push({ kind: 'nullDacl', access: maximum ? mapping.genericAll : wanted });
    if (!maximum) return result(true, desired, desired, 'ERROR_SUCCESS', user, steps);
    total = mapping.genericAll | explicit | preGranted;
  } else {
    // 4. and 5. The DACL walk, and the restricted-SID pass.
    const passes: DaclPasses = {
      dacl: sd.dacl,
      compiled,
      tree,
      index,
      owner,
      principalSelf,
      writeRestricted: subject.writeRestricted,
      writeRights: (mapping.genericWrite & ~(mapping.genericRead | mapping.genericExecute)) >>> 0,
      steps,
    };
    if (!maximum) {
      return daclGrantsRequest(passes, wanted)
        ? result(true, desired, desired, 'ERROR_SUCCESS', user, steps)
        : result(false, 0, desired, 'ERROR_ACCESS_DENIED', user, steps);
    }
    total = preGranted | daclGrantsMaximum(passes, (DACL_GRANTABLE & ~preGranted) >>> 0);
  }

  // MAXIMUM_ALLOWED: trim by the label; succeed if anything is granted, and every right asked for with it.
  const trimmed = (total & ~allowed) >>> 0;
  if (trimmed !== 0) steps.push(labelStep(sd, subject, mapping, 'trim', trimmed));
  const granted = (total & allowed) >>> 0;
  const missing = (explicit & ~granted) >>> 0;
  if (granted === 0 || missing !== 0) {
    steps.push({ kind: 'notGranted', access: missing });
    return result(false, 0, desired, 'ERROR_ACCESS_DENIED', user, steps);
  }
  return result(true, granted, desired, 'ERROR_SUCCESS', user, steps);
}

/** The owner must be an enabled SID of the token, and of the restricting SIDs too for a restricted token. */
function ownerInToken(index: TokenSidIndex, owner: Sid, compiled: CompiledDacl | null): boolean {
  if (compiled !== null) {
    const f = compiled.ownerFingerprint;
    if (((index.filter[f >>> 5] as number) & (1 << (f & 31))) === 0) return false;
  }
  if (((index.sids.get(owner) ?? 0) & MATCH_ALLOW) === 0) return false;
  return index.restrictedSids === null || ((index.restrictedSids.get(owner) ?? 0) & MATCH_ALLOW) !== 0;
}

function labelStep(
  sd: SecurityDescriptor,
  subject: Token,
  mapping: GenericMapping,
  effect: 'deny' | 'trim',
  access: AccessMask,
): AccessCheckStep {
  const mic = mandatoryIntegrityCheck(sd, subject, mapping);
  return {
    kind: 'mandatoryLabel',
    effect,
    access: access >>> 0,
    label: mic.label,
    policy: mic.policy,
    defaulted: mic.defaulted,
    tokenIntegrityLevel: subject.integrityLevel,
    allowedAccess: mic.allowedAccess,
  };
}

function result(
  granted: boolean,
  grantedAccess: AccessMask,
  desiredAccess: AccessMask,
  status: AccessCheckResult['status'],
  user: Sid,
  steps: readonly AccessCheckStep[],
): AccessCheckResult {
  return { granted, grantedAccess, desiredAccess, status, user, steps };
}
