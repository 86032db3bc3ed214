import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import { parseSddl } from './parseSddl.js';
import type { SddlOptions } from './sddlSid.js';

/**
 * Parses an SDDL string that is known to be valid, such as a literal in code or a test; throws on a
 * malformed one.
 *
 * @param text - the SDDL string
 * @param options - the domains for domain-relative aliases, as for {@link parseSddl}
 * @returns the security descriptor
 * @throws TypeError - `sddl: …` with the parse error's message, when `text` is not valid SDDL (a programmer
 * error; use {@link parseSddl} for input from users)
 * @example
 * ```ts
 * import { sddl } from '@doublehop/core-token';
 *
 * const sd = sddl('O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)');
 * sd.owner?.text;        // 'S-1-5-32-544'
 * sd.dacl?.length;       // 4
 * sd.dacl?.[2]?.flags;   // 11
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format
 */
export function sddl(text: string, options?: SddlOptions): SecurityDescriptor {
  const parsed = parseSddl(text, options);
  if (!parsed.ok) throw new TypeError(`sddl: ${parsed.error.message}`);
  return parsed.value;
}
