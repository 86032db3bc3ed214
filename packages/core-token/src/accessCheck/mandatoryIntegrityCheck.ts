import {
  ACCESS_RIGHTS,
  type AccessMask,
  type GenericMapping,
  MANDATORY_LABEL_POLICY,
} from '../access/accessMask.js';
import { ACE_FLAGS, type Ace } from '../securityDescriptor/ace.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Sid } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { TOKEN_MANDATORY_POLICY, type Token } from '../token/token.js';
import { PRIVILEGE_RELABEL, type TokenSidIndex, tokenSidIndex } from './tokenSidIndex.js';

/** Every bit: what a mandatory check that does not restrict the token allows. */
export const ALL_ACCESS: AccessMask = 0xffff_ffff;

const {
  SYSTEM_MANDATORY_LABEL_NO_WRITE_UP,
  SYSTEM_MANDATORY_LABEL_NO_READ_UP,
  SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP,
} = MANDATORY_LABEL_POLICY;
const POLICY_BITS =
  SYSTEM_MANDATORY_LABEL_NO_WRITE_UP |
  SYSTEM_MANDATORY_LABEL_NO_READ_UP |
  SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP;
/** Win32 MIC page: "Objects that lack an integrity label are treated as medium by the operating system". */
const DEFAULT_LABEL_RID = 0x2000;

/**
 * What the mandatory integrity check decided for one token and one object.
 *
 * @example
 * ```ts
 * import { OBJECT_TYPES, WELL_KNOWN_SIDS, mandatoryIntegrityCheck, securityDescriptor, sid, token } from '@doublehop/core-token';
 *
 * const low = token({ user: sid('S-1-5-21-1-2-3-1104'), integrityLevel: WELL_KNOWN_SIDS.LOW_INTEGRITY.sid });
 * const sd = securityDescriptor({ owner: sid('S-1-5-18'), group: sid('S-1-5-18'), dacl: [] });
 * mandatoryIntegrityCheck(sd, low, OBJECT_TYPES.file.genericMapping).allowedAccess; // 0x1200a9
 * ```
 * @see MS-DTYP 2.5.3.3 MandatoryIntegrityCheck
 */
export interface MandatoryIntegrityCheckResult {
  /** `false` when the token's mandatory policy lacks NO_WRITE_UP, which turns the check off. */
  readonly enforced: boolean;
  /** The object's integrity level: its label's SID, or Medium for an unlabelled object. */
  readonly label: Sid;
  /** The label's SYSTEM_MANDATORY_LABEL_NO_*_UP bits (NO_WRITE_UP for an unlabelled object). */
  readonly policy: number;
  /** `true` when no effective label ACE was found and the default (Medium, NO_WRITE_UP) applied. */
  readonly defaulted: boolean;
  /** `true` when the token's integrity level is at least the object's. */
  readonly tokenDominates: boolean;
  /** The rights the DACL may still grant: every bit (`0xffffffff`) when the check does not restrict the token. */
  readonly allowedAccess: AccessMask;
}

/**
 * Runs the mandatory integrity check of an object for a token: which rights the DACL may still grant.
 *
 * @remarks
 * Follows what Windows does where MS-DTYP 2.5.3.3's pseudocode is literally wrong (the Win32 MIC page;
 * Forshaw, *Windows Security Internals* ch. 7):
 * - the check is off when the token's policy lacks the TOKEN_MANDATORY_POLICY_NO_WRITE_UP *bit* (the
 *   spec compares the whole policy with EQUAL, which a normal token, policy 0x3, never matches);
 * - the label is the SACL's first SYSTEM_MANDATORY_LABEL ACE; when there is none, or it is inherit-only,
 *   the object is Medium with NO_WRITE_UP (Win32 "Mandatory Integrity Control");
 * - a token whose integrity RID is at least the label's is not restricted;
 * - otherwise the allowed set is built from the object type's mapped generic rights, leaving out
 *   GenericRead under NO_READ_UP, GenericWrite under NO_WRITE_UP and GenericExecute under NO_EXECUTE_UP.
 *   So NO_WRITE_UP also takes away DELETE, WRITE_DAC, WRITE_OWNER and ACCESS_SYSTEM_SECURITY, which no
 *   mapping contains (Forshaw's Mutant experiment: a Low token gets exactly GenericRead|GenericExecute);
 * - an enabled SeRelabelPrivilege adds WRITE_OWNER back (MS-DTYP 2.5.3.3).
 *
 * @param sd - the object's security descriptor (its SACL holds the label)
 * @param subject - the token
 * @param genericMapping - the object type's generic mapping
 * @returns the decision, with the allowed rights
 * @example
 * ```ts
 * import { OBJECT_TYPES, WELL_KNOWN_SIDS, ace, mandatoryIntegrityCheck, securityDescriptor, sid, token } from '@doublehop/core-token';
 *
 * const user = token({ user: sid('S-1-5-21-1-2-3-1104') }); // Medium
 * const systemLabel = ace('SYSTEM_MANDATORY_LABEL', WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid, 0x3); // NW|NR
 * const sd = securityDescriptor({ owner: sid('S-1-5-18'), group: sid('S-1-5-18'), dacl: [], sacl: [systemLabel] });
 * const mic = mandatoryIntegrityCheck(sd, user, OBJECT_TYPES.file.genericMapping);
 * mic.tokenDominates; // false
 * mic.allowedAccess; // 0x1200a0
 * ```
 * @see MS-DTYP 2.5.3.3; https://learn.microsoft.com/windows/win32/secauthz/mandatory-integrity-control
 */
export function mandatoryIntegrityCheck(
  sd: SecurityDescriptor,
  subject: Token,
  genericMapping: GenericMapping,
): MandatoryIntegrityCheckResult {
  const index = tokenSidIndex(subject);
  const labelAce = findEffectiveLabel(sd.sacl);
  const label = labelAce === null ? WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid : labelAce.sid;
  const policy = labelAce === null ? SYSTEM_MANDATORY_LABEL_NO_WRITE_UP : labelAce.mask & POLICY_BITS;
  const enforced =
    (subject.mandatoryPolicy & TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NO_WRITE_UP) !== 0;
  const tokenDominates = index.integrityRid >= (label.rid ?? 0);
  return Object.freeze({
    enforced,
    label,
    policy,
    defaulted: labelAce === null,
    tokenDominates,
    allowedAccess: enforced && !tokenDominates ? allowedByPolicy(policy, genericMapping, index) : ALL_ACCESS,
  });
}

/**
 * The allowed rights alone, without allocating: what {@link mandatoryIntegrityCheck} returns as
 * `allowedAccess`, for the access check's hot path.
 *
 * @internal
 */
export function mandatoryAllowedAccess(
  sd: SecurityDescriptor,
  subject: Token,
  index: TokenSidIndex,
  genericMapping: GenericMapping,
): AccessMask {
  if ((subject.mandatoryPolicy & TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NO_WRITE_UP) === 0)
    return ALL_ACCESS;
  const labelAce = sd.sacl === null ? null : findEffectiveLabel(sd.sacl);
  const labelRid = labelAce === null ? DEFAULT_LABEL_RID : (labelAce.sid.rid ?? 0);
  if (index.integrityRid >= labelRid) return ALL_ACCESS;
  const policy = labelAce === null ? SYSTEM_MANDATORY_LABEL_NO_WRITE_UP : labelAce.mask & POLICY_BITS;
  return allowedByPolicy(policy, genericMapping, index);
}

function allowedByPolicy(policy: number, mapping: GenericMapping, index: TokenSidIndex): AccessMask {
  let allowed = 0;
  if ((policy & SYSTEM_MANDATORY_LABEL_NO_READ_UP) === 0) allowed |= mapping.genericRead;
  if ((policy & SYSTEM_MANDATORY_LABEL_NO_WRITE_UP) === 0) allowed |= mapping.genericWrite;
  if ((policy & SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP) === 0) allowed |= mapping.genericExecute;
  if ((index.privileges & PRIVILEGE_RELABEL) !== 0) allowed |= ACCESS_RIGHTS.WRITE_OWNER;
  return allowed >>> 0;
}

/**
 * FindAceByType (MS-DTYP 2.5.3.3.1) returns the first mandatory label ACE; 2.5.3.3 then falls back to the
 * default when that ACE is inherit-only (it labels children, not this object).
 */
function findEffectiveLabel(sacl: readonly Ace[] | null): Ace | null {
  if (sacl === null) return null;
  for (const entry of sacl) {
    if (entry.type === 'SYSTEM_MANDATORY_LABEL') {
      return (entry.flags & ACE_FLAGS.INHERIT_ONLY_ACE) !== 0 ? null : entry;
    }
  }
  return null;
}
