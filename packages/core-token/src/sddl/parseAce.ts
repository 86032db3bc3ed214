import type { AccessMask } from '../access/accessMask.js';
import { type ParseError, parseError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { type Ace, type AceType, ace } from '../securityDescriptor/ace.js';
import { scanApplicationData } from './scanApplicationData.js';
import { parseSddlSid, type SddlOptions, skipSpaces } from './sddlSid.js';
import {
  ACE_FLAG_BY_STRING,
  ACE_TYPE_BY_STRING,
  CONDITIONAL_ACE_TYPES,
  OBJECT_ACE_TYPES,
  SDDL_RIGHT_STRINGS,
} from './sddlTables.js';

type Step<T> = Result<{ readonly value: T; readonly end: number }, ParseError>;

const EXPECTED_TYPE = 'an ACE type (A, D, AU, AL, OA, OD, OU, OL, XA, XD, ZA, XU, ML, RA, SP, TL, FL)';
const EXPECTED_FLAG = 'an ACE flag (OI, CI, NP, IO, ID, SA, FA, TP, CR) or ";"';
const EXPECTED_RIGHT =
  'an access right (GA, GR, GW, GX, RC, SD, WD, WO, RP, WP, CC, DC, LC, SW, LO, DT, CR, FA, FR, FW, FX, KA, KR, KW, KX, NR, NW, NX), a number (0x…) or ";"';
const MAX_MASK = 0xffff_ffff;

/**
 * @internal Parses one ACE string `(type;flags;rights;object_guid;inherit_object_guid;sid[;(data)])` starting
 * at its `(`, as ConvertStringSecurityDescriptorToSecurityDescriptor does.
 *
 * @remarks
 * Spaces (U+0020) are skipped before each field and after the SID — the places Windows' parser skips them
 * (Wine's conformance tests, run against Windows: `D:( D;;GA;;;WD)`, `D:(D; ;GA;;;WD)`,
 * `D:(D;;GA;;; WD)`, `D:(D;;GA;;;WD )` succeed) — but not after the ACE type or the rights (`D:(D ;;GA;;;WD)`
 * and `D:(D;;GA ;;;WD)` fail with ERROR_INVALID_ACL). An `OA` ACE with neither GUID becomes ACCESS_ALLOWED, as
 * the ACE Strings page says Windows does.
 * @param text - the whole SDDL string
 * @param start - the offset of the ACE's `(`
 * @param options - the domains for domain-relative SID aliases
 * @returns the ACE and the offset after its `)`, or the first error
 */
export function parseAce(text: string, start: number, options: SddlOptions): Step<Ace> {
  const typeStep = parseType(text, skipSpaces(text, start + 1));
  if (!typeStep.ok) return typeStep;
  let type = typeStep.value.value;
  const flagsStep = parseFlags(text, skipSpaces(text, typeStep.value.end + 1));
  if (!flagsStep.ok) return flagsStep;
  const rightsStep = parseRights(text, skipSpaces(text, flagsStep.value.end + 1));
  if (!rightsStep.ok) return rightsStep;
  const objectStep = parseGuidField(text, skipSpaces(text, rightsStep.value.end + 1), type);
  if (!objectStep.ok) return objectStep;
  const inheritedStep = parseGuidField(text, skipSpaces(text, objectStep.value.end + 1), type);
  if (!inheritedStep.ok) return inheritedStep;
  const sidStep = parseSddlSid(text, skipSpaces(text, inheritedStep.value.end + 1), options);
  if (!sidStep.ok) return sidStep;
  const dataStep = parseApplicationData(text, skipSpaces(text, sidStep.value.end), type);
  if (!dataStep.ok) return dataStep;
  const objectType = objectStep.value.value;
  const inheritedObjectType = inheritedStep.value.value;
  // ACE Strings: "If ace_type is ACCESS_ALLOWED_OBJECT_ACE_TYPE and neither object_guid nor
  // inherit_object_guid has a GUID specified, then ConvertStringSecurityDescriptorToSecurityDescriptor
  // converts ace_type to ACCESS_ALLOWED_ACE_TYPE."
  if (type === 'ACCESS_ALLOWED_OBJECT' && objectType === null && inheritedObjectType === null) {
    type = 'ACCESS_ALLOWED';
  }
  const value = ace(type, sidStep.value.sid, rightsStep.value.value, {
    flags: flagsStep.value.value,
    objectType,
    inheritedObjectType,
    applicationData: dataStep.value.value,
  });
  return ok({ value, end: dataStep.value.end });
}

/** The ace_type token: letters up to the `;`, looked up whole. */
function parseType(text: string, start: number): Step<AceType> {
  let end = start;
  while (end < text.length && isLetter(text.charCodeAt(end))) end++;
  const type = ACE_TYPE_BY_STRING.get(text.slice(start, end));
  if (type === undefined) {
    return err(parseError('ERROR_INVALID_ACL', text, start, EXPECTED_TYPE, Math.max(end - start, 1)));
  }
  return expectSemicolon(text, end, type, '";" after the ACE type');
}

/** ace_flags: two-letter flags up to the `;`; repeats are harmless, as in Windows. */
function parseFlags(text: string, start: number): Step<number> {
  let flags = 0;
  let position = start;
  while (text[position] !== ';') {
    const flag = ACE_FLAG_BY_STRING.get(text.slice(position, position + 2));
    if (flag === undefined) return err(parseError('ERROR_INVALID_ACL', text, position, EXPECTED_FLAG, 2));
    flags |= flag;
    position += 2;
  }
  return ok({ value: flags, end: position });
}

/**
 * rights: two-letter rights strings, or one number. MS-DTYP 2.5.1.1 `ace-rights` allows `"0x" 1*8HEXDIG`,
 * `"0" 1*octal` and `1*DIGIT`; we accept all three (and `0X`), with any number of leading zeros, as long as
 * the value fits the 32-bit ACCESS_MASK.
 */
function parseRights(text: string, start: number): Step<AccessMask> {
  if (isDigit(text.charCodeAt(start))) return parseNumber(text, start);
  let mask = 0;
  let position = start;
  while (text[position] !== ';') {
    const right = SDDL_RIGHT_STRINGS.get(text.slice(position, position + 2));
    if (right === undefined) return err(parseError('ERROR_INVALID_ACL', text, position, EXPECTED_RIGHT, 2));
    mask = (mask | right) >>> 0;
    position += 2;
  }
  return ok({ value: mask, end: position });
}

function parseNumber(text: string, start: number): Step<AccessMask> {
  const hex = text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X');
  const octal = !hex && text[start] === '0' && isDigit(text.charCodeAt(start + 1));
  const radix = hex ? 16 : octal ? 8 : 10;
  const digitsStart = hex ? start + 2 : start;
  let value = 0;
  let position = digitsStart;
  for (; position < text.length; position++) {
    const digit = digitValue(text.charCodeAt(position));
    if (digit >= radix) {
      if (radix === 8 && digit < 10) {
        return err(parseError('ERROR_INVALID_ACL', text, position, 'an octal digit (0-7) after a leading 0'));
      }
      break;
    }
    // Stop growing once past 2^32 (the flag is all we need) so huge inputs stay exact and linear.
    if (value <= MAX_MASK) value = value * radix + digit;
  }
  if (position === digitsStart) {
    return err(parseError('ERROR_INVALID_ACL', text, position, 'a hex digit after "0x"'));
  }
  if (value > MAX_MASK) {
    return err(
      parseError(
        'ERROR_INVALID_ACL',
        text,
        start,
        'an access mask below 2^32 (0xffffffff)',
        position - start,
      ),
    );
  }
  return expectSemicolon(text, position, value, '";" after the rights');
}

/** object_guid / inherit_object_guid: empty, or 8-4-4-4-12 hex digits (MS-DTYP 2.5.1.1 `guid`), kept in lower case. */
function parseGuidField(text: string, start: number, type: AceType): Step<string | null> {
  if (text[start] === ';') return ok({ value: null, end: start });
  if (!OBJECT_ACE_TYPES.has(type)) {
    return err(
      parseError(
        'ERROR_INVALID_ACL',
        text,
        start,
        'an empty GUID field: only object ACEs (OA, OD, OU, OL, ZA) carry GUIDs',
      ),
    );
  }
  for (let i = 0; i < 36; i++) {
    const position = start + i;
    const dash = i === 8 || i === 13 || i === 18 || i === 23;
    const c = text.charCodeAt(position);
    if (dash ? c !== 45 : digitValue(c) >= 16) {
      const what = dash ? '"-"' : 'a hex digit';
      return err(
        parseError('ERROR_INVALID_ACL', text, position, `${what} of a GUID (8-4-4-4-12 hex digits)`),
      );
    }
  }
  return expectSemicolon(text, start + 36, text.slice(start, start + 36).toLowerCase(), '";" after the GUID');
}

/** After the SID: `)`, or for conditional and resource attribute ACEs `;(…)` then `)`. */
function parseApplicationData(text: string, start: number, type: AceType): Step<string | null> {
  const required = type === 'SYSTEM_RESOURCE_ATTRIBUTE';
  const allowed = required || CONDITIONAL_ACE_TYPES.has(type);
  if (text[start] === ')' && !required) return ok({ value: null, end: start + 1 });
  if (text[start] !== ';' || !allowed) {
    const expected = required
      ? '";" and the resource attribute "(…)" an RA ACE needs'
      : allowed
        ? '")" to end the ACE, or ";" and a condition "(…)"'
        : '")" to end the ACE';
    return err(parseError('ERROR_INVALID_ACL', text, start, expected));
  }
  const open = skipSpaces(text, start + 1);
  if (text[open] !== '(') {
    const what = required ? 'the resource attribute' : 'the condition';
    return err(parseError('ERROR_INVALID_ACL', text, open, `"(" to open ${what}`));
  }
  const scanned = scanApplicationData(text, open);
  if (!scanned.ok) return scanned;
  const close = skipSpaces(text, scanned.value);
  if (text[close] !== ')') return err(parseError('ERROR_INVALID_ACL', text, close, '")" to end the ACE'));
  return ok({ value: text.slice(open, scanned.value), end: close + 1 });
}

function expectSemicolon<T>(text: string, position: number, value: T, expected: string): Step<T> {
  if (text[position] !== ';') return err(parseError('ERROR_INVALID_ACL', text, position, expected));
  return ok({ value, end: position });
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of a hex digit, or 99 for anything else. */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return 99;
}
