import { parseSid } from '@doublehop/core-token';
import type { Account } from './account.js';
import type { Directory } from './directory.js';
import { indexOf } from './directoryIndex.js';
import type { Domain } from './domain.js';

/**
 * Finds an account by name as Windows accepts one at logon: `DOMAIN\name` (NetBIOS or DNS domain),
 * `name@dns.domain` (a userPrincipalName or the implicit UPN), a bare `name` (in `defaultDomain`, else unique
 * across the directory), or a SID string. A computer may be named with or without its `$`.
 *
 * @param dir - the directory
 * @param name - the account name
 * @param defaultDomain - where a bare name is looked up first
 * @returns the account, or `undefined` (unknown or ambiguous)
 * @example
 * ```ts
 * import { directory, findAccount } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'WEB01' }],
 * });
 * findAccount(dir, 'CORP\\WEB01')?.samAccountName;        // 'WEB01$'
 * findAccount(dir, 'web01$@corp.example')?.samAccountName; // 'WEB01$'
 * ```
 * @see LogonUserW (lpszUsername, lpszDomain), https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw
 */
export function findAccount(dir: Directory, name: string, defaultDomain?: string): Account | undefined {
  const index = indexOf(dir);
  if (/^S-1-/i.test(name)) {
    const parsed = parseSid(name);
    return parsed.ok ? index.bySid.get(parsed.value) : undefined;
  }
  const inDomain = (domain: Domain | undefined, sam: string): Account | undefined => {
    if (domain === undefined) return undefined;
    const key = `${domain.dnsName}\\${sam.toLowerCase()}`;
    return index.byName.get(key) ?? index.byName.get(`${key}$`);
  };
  const slash = name.indexOf('\\');
  if (slash >= 0)
    return inDomain(index.domains.get(name.slice(0, slash).toLowerCase()), name.slice(slash + 1));
  const at = name.lastIndexOf('@');
  if (at > 0) {
    const upn = index.byUpn.get(name.toLowerCase());
    if (upn !== undefined) return upn;
    return inDomain(index.domains.get(name.slice(at + 1).toLowerCase()), name.slice(0, at));
  }
  if (defaultDomain !== undefined) {
    const found = inDomain(index.domains.get(defaultDomain.toLowerCase()), name);
    if (found !== undefined) return found;
  }
  const matches = dir.domains.map((d) => inDomain(d, name)).filter((a) => a !== undefined);
  return matches.length === 1 ? matches[0] : undefined;
}
