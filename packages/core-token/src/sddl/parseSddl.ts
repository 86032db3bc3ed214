import { type ParseError, parseError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { Ace, Acl } from '../securityDescriptor/ace.js';
import {
  SD_CONTROL,
  type SecurityDescriptor,
  securityDescriptor,
} from '../securityDescriptor/securityDescriptor.js';
import { SID_MAX_SUB_AUTHORITIES, Sid } from '../sid/sid.js';
import { parseAce } from './parseAce.js';
import { parseSddlSid, type SddlOptions, skipSpaces } from './sddlSid.js';
import { ACL_FLAGS, NULL_ACL } from './sddlTables.js';

const COMPONENTS = 'a component (O:, G:, D: or S:)';

/**
 * Parses a security descriptor string (SDDL) as ConvertStringSecurityDescriptorToSecurityDescriptor does.
 *
 * @remarks
 * The string is a sequence of components — `O:` owner SID, `G:` group SID, `D:` DACL, `S:` SACL — each at
 * most once and in any order (Windows does not require O G D S order; a repeated component is rejected here).
 * An ACL is its flags (`P` protected, `AR` auto-inherit required, `AI` auto-inherited, `NO_ACCESS_CONTROL`) then
 * its ACE strings. What the result holds, per the Security Descriptor String Format page:
 *
 * - `D:` present → SE_DACL_PRESENT; `D:` with nothing after it is an *empty* DACL (`dacl: []`, no one but the
 *   owner gets access); `D:NO_ACCESS_CONTROL` is a *NULL* DACL (`dacl: null` with SE_DACL_PRESENT, everyone
 *   gets everything); no `D:` at all is no DACL (`dacl: null`, SE_DACL_PRESENT clear). The same for `S:`.
 * - SE_SELF_RELATIVE is always set, as Windows sets it; the *_DEFAULTED bits are not expressible in SDDL.
 * - SIDs are `S-1-…` strings or the two-letter aliases of the SID Strings page; domain-relative aliases
 *   (`DA`, `DU`, `EA`, …) need `options.domainSid` / `options.rootDomainSid` (else ERROR_NONE_MAPPED).
 * - Rights are two-letter strings (`GA`, `FR`, `RPWP`, `NW`, …) or one number: hex `0x…`, octal `0…` or
 *   decimal, as MS-DTYP 2.5.1.1 `ace-rights` allows, up to 0xffffffff.
 * - GUIDs are 8-4-4-4-12 hex digits without braces, stored in lower case. An `OA` ACE with neither GUID
 *   becomes ACCESS_ALLOWED, as the ACE Strings page says Windows does (so `(OA;;CC;;;WD)` formats back as
 *   `(A;;CC;;;WD)`).
 * - The 7th field of callback ACEs (`XA`, `XD`, `ZA`, `XU`, `FL`: the condition, optional) and `RA` ACEs (the
 *   resource attribute, required) is kept as its exact text, parentheses included, in `Ace.applicationData`;
 *   it is delimited by matching parentheses outside double-quoted strings and not otherwise interpreted.
 * - Strings are case-sensitive, upper case as sddl.h defines them (only `s-` in a SID and hex digits may be
 *   lower case). MS-DTYP's ABNF allows no whitespace outside conditions; Windows' parser skips spaces
 *   (U+0020, not tabs or newlines) at the start, after `X:`, before each ACE and each ACE field, and after
 *   the SID — but not after the ACE type or the rights. We accept exactly those spaces, plus spaces between
 *   ACEs and components and at the end.
 *
 * Errors carry the offset of the first offending character and what was expected there: ERROR_INVALID_SID
 * for a malformed SID or unknown alias (Windows Vista+ reports ERROR_INVALID_ACL when the SID is inside an
 * ACE), ERROR_NONE_MAPPED for a domain alias without a domain, ERROR_INVALID_ACL for anything else inside an
 * ACL, ERROR_INVALID_SECURITY_DESCR for the structure (an unknown or repeated component, trailing text;
 * Windows reports ERROR_INVALID_PARAMETER for an unknown component). Parsing is a single left-to-right
 * pass, linear in the length of the text, and never throws for a string.
 *
 * @param text - the SDDL string, e.g. `O:BAG:SYD:PAI(A;OICI;FA;;;SY)`
 * @param options - the domains against which domain-relative aliases (`DA`, `EA`, …) resolve
 * @returns the security descriptor (frozen), or a {@link ParseError}
 * @throws TypeError - `parseSddl: …` when `text` is not a string or an option is not a usable domain SID
 * @example
 * ```ts
 * import { parseSddl } from '@doublehop/core-token';
 *
 * const r = parseSddl('O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)');
 * r.ok && r.value.dacl?.[1]?.mask; // 1179817
 *
 * const bad = parseSddl('D:(A;;FA;;;SY)(Q;;FA;;;BU)');
 * !bad.ok && bad.error.code;     // 'ERROR_INVALID_ACL'
 * !bad.ok && bad.error.offset;   // 15
 * !bad.ok && bad.error.expected; // 'an ACE type (A, D, AU, AL, OA, OD, OU, OL, XA, XD, ZA, XU, ML, RA, SP, TL, FL)'
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format; https://learn.microsoft.com/windows/win32/secauthz/ace-strings; MS-DTYP 2.5.1.1 Syntax
 */
export function parseSddl(text: string, options: SddlOptions = {}): Result<SecurityDescriptor, ParseError> {
  if (typeof text !== 'string') throw new TypeError('parseSddl: the SDDL text must be a string');
  checkDomain(options.domainSid, 'domainSid');
  checkDomain(options.rootDomainSid, 'rootDomainSid');
  let owner: Sid | null = null;
  let group: Sid | null = null;
  let dacl: Acl | null = null;
  let sacl: Acl | null = null;
  let control = 0;
  const seen = new Set<string>();
  let expected = COMPONENTS;
  let position = skipSpaces(text, 0);
  while (position < text.length) {
    const letter = text[position] ?? '';
    if (!isComponentStart(text, position)) {
      return err(parseError('ERROR_INVALID_SECURITY_DESCR', text, position, expected));
    }
    if (seen.has(letter)) {
      return err(
        parseError('ERROR_INVALID_SECURITY_DESCR', text, position, `at most one ${letter}: component`, 2),
      );
    }
    seen.add(letter);
    if (letter === 'O' || letter === 'G') {
      const parsed = parseSddlSid(text, skipSpaces(text, position + 2), options);
      if (!parsed.ok) return parsed;
      if (letter === 'O') owner = parsed.value.sid;
      else group = parsed.value.sid;
      position = skipSpaces(text, parsed.value.end);
      expected = COMPONENTS;
    } else {
      const parsed = parseAcl(text, position + 2, letter === 'D', options);
      if (!parsed.ok) return parsed;
      const { acl, control: bits, end } = parsed.value;
      if (letter === 'D') dacl = acl;
      else sacl = acl;
      control |= bits;
      position = end;
      expected = `an ACE "(" or ${COMPONENTS}`;
    }
  }
  return ok(securityDescriptor({ owner, group, dacl, sacl, control }));
}

interface ParsedAcl {
  /** The ACEs, or `null` for `NO_ACCESS_CONTROL`. */
  readonly acl: Acl | null;
  /** SE_DACL_PRESENT / SE_SACL_PRESENT and the P / AR / AI bits. */
  readonly control: number;
  /** Where parsing stopped (spaces skipped). */
  readonly end: number;
}

/** `dacl_flags(string_ace1)(string_ace2)…` after `D:` or `S:` (Security Descriptor String Format). */
function parseAcl(
  text: string,
  start: number,
  isDacl: boolean,
  options: SddlOptions,
): Result<ParsedAcl, ParseError> {
  let control = isDacl ? SD_CONTROL.SE_DACL_PRESENT : SD_CONTROL.SE_SACL_PRESENT;
  let isNull = false;
  let position = skipSpaces(text, start);
  for (;;) {
    if (text.startsWith(NULL_ACL, position)) {
      isNull = true;
      position += NULL_ACL.length;
      continue;
    }
    const flag = ACL_FLAGS.find((f) => text.startsWith(f.text, position));
    if (flag === undefined) break;
    control |= isDacl ? flag.dacl : flag.sacl;
    position += flag.text.length;
  }
  position = skipSpaces(text, position);
  if (position < text.length && text[position] !== '(' && !isComponentStart(text, position)) {
    // Still inside the ACL's flags: an unknown flag is an ACL error, not a structural one.
    const expected = `an ACL flag (P, AR, AI, NO_ACCESS_CONTROL), an ACE "(" or ${COMPONENTS}`;
    return err(parseError('ERROR_INVALID_ACL', text, position, expected));
  }
  const aces: Ace[] = [];
  while (text[position] === '(') {
    if (isNull) {
      return err(
        parseError(
          'ERROR_INVALID_ACL',
          text,
          position,
          'no ACE after NO_ACCESS_CONTROL (a NULL ACL has no entries)',
        ),
      );
    }
    const parsed = parseAce(text, position, options);
    if (!parsed.ok) return parsed;
    aces.push(parsed.value.value);
    position = skipSpaces(text, parsed.value.end);
  }
  return ok({ acl: isNull ? null : aces, control, end: position });
}

function isComponentStart(text: string, position: number): boolean {
  return text[position + 1] === ':' && 'OGDS'.includes(text[position] ?? '-');
}

function checkDomain(domain: Sid | undefined, name: string): void {
  if (domain === undefined) return;
  if (!(domain instanceof Sid)) throw new TypeError(`parseSddl: options.${name} must be a Sid`);
  if (domain.subAuthorities.length >= SID_MAX_SUB_AUTHORITIES) {
    throw new TypeError(`parseSddl: options.${name} ${domain.text} has no room for a RID`);
  }
}
