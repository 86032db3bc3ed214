import { parseSid, type Sid } from '@doublehop/core-token';
import type { Domain } from './domain.js';
import type { AccountDraft } from './draftAccounts.js';

/**
 * @internal How a declaration names another account — a member, a group, sIDHistory, an RBCD principal: a SID
 * string (any SID, such as a foreign security principal), `DOMAIN\name`, `name@domain`, or a bare name in the
 * declaring account's domain, a computer with or without its `$`. An unknown name is a model error.
 */
export function memberResolver(
  drafts: readonly AccountDraft[],
  domains: ReadonlyMap<string, Domain>,
): (name: string, context: Domain) => Sid {
  const byName = new Map<string, AccountDraft>();
  for (const d of drafts) byName.set(`${d.domain.dnsName}\\${d.samAccountName.toLowerCase()}`, d);
  const lookup = (name: string, context: Domain): AccountDraft | undefined => {
    const slash = name.indexOf('\\');
    const at = name.lastIndexOf('@');
    let domain = context;
    let sam = name;
    if (slash >= 0) {
      const d = domains.get(name.slice(0, slash).toLowerCase());
      if (d === undefined) return undefined;
      domain = d;
      sam = name.slice(slash + 1);
    } else if (at > 0) {
      const d = domains.get(name.slice(at + 1).toLowerCase());
      if (d === undefined) return undefined;
      domain = d;
      sam = name.slice(0, at);
    }
    const key = `${domain.dnsName}\\${sam.toLowerCase()}`;
    return byName.get(key) ?? byName.get(`${key}$`);
  };
  return (name, context) => {
    if (/^S-1-/i.test(name)) {
      const parsed = parseSid(name);
      if (!parsed.ok) throw new TypeError(`directory: "${name}" is not a valid SID`);
      return parsed.value;
    }
    const found = lookup(name, context);
    if (found === undefined) throw new TypeError(`directory: unknown account "${name}"`);
    return found.sid;
  };
}
