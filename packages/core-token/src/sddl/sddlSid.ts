import { type ParseError, parseError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { parseSid, type Sid, sidFromComponents, sidWithRid } from '../sid/sid.js';
import { domainRidByAlias, domainRidOf, wellKnownSidByAlias, wellKnownSidOf } from '../sid/wellKnownSids.js';

/**
 * The domains against which domain-relative SDDL aliases (`DA`, `DU`, `EA`, …) resolve, for
 * {@link parseSddl} and {@link formatSddl}.
 *
 * @remarks
 * Windows resolves these aliases against the domain of the machine that runs the conversion; a model names
 * that domain explicitly. Forest-wide groups (`EA` Enterprise Admins, `SA` Schema Admins, `RO`, `EK`) live in
 * the forest root domain and use `rootDomainSid`, falling back to `domainSid` when the domain is the root.
 * @example
 * ```ts
 * import { sddl, sid } from '@doublehop/core-token';
 *
 * const corp = { domainSid: sid('S-1-5-21-1-2-3'), rootDomainSid: sid('S-1-5-21-7-8-9') };
 * sddl('O:DAG:EA', corp).owner?.text; // 'S-1-5-21-1-2-3-512'
 * sddl('O:DAG:EA', corp).group?.text; // 'S-1-5-21-7-8-9-519'
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/sid-strings; MS-DTYP 2.4.2.4
 */
export interface SddlOptions {
  /** The domain (or machine account domain) SID `S-1-5-21-x-y-z` for `DA`, `DU`, `DC`, `LA`, `AP`, … */
  readonly domainSid?: Sid;
  /** The forest root domain SID for `EA`, `SA`, `RO`, `EK`; defaults to `domainSid`. */
  readonly rootDomainSid?: Sid;
}

const SPACE = 32;

/** @internal Skips the spaces (U+0020 only) Windows tolerates between SDDL tokens; returns the next offset. */
export function skipSpaces(text: string, from: number): number {
  let position = from;
  while (text.charCodeAt(position) === SPACE) position++;
  return position;
}

/**
 * @internal Where a SID field ends: at the end, a space, `;`, `(` or `)`, or at the next component
 * (`O:`, `G:`, `D:`, `S:`), so that `O:S-1-5-32-544G:SY` splits where Windows splits it.
 */
function sidFieldEnd(text: string, from: number): number {
  let position = from;
  while (position < text.length) {
    const c = text[position];
    if (c === ' ' || c === ';' || c === '(' || c === ')') break;
    if ((c === 'O' || c === 'G' || c === 'D' || c === 'S') && text[position + 1] === ':') break;
    position++;
  }
  return position;
}

/**
 * @internal Parses the SID at `start` of an SDDL string: `S-1-…` through {@link parseSid}, or a two-letter
 * alias from the SID Strings table, resolving domain-relative aliases against `options`.
 *
 * @param text - the whole SDDL string
 * @param start - where the SID begins
 * @param options - the domains for domain-relative aliases
 * @returns the SID and the offset just after it, or ERROR_INVALID_SID / ERROR_NONE_MAPPED at the offending offset
 */
export function parseSddlSid(
  text: string,
  start: number,
  options: SddlOptions,
): Result<{ readonly sid: Sid; readonly end: number }, ParseError> {
  const end = sidFieldEnd(text, start);
  const field = text.slice(start, end);
  if (field.length > 1 && (field[0] === 'S' || field[0] === 's') && field[1] === '-') {
    const parsed = parseSid(field);
    if (!parsed.ok) {
      // parseSid reports offsets within the field; re-quote against the whole SDDL string.
      return err(parseError('ERROR_INVALID_SID', text, start + parsed.error.offset, parsed.error.expected));
    }
    return ok({ sid: parsed.value, end });
  }
  const prefix = field.slice(0, 2);
  if (field.length > 2 && (wellKnownSidByAlias(prefix) ?? domainRidByAlias(prefix)) !== undefined) {
    // "SYSTEM", "BAX": a valid alias followed by more; the first offending character is the third.
    return err(
      parseError(
        'ERROR_INVALID_SID',
        text,
        start + 2,
        `the end of the SID after the two-letter alias ${prefix}`,
      ),
    );
  }
  const wellKnown = field.length === 2 ? wellKnownSidByAlias(field) : undefined;
  if (wellKnown !== undefined) return ok({ sid: wellKnown.sid, end });
  const domainRid = field.length === 2 ? domainRidByAlias(field) : undefined;
  if (domainRid === undefined) {
    return err(
      parseError(
        'ERROR_INVALID_SID',
        text,
        start,
        'a SID ("S-1-…") or a two-letter SID alias (SY, BA, WD, DA, …)',
        Math.max(field.length, 1),
      ),
    );
  }
  const domain = domainRid.forestRoot ? (options.rootDomainSid ?? options.domainSid) : options.domainSid;
  if (domain === undefined) {
    const option = domainRid.forestRoot
      ? 'options.rootDomainSid (or options.domainSid)'
      : 'options.domainSid';
    return err(
      parseError(
        'ERROR_NONE_MAPPED',
        text,
        start,
        `a domain to resolve the domain-relative alias ${field} (${domainRid.name}, RID ${domainRid.rid}): pass ${option}`,
        2,
      ),
    );
  }
  return ok({ sid: sidWithRid(domain, domainRid.rid), end });
}

/**
 * @internal Writes a SID as ConvertSecurityDescriptorToStringSecurityDescriptor does: its two-letter alias when
 * it has one (domain-relative aliases only for the domains in `options`), otherwise `S-1-…`.
 *
 * @param value - the SID
 * @param options - the domains for domain-relative aliases, and `aliases: false` to always write `S-1-…`
 * @returns the SDDL text of the SID
 */
export function formatSddlSid(value: Sid, options: SddlOptions & { readonly aliases?: boolean }): string {
  if (options.aliases === false) return value.text;
  const alias = wellKnownSidOf(value)?.alias;
  if (alias !== undefined) return alias;
  const rid = value.rid;
  const domainRid = rid === undefined ? undefined : domainRidOf(rid);
  if (domainRid?.alias === undefined) return value.text;
  const domain = domainRid.forestRoot ? (options.rootDomainSid ?? options.domainSid) : options.domainSid;
  if (domain === undefined) return value.text;
  const own = sidFromComponents(value.identifierAuthority, value.subAuthorities.slice(0, -1));
  return own === domain ? domainRid.alias : value.text;
}
