import { GENERIC_RIGHTS_MASK } from '../access/accessMask.js';
import type { Ace } from '../securityDescriptor/ace.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { aceKind, INHERIT_ONLY, KIND_NONE, KIND_OBJECT_ALLOW, ownerRightsAceIndex } from './aceKind.js';
import { sidFingerprint } from './tokenSidIndex.js';

/**
 * A DACL reduced to what the flat walk reads, in parallel arrays: only the ACEs that can apply without an
 * object type list (not inherit-only, an access-control type, no ObjectType GUID), with OWNER RIGHTS
 * already replaced by the owner.
 *
 * @internal
 */
export interface CompiledDacl {
  /** The SID each ACE is matched as (the owner for OWNER RIGHTS; PRINCIPAL SELF is substituted per call). */
  readonly sids: readonly Sid[];
  /** The ACE masks, as signed 32-bit integers (bitwise operations treat them alike). */
  readonly masks: readonly number[];
  /** The aceKind of each ACE. */
  readonly kinds: readonly number[];
  /** Each ACE's position in the original DACL. */
  readonly positions: readonly number[];
  /** Each SID's {@link sidFingerprint}, to test a token's filter before its Map. */
  readonly fingerprints: readonly number[];
  /** 1 where the ACE carries GENERIC_* bits (MS-DTYP 2.4.3: never mapped), else 0. */
  readonly generic: readonly number[];
  /** Whether any entry names PRINCIPAL SELF, which needs a substitution per call. */
  readonly principalSelf: boolean;
  /** The index of the first effective OWNER RIGHTS ACE in the original DACL, or -1. */
  readonly ownerRightsAce: number;
  /** The owner's {@link sidFingerprint}, to rule the owner out of a token without a Map lookup. */
  readonly ownerFingerprint: number;
}

const OWNER_RIGHTS = WELL_KNOWN_SIDS.OWNER_RIGHTS.sid;
const PRINCIPAL_SELF = WELL_KNOWN_SIDS.PRINCIPAL_SELF.sid;

// Security descriptors built by securityDescriptor() or parsed from SDDL are frozen values, so their
// compiled form never goes stale. Unfrozen (hand-made) descriptors are compiled on every call instead.
const cache = new WeakMap<SecurityDescriptor, CompiledDacl>();
let lastDescriptor: SecurityDescriptor | null = null;
let lastCompiled: CompiledDacl | null = null;

/**
 * The compiled form of a descriptor's DACL (which must not be `null`).
 *
 * @internal
 */
export function compiledDacl(sd: SecurityDescriptor, dacl: readonly Ace[], owner: Sid): CompiledDacl {
  if (sd === lastDescriptor && lastCompiled !== null) return lastCompiled;
  let compiled = cache.get(sd);
  if (compiled === undefined) {
    compiled = compile(dacl, owner);
    if (!Object.isFrozen(sd) || !Object.isFrozen(dacl)) return compiled;
    cache.set(sd, compiled);
  }
  lastDescriptor = sd;
  lastCompiled = compiled;
  return compiled;
}

function compile(dacl: readonly Ace[], owner: Sid): CompiledDacl {
  // Plain arrays, filled in one pass: a descriptor that is not a frozen value is compiled on every call.
  const sids: Sid[] = [];
  const masks: number[] = [];
  const kinds: number[] = [];
  const positions: number[] = [];
  const fingerprints: number[] = [];
  const generic: number[] = [];
  let principalSelf = false;
  const ownerFingerprint = sidFingerprint(owner);
  for (let i = 0; i < dacl.length; i++) {
    const entry = dacl[i] as Ace;
    const kind = aceKind(entry);
    // MS-DTYP 2.5.3.2 skips inherit-only ACEs; object ACEs with a GUID apply only to an object type list.
    if ((entry.flags & INHERIT_ONLY) !== 0 || kind === KIND_NONE || kind >= KIND_OBJECT_ALLOW) continue;
    const ownerRights = entry.sid === OWNER_RIGHTS;
    sids.push(ownerRights ? owner : entry.sid);
    fingerprints.push(ownerRights ? ownerFingerprint : sidFingerprint(entry.sid));
    if (entry.sid === PRINCIPAL_SELF) principalSelf = true;
    masks.push(entry.mask | 0);
    kinds.push(kind);
    positions.push(i);
    generic.push((entry.mask & GENERIC_RIGHTS_MASK) !== 0 ? 1 : 0);
  }
  return {
    sids,
    masks,
    kinds,
    positions,
    fingerprints,
    generic,
    principalSelf,
    ownerRightsAce: ownerRightsAceIndex(dacl),
    ownerFingerprint,
  };
}
