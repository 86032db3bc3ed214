import { type AccessMask, GENERIC_RIGHTS_MASK } from '../access/accessMask.js';
import type { Ace } from '../securityDescriptor/ace.js';
import type { Sid } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import type { AccessCheckPass, AccessCheckStep, AceStep } from './accessCheckResult.js';
import { aceStep, KIND_ALLOW, KIND_CONDITIONAL_ALLOW, KIND_DENY } from './aceKind.js';
import type { CompiledDacl } from './compiledDacl.js';
import { MATCH_ALLOW, MATCH_DENY } from './tokenSidIndex.js';

const PRINCIPAL_SELF = WELL_KNOWN_SIDS.PRINCIPAL_SELF.sid;

/** What {@link walkDaclForRequest} returns when an access-denied ACE ends the check. */
export const DENIED = -1;

/**
 * One DACL pass for a specific request, as MS-DTYP 2.5.3.2 and "How AccessCheck Works" describe it: ACEs
 * in stored order; an allow ACE whose SID is an enabled SID of the list removes its rights from what is
 * still wanted; a deny ACE whose SID is enabled or deny-only ends the check as soon as it names a right
 * still wanted (rights already granted are not revoked); the walk stops once nothing is wanted.
 *
 * @param compiled - the DACL's applicable ACEs, OWNER RIGHTS already standing for the owner
 * @param dacl - the DACL itself, for the steps
 * @param sids - the SID list of this pass ({@link TokenSidIndex})
 * @param filter - that list's membership filter
 * @param principalSelf - the PrincipalSelfSubst SID that PRINCIPAL SELF ACEs stand for, or `null`
 * @param wanted - the rights still wanted
 * @param pass - which list this is, for the steps
 * @param steps - where to record the ACEs that decided something
 * @returns the rights no ACE granted (0 when all were), or {@link DENIED}
 * @internal
 */
export function walkDaclForRequest(
  compiled: CompiledDacl,
  dacl: readonly Ace[],
  sids: ReadonlyMap<Sid, number>,
  filter: Int32Array,
  principalSelf: Sid | null,
  wanted: AccessMask,
  pass: AccessCheckPass,
  steps: AccessCheckStep[],
): number {
  const { sids: aceSids, masks, kinds, generic, fingerprints } = compiled;
  const substitute = compiled.principalSelf && principalSelf !== null;
  let remaining = wanted | 0;
  for (let k = 0; k < kinds.length; k++) {
    let matched = aceSids[k] as Sid;
    if (substitute && matched === PRINCIPAL_SELF) matched = principalSelf;
    else {
      const f = fingerprints[k] as number;
      if (((filter[f >>> 5] as number) & (1 << (f & 31))) === 0) continue;
    }
    const flags = sids.get(matched);
    if (flags === undefined) continue;
    const kind = kinds[k] as number;
    const mask = masks[k] as number;
    if (kind === KIND_DENY) {
      if ((flags & MATCH_DENY) === 0) continue;
      if (generic[k] === 1) noteGeneric(steps, pass, compiled, dacl, k, matched);
      const hit = remaining & mask;
      if (hit !== 0) {
        steps.push(record('deny', hit, pass, compiled, dacl, k, matched));
        return DENIED;
      }
      continue;
    }
    if ((flags & MATCH_ALLOW) === 0) continue;
    if (generic[k] === 1) noteGeneric(steps, pass, compiled, dacl, k, matched);
    const newly = remaining & mask;
    if (newly === 0) continue;
    if (kind === KIND_CONDITIONAL_ALLOW) {
      steps.push(record('conditionUnknown', newly, pass, compiled, dacl, k, matched));
      continue;
    }
    steps.push(record('grant', newly, pass, compiled, dacl, k, matched));
    remaining &= ~mask;
    if (remaining === 0) return 0;
  }
  return remaining >>> 0;
}

/**
 * One DACL pass for MAXIMUM_ALLOWED, as Windows runs it: the first ACE that names a right decides it —
 * an allow ACE grants the rights not yet decided, a deny ACE refuses them — so a deny after an allow
 * does not revoke (MS-ADTS 5.1.3.3.2, Samba, Forshaw ch. 7). MS-DTYP 2.5.3.2's pseudocode instead
 * computes `Allowed & ~Denied` over the whole DACL, letting a later deny win; doublehop models Windows.
 *
 * @param compiled - the DACL's applicable ACEs
 * @param dacl - the DACL itself, for the steps
 * @param sids - the SID list of this pass
 * @param filter - that list's membership filter
 * @param principalSelf - the PrincipalSelfSubst SID, or `null`
 * @param undecided - the rights still undecided (already granted rights are excluded by the caller)
 * @param pass - which list this is
 * @param steps - where to record the ACEs that decided something
 * @returns the rights this pass granted
 * @internal
 */
export function walkDaclForMaximum(
  compiled: CompiledDacl,
  dacl: readonly Ace[],
  sids: ReadonlyMap<Sid, number>,
  filter: Int32Array,
  principalSelf: Sid | null,
  undecided: AccessMask,
  pass: AccessCheckPass,
  steps: AccessCheckStep[],
): AccessMask {
  const { sids: aceSids, masks, kinds, generic, fingerprints } = compiled;
  const substitute = compiled.principalSelf && principalSelf !== null;
  let open = undecided | 0;
  let granted = 0;
  for (let k = 0; k < kinds.length && open !== 0; k++) {
    let matched = aceSids[k] as Sid;
    if (substitute && matched === PRINCIPAL_SELF) matched = principalSelf;
    else {
      const f = fingerprints[k] as number;
      if (((filter[f >>> 5] as number) & (1 << (f & 31))) === 0) continue;
    }
    const flags = sids.get(matched);
    const kind = kinds[k] as number;
    if (flags === undefined || (flags & (kind === KIND_DENY ? MATCH_DENY : MATCH_ALLOW)) === 0) continue;
    if (generic[k] === 1) noteGeneric(steps, pass, compiled, dacl, k, matched);
    const mask = masks[k] as number;
    const decided = open & mask;
    if (decided === 0) continue;
    if (kind === KIND_CONDITIONAL_ALLOW) {
      steps.push(record('conditionUnknown', decided, pass, compiled, dacl, k, matched));
      continue;
    }
    open &= ~mask;
    if (kind === KIND_ALLOW) granted |= decided;
    steps.push(record(kind === KIND_ALLOW ? 'grant' : 'deny', decided, pass, compiled, dacl, k, matched));
  }
  return granted >>> 0;
}

function record(
  effect: AceStep['effect'],
  access: AccessMask,
  pass: AccessCheckPass,
  compiled: CompiledDacl,
  dacl: readonly Ace[],
  k: number,
  matched: Sid,
): AceStep {
  const position = compiled.positions[k] as number;
  return aceStep(effect, access, pass, position, dacl[position] as Ace, matched, null);
}

/** MS-DTYP 2.4.3: "the Access Check algorithm does not map generic rights ... for ACE structures." */
function noteGeneric(
  steps: AccessCheckStep[],
  pass: AccessCheckPass,
  compiled: CompiledDacl,
  dacl: readonly Ace[],
  k: number,
  matched: Sid,
): void {
  steps.push(
    record(
      'genericNotMapped',
      (compiled.masks[k] as number) & GENERIC_RIGHTS_MASK,
      pass,
      compiled,
      dacl,
      k,
      matched,
    ),
  );
}
