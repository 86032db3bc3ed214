/**
 * An ACCESS_MASK (MS-DTYP 2.4.3): a 32-bit unsigned integer whose low 16 bits are object-specific rights,
 * bits 16–20 the standard rights, bit 24 ACCESS_SYSTEM_SECURITY, bit 25 MAXIMUM_ALLOWED and the top four
 * bits the generic rights.
 *
 * @remarks
 * JavaScript's bitwise operators work on signed 32-bit integers; every function here returns masks
 * normalised with `>>> 0`, so `GENERIC_READ` is `0x80000000`, never negative.
 */
export type AccessMask = number;

/**
 * The rights whose meaning does not depend on the object type: standard rights (bits 16–20), the two
 * special request bits, and the four generic rights.
 *
 * @example
 * ```ts
 * import { ACCESS_RIGHTS } from '@doublehop/core-token';
 *
 * ACCESS_RIGHTS.READ_CONTROL | ACCESS_RIGHTS.WRITE_DAC; // 0x60000
 * ```
 * @see MS-DTYP 2.4.3 ACCESS_MASK; https://learn.microsoft.com/windows/win32/secauthz/access-mask
 */
export const ACCESS_RIGHTS = {
  /** Delete the object. */
  DELETE: 0x0001_0000,
  /** Read the object's security descriptor, except its SACL. Implicitly granted to the owner. */
  READ_CONTROL: 0x0002_0000,
  /** Change the object's DACL. Implicitly granted to the owner. */
  WRITE_DAC: 0x0004_0000,
  /** Change the object's owner; also granted by SeTakeOwnershipPrivilege. */
  WRITE_OWNER: 0x0008_0000,
  /** Wait on the object. */
  SYNCHRONIZE: 0x0010_0000,
  /** DELETE, READ_CONTROL, WRITE_DAC and WRITE_OWNER. */
  STANDARD_RIGHTS_REQUIRED: 0x000f_0000,
  /** READ_CONTROL (the standard part of every generic read, write and execute mapping). */
  STANDARD_RIGHTS_READ: 0x0002_0000,
  /** READ_CONTROL. */
  STANDARD_RIGHTS_WRITE: 0x0002_0000,
  /** READ_CONTROL. */
  STANDARD_RIGHTS_EXECUTE: 0x0002_0000,
  /** All five standard rights. */
  STANDARD_RIGHTS_ALL: 0x001f_0000,
  /** The low 16 bits: rights whose meaning depends on the object type. */
  SPECIFIC_RIGHTS_ALL: 0x0000_ffff,
  /** Read or write the SACL; needs SeSecurityPrivilege, never granted by a DACL. */
  ACCESS_SYSTEM_SECURITY: 0x0100_0000,
  /** Ask for every right the caller could be granted, instead of specific rights. */
  MAXIMUM_ALLOWED: 0x0200_0000,
  /** Mapped through the object type's GenericMapping.GenericAll. */
  GENERIC_ALL: 0x1000_0000,
  /** Mapped through GenericMapping.GenericExecute. */
  GENERIC_EXECUTE: 0x2000_0000,
  /** Mapped through GenericMapping.GenericWrite. */
  GENERIC_WRITE: 0x4000_0000,
  /** Mapped through GenericMapping.GenericRead (`0x80000000`). */
  GENERIC_READ: 0x8000_0000,
} as const;

/** GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL. */
export const GENERIC_RIGHTS_MASK: AccessMask = 0xf000_0000;

/**
 * The mandatory label policy bits carried in the access mask of a SYSTEM_MANDATORY_LABEL_ACE.
 *
 * @example
 * ```ts
 * import { MANDATORY_LABEL_POLICY } from '@doublehop/core-token';
 *
 * MANDATORY_LABEL_POLICY.SYSTEM_MANDATORY_LABEL_NO_WRITE_UP; // 1 (SDDL "NW")
 * ```
 * @see MS-DTYP 2.4.4.13 SYSTEM_MANDATORY_LABEL_ACE
 */
export const MANDATORY_LABEL_POLICY = {
  /** A lower-integrity subject cannot write the object (SDDL `NW`; the default policy). */
  SYSTEM_MANDATORY_LABEL_NO_WRITE_UP: 0x1,
  /** A lower-integrity subject cannot read the object (SDDL `NR`). */
  SYSTEM_MANDATORY_LABEL_NO_READ_UP: 0x2,
  /** A lower-integrity subject cannot execute the object (SDDL `NX`). */
  SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP: 0x4,
} as const;

/**
 * How an object type translates the four generic rights into its standard and specific rights.
 *
 * @example
 * ```ts
 * import { OBJECT_TYPES } from '@doublehop/core-token';
 *
 * OBJECT_TYPES.file.genericMapping.genericRead; // 0x120089 (FILE_GENERIC_READ)
 * ```
 * @see MS-DTYP 2.4.3; GENERIC_MAPPING, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-generic_mapping
 */
export interface GenericMapping {
  /** What GENERIC_READ means for this object type. */
  readonly genericRead: AccessMask;
  /** What GENERIC_WRITE means. */
  readonly genericWrite: AccessMask;
  /** What GENERIC_EXECUTE means. */
  readonly genericExecute: AccessMask;
  /** What GENERIC_ALL means. */
  readonly genericAll: AccessMask;
}

/**
 * Replaces the generic bits of a mask by the rights they stand for, as MapGenericMask does: each
 * GENERIC_* bit adds its mapping and is then cleared.
 *
 * @param mask - an access mask that may contain GENERIC_* bits
 * @param mapping - the object type's generic mapping
 * @returns the mask with no generic bits
 * @example
 * ```ts
 * import { ACCESS_RIGHTS, OBJECT_TYPES, mapGenericMask } from '@doublehop/core-token';
 *
 * mapGenericMask(ACCESS_RIGHTS.GENERIC_READ, OBJECT_TYPES.file.genericMapping); // 0x120089
 * ```
 * @see MapGenericMask, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-mapgenericmask
 */
export function mapGenericMask(mask: AccessMask, mapping: GenericMapping): AccessMask {
  let mapped = mask;
  if (mask & ACCESS_RIGHTS.GENERIC_READ) mapped |= mapping.genericRead;
  if (mask & ACCESS_RIGHTS.GENERIC_WRITE) mapped |= mapping.genericWrite;
  if (mask & ACCESS_RIGHTS.GENERIC_EXECUTE) mapped |= mapping.genericExecute;
  if (mask & ACCESS_RIGHTS.GENERIC_ALL) mapped |= mapping.genericAll;
  return (mapped & ~GENERIC_RIGHTS_MASK) >>> 0;
}
