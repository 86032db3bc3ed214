import type { Sid } from '../sid/sid.js';
import { PRIVILEGE_ATTRIBUTES } from '../token/privileges.js';
import { GROUP_ATTRIBUTES, type SidAndAttributes, type Token } from '../token/token.js';

/** The SID matches access-allowed ACEs (it is enabled). */
export const MATCH_ALLOW = 1;
/** The SID matches access-denied ACEs (it is enabled, or deny-only). */
export const MATCH_DENY = 2;

/** Bits of {@link TokenSidIndex.privileges}: which access-check privileges the token has *enabled*. */
export const PRIVILEGE_SECURITY = 1;
/** SeTakeOwnershipPrivilege is enabled. */
export const PRIVILEGE_TAKE_OWNERSHIP = 2;
/** SeRelabelPrivilege is enabled. */
export const PRIVILEGE_RELABEL = 4;

/**
 * What the access check needs to know about a token, computed once per token: for every SID, whether it
 * matches allowed and/or denied ACEs, in the normal pass and in the restricted-SID pass.
 *
 * @internal
 */
export interface TokenSidIndex {
  /** User and groups → {@link MATCH_ALLOW} | {@link MATCH_DENY}; SIDs that match nothing are absent. */
  readonly sids: ReadonlyMap<Sid, number>;
  /** A 1024-bit filter of `sids` ({@link sidFingerprint}): a clear bit means the SID is certainly absent. */
  readonly filter: Int32Array;
  /** Restricting SIDs → MATCH_ALLOW | MATCH_DENY, or `null` for an unrestricted token. */
  readonly restrictedSids: ReadonlyMap<Sid, number> | null;
  /** The filter of `restrictedSids` (empty for an unrestricted token, whose second pass never runs). */
  readonly restrictedFilter: Int32Array;
  /** PRIVILEGE_* bits for the enabled privileges the access check consults. */
  readonly privileges: number;
  /** The RID of the token's integrity level SID (`S-1-16-RID`), compared numerically (MS-DTYP 2.5.3.1.2). */
  readonly integrityRid: number;
}

// Tokens are frozen values, so what is derived from one never goes stale; a WeakMap lets the index die
// with the token.
const cache = new WeakMap<Token, TokenSidIndex>();
// Checks usually come in runs for one token; remembering the last one skips the WeakMap lookup.
let lastToken: Token | null = null;
let lastIndex: TokenSidIndex | null = null;

/**
 * The {@link TokenSidIndex} of a token, built on first use and cached.
 *
 * @internal
 */
export function tokenSidIndex(subject: Token): TokenSidIndex {
  if (subject === lastToken && lastIndex !== null) return lastIndex;
  let index = cache.get(subject);
  if (index === undefined) {
    index = buildIndex(subject);
    // A token that is not frozen (not built by token()) may still change: index it afresh each time.
    if (!Object.isFrozen(subject)) return index;
    cache.set(subject, index);
  }
  lastToken = subject;
  lastIndex = index;
  return index;
}

function buildIndex(subject: Token): TokenSidIndex {
  const sids = new Map<Sid, number>();
  // The kernel's SidInToken stops at the first entry with an equal SID (the user first, then the groups
  // in order) and decides from that entry's attributes alone; a later duplicate never overrides it.
  const seen = new Set<Sid>();
  addEntry(sids, seen, subject.user, true);
  for (const group of subject.groups) addEntry(sids, seen, group, false);

  let restrictedSids: Map<Sid, number> | null = null;
  if (subject.restrictedSids.length > 0) {
    restrictedSids = new Map();
    // CreateRestrictedToken: "Restricting SIDs are always enabled for access checks", whatever the
    // attributes say, and they match both allowed and denied ACEs (Restricted Tokens page).
    for (const restricting of subject.restrictedSids) {
      if (!isPlaceholder(restricting.sid)) restrictedSids.set(restricting.sid, MATCH_ALLOW | MATCH_DENY);
    }
  }

  let privileges = 0;
  for (const p of subject.privileges) {
    if ((p.attributes & PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED) === 0) continue;
    if (p.name === 'SeSecurityPrivilege') privileges |= PRIVILEGE_SECURITY;
    else if (p.name === 'SeTakeOwnershipPrivilege') privileges |= PRIVILEGE_TAKE_OWNERSHIP;
    else if (p.name === 'SeRelabelPrivilege') privileges |= PRIVILEGE_RELABEL;
  }

  return Object.freeze({
    sids,
    filter: filterOf(sids.keys()),
    restrictedSids,
    restrictedFilter: filterOf(restrictedSids === null ? [] : restrictedSids.keys()),
    privileges,
    integrityRid: subject.integrityLevel.rid ?? 0,
  });
}

function addEntry(sids: Map<Sid, number>, seen: Set<Sid>, entry: SidAndAttributes, isUser: boolean): void {
  if (seen.has(entry.sid)) return;
  seen.add(entry.sid);
  // Integrity SIDs sit in the group list but "are not evaluated as part of sidintoken" (MS-WPO 4.8), and
  // CREATOR OWNER / CREATOR GROUP (S-1-3-x) are inheritance placeholders that no token really holds.
  if ((entry.attributes & GROUP_ATTRIBUTES.SE_GROUP_INTEGRITY) !== 0 || isPlaceholder(entry.sid)) return;
  const a = entry.attributes;
  let flags = 0;
  if ((a & GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY) !== 0) {
    // SID Attributes in an Access Token: a deny-only SID is checked against access-denied ACEs only.
    flags = MATCH_DENY;
  }
  // The user SID is always enabled unless deny-only; a group counts only with SE_GROUP_ENABLED
  // ("During an access check, the system ignores group SIDs that are not enabled").
  if ((isUser && flags === 0) || (a & GROUP_ATTRIBUTES.SE_GROUP_ENABLED) !== 0)
    flags = MATCH_ALLOW | MATCH_DENY;
  if (flags !== 0) sids.set(entry.sid, flags);
}

/**
 * A SID's slot in a 1024-bit membership filter: which of the 32 words (`>>> 5`) and which bit (`& 31`),
 * from an FNV-1a hash of its text (a 40-group token sets about 4% of the bits). The DACL walk tests the filter before the Map, so the ACEs
 * of SIDs the token lacks — most of them, in a real DACL — cost two array reads instead of a lookup.
 *
 * @internal
 */
export function sidFingerprint(s: Sid): number {
  let f = fingerprints.get(s);
  if (f === undefined) {
    f = fnv1a(s.text);
    fingerprints.set(s, f);
  }
  return f;
}

// SIDs are interned for good (Sid.internTable), so remembering their fingerprints retains nothing more.
const fingerprints = new Map<Sid, number>();

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return ((hash >>> 22) ^ hash) & 0x3ff;
}

function filterOf(sids: Iterable<Sid>): Int32Array {
  const filter = new Int32Array(32);
  for (const s of sids) {
    const f = sidFingerprint(s);
    filter[f >>> 5] = (filter[f >>> 5] as number) | (1 << (f & 31));
  }
  return filter;
}

/** CREATOR OWNER, CREATOR GROUP and their server variants: S-1-3-0 … S-1-3-3 (MS-DTYP 2.4.2.4). */
function isPlaceholder(s: Sid): boolean {
  return s.identifierAuthority === 3 && s.subAuthorities.length === 1 && (s.subAuthorities[0] ?? 4) <= 3;
}
