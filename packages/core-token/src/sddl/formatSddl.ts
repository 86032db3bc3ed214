import type { AccessMask } from '../access/accessMask.js';
import type { Ace, AceType, Acl } from '../securityDescriptor/ace.js';
import { SD_CONTROL, type SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import { scanApplicationData } from './scanApplicationData.js';
import { formatSddlSid, type SddlOptions } from './sddlSid.js';
import {
  ACL_FLAGS,
  COMPOSITE_RIGHTS,
  CONDITIONAL_ACE_TYPES,
  LABEL_BIT_NAMES,
  NULL_ACL,
  OBJECT_ACE_TYPES,
  RIGHT_BIT_NAMES,
  SDDL_ACE_FLAG_STRINGS,
  SDDL_ACE_TYPE_STRINGS,
} from './sddlTables.js';

/**
 * Options for {@link formatSddl}: the domains for domain-relative aliases, and whether to use aliases at all.
 *
 * @example
 * ```ts
 * import { formatSddl, sddl } from '@doublehop/core-token';
 *
 * formatSddl(sddl('O:SYD:(A;;FA;;;BA)'), { aliases: false }); // 'O:S-1-5-18D:(A;;FA;;;S-1-5-32-544)'
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/sid-strings
 */
export interface FormatSddlOptions extends SddlOptions {
  /** Write SIDs as two-letter aliases where one exists (default `true`); `false` writes every SID as `S-1-…`. */
  readonly aliases?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes a security descriptor as an SDDL string, the way ConvertSecurityDescriptorToStringSecurityDescriptor
 * does.
 *
 * @remarks
 * Deterministic, and {@link parseSddl} reads the result back to an equal descriptor (given the same domain
 * options). The choices, following Windows' output:
 *
 * - Components in the order O, G, D, S; an absent owner/group/ACL is left out. A NULL DACL (SE_DACL_PRESENT
 *   with `dacl: null`) is `D:NO_ACCESS_CONTROL`; an empty one is `D:`.
 * - ACL flags in the order P, AR, AI (then `NO_ACCESS_CONTROL`); ACE flags by ascending bit: OI CI NP IO ID CR
 *   SA FA (`TP` instead of `SA` on `FL` ACEs).
 * - SIDs as their alias when the SID Strings table has one; domain-relative aliases (`DA`, `EA`, …) only when
 *   the SID is in `options.domainSid` (`options.rootDomainSid`, falling back to `domainSid`, for forest-wide
 *   groups); otherwise `S-1-…`.
 * - Rights: empty for 0; the one name for a mask equal to FA, FR, FW, FX, KA, KR or KW (KEY_EXECUTE equals
 *   KEY_READ, 0x20019, and is written `KR`, the first of the two in sddl.h's table); else the single-bit names
 *   in ascending bit order (`CCDCLCSWRPWPDTLOCRSDRCWDWO`, `GAGXGWGR`) when every bit has one — NW/NR/NX for
 *   bits 0–2 of a mandatory label ACE; else lower-case hex (`0x1200a9`).
 * - An `OA` ACE without GUIDs is written `OA` as given, although {@link parseSddl} (like Windows) reads it back
 *   as `A`.
 *
 * @param sd - the security descriptor
 * @param options - the domains for domain-relative aliases; `aliases: false` to write every SID as `S-1-…`
 * @returns the SDDL string
 * @throws TypeError - `formatSddl: …` when an ACE cannot be written in SDDL: flags outside 0–255, a mask outside
 * 0–0xffffffff, a GUID on a non-object ACE or not in 8-4-4-4-12 form, application data on an ACE type that has
 * none, an RA ACE without it, or application data that is not one parenthesised group
 * @example
 * ```ts
 * import { formatSddl, sddl } from '@doublehop/core-token';
 *
 * formatSddl(sddl('D:(A;CIOI;GRGX;;;BU)S:(ML;;NW;;;LW)G:SYO:BA')); // 'O:BAG:SYD:(A;OICI;GXGR;;;BU)S:(ML;;NW;;;LW)'
 * formatSddl(sddl('D:NO_ACCESS_CONTROL')); // 'D:NO_ACCESS_CONTROL'
 * formatSddl(sddl('D:(A;;0x1F01FF;;;WD)')); // 'D:(A;;FA;;;WD)'
 * ```
 * @see https://learn.microsoft.com/windows/win32/api/sddl/nf-sddl-convertsecuritydescriptortostringsecuritydescriptorw; MS-DTYP 2.5.1.1
 */
export function formatSddl(sd: SecurityDescriptor, options: FormatSddlOptions = {}): string {
  if (typeof sd !== 'object' || sd === null) throw new TypeError('formatSddl: expected a SecurityDescriptor');
  let text = '';
  if (sd.owner !== null) text += `O:${formatSddlSid(sd.owner, options)}`;
  if (sd.group !== null) text += `G:${formatSddlSid(sd.group, options)}`;
  if (sd.dacl !== null || (sd.control & SD_CONTROL.SE_DACL_PRESENT) !== 0) {
    text += `D:${formatAcl(sd.dacl, sd.control, true, options)}`;
  }
  if (sd.sacl !== null || (sd.control & SD_CONTROL.SE_SACL_PRESENT) !== 0) {
    text += `S:${formatAcl(sd.sacl, sd.control, false, options)}`;
  }
  return text;
}

function formatAcl(acl: Acl | null, control: number, isDacl: boolean, options: FormatSddlOptions): string {
  let text = '';
  for (const flag of ACL_FLAGS) if ((control & (isDacl ? flag.dacl : flag.sacl)) !== 0) text += flag.text;
  if (acl === null) return text + NULL_ACL;
  for (const entry of acl) text += formatAce(entry, options);
  return text;
}

function formatAce(entry: Ace, options: FormatSddlOptions): string {
  const { type, flags, mask } = entry;
  const typeText = SDDL_ACE_TYPE_STRINGS[type];
  if (typeText === undefined) throw new TypeError(`formatSddl: unknown ACE type ${String(type)}`);
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff) {
    throw new TypeError(`formatSddl: ACE flags must be an integer in 0 … 255, not ${flags}`);
  }
  if (!Number.isInteger(mask) || mask < 0 || mask > 0xffff_ffff) {
    throw new TypeError(`formatSddl: an access mask must be an integer in 0 … 0xffffffff, not ${mask}`);
  }
  const objectType = formatGuid(entry.objectType, type);
  const inheritedObjectType = formatGuid(entry.inheritedObjectType, type);
  const data = formatApplicationData(entry.applicationData, type);
  const sidText = formatSddlSid(entry.sid, options);
  return `(${typeText};${formatAceFlags(flags, type)};${formatRights(mask, type)};${objectType};${inheritedObjectType};${sidText}${data})`;
}

function formatAceFlags(flags: number, type: AceType): string {
  let text = '';
  for (const [name, bit] of SDDL_ACE_FLAG_STRINGS) {
    if ((flags & bit) === 0) continue;
    // SUCCESSFUL_ACCESS_ACE_FLAG and TRUST_PROTECTED_FILTER_ACE_FLAG are both 0x40; the latter only means
    // something on an access filter ACE.
    text += name === 'SA' && type === 'SYSTEM_ACCESS_FILTER' ? 'TP' : name;
  }
  return text;
}

/** The rights field, chosen as ConvertSecurityDescriptorToStringSecurityDescriptor chooses it (see formatSddl). */
function formatRights(mask: AccessMask, type: AceType): string {
  if (mask === 0) return '';
  const label = type === 'SYSTEM_MANDATORY_LABEL';
  if (!label) {
    const composite = COMPOSITE_RIGHTS.find(([, value]) => value === mask);
    if (composite !== undefined) return composite[0];
  }
  const names = label ? LABEL_BIT_NAMES : RIGHT_BIT_NAMES;
  let text = '';
  for (let bit = 0; bit < 32; bit++) {
    if ((mask & (1 << bit)) === 0) continue;
    const name = names[bit];
    if (name === undefined) return `0x${mask.toString(16)}`;
    text += name;
  }
  return text;
}

function formatGuid(guid: string | null, type: AceType): string {
  if (guid === null) return '';
  if (!OBJECT_ACE_TYPES.has(type)) {
    throw new TypeError(`formatSddl: a ${type} ACE has no GUID fields (only object ACEs do), got ${guid}`);
  }
  if (!GUID.test(guid)) throw new TypeError(`formatSddl: "${guid}" is not a GUID in 8-4-4-4-12 form`);
  return guid.toLowerCase();
}

function formatApplicationData(data: string | null, type: AceType): string {
  const required = type === 'SYSTEM_RESOURCE_ATTRIBUTE';
  if (data === null) {
    if (required) throw new TypeError('formatSddl: a SYSTEM_RESOURCE_ATTRIBUTE ACE needs its attribute data');
    return '';
  }
  if (!required && !CONDITIONAL_ACE_TYPES.has(type)) {
    throw new TypeError(`formatSddl: a ${type} ACE cannot carry application data in SDDL`);
  }
  const scanned = data.startsWith('(') ? scanApplicationData(data, 0) : undefined;
  if (scanned === undefined || !scanned.ok || scanned.value !== data.length) {
    throw new TypeError(`formatSddl: application data must be one parenthesised group, got ${data}`);
  }
  return `;${data}`;
}
