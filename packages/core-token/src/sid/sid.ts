import { type ParseError, parseError } from '../errors.js';
import { err, ok, type Result } from '../result.js';

/** MS-DTYP 2.4.2: a SID has at most 15 sub-authorities (SID_MAX_SUB_AUTHORITIES). */
export const SID_MAX_SUB_AUTHORITIES = 15;

const MAX_SUB_AUTHORITY = 0xffff_ffff;
/** The identifier authority is six bytes (MS-DTYP 2.4.1.1). */
const MAX_IDENTIFIER_AUTHORITY = 2 ** 48 - 1;

/**
 * A security identifier (SID), MS-DTYP 2.4.2: revision 1, a 48-bit identifier authority and up to 15
 * 32-bit sub-authorities, written `S-1-5-21-…`.
 *
 * @remarks
 * SIDs are interned: the same SID is always the same object, so `a === b` compares two SIDs in one step
 * and a SID can key a `Map` or `Set`. Obtain SIDs only through {@link parseSid}, {@link sid} or
 * {@link sidFromComponents}; the constructor is private.
 *
 * @example
 * ```ts
 * import { sid } from '@doublehop/core-token';
 *
 * const system = sid('S-1-5-18');
 * system === sid('S-1-5-18');   // true: interned
 * system.identifierAuthority;   // 5 (SECURITY_NT_AUTHORITY)
 * system.subAuthorities;        // [18]
 * ```
 * @see MS-DTYP 2.4.2 SID, 2.4.2.1 SID String Format Syntax
 */
export class Sid {
  /** The canonical string form, e.g. `'S-1-5-32-544'`. */
  readonly text: string;
  /** The identifier authority (0 … 2⁴⁸−1): 1 world, 2 local, 3 creator, 5 NT, 16 mandatory label, 18 asserted identity. */
  readonly identifierAuthority: number;
  /** The sub-authorities, the last of which is usually the relative identifier (RID). */
  readonly subAuthorities: readonly number[];

  private constructor(identifierAuthority: number, subAuthorities: readonly number[], text: string) {
    this.identifierAuthority = identifierAuthority;
    this.subAuthorities = Object.freeze([...subAuthorities]);
    this.text = text;
    Object.freeze(this);
  }

  /**
   * The relative identifier: the last sub-authority, or `undefined` for a SID without sub-authorities.
   *
   * @returns the RID
   */
  get rid(): number | undefined {
    return this.subAuthorities[this.subAuthorities.length - 1];
  }

  /**
   * The canonical string form, so a SID prints as `S-1-5-18` in template strings.
   *
   * @returns {@link Sid.text}
   */
  toString(): string {
    return this.text;
  }

  /**
   * The canonical string form, so a SID serialises as `"S-1-5-18"` in JSON reports.
   *
   * @returns {@link Sid.text}
   */
  toJSON(): string {
    return this.text;
  }

  /** @internal The interning table: canonical text → the one Sid object for it. */
  static readonly internTable = new Map<string, Sid>();

  /** @internal Interns a validated SID; only this module calls it. */
  static intern(identifierAuthority: number, subAuthorities: readonly number[]): Sid {
    const text = formatSidText(identifierAuthority, subAuthorities);
    let found = Sid.internTable.get(text);
    if (found === undefined) {
      found = new Sid(identifierAuthority, subAuthorities, text);
      Sid.internTable.set(text, found);
    }
    return found;
  }
}

/**
 * MS-DTYP 2.4.2.1: the authority is written in decimal when it fits in 32 bits, otherwise as 12 hex
 * digits prefixed with `0x` (the form ConvertSidToStringSid produces).
 */
function formatSidText(identifierAuthority: number, subAuthorities: readonly number[]): string {
  const authority =
    identifierAuthority <= 0xffff_ffff
      ? String(identifierAuthority)
      : `0x${identifierAuthority.toString(16).toUpperCase().padStart(12, '0')}`;
  return subAuthorities.length === 0 ? `S-1-${authority}` : `S-1-${authority}-${subAuthorities.join('-')}`;
}

/**
 * Parses a SID string (`S-1-5-21-…`) as ConvertStringSidToSid does.
 *
 * @remarks
 * Accepts `S` or `s`, revision 1, a decimal authority or a `0x` hex authority of up to 12 digits, and
 * 0 to 15 decimal sub-authorities each below 2³². Anything else is `ERROR_INVALID_SID` with the offset of
 * the first character that does not fit. SDDL aliases such as `SY` are not SID strings: see
 * {@link parseSddl} and {@link wellKnownSidByAlias}.
 *
 * @param text - the SID string
 * @returns the interned {@link Sid}, or a {@link ParseError} with code `ERROR_INVALID_SID`
 * @example
 * ```ts
 * import { parseSid } from '@doublehop/core-token';
 *
 * parseSid('S-1-5-32-544');  // { ok: true, value: Sid(S-1-5-32-544) }
 * parseSid('S-1-5-32-x');    // { ok: false, error: { code: 'ERROR_INVALID_SID', offset: 9, … } }
 * ```
 * @see MS-DTYP 2.4.2.1 SID String Format Syntax; ConvertStringSidToSidW (sddl.h)
 */
export function parseSid(text: string): Result<Sid, ParseError> {
  const fail = (offset: number, expected: string, length = 1): Result<Sid, ParseError> =>
    err(parseError('ERROR_INVALID_SID', text, offset, expected, length));
  if (typeof text !== 'string') throw new TypeError('parseSid: the SID text must be a string');
  const cached = Sid.internTable.get(text);
  if (cached !== undefined) return ok(cached);
  if (text[0] !== 'S' && text[0] !== 's') return fail(0, '"S" to start a SID string');
  if (text[1] !== '-') return fail(1, '"-" after "S"');
  if (text[2] !== '1') return fail(2, 'revision 1');
  if (text[3] !== '-') return fail(3, '"-" after the revision');
  let position = 4;
  let identifierAuthority: number;
  if (text.startsWith('0x', position) || text.startsWith('0X', position)) {
    const start = position + 2;
    let end = start;
    while (end < text.length && isHexDigit(text.charCodeAt(end))) end++;
    if (end === start || end - start > 12)
      return fail(start, 'one to twelve hex digits of identifier authority');
    identifierAuthority = Number.parseInt(text.slice(start, end), 16);
    position = end;
  } else {
    const end = scanDigits(text, position);
    if (end === position) return fail(position, 'a decimal identifier authority');
    identifierAuthority = Number(text.slice(position, end));
    if (identifierAuthority > MAX_IDENTIFIER_AUTHORITY) {
      return fail(position, 'an identifier authority below 2^48', end - position);
    }
    position = end;
  }
  const subAuthorities: number[] = [];
  while (position < text.length) {
    if (text[position] !== '-') return fail(position, '"-" before the next sub-authority');
    position++;
    const end = scanDigits(text, position);
    if (end === position) return fail(position, 'a decimal sub-authority');
    // ConvertStringSidToSid reads sub-authorities with wcstoul, so leading zeros are fine; eleven or
    // more significant digits cannot be below 2^32 (and would lose precision in Number()).
    let significant = position;
    while (significant < end - 1 && text.charCodeAt(significant) === 48) significant++;
    const value = end - significant > 10 ? Number.POSITIVE_INFINITY : Number(text.slice(significant, end));
    if (value > MAX_SUB_AUTHORITY) return fail(position, 'a sub-authority below 2^32', end - position);
    if (subAuthorities.length === SID_MAX_SUB_AUTHORITIES) {
      return fail(position - 1, `at most ${SID_MAX_SUB_AUTHORITIES} sub-authorities`);
    }
    subAuthorities.push(value);
    position = end;
  }
  return ok(Sid.intern(identifierAuthority, subAuthorities));
}

/**
 * Parses a SID string that is known to be valid, such as a literal in code; throws on a malformed one.
 *
 * @param text - the SID string
 * @returns the interned {@link Sid}
 * @throws TypeError - `sid: …` with the parse error's message, when `text` is not a valid SID string
 * (a programmer error; use {@link parseSid} for input from users)
 * @example
 * ```ts
 * import { sid } from '@doublehop/core-token';
 *
 * sid('S-1-1-0').text; // 'S-1-1-0' (Everyone)
 * ```
 * @see MS-DTYP 2.4.2.1
 */
export function sid(text: string): Sid {
  const parsed = parseSid(text);
  if (!parsed.ok) throw new TypeError(`sid: ${parsed.error.message} in "${text}"`);
  return parsed.value;
}

/**
 * Builds a SID from its identifier authority and sub-authorities.
 *
 * @param identifierAuthority - 0 … 2⁴⁸−1 (5 is SECURITY_NT_AUTHORITY)
 * @param subAuthorities - 0 to 15 integers in 0 … 2³²−1
 * @returns the interned {@link Sid}
 * @throws TypeError - `sidFromComponents: …` when a component is out of range (a programmer error)
 * @example
 * ```ts
 * import { sidFromComponents } from '@doublehop/core-token';
 *
 * sidFromComponents(5, [32, 544]).text; // 'S-1-5-32-544' (BUILTIN\Administrators)
 * ```
 * @see MS-DTYP 2.4.2
 */
export function sidFromComponents(identifierAuthority: number, subAuthorities: readonly number[]): Sid {
  if (!Number.isSafeInteger(identifierAuthority) || identifierAuthority < 0) {
    throw new TypeError('sidFromComponents: the identifier authority must be an integer in 0 … 2^48-1');
  }
  if (identifierAuthority > MAX_IDENTIFIER_AUTHORITY) {
    throw new TypeError('sidFromComponents: the identifier authority must be an integer in 0 … 2^48-1');
  }
  if (subAuthorities.length > SID_MAX_SUB_AUTHORITIES) {
    throw new TypeError(`sidFromComponents: a SID has at most ${SID_MAX_SUB_AUTHORITIES} sub-authorities`);
  }
  for (const value of subAuthorities) {
    if (!Number.isInteger(value) || value < 0 || value > MAX_SUB_AUTHORITY) {
      throw new TypeError('sidFromComponents: each sub-authority must be an integer in 0 … 2^32-1');
    }
  }
  return Sid.intern(identifierAuthority, subAuthorities);
}

// SIDs are interned, so the SID a RID or a domain part derives from one is the same object every time: kept
// here, as every logon, PAC and group expansion asks again, and interning formats the text each time.
const children = new WeakMap<Sid, Map<number, Sid>>();
const domainParts = new WeakMap<Sid, Sid | null>();

/**
 * Appends a relative identifier to a domain (or machine) SID, as a directory does when it creates an account.
 *
 * @param domainSid - the domain SID, `S-1-5-21-x-y-z`
 * @param rid - the relative identifier, e.g. 512 for Domain Admins
 * @returns the interned account SID
 * @throws TypeError - `sidWithRid: …` when the result would have more than 15 sub-authorities
 * @example
 * ```ts
 * import { sid, sidWithRid } from '@doublehop/core-token';
 *
 * sidWithRid(sid('S-1-5-21-1-2-3'), 512).text; // 'S-1-5-21-1-2-3-512'
 * ```
 * @see MS-DTYP 2.4.2.4 (domain-relative RIDs)
 */
export function sidWithRid(domainSid: Sid, rid: number): Sid {
  if (domainSid.subAuthorities.length >= SID_MAX_SUB_AUTHORITIES) {
    throw new TypeError(
      `sidWithRid: ${domainSid.text} already has ${SID_MAX_SUB_AUTHORITIES} sub-authorities`,
    );
  }
  if (!Number.isInteger(rid) || rid < 0 || rid > MAX_SUB_AUTHORITY) {
    throw new TypeError('sidWithRid: the RID must be an integer in 0 … 2^32-1');
  }
  let byRid = children.get(domainSid);
  if (byRid === undefined) {
    byRid = new Map();
    children.set(domainSid, byRid);
  }
  let child = byRid.get(rid);
  if (child === undefined) {
    child = Sid.intern(domainSid.identifierAuthority, [...domainSid.subAuthorities, rid]);
    byRid.set(rid, child);
  }
  return child;
}

/**
 * The domain part of an account SID (every sub-authority but the RID), or `undefined` if the SID is not
 * domain-relative (`S-1-5-21-…` with at least four sub-authorities).
 *
 * @param accountSid - an account or group SID such as `S-1-5-21-1-2-3-1104`
 * @returns the domain SID `S-1-5-21-1-2-3`, or `undefined`
 * @example
 * ```ts
 * import { domainOf, sid } from '@doublehop/core-token';
 *
 * domainOf(sid('S-1-5-21-1-2-3-1104'))?.text; // 'S-1-5-21-1-2-3'
 * domainOf(sid('S-1-5-18'));                   // undefined
 * ```
 * @see MS-DTYP 2.4.2.4
 */
export function domainOf(accountSid: Sid): Sid | undefined {
  let domain = domainParts.get(accountSid);
  if (domain === undefined) {
    const s = accountSid.subAuthorities;
    domain =
      accountSid.identifierAuthority !== 5 || s[0] !== 21 || s.length < 5
        ? null
        : Sid.intern(5, s.slice(0, -1));
    domainParts.set(accountSid, domain);
  }
  return domain ?? undefined;
}

function scanDigits(text: string, from: number): number {
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  return end;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
