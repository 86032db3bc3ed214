import type { Sid } from '../sid/sid.js';
import type { Acl } from './ace.js';

/**
 * SECURITY_DESCRIPTOR_CONTROL bits (MS-DTYP 2.4.6).
 *
 * @example
 * ```ts
 * import { SD_CONTROL } from '@doublehop/core-token';
 *
 * SD_CONTROL.SE_DACL_PRESENT | SD_CONTROL.SE_DACL_PROTECTED; // 0x1004 (SDDL "D:P…")
 * ```
 * @see MS-DTYP 2.4.6 SECURITY_DESCRIPTOR
 */
export const SD_CONTROL = {
  /** The owner was set by a default mechanism. */
  SE_OWNER_DEFAULTED: 0x0001,
  /** The group was set by a default mechanism. */
  SE_GROUP_DEFAULTED: 0x0002,
  /** A DACL is present; if its ACL is `null` it is a NULL DACL, which allows everyone everything. */
  SE_DACL_PRESENT: 0x0004,
  /** The DACL was set by a default mechanism. */
  SE_DACL_DEFAULTED: 0x0008,
  /** A SACL is present. */
  SE_SACL_PRESENT: 0x0010,
  /** The SACL was set by a default mechanism. */
  SE_SACL_DEFAULTED: 0x0020,
  /** Auto-inheritance to children is requested for the DACL (SDDL `AR`). */
  SE_DACL_AUTO_INHERIT_REQ: 0x0100,
  /** Auto-inheritance to children is requested for the SACL (SDDL `AR`). */
  SE_SACL_AUTO_INHERIT_REQ: 0x0200,
  /** The DACL was built by auto-inheritance (SDDL `AI`). */
  SE_DACL_AUTO_INHERITED: 0x0400,
  /** The SACL was built by auto-inheritance (SDDL `AI`). */
  SE_SACL_AUTO_INHERITED: 0x0800,
  /** The DACL does not inherit from the parent (SDDL `P`). */
  SE_DACL_PROTECTED: 0x1000,
  /** The SACL does not inherit from the parent (SDDL `P`). */
  SE_SACL_PROTECTED: 0x2000,
  /** The resource-manager control bits are valid. */
  SE_RM_CONTROL_VALID: 0x4000,
  /** The descriptor is in self-relative form (always, for descriptors parsed from SDDL). */
  SE_SELF_RELATIVE: 0x8000,
} as const;

/**
 * A security descriptor (MS-DTYP 2.4.6): owner, primary group, DACL, SACL and control bits.
 *
 * @remarks
 * `dacl === null` means no access control: either no DACL at all (SE_DACL_PRESENT clear) or a NULL DACL
 * (SE_DACL_PRESENT set, SDDL `D:NO_ACCESS_CONTROL`); both let everyone do everything. An empty array is an
 * empty DACL, which denies everyone but the owner's implicit rights. The same holds for the SACL with
 * SE_SACL_PRESENT.
 * @example
 * ```ts
 * import { parseSddl } from '@doublehop/core-token';
 *
 * const r = parseSddl('O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;BU)');
 * if (r.ok) r.value.dacl?.length; // 2
 * ```
 * @see MS-DTYP 2.4.6
 */
export interface SecurityDescriptor {
  /** The owner, or `null` if the descriptor has none (AccessCheck then fails with ERROR_INVALID_SECURITY_DESCR). */
  readonly owner: Sid | null;
  /** The primary group, or `null`. */
  readonly group: Sid | null;
  /** The discretionary ACL; `null` for no DACL or a NULL DACL (see {@link SD_CONTROL}.SE_DACL_PRESENT). */
  readonly dacl: Acl | null;
  /** The system ACL (audit ACEs, the mandatory label, resource attributes …); `null` when absent. */
  readonly sacl: Acl | null;
  /** The control bits ({@link SD_CONTROL}). */
  readonly control: number;
}

/**
 * Builds a {@link SecurityDescriptor}, setting SE_DACL_PRESENT / SE_SACL_PRESENT from whether an ACL is given
 * and SE_SELF_RELATIVE, as a descriptor read from SDDL or from an object has.
 *
 * @param parts - owner, group, DACL, SACL and extra control bits (e.g. SE_DACL_PROTECTED)
 * @returns a frozen security descriptor
 * @example
 * ```ts
 * import { ace, securityDescriptor, sid } from '@doublehop/core-token';
 *
 * const sd = securityDescriptor({
 *   owner: sid('S-1-5-32-544'),
 *   group: sid('S-1-5-18'),
 *   dacl: [ace('ACCESS_ALLOWED', sid('S-1-5-18'), 0x1f01ff)],
 * });
 * ```
 * @see MS-DTYP 2.4.6
 */
export function securityDescriptor(parts: {
  readonly owner?: Sid | null;
  readonly group?: Sid | null;
  readonly dacl?: Acl | null;
  readonly sacl?: Acl | null;
  readonly control?: number;
}): SecurityDescriptor {
  let control = (parts.control ?? 0) | SD_CONTROL.SE_SELF_RELATIVE;
  if (parts.dacl !== undefined && parts.dacl !== null) control |= SD_CONTROL.SE_DACL_PRESENT;
  if (parts.sacl !== undefined && parts.sacl !== null) control |= SD_CONTROL.SE_SACL_PRESENT;
  return Object.freeze({
    owner: parts.owner ?? null,
    group: parts.group ?? null,
    dacl: parts.dacl === undefined || parts.dacl === null ? null : Object.freeze([...parts.dacl]),
    sacl: parts.sacl === undefined || parts.sacl === null ? null : Object.freeze([...parts.sacl]),
    control,
  });
}
