import { type ParseError, parseSid, type Sid } from '@doublehop/core-token';
import { type Account, accountBySid, type Directory, type Domain, findDomain } from '@doublehop/logon';

/** @internal The outcome of resolving a name written in a scenario or model file. */
export type NameResolution =
  | { readonly kind: 'account'; readonly account: Account }
  | { readonly kind: 'foreign-sid'; readonly sid: Sid }
  | { readonly kind: 'invalid-sid'; readonly error: ParseError }
  | { readonly kind: 'unknown-domain'; readonly domain: string; readonly index: number }
  | {
      readonly kind: 'unknown-account';
      readonly domains: readonly string[];
      readonly candidates: readonly string[];
    }
  | {
      readonly kind: 'ambiguous';
      readonly matches: readonly Account[];
      readonly qualified: readonly string[];
    };

/**
 * @internal Resolves a name as `@doublehop/logon`'s directory resolves members: a SID string, `DOMAIN\name`,
 * `name@domain`, or a bare name — in `context` when given (references inside an account, as the directory
 * resolves them), else in the one domain that has it (references in steps). A computer may be named with or
 * without its `$`; names compare case-insensitively, as sAMAccountNames do.
 */
export function resolveAccountName(dir: Directory, name: string, context: Domain | null): NameResolution {
  if (/^S-1-/i.test(name)) {
    const parsed = parseSid(name);
    if (!parsed.ok) return { kind: 'invalid-sid', error: parsed.error };
    const account = accountBySid(dir, parsed.value);
    return account === undefined ? { kind: 'foreign-sid', sid: parsed.value } : { kind: 'account', account };
  }
  const slash = name.indexOf('\\');
  const at = name.lastIndexOf('@');
  let domains: readonly Domain[];
  let sam = name;
  if (slash >= 0 || at > 0) {
    const domainName = slash >= 0 ? name.slice(0, slash) : name.slice(at + 1);
    const domain = findDomain(dir, domainName);
    if (domain === undefined) {
      return { kind: 'unknown-domain', domain: domainName, index: slash >= 0 ? 0 : at + 1 };
    }
    domains = [domain];
    sam = slash >= 0 ? name.slice(slash + 1) : name.slice(0, at);
  } else domains = context === null ? dir.domains : [context];
  const lower = sam.toLowerCase();
  const byName = namesOf(dir);
  // The exact name first; the name with a `$` (a computer named without it) only when no account has the exact
  // one — each list in the directory's own order, as a scan of dir.accounts would give it.
  const found = inDomains(dir, byName, domains, lower) ?? inDomains(dir, byName, domains, `${lower}$`) ?? [];
  if (found.length === 1 && found[0] !== undefined) return { kind: 'account', account: found[0] };
  if (found.length > 1) {
    const qualified = found.map(
      (a) => `${findDomain(dir, a.domain)?.netbiosName ?? a.domain}\\${a.samAccountName}`,
    );
    return { kind: 'ambiguous', matches: found, qualified };
  }
  return {
    kind: 'unknown-account',
    domains: domains.map((d) => d.dnsName),
    candidates: dir.accounts
      .filter((a) => domains.some((d) => d.dnsName === a.domain))
      .map((a) => a.samAccountName),
  };
}

/** The accounts of `domains` whose lower-case sAMAccountName is `key`, in directory order; `undefined` for none. */
function inDomains(
  dir: Directory,
  byName: Map<string, Map<string, Account[]>>,
  domains: readonly Domain[],
  key: string,
): readonly Account[] | undefined {
  if (domains.length === 1) return byName.get((domains[0] as Domain).dnsName)?.get(key);
  const all = domains.flatMap((d) => byName.get(d.dnsName)?.get(key) ?? []);
  if (all.length === 0) return undefined;
  return all.sort((a, b) => (position(dir).get(a) ?? 0) - (position(dir).get(b) ?? 0));
}

/** Per directory: domain (DNS name) → lower-case sAMAccountName → accounts, so a name resolves in O(1). */
const nameIndexes = new WeakMap<Directory, Map<string, Map<string, Account[]>>>();
const positions = new WeakMap<Directory, Map<Account, number>>();

function namesOf(dir: Directory): Map<string, Map<string, Account[]>> {
  let index = nameIndexes.get(dir);
  if (index === undefined) {
    index = new Map();
    for (const a of dir.accounts) {
      let inDomain = index.get(a.domain);
      if (inDomain === undefined) {
        inDomain = new Map();
        index.set(a.domain, inDomain);
      }
      const key = a.samAccountName.toLowerCase();
      const list = inDomain.get(key);
      if (list === undefined) inDomain.set(key, [a]);
      else list.push(a);
    }
    nameIndexes.set(dir, index);
  }
  return index;
}

function position(dir: Directory): Map<Account, number> {
  let map = positions.get(dir);
  if (map === undefined) {
    map = new Map(dir.accounts.map((a, i) => [a, i]));
    positions.set(dir, map);
  }
  return map;
}
