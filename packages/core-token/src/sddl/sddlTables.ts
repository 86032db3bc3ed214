import { ACCESS_RIGHTS, type AccessMask, MANDATORY_LABEL_POLICY } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import type { AceType } from '../securityDescriptor/ace.js';
import { SD_CONTROL } from '../securityDescriptor/securityDescriptor.js';

// The alias tables of SDDL: the strings sddl.h defines for ACE types, ACE flags, access rights and ACL
// flags. Sources: the Win32 "ACE Strings" and "Security Descriptor String Format" pages and MS-DTYP
// 2.5.1.1 for the strings; MS-DTYP 2.4.4.1 (ACE_HEADER) and 2.4.6 for the values. Lookups go through
// Maps, never plain objects, so input such as "constructor" cannot reach Object.prototype.

/**
 * @internal The SDDL ace_type strings, by ACE type.
 *
 * @remarks
 * Doc errors worked around: the ACE Strings page maps `ZA` to ACCESS_ALLOWED_CALLBACK_ACE_TYPE, and MS-DTYP
 * 2.5.1.1's table swaps `XU` (0xB) and `ZA` (0xD) against its own 2.4.4.1. We follow 2.4.4.1 / winnt.h:
 * `ZA` is ACCESS_ALLOWED_CALLBACK_OBJECT (0x0B), `XU` is SYSTEM_AUDIT_CALLBACK (0x0D). `TL` and `FL` are
 * from current sddl.h (SDDL_PROCESS_TRUST_LABEL, SDDL_ACCESS_FILTER).
 * @see https://learn.microsoft.com/windows/win32/secauthz/ace-strings; MS-DTYP 2.4.4.1, 2.5.1.1
 */
export const SDDL_ACE_TYPE_STRINGS: { readonly [T in AceType]: string } = Object.freeze({
  ACCESS_ALLOWED: 'A',
  ACCESS_DENIED: 'D',
  SYSTEM_AUDIT: 'AU',
  SYSTEM_ALARM: 'AL',
  ACCESS_ALLOWED_OBJECT: 'OA',
  ACCESS_DENIED_OBJECT: 'OD',
  SYSTEM_AUDIT_OBJECT: 'OU',
  SYSTEM_ALARM_OBJECT: 'OL',
  ACCESS_ALLOWED_CALLBACK: 'XA',
  ACCESS_DENIED_CALLBACK: 'XD',
  ACCESS_ALLOWED_CALLBACK_OBJECT: 'ZA',
  SYSTEM_AUDIT_CALLBACK: 'XU',
  SYSTEM_MANDATORY_LABEL: 'ML',
  SYSTEM_RESOURCE_ATTRIBUTE: 'RA',
  SYSTEM_SCOPED_POLICY_ID: 'SP',
  SYSTEM_PROCESS_TRUST_LABEL: 'TL',
  SYSTEM_ACCESS_FILTER: 'FL',
});

/** @internal ace_type string → ACE type. */
export const ACE_TYPE_BY_STRING: ReadonlyMap<string, AceType> = new Map(
  (Object.entries(SDDL_ACE_TYPE_STRINGS) as [AceType, string][]).map(([type, text]) => [text, type]),
);

/** @internal The object ACE types (MS-DTYP 2.4.4.3, 2.4.4.5, 2.4.4.8, 2.4.4.11): the only ones with GUID fields. */
export const OBJECT_ACE_TYPES: ReadonlySet<AceType> = new Set<AceType>([
  'ACCESS_ALLOWED_OBJECT',
  'ACCESS_DENIED_OBJECT',
  'SYSTEM_AUDIT_OBJECT',
  'SYSTEM_ALARM_OBJECT',
  'ACCESS_ALLOWED_CALLBACK_OBJECT',
]);

/**
 * @internal ACE types whose ApplicationData may carry a conditional expression, written as a 7th ACE field
 * in parentheses (MS-DTYP 2.5.1.1 `conditional-ace`; SYSTEM_ACCESS_FILTER per sddl.h). The ABNF makes the
 * condition mandatory, but callback ACEs also exist without one (plain AuthZ callback ACEs), so it is optional.
 */
export const CONDITIONAL_ACE_TYPES: ReadonlySet<AceType> = new Set<AceType>([
  'ACCESS_ALLOWED_CALLBACK',
  'ACCESS_DENIED_CALLBACK',
  'ACCESS_ALLOWED_CALLBACK_OBJECT',
  'SYSTEM_AUDIT_CALLBACK',
  'SYSTEM_ACCESS_FILTER',
]);

/**
 * @internal The SDDL ace_flags strings in the order ConvertSecurityDescriptorToStringSecurityDescriptor writes them
 * (ascending bit), with their AceFlags bits.
 *
 * @remarks
 * Every one of the eight AceFlags bits has a string. `TP` (TRUST_PROTECTED_FILTER_ACE_FLAG) shares bit 0x40
 * with `SA`; it is accepted on input and written only on SYSTEM_ACCESS_FILTER (`FL`) ACEs, the one type where
 * the bit means "trust protected".
 * @see https://learn.microsoft.com/windows/win32/secauthz/ace-strings; MS-DTYP 2.4.4.1
 */
export const SDDL_ACE_FLAG_STRINGS: readonly (readonly [string, number])[] = Object.freeze([
  Object.freeze(['OI', 0x01] as const),
  Object.freeze(['CI', 0x02] as const),
  Object.freeze(['NP', 0x04] as const),
  Object.freeze(['IO', 0x08] as const),
  Object.freeze(['ID', 0x10] as const),
  Object.freeze(['CR', 0x20] as const),
  Object.freeze(['SA', 0x40] as const),
  Object.freeze(['FA', 0x80] as const),
]);

/** @internal ace_flags string → bit, including the input-only `TP`. */
export const ACE_FLAG_BY_STRING: ReadonlyMap<string, number> = new Map([
  ...SDDL_ACE_FLAG_STRINGS,
  ['TP', 0x40] as const,
]);

/**
 * @internal The SDDL rights strings with their access-mask values: generic and standard rights, the directory-service
 * rights, the file and registry combinations and the mandatory-label policy bits.
 *
 * @remarks
 * `KX` (KEY_EXECUTE) and `KR` (KEY_READ) are both 0x20019; formatSddl writes `KR`, the first of the
 * two in sddl.h's table. `NR`/`NW`/`NX` share bits 0–2 with `DC`/`CC`/`LC`; the formatter uses them only on
 * mandatory label ACEs.
 * @see MS-DTYP 2.5.1.1 (generic-rights-string, standard-rights-string, object-specific-rights-string); https://learn.microsoft.com/windows/win32/secauthz/ace-strings
 */
export const SDDL_RIGHT_STRINGS: ReadonlyMap<string, AccessMask> = (() => {
  const { file, registryKey, directoryService } = OBJECT_TYPES;
  const ds = directoryService.rights;
  const label = MANDATORY_LABEL_POLICY;
  // Values come from the one definition of each right (ACCESS_RIGHTS, OBJECT_TYPES, MANDATORY_LABEL_POLICY);
  // this table only adds the SDDL spelling, in sddl.h's order.
  return new Map<string, AccessMask>([
    ['GA', ACCESS_RIGHTS.GENERIC_ALL],
    ['GR', ACCESS_RIGHTS.GENERIC_READ],
    ['GW', ACCESS_RIGHTS.GENERIC_WRITE],
    ['GX', ACCESS_RIGHTS.GENERIC_EXECUTE],
    ['RC', ACCESS_RIGHTS.READ_CONTROL],
    ['SD', ACCESS_RIGHTS.DELETE],
    ['WD', ACCESS_RIGHTS.WRITE_DAC],
    ['WO', ACCESS_RIGHTS.WRITE_OWNER],
    ['RP', defined(ds['ADS_RIGHT_DS_READ_PROP'])],
    ['WP', defined(ds['ADS_RIGHT_DS_WRITE_PROP'])],
    ['CC', defined(ds['ADS_RIGHT_DS_CREATE_CHILD'])],
    ['DC', defined(ds['ADS_RIGHT_DS_DELETE_CHILD'])],
    ['LC', defined(ds['ADS_RIGHT_ACTRL_DS_LIST'])],
    ['SW', defined(ds['ADS_RIGHT_DS_SELF'])],
    ['LO', defined(ds['ADS_RIGHT_DS_LIST_OBJECT'])],
    ['DT', defined(ds['ADS_RIGHT_DS_DELETE_TREE'])],
    ['CR', defined(ds['ADS_RIGHT_DS_CONTROL_ACCESS'])],
    ['FA', file.genericMapping.genericAll],
    ['FR', file.genericMapping.genericRead],
    ['FW', file.genericMapping.genericWrite],
    ['FX', file.genericMapping.genericExecute],
    ['KA', registryKey.genericMapping.genericAll],
    ['KR', registryKey.genericMapping.genericRead],
    ['KW', registryKey.genericMapping.genericWrite],
    ['KX', registryKey.genericMapping.genericExecute],
    ['NR', label.SYSTEM_MANDATORY_LABEL_NO_READ_UP],
    ['NW', label.SYSTEM_MANDATORY_LABEL_NO_WRITE_UP],
    ['NX', label.SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP],
  ]);
})();

const LABEL_STRINGS = new Set(['NR', 'NW', 'NX']);

/** @internal Multi-bit rights strings the formatter prefers when a mask equals one exactly (sddl.h order; KX omitted, it equals KR). */
export const COMPOSITE_RIGHTS: readonly (readonly [string, AccessMask])[] = [...SDDL_RIGHT_STRINGS].filter(
  ([name, value]) => !isSingleBit(value) && name !== 'KX',
);

/** @internal Single-bit rights strings by bit number, in the ascending order Windows concatenates them. */
export const RIGHT_BIT_NAMES: readonly (string | undefined)[] = bitNames(
  [...SDDL_RIGHT_STRINGS].filter(([name, value]) => isSingleBit(value) && !LABEL_STRINGS.has(name)),
);

/** @internal The same for mandatory label ACEs, whose bits 0–2 are the NO_WRITE_UP / NO_READ_UP / NO_EXECUTE_UP policy (MS-DTYP 2.4.4.13). */
export const LABEL_BIT_NAMES: readonly (string | undefined)[] = bitNames(
  [...SDDL_RIGHT_STRINGS].filter(
    ([name, value]) => isSingleBit(value) && (LABEL_STRINGS.has(name) || value > 0x4),
  ),
);

function isSingleBit(value: AccessMask): boolean {
  return value !== 0 && (value & (value - 1)) === 0;
}

function defined(value: AccessMask | undefined): AccessMask {
  if (value === undefined)
    throw new TypeError('sddlTables: a directory-service right is missing from OBJECT_TYPES');
  return value;
}

function bitNames(entries: readonly (readonly [string, AccessMask])[]): readonly (string | undefined)[] {
  const byBit: (string | undefined)[] = Array.from({ length: 32 }, () => undefined);
  for (const [name, value] of entries) byBit[31 - Math.clz32(value)] = name;
  return Object.freeze(byBit);
}

/** @internal One ACL flag string (Security Descriptor String Format, dacl_flags / sacl_flags) and its control bits. */
export interface AclFlag {
  /** The SDDL string. */
  readonly text: 'P' | 'AR' | 'AI';
  /** The control bit when the flag follows `D:`. */
  readonly dacl: number;
  /** The control bit when the flag follows `S:`. */
  readonly sacl: number;
}

/**
 * @internal The ACL flags in the order Windows writes them: P, AR, AI (MS-DTYP 2.5.1.1: "P" indicates PD/PS,
 * "AR" DR/SR (auto-inherit required), "AI" DI/SI (auto-inherited)).
 */
export const ACL_FLAGS: readonly AclFlag[] = [
  { text: 'P', dacl: SD_CONTROL.SE_DACL_PROTECTED, sacl: SD_CONTROL.SE_SACL_PROTECTED },
  { text: 'AR', dacl: SD_CONTROL.SE_DACL_AUTO_INHERIT_REQ, sacl: SD_CONTROL.SE_SACL_AUTO_INHERIT_REQ },
  { text: 'AI', dacl: SD_CONTROL.SE_DACL_AUTO_INHERITED, sacl: SD_CONTROL.SE_SACL_AUTO_INHERITED },
];

/** @internal The dacl_flags / sacl_flags string for a NULL ACL (sddl.h SDDL_NULL_ACL). */
export const NULL_ACL = 'NO_ACCESS_CONTROL';
