import type { AccessMask } from '../access/accessMask.js';
import type { Acl } from '../securityDescriptor/ace.js';
import type { Sid } from '../sid/sid.js';
import type { AccessCheckPass, AccessCheckStep } from './accessCheckResult.js';
import type { CompiledDacl } from './compiledDacl.js';
import { DENIED, walkDaclForMaximum, walkDaclForRequest } from './daclWalk.js';
import { type ObjectTypeTree, walkObjectTypeTree } from './objectTypeTree.js';
import type { TokenSidIndex } from './tokenSidIndex.js';

/**
 * Everything the DACL passes of one access check read.
 *
 * @internal
 */
export interface DaclPasses {
  /** The DACL (never a NULL DACL here). */
  readonly dacl: Acl;
  /** Its compiled form, for the flat walk; `null` when there is an object type list. */
  readonly compiled: CompiledDacl | null;
  /** The object type list (AccessCheckByType), or `null`. */
  readonly tree: ObjectTypeTree | null;
  /** The token's SID lists. */
  readonly index: TokenSidIndex;
  /** The descriptor's owner, for OWNER RIGHTS ACEs. */
  readonly owner: Sid;
  /** The PrincipalSelfSubst SID, or `null`. */
  readonly principalSelf: Sid | null;
  /** CreateRestrictedToken WRITE_RESTRICTED: the restricting SIDs govern write rights only. */
  readonly writeRestricted: boolean;
  /**
   * The write rights of the object type: GenericWrite less what GenericRead or GenericExecute also grant,
   * so READ_CONTROL and SYNCHRONIZE, which every file mapping contains, do not count as writing.
   */
  readonly writeRights: AccessMask;
  /** Where the passes record their steps. */
  readonly steps: AccessCheckStep[];
}

/**
 * The DACL for a specific request: the normal pass, then — for a restricted token — the restricted-SID
 * pass over the same rights (write rights only for a write-restricted token). Both must grant (Restricted
 * Tokens: "Access is granted only if both access checks allow the requested access rights").
 *
 * @returns whether every right in `wanted` is granted
 * @internal
 */
export function daclGrantsRequest(passes: DaclPasses, wanted: AccessMask): boolean {
  const { index, steps } = passes;
  const left = walk(passes, index.sids, index.filter, 'normal', wanted, false);
  if (left !== 0) {
    if (left !== DENIED) steps.push({ kind: 'notGranted', access: left });
    return false;
  }
  const restricted = index.restrictedSids;
  // Forshaw ch. 7: the second pass starts from what was wanted before the first DACL pass, so rights
  // granted by privileges or to the owner are not checked again.
  const second = passes.writeRestricted ? wanted & passes.writeRights : wanted;
  if (restricted === null || second === 0) return true;
  const left2 = walk(passes, restricted, index.restrictedFilter, 'restricted', second, false);
  if (left2 === 0) return true;
  const last = steps[steps.length - 1];
  const removed = left2 === DENIED && last?.kind === 'ace' ? last.access : left2;
  steps.push({ kind: 'restrictedPass', access: removed, writeRestricted: passes.writeRestricted });
  return false;
}

/**
 * The DACL for MAXIMUM_ALLOWED: what the normal pass grants, intersected — for a restricted token — with
 * what the restricted-SID pass grants (for a write-restricted token, on write rights only).
 *
 * @returns the rights the DACL grants among `open`
 * @internal
 */
export function daclGrantsMaximum(passes: DaclPasses, open: AccessMask): AccessMask {
  const { index } = passes;
  const granted = walk(passes, index.sids, index.filter, 'normal', open, true);
  const restricted = index.restrictedSids;
  if (restricted === null) return granted;
  const second = passes.writeRestricted ? open & passes.writeRights : open;
  const granted2 = walk(passes, restricted, index.restrictedFilter, 'restricted', second, true);
  const kept = (granted & (granted2 | ~second)) >>> 0;
  if (kept !== granted) {
    passes.steps.push({
      kind: 'restrictedPass',
      access: (granted & ~kept) >>> 0,
      writeRestricted: passes.writeRestricted,
    });
  }
  return kept;
}

/** One pass: over the object type list when there is one (AccessCheckByType), else the flat walk. */
function walk(
  passes: DaclPasses,
  sids: ReadonlyMap<Sid, number>,
  filter: Int32Array,
  pass: AccessCheckPass,
  wanted: AccessMask,
  maximum: boolean,
): number {
  const { compiled, dacl, principalSelf, steps } = passes;
  if (compiled === null) {
    const tree = passes.tree as ObjectTypeTree; // set whenever compiled is not
    return walkObjectTypeTree(dacl, tree, sids, passes.owner, principalSelf, wanted, maximum, pass, steps);
  }
  return maximum
    ? walkDaclForMaximum(compiled, dacl, sids, filter, principalSelf, wanted, pass, steps)
    : walkDaclForRequest(compiled, dacl, sids, filter, principalSelf, wanted, pass, steps);
}
