import type { AccessMask } from '../access/accessMask.js';
import type { Ace } from '../securityDescriptor/ace.js';
import type { Sid } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import type { AccessCheckPass, AceStep } from './accessCheckResult.js';

/** Not an access-control ACE of a DACL (audit, label …), or an object ACE that cannot apply: skipped. */
export const KIND_NONE = 0;
/** ACCESS_ALLOWED, or an ACCESS_ALLOWED_OBJECT ACE without an ObjectType: allows on the whole object. */
export const KIND_ALLOW = 1;
/** ACCESS_DENIED, ACCESS_DENIED_CALLBACK, or ACCESS_DENIED_OBJECT without an ObjectType. */
export const KIND_DENY = 2;
/** ACCESS_ALLOWED_CALLBACK(_OBJECT): its condition is UNKNOWN to doublehop, so it never allows. */
export const KIND_CONDITIONAL_ALLOW = 3;
/** ACCESS_ALLOWED_OBJECT with an ObjectType GUID: allows on that node of the object type list. */
export const KIND_OBJECT_ALLOW = 4;
/** ACCESS_DENIED_OBJECT with an ObjectType GUID: denies on that node of the object type list. */
export const KIND_OBJECT_DENY = 5;

const OWNER_RIGHTS = WELL_KNOWN_SIDS.OWNER_RIGHTS.sid;
const PRINCIPAL_SELF = WELL_KNOWN_SIDS.PRINCIPAL_SELF.sid;

/**
 * How the access check treats an ACE of the DACL.
 *
 * @remarks
 * - Object ACEs: MS-DTYP 2.4.4.3 says the ObjectType "is valid only if the ACE_OBJECT_TYPE_PRESENT bit is
 *   set ... Otherwise, the ObjectType field is ignored", so an object ACE without one controls the object
 *   as a whole, like its plain counterpart (Microsoft's MS-DTYP protocol test suite does the same). With a
 *   GUID, the ACE applies only to the node of the object type list carrying that GUID: "If the AccessCheck
 *   algorithm calls this ACE and does not find an appropriate GUID, then that ACE will be ignored."
 * - Callback (conditional) ACEs: doublehop models no claims, so every condition evaluates to UNKNOWN, and
 *   MS-DTYP 2.4.4.17.3 says an UNKNOWN ACCESS_ALLOWED_CALLBACK ACE does not grant while an UNKNOWN
 *   ACCESS_DENIED_CALLBACK ACE denies.
 *
 * @internal
 */
export function aceKind(entry: Ace): number {
  switch (entry.type) {
    case 'ACCESS_ALLOWED':
      return KIND_ALLOW;
    case 'ACCESS_DENIED':
    case 'ACCESS_DENIED_CALLBACK':
      return KIND_DENY;
    case 'ACCESS_ALLOWED_OBJECT':
      return entry.objectType === null ? KIND_ALLOW : KIND_OBJECT_ALLOW;
    case 'ACCESS_DENIED_OBJECT':
      return entry.objectType === null ? KIND_DENY : KIND_OBJECT_DENY;
    case 'ACCESS_ALLOWED_CALLBACK':
    case 'ACCESS_ALLOWED_CALLBACK_OBJECT':
      return KIND_CONDITIONAL_ALLOW;
    default:
      return KIND_NONE;
  }
}

/**
 * The SID an ACE is matched as: the owner for OWNER RIGHTS (S-1-3-4), which Windows evaluates as the
 * current owner (Forshaw ch. 7, Get-AceSid); the PrincipalSelfSubst SID for PRINCIPAL SELF (S-1-5-10) when
 * one is given (MS-DTYP 2.5.3.1.1 SidInToken); otherwise the ACE's own SID.
 *
 * @internal
 */
export function matchedSid(aceSid: Sid, owner: Sid, principalSelf: Sid | null): Sid {
  if (aceSid === OWNER_RIGHTS) return owner;
  if (aceSid === PRINCIPAL_SELF && principalSelf !== null) return principalSelf;
  return aceSid;
}

/**
 * Builds an {@link AceStep}.
 *
 * @internal
 */
export function aceStep(
  effect: AceStep['effect'],
  access: AccessMask,
  pass: AccessCheckPass,
  aceIndex: number,
  entry: Ace,
  matched: Sid,
  objectType: string | null,
): AceStep {
  return {
    kind: 'ace',
    effect,
    access: access >>> 0,
    pass,
    aceIndex,
    aceType: entry.type,
    sid: entry.sid,
    matchedSid: matched,
    objectType,
  };
}

/**
 * The index of the first DACL ACE naming OWNER RIGHTS that applies to this object (not inherit-only), or
 * -1. Its presence withholds the owner's implicit READ_CONTROL | WRITE_DAC (MS-DTYP 2.4.2.4 OWNER_RIGHTS:
 * "the system ignores the implicit READ_CONTROL and WRITE_DAC permissions for the object owner").
 *
 * @internal
 */
export function ownerRightsAceIndex(dacl: readonly Ace[]): number {
  for (let i = 0; i < dacl.length; i++) {
    const entry = dacl[i] as Ace;
    if (entry.sid === OWNER_RIGHTS && (entry.flags & INHERIT_ONLY) === 0 && aceKind(entry) !== KIND_NONE)
      return i;
  }
  return -1;
}

/** ACE_FLAGS.INHERIT_ONLY_ACE: the ACE only propagates to children; the access check skips it. */
export const INHERIT_ONLY = 0x08;
