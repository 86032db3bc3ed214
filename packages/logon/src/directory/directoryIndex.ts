import type { Sid } from '@doublehop/core-token';
import type { Account } from './account.js';
import type { Directory } from './directory.js';
import type { Domain } from './domain.js';
import { sortSids } from './order.js';

/** @internal The lookup tables behind a {@link Directory}, kept beside the value so the value stays plain data. */
export interface DirectoryIndex {
  readonly bySid: ReadonlyMap<Sid, Account>;
  readonly byName: ReadonlyMap<string, Account>;
  readonly byUpn: ReadonlyMap<string, Account>;
  readonly domains: ReadonlyMap<string, Domain>;
  readonly domainsBySid: ReadonlyMap<Sid, Domain>;
  readonly memberOf: ReadonlyMap<Sid, readonly Sid[]>;
}

const indexes = new WeakMap<Directory, DirectoryIndex>();

/**
 * @internal Domains by lower-case DNS and NetBIOS name — how Windows accepts a domain name (`corp.example`,
 * `CORP`); shared by the build, which resolves declared names, and the index.
 */
export function domainsByName(domains: readonly Domain[]): Map<string, Domain> {
  const byName = new Map<string, Domain>();
  for (const d of domains) {
    byName.set(d.dnsName, d);
    byName.set(d.netbiosName.toLowerCase(), d);
  }
  return byName;
}

/**
 * @internal Records the lookup tables of a directory just built: accounts by SID, by `domain\name` and by UPN;
 * domains by name and SID; the memberOf back-links, sorted.
 */
export function indexDirectory(
  dir: Directory,
  domains: ReadonlyMap<string, Domain>,
  memberOf: ReadonlyMap<Sid, readonly Sid[]>,
): void {
  const byName = new Map<string, Account>();
  const byUpn = new Map<string, Account>();
  for (const a of dir.accounts) {
    byName.set(`${a.domain}\\${a.samAccountName.toLowerCase()}`, a);
    if (a.kind !== 'group' && a.userPrincipalName !== null) byUpn.set(a.userPrincipalName.toLowerCase(), a);
  }
  indexes.set(dir, {
    bySid: new Map(dir.accounts.map((a) => [a.sid, a])),
    byName,
    byUpn,
    domains,
    domainsBySid: new Map(dir.domains.map((d) => [d.sid, d])),
    memberOf: new Map([...memberOf].map(([k, v]) => [k, Object.freeze(sortSids(v))])),
  });
}

/** @internal The lookup tables of a directory; throws for a value `directory()` did not build. */
export function indexOf(dir: Directory): DirectoryIndex {
  const index = indexes.get(dir);
  if (index === undefined) throw new TypeError('directory: not a Directory built by directory()');
  return index;
}
