import { parseSid, type Sid } from '@doublehop/core-token';

/**
 * @internal Parses a SID string from a machine declaration (its `machineSid`, or a member or right holder given
 * as `S-1-…`). A malformed one is a model error, not a domain outcome, so it throws rather than returning a
 * `Result` (STYLE.md "Errors"). Syntax: MS-DTYP 2.4.2.1 SID String Format.
 */
export function requireSid(text: string): Sid {
  const parsed = parseSid(text);
  if (!parsed.ok) throw new TypeError(`machine: "${text}" is not a valid SID`);
  return parsed.value;
}
