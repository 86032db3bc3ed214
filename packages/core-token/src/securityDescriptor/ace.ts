import type { AccessMask } from '../access/accessMask.js';
import type { Sid } from '../sid/sid.js';

/**
 * The ACE types of MS-DTYP 2.4.4.1, by their `winnt.h` names without the `_ACE_TYPE` suffix.
 *
 * @remarks
 * The SDDL ace_type strings are: `A` ACCESS_ALLOWED, `D` ACCESS_DENIED, `OA`/`OD` the object variants,
 * `AU`/`AL`/`OU`/`OL` audit and alarm, `ML` SYSTEM_MANDATORY_LABEL, `XA`/`XD`/`ZA`/`XU` the callback
 * (conditional) variants, `RA` SYSTEM_RESOURCE_ATTRIBUTE, `SP` SYSTEM_SCOPED_POLICY_ID, `TL`
 * SYSTEM_PROCESS_TRUST_LABEL and `FL` SYSTEM_ACCESS_FILTER.
 * @see MS-DTYP 2.4.4.1 ACE_HEADER; https://learn.microsoft.com/windows/win32/secauthz/ace-strings
 */
export type AceType =
  | 'ACCESS_ALLOWED'
  | 'ACCESS_DENIED'
  | 'SYSTEM_AUDIT'
  | 'SYSTEM_ALARM'
  | 'ACCESS_ALLOWED_OBJECT'
  | 'ACCESS_DENIED_OBJECT'
  | 'SYSTEM_AUDIT_OBJECT'
  | 'SYSTEM_ALARM_OBJECT'
  | 'ACCESS_ALLOWED_CALLBACK'
  | 'ACCESS_DENIED_CALLBACK'
  | 'ACCESS_ALLOWED_CALLBACK_OBJECT'
  | 'SYSTEM_AUDIT_CALLBACK'
  | 'SYSTEM_MANDATORY_LABEL'
  | 'SYSTEM_RESOURCE_ATTRIBUTE'
  | 'SYSTEM_SCOPED_POLICY_ID'
  | 'SYSTEM_PROCESS_TRUST_LABEL'
  | 'SYSTEM_ACCESS_FILTER';

/**
 * ACE flags (MS-DTYP 2.4.4.1 AceFlags): inheritance and, in SACLs, auditing.
 *
 * @example
 * ```ts
 * import { ACE_FLAGS } from '@doublehop/core-token';
 *
 * ACE_FLAGS.OBJECT_INHERIT_ACE | ACE_FLAGS.CONTAINER_INHERIT_ACE; // 3 (SDDL "OICI")
 * ```
 * @see MS-DTYP 2.4.4.1; https://learn.microsoft.com/windows/win32/secauthz/ace-strings
 */
export const ACE_FLAGS = {
  /** Inherited by non-container child objects (SDDL `OI`). */
  OBJECT_INHERIT_ACE: 0x01,
  /** Inherited by container child objects (SDDL `CI`). */
  CONTAINER_INHERIT_ACE: 0x02,
  /** Inherited one level only (SDDL `NP`). */
  NO_PROPAGATE_INHERIT_ACE: 0x04,
  /** Not applied to this object, only inherited (SDDL `IO`); the access check skips it. */
  INHERIT_ONLY_ACE: 0x08,
  /** The ACE was inherited (SDDL `ID`). */
  INHERITED_ACE: 0x10,
  /** On a SYSTEM_ACCESS_FILTER ACE: the ACE is protected from change (SDDL `TP`). Shares its bit with CRITICAL_ACE_FLAG. */
  TRUST_PROTECTED_FILTER_ACE_FLAG: 0x40,
  /** Audit successful access (SDDL `SA`). */
  SUCCESSFUL_ACCESS_ACE_FLAG: 0x40,
  /** Audit failed access (SDDL `FA`). */
  FAILED_ACCESS_ACE_FLAG: 0x80,
  /** On an access-allowed ACE, marks it critical: it cannot be removed (SDDL `CR`). */
  CRITICAL_ACE_FLAG: 0x20,
} as const;

/**
 * One access control entry (MS-DTYP 2.4.4).
 *
 * @remarks
 * All fields are present on every ACE so that two ACEs can be compared field by field; the fields an ACE
 * type does not use are `null`.
 * @example
 * ```ts
 * import { ace, sid } from '@doublehop/core-token';
 *
 * const allowEveryoneRead = ace('ACCESS_ALLOWED', sid('S-1-1-0'), 0x120089);
 * ```
 * @see MS-DTYP 2.4.4.2 ACCESS_ALLOWED_ACE … 2.4.4.17
 */
export interface Ace {
  /** What the ACE does. */
  readonly type: AceType;
  /** Inheritance and audit flags ({@link ACE_FLAGS}). */
  readonly flags: number;
  /** The rights it allows, denies or audits; for a mandatory label, the NO_*_UP policy bits. */
  readonly mask: AccessMask;
  /** Whom it applies to; for a mandatory label, the integrity level SID (`S-1-16-…`). */
  readonly sid: Sid;
  /** For object ACEs: the GUID (lower case) of the property, property set, extended right or child class it covers. */
  readonly objectType: string | null;
  /** For object ACEs: the GUID (lower case) of the child object class that inherits it. */
  readonly inheritedObjectType: string | null;
  /**
   * The application data, kept as its SDDL text: the conditional expression of a callback ACE
   * (`(@User.Project == "X")`) or the attribute of a resource attribute ACE (`("Secrecy",TU,0,3)`).
   */
  readonly applicationData: string | null;
}

/**
 * Builds an {@link Ace}, filling the fields the type does not use with `null`.
 *
 * @param type - the ACE type
 * @param sid - whom it applies to
 * @param mask - the rights (or, for a mandatory label, the policy bits)
 * @param options - flags, object types and application data
 * @returns a frozen ACE
 * @example
 * ```ts
 * import { ACE_FLAGS, ace, sid } from '@doublehop/core-token';
 *
 * ace('ACCESS_DENIED', sid('S-1-5-7'), 0x1f01ff, { flags: ACE_FLAGS.OBJECT_INHERIT_ACE });
 * ```
 * @see MS-DTYP 2.4.4
 */
export function ace(
  type: AceType,
  sid: Sid,
  mask: AccessMask,
  options: {
    readonly flags?: number;
    readonly objectType?: string | null;
    readonly inheritedObjectType?: string | null;
    readonly applicationData?: string | null;
  } = {},
): Ace {
  return Object.freeze({
    type,
    flags: options.flags ?? 0,
    mask: mask >>> 0,
    sid,
    objectType: options.objectType?.toLowerCase() ?? null,
    inheritedObjectType: options.inheritedObjectType?.toLowerCase() ?? null,
    applicationData: options.applicationData ?? null,
  });
}

/** An access control list (MS-DTYP 2.4.5): an ordered list of ACEs. Order matters to the access check. */
export type Acl = readonly Ace[];
