import fc from 'fast-check';
import { formatSddlSid, type SddlOptions } from '../sddl/sddlSid.js';
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
} from '../sddl/sddlTables.js';
import { type Ace, type AceType, ace } from '../securityDescriptor/ace.js';
import {
  SD_CONTROL,
  type SecurityDescriptor,
  securityDescriptor,
} from '../securityDescriptor/securityDescriptor.js';
import { type Sid, sidWithRid } from '../sid/sid.js';
import { DOMAIN_RIDS, WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { anySidArbitrary, pooledSidArbitrary } from './index.js';

/**
 * A GUID in the lower-case 8-4-4-4-12 form SDDL object ACEs carry.
 *
 * @returns an arbitrary of GUID strings
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { guidArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(guidArbitrary(), 1)[0]?.length; // 36
 * ```
 * @see MS-DTYP 2.3.4.3, 2.5.1.1 (`guid`)
 */
export function guidArbitrary(): fc.Arbitrary<string> {
  const hex = (length: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
  return fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join('-'));
}

// Characters that stress the parenthesis matcher: parentheses, quotes' neighbours, separators.
const TRICKY = [...'abcXYZ019 ();:,!&|=@#{}<>'];

/**
 * A conditional expression as the 7th field of a callback ACE, parentheses included: nested `&&`, `||`, `!`
 * and parentheses over relational terms, with string literals that contain parentheses and semicolons.
 *
 * @returns an arbitrary of condition texts such as `(@User.Title == "P(M)" && !(Exists @Device.Managed))`
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { conditionArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(conditionArbitrary(), 1)[0]?.startsWith('('); // true
 * ```
 * @see MS-DTYP 2.5.1.1 (`cond-expr`); https://learn.microsoft.com/windows/win32/secauthz/security-descriptor-definition-language-for-conditional-aces-
 */
export function conditionArbitrary(): fc.Arbitrary<string> {
  const gap = fc.constantFrom('', ' ', '  ');
  const name = fc.constantFrom(
    '@User.Title',
    '@User.Division',
    '@Device.Managed',
    '@Resource.Secrecy',
    'Title',
  );
  const value = fc.oneof(
    fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 8 }).map((s) => `"${s}"`),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.constantFrom('{"a", "(b)"}', '{1, 2}', '#0a0b'),
  );
  const term = fc.oneof(
    fc
      .tuple(name, gap, fc.constantFrom('==', '!=', '<', '>=', 'Contains', 'Any_of'), gap, value)
      .map(([n, g1, op, g2, v]) => (/^[A-Z]/.test(op) ? `${n} ${op} ${v}` : `${n}${g1}${op}${g2}${v}`)),
    name.map((n) => `Exists ${n}`),
    fc.constantFrom('Member_of {SID(BA), SID(S-1-5-32-545)}', 'Device_Member_of {SID(DD)}'),
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      term,
      fc
        .tuple(tie('expr'), gap, fc.constantFrom('&&', '||'), gap, tie('expr'))
        .map(([a, g1, op, g2, b]) => `${a}${g1}${op}${g2}${b}`),
      fc.tuple(gap, tie('expr'), gap).map(([g1, e, g2]) => `(${g1}${e}${g2})`),
      tie('expr').map((e) => `!(${e})`),
    ),
  }));
  return expr.map((e) => `(${e})`);
}

/**
 * The attribute of a resource attribute (`RA`) ACE, parentheses included: a quoted name, a type (TI, TU, TS,
 * TD, TX, TB), flags and values.
 *
 * @returns an arbitrary of attribute texts such as `("Secrecy",TU,0x0,3)`
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { resourceAttributeArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(resourceAttributeArbitrary(), 1)[0]?.endsWith(')'); // true
 * ```
 * @see MS-DTYP 2.5.1.1 (`attribute-data`), 2.4.4.15
 */
export function resourceAttributeArbitrary(): fc.Arbitrary<string> {
  const quoted = fc
    .string({ unit: fc.constantFrom(...TRICKY), minLength: 1, maxLength: 8 })
    .map((s) => `"${s}"`);
  const values = fc.oneof(
    fc
      .array(fc.integer({ min: -99, max: 99 }).map(String), { minLength: 1, maxLength: 3 })
      .map((v) => `TI,0x0,${v}`),
    fc.array(fc.nat(999).map(String), { minLength: 1, maxLength: 3 }).map((v) => `TU,0x10,${v}`),
    fc.array(quoted, { minLength: 1, maxLength: 3 }).map((v) => `TS,0x0,${v}`),
    fc.constantFrom('TD,0x0,BA,S-1-5-18', 'TX,0x0,#0a0b0c', 'TB,0x0,1,0'),
  );
  return fc.tuple(quoted, values).map(([n, v]) => `(${n},${v})`);
}

function sddlSidArbitrary(options: SddlOptions): fc.Arbitrary<Sid> {
  const aliased = Object.values(WELL_KNOWN_SIDS)
    .filter((w) => w.alias !== undefined)
    .map((w) => w.sid);
  const relative: Sid[] = [];
  for (const domain of [options.domainSid, options.rootDomainSid]) {
    if (domain === undefined) continue;
    for (const d of Object.values(DOMAIN_RIDS)) relative.push(sidWithRid(domain, d.rid));
    relative.push(sidWithRid(domain, 1105));
  }
  const choices = [
    { weight: 3, arbitrary: pooledSidArbitrary() },
    { weight: 2, arbitrary: fc.constantFrom(...aliased) },
    { weight: 1, arbitrary: anySidArbitrary() },
  ];
  if (relative.length > 0) choices.push({ weight: 3, arbitrary: fc.constantFrom(...relative) });
  return fc.oneof(...choices);
}

const ACE_TYPES = Object.keys(SDDL_ACE_TYPE_STRINGS) as AceType[];
const NAMED_MASKS = [...COMPOSITE_RIGHTS.map(([, value]) => value), 0x1200a9, 0xf01ff, 0x100e003f];

/**
 * Any ACE SDDL can express: every ACE type, all 256 flag combinations, masks named or not, object ACEs with
 * GUIDs, callback ACEs with or without a condition, resource attribute ACEs, mandatory labels.
 *
 * @remarks
 * An `OA` ACE always gets at least one GUID: without one, SDDL reads it back as `A` (ACE Strings page).
 * @param options - the domains whose accounts (`DA`, `EA`, …) may appear; pass the same options to parseSddl and formatSddl
 * @returns an arbitrary of ACEs that `formatSddl` can write and `parseSddl` reads back equal
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { formatSddl, parseSddl, securityDescriptor } from '@doublehop/core-token';
 * import { sddlAceArbitrary } from '@doublehop/core-token/testing';
 *
 * const [entry] = fc.sample(sddlAceArbitrary(), 1);
 * entry !== undefined && parseSddl(formatSddl(securityDescriptor({ dacl: [entry] }))).ok; // true
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/ace-strings; MS-DTYP 2.4.4
 */
export function sddlAceArbitrary(options: SddlOptions = {}): fc.Arbitrary<Ace> {
  const mask = fc.oneof(
    fc.constantFrom(...NAMED_MASKS),
    fc
      .subarray([...RIGHT_BIT_NAMES.keys()].filter((bit) => RIGHT_BIT_NAMES[bit] !== undefined))
      .map((bits) => bits.reduce((m, bit) => m | (1 << bit), 0) >>> 0),
    fc.integer({ min: 0, max: 0xffff_ffff }),
  );
  const optionalGuid = fc.option(guidArbitrary(), { freq: 3 });
  return fc
    .record({
      type: fc.constantFrom(...ACE_TYPES),
      flags: fc.integer({ min: 0, max: 0xff }),
      mask,
      label: fc.integer({ min: 0, max: 7 }),
      sid: sddlSidArbitrary(options),
      level: fc.constantFrom(
        WELL_KNOWN_SIDS.LOW_INTEGRITY.sid,
        WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid,
        WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
        WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      ),
      objectType: optionalGuid,
      inheritedObjectType: optionalGuid,
      forcedGuid: guidArbitrary(),
      condition: fc.option(conditionArbitrary(), { freq: 4 }),
      attribute: resourceAttributeArbitrary(),
    })
    .map((r) => {
      const isObject = OBJECT_ACE_TYPES.has(r.type);
      let objectType = isObject ? r.objectType : null;
      const inheritedObjectType = isObject ? r.inheritedObjectType : null;
      if (r.type === 'ACCESS_ALLOWED_OBJECT' && objectType === null && inheritedObjectType === null) {
        objectType = r.forcedGuid;
      }
      const applicationData =
        r.type === 'SYSTEM_RESOURCE_ATTRIBUTE'
          ? r.attribute
          : CONDITIONAL_ACE_TYPES.has(r.type)
            ? r.condition
            : null;
      const label = r.type === 'SYSTEM_MANDATORY_LABEL';
      return ace(r.type, label ? r.level : r.sid, label ? r.label : r.mask, {
        flags: r.flags,
        objectType,
        inheritedObjectType,
        applicationData,
      });
    });
}

/**
 * A security descriptor exercising all of SDDL: owner and group present or not; DACL and SACL absent, NULL
 * (`NO_ACCESS_CONTROL`), empty or holding {@link sddlAceArbitrary} ACEs; every combination of the P, AR, AI
 * flags on a present ACL. Control bits are exactly those SDDL can express.
 *
 * @param options - the domains whose accounts (`DA`, `EA`, …) may appear; pass the same options to parseSddl and formatSddl
 * @returns an arbitrary of security descriptors that round-trip through `formatSddl` and `parseSddl`
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { formatSddl, parseSddl } from '@doublehop/core-token';
 * import { sddlSecurityDescriptorArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(sddlSecurityDescriptorArbitrary(), (sd) => parseSddl(formatSddl(sd)).ok), { numRuns: 10 });
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format; MS-DTYP 2.4.6
 */
export function sddlSecurityDescriptorArbitrary(options: SddlOptions = {}): fc.Arbitrary<SecurityDescriptor> {
  const acl = fc.oneof(
    { weight: 1, arbitrary: fc.constant<'absent' | 'null'>('absent') },
    { weight: 1, arbitrary: fc.constant<'absent' | 'null'>('null') },
    { weight: 6, arbitrary: fc.array(sddlAceArbitrary(options), { maxLength: 5 }) },
  );
  const aclFlags = fc.subarray([...ACL_FLAGS]);
  return fc
    .record({
      owner: fc.option(sddlSidArbitrary(options), { freq: 5 }),
      group: fc.option(sddlSidArbitrary(options), { freq: 5 }),
      dacl: acl,
      sacl: acl,
      daclFlags: aclFlags,
      saclFlags: aclFlags,
    })
    .map((r) => {
      let control = 0;
      if (r.dacl !== 'absent') {
        control |= SD_CONTROL.SE_DACL_PRESENT;
        for (const f of r.daclFlags) control |= f.dacl;
      }
      if (r.sacl !== 'absent') {
        control |= SD_CONTROL.SE_SACL_PRESENT;
        for (const f of r.saclFlags) control |= f.sacl;
      }
      return securityDescriptor({
        owner: r.owner,
        group: r.group,
        dacl: typeof r.dacl === 'string' ? null : r.dacl,
        sacl: typeof r.sacl === 'string' ? null : r.sacl,
        control,
      });
    });
}

/**
 * A security descriptor with one of the many SDDL spellings that mean it: components in any order, spaces
 * where Windows allows them, SIDs as aliases or `S-1-…`/`s-1-…`, flags and rights in any order or repeated,
 * rights as names, hex (either case), octal or decimal, GUIDs in either case, `OA` for an `A` ACE, `KX` for
 * `KR`, `TP` for `SA`.
 *
 * @param options - the domains whose accounts (`DA`, `EA`, …) may appear; pass the same options to parseSddl
 * @returns an arbitrary of `{ sd, text }` where `parseSddl(text)` should give `sd`
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { parseSddl } from '@doublehop/core-token';
 * import { sddlVariantArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(sddlVariantArbitrary(), ({ text }) => parseSddl(text).ok), { numRuns: 10 });
 * ```
 * @see MS-DTYP 2.5.1.1; https://learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format
 */
export function sddlVariantArbitrary(
  options: SddlOptions = {},
): fc.Arbitrary<{ readonly sd: SecurityDescriptor; readonly text: string }> {
  return fc
    .tuple(sddlSecurityDescriptorArbitrary(options), fc.array(fc.nat(), { minLength: 1, maxLength: 64 }))
    .map(([sd, choices]) => {
      let next = 0;
      const choose = (n: number): number => (choices[next++ % choices.length] ?? 0) % n;
      return { sd, text: renderVariant(sd, choose, options) };
    });
}

type Choose = (n: number) => number;

function shuffled<T>(items: readonly T[], choose: Choose): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = choose(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function renderVariant(sd: SecurityDescriptor, choose: Choose, options: SddlOptions): string {
  const space = () => ['', '', ' ', '  '][choose(4)] ?? '';
  const sid = (value: Sid) => {
    const alias = formatSddlSid(value, options);
    if (alias !== value.text && choose(2) === 0) return alias;
    return choose(3) === 0 ? `s${value.text.slice(1)}` : value.text;
  };
  const acl = (entries: readonly Ace[] | null, isDacl: boolean) => {
    const flags = ACL_FLAGS.filter((f) => (sd.control & (isDacl ? f.dacl : f.sacl)) !== 0).map((f) => f.text);
    const tokens = shuffled([...flags, ...(entries === null ? [NULL_ACL] : [])], choose);
    const aces = (entries ?? []).map((e) => aceVariant(e, choose, sid, space) + space());
    return space() + tokens.join('') + space() + aces.join('');
  };
  const parts: string[] = [];
  if (sd.owner !== null) parts.push(`O:${space()}${sid(sd.owner)}${space()}`);
  if (sd.group !== null) parts.push(`G:${space()}${sid(sd.group)}${space()}`);
  if ((sd.control & SD_CONTROL.SE_DACL_PRESENT) !== 0) parts.push(`D:${acl(sd.dacl, true)}`);
  if ((sd.control & SD_CONTROL.SE_SACL_PRESENT) !== 0) parts.push(`S:${acl(sd.sacl, false)}`);
  return space() + shuffled(parts, choose).join('') + space();
}

function aceVariant(entry: Ace, choose: Choose, sid: (value: Sid) => string, space: () => string): string {
  const plainAllowed =
    entry.type === 'ACCESS_ALLOWED' && entry.objectType === null && entry.inheritedObjectType === null;
  const type = plainAllowed && choose(3) === 0 ? 'OA' : SDDL_ACE_TYPE_STRINGS[entry.type];
  const flagNames = SDDL_ACE_FLAG_STRINGS.filter(([, bit]) => (entry.flags & bit) !== 0).map(([name]) =>
    name === 'SA' && choose(2) === 0 ? 'TP' : name,
  );
  if (flagNames.length > 0 && choose(4) === 0) flagNames.push(flagNames[0] ?? '');
  const guid = (g: string | null) => (g === null ? '' : choose(2) === 0 ? g.toUpperCase() : g);
  const data = entry.applicationData === null ? '' : `;${space()}${entry.applicationData}${space()}`;
  return (
    `(${space()}${type};${space()}${shuffled(flagNames, choose).join('')};${space()}` +
    `${rightsVariant(entry.mask, entry.type, choose)};${space()}${guid(entry.objectType)};${space()}` +
    `${guid(entry.inheritedObjectType)};${space()}${sid(entry.sid)}${space()}${data})`
  );
}

function rightsVariant(mask: number, type: AceType, choose: Choose): string {
  const names: string[] = [];
  const table = type === 'SYSTEM_MANDATORY_LABEL' || choose(4) === 0 ? LABEL_BIT_NAMES : RIGHT_BIT_NAMES;
  let named = true;
  for (let bit = 0; bit < 32; bit++) {
    if ((mask & (1 << bit)) === 0) continue;
    const name = table[bit];
    if (name === undefined) named = false;
    else names.push(name);
  }
  const composite = COMPOSITE_RIGHTS.find(([, value]) => value === mask)?.[0];
  const numeric = [
    `0x${mask.toString(16)}`,
    `0X${mask.toString(16).toUpperCase().padStart(8, '0')}`,
    String(mask),
    `0${mask.toString(8)}`,
  ];
  const spellings = [...numeric];
  if (named) spellings.push(shuffled(names, choose).join(''));
  if (composite !== undefined) spellings.push(composite === 'KR' && choose(2) === 0 ? 'KX' : composite);
  return spellings[choose(spellings.length)] ?? numeric[0] ?? '';
}

/**
 * A string close to valid SDDL: an {@link sddlVariantArbitrary} text with one to five characters inserted,
 * deleted or replaced — the inputs most likely to reach a parser's corner cases.
 *
 * @param options - the domains whose accounts (`DA`, `EA`, …) may appear; pass the same options to parseSddl and formatSddl
 * @returns an arbitrary of (usually invalid) SDDL strings
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { parseSddl } from '@doublehop/core-token';
 * import { mutatedSddlArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(mutatedSddlArbitrary(), (text) => typeof parseSddl(text).ok === 'boolean'), { numRuns: 10 });
 * ```
 */
export function mutatedSddlArbitrary(options: SddlOptions = {}): fc.Arbitrary<string> {
  const char = fc.oneof(
    fc.constantFrom(...'()";:-OGDSAPIRNOX0x1F '),
    // Any UTF-16 code unit, lone surrogates included (cheaper than fc.string's 'binary' unit tables).
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  );
  const edit = fc.record({ kind: fc.constantFrom('insert', 'delete', 'replace'), at: fc.nat(), char });
  return fc
    .tuple(
      sddlVariantArbitrary(options).map((v) => v.text),
      fc.array(edit, { minLength: 1, maxLength: 5 }),
    )
    .map(([text, edits]) =>
      edits.reduce((s, e) => {
        const at = e.at % (s.length + 1);
        if (e.kind === 'insert') return s.slice(0, at) + e.char + s.slice(at);
        if (e.kind === 'delete') return s.slice(0, at) + s.slice(at + 1);
        return s.slice(0, at) + e.char + s.slice(at + 1);
      }, text),
    );
}
