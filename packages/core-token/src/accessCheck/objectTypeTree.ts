import { type AccessMask, GENERIC_RIGHTS_MASK } from '../access/accessMask.js';
import type { Ace } from '../securityDescriptor/ace.js';
import type { Sid } from '../sid/sid.js';
import type { AccessCheckPass, AccessCheckStep } from './accessCheckResult.js';
import {
  aceKind,
  aceStep,
  INHERIT_ONLY,
  KIND_ALLOW,
  KIND_CONDITIONAL_ALLOW,
  KIND_NONE,
  KIND_OBJECT_ALLOW,
  matchedSid,
} from './aceKind.js';
import { DENIED } from './daclWalk.js';
import { MATCH_ALLOW, MATCH_DENY } from './tokenSidIndex.js';

/**
 * One element of an object type list (OBJECT_TYPE_LIST), as passed to AccessCheckByType: a GUID and its
 * level in the hierarchy — 0 the object itself (its class), 1 a property set, 2 a property, and so on.
 *
 * @remarks
 * The list is in pre-order: the single level-0 element first, and every element directly after its parent
 * or its earlier siblings' subtrees, so each level is at most one more than the previous element's.
 * @example
 * ```ts
 * import type { ObjectTypeListEntry } from '@doublehop/core-token';
 *
 * const userObject: ObjectTypeListEntry[] = [
 *   { level: 0, guid: 'bf967aba-0de6-11d0-a285-00aa003049e2' }, // class user
 *   { level: 1, guid: '77b5b886-944a-11d1-aebd-0000f80367c1' }, // Personal-Information property set
 * ];
 * ```
 * @see OBJECT_TYPE_LIST, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-object_type_list;
 * MS-DTYP 2.5.3.2 (Object Tree)
 */
export interface ObjectTypeListEntry {
  /** ACCESS_OBJECT_GUID (0), ACCESS_PROPERTY_SET_GUID (1), ACCESS_PROPERTY_GUID (2), … up to ACCESS_MAX_LEVEL (4). */
  readonly level: number;
  /** The GUID, e.g. `'bf967aba-0de6-11d0-a285-00aa003049e2'` (compared case-insensitively). */
  readonly guid: string;
}

/** @internal A validated object type list with each node's parent and the end of its subtree. */
export interface ObjectTypeTree {
  readonly guids: readonly string[];
  readonly parents: readonly number[];
  /** ends[i]: the index just after node i's last descendant (pre-order). */
  readonly ends: readonly number[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ACCESS_MAX_LEVEL = 4;

/**
 * Validates an object type list as SeAccessCheckByType does and builds its tree; a malformed list is the
 * caller's ERROR_INVALID_PARAMETER, returned here as the reason.
 *
 * @internal
 */
export function objectTypeTree(list: readonly ObjectTypeListEntry[]): ObjectTypeTree | string {
  const guids: string[] = [];
  const parents: number[] = [];
  const levels: number[] = [];
  for (let i = 0; i < list.length; i++) {
    const { level, guid } = list[i] as ObjectTypeListEntry;
    const previous = i === 0 ? -1 : (levels[i - 1] as number);
    if (!Number.isInteger(level) || level < 0 || level > ACCESS_MAX_LEVEL) {
      return `object type list entry ${i}: level ${String(level)} is not 0 … ${ACCESS_MAX_LEVEL}`;
    }
    if (i === 0 ? level !== 0 : level === 0 || level > previous + 1) {
      return i === 0
        ? 'object type list entry 0 must be the object itself, at level 0'
        : `object type list entry ${i}: level ${level} cannot follow level ${previous}`;
    }
    const normalised = typeof guid === 'string' ? guid.toLowerCase() : '';
    if (!GUID.test(normalised)) return `object type list entry ${i}: ${JSON.stringify(guid)} is not a GUID`;
    let parent = i - 1;
    while (parent >= 0 && (levels[parent] as number) >= level) parent = parents[parent] as number;
    guids.push(normalised);
    levels.push(level);
    parents.push(parent);
  }
  const ends = levels.map((level, i) => {
    let end = i + 1;
    while (end < levels.length && (levels[end] as number) > level) end++;
    return end;
  });
  return { guids, parents, ends };
}

/**
 * One DACL pass over an object type list (AccessCheckByType), returning the root's result.
 *
 * @remarks
 * MS-DTYP 2.5.3.2: every node starts with the rights wanted. A plain allow ACE (or an object ACE without
 * an ObjectType) grants on every node; a plain deny ACE tests the root. An object allow ACE grants on its
 * node and the node's descendants, and a parent is then granted whatever all its children have been
 * granted (the spec's "np.Remaining or np-1.Remaining" line is garbled — it was filed as TDI 55801 — and
 * this is its stated intent). An object deny ACE tests its own node. The request succeeds when nothing is
 * left at the root. In MAXIMUM_ALLOWED mode each right is decided as a request for that right alone would
 * be, so the result is exactly the union of the single-right requests that succeed.
 *
 * @returns for a request: the rights left at the root, or {@link DENIED}; for MAXIMUM_ALLOWED: the rights granted
 * @internal
 */
export function walkObjectTypeTree(
  dacl: readonly Ace[],
  tree: ObjectTypeTree,
  sids: ReadonlyMap<Sid, number>,
  owner: Sid,
  principalSelf: Sid | null,
  wanted: AccessMask,
  maximum: boolean,
  pass: AccessCheckPass,
  steps: AccessCheckStep[],
): number {
  const { guids, parents, ends } = tree;
  const remaining = guids.map(() => wanted);
  let refused = 0; // MAXIMUM_ALLOWED: rights a single-right request would have been denied
  for (let i = 0; i < dacl.length && ((remaining[0] as number) & ~refused) !== 0; i++) {
    const entry = dacl[i] as Ace;
    if ((entry.flags & INHERIT_ONLY) !== 0) continue;
    const kind = aceKind(entry);
    if (kind === KIND_NONE) continue;
    const node = kind >= KIND_OBJECT_ALLOW ? guids.indexOf(entry.objectType ?? '') : 0;
    if (node < 0) continue;
    const matched = matchedSid(entry.sid, owner, principalSelf);
    const flags = sids.get(matched) ?? 0;
    const denies = kind !== KIND_ALLOW && kind !== KIND_OBJECT_ALLOW && kind !== KIND_CONDITIONAL_ALLOW;
    if ((flags & (denies ? MATCH_DENY : MATCH_ALLOW)) === 0) continue;
    const mask = entry.mask;
    const objectType = kind >= KIND_OBJECT_ALLOW ? (guids[node] as string) : null;
    if ((mask & GENERIC_RIGHTS_MASK) !== 0) {
      steps.push(
        aceStep('genericNotMapped', mask & GENERIC_RIGHTS_MASK, pass, i, entry, matched, objectType),
      );
    }
    const open = (remaining[node] as number) & mask & ~refused;
    if (open === 0) continue;
    if (denies) {
      steps.push(aceStep('deny', open, pass, i, entry, matched, objectType));
      if (!maximum) return DENIED;
      refused |= open;
    } else if (kind === KIND_CONDITIONAL_ALLOW) {
      steps.push(aceStep('conditionUnknown', open, pass, i, entry, matched, objectType));
    } else {
      steps.push(aceStep('grant', open, pass, i, entry, matched, objectType));
      // A plain allow is node 0's subtree, i.e. every node; an object allow is its node's subtree.
      for (let n = node; n < (ends[node] as number); n++)
        remaining[n] = ((remaining[n] as number) & ~mask) >>> 0;
      // Then each ancestor, nearest first, keeps only the rights some direct child still wants.
      for (let parent = parents[node] as number; parent >= 0; parent = parents[parent] as number) {
        let stillWanted = 0;
        for (let n = parent + 1; n < (ends[parent] as number); n = ends[n] as number)
          stillWanted |= remaining[n] as number;
        remaining[parent] = ((remaining[parent] as number) & stillWanted) >>> 0;
      }
    }
  }
  const root = remaining[0] as number;
  return maximum ? (wanted & ~root & ~refused) >>> 0 : root;
}
