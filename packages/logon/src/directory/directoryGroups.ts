import {
  DEFAULT_GROUP_ATTRIBUTES,
  DOMAIN_RIDS,
  domainOf,
  GROUP_ATTRIBUTES,
  type Sid,
  type SidAndAttributes,
  sidWithRid,
} from '@doublehop/core-token';
import type { Account, GroupAccount, PrincipalAccount } from './account.js';
import { accountBySid } from './accountBySid.js';
import { accountsReaching } from './accountsReaching.js';
import { directMemberOf } from './directMemberOf.js';
import type { Directory } from './directory.js';
import { domainOfSid } from './domainOfSid.js';
import { findDomain } from './findDomain.js';
import { compareSids } from './order.js';
import { trustPath } from './trustPath.js';

/**
 * Options of {@link directoryGroups}.
 *
 * @example
 * ```ts
 * import type { DirectoryGroupsOptions } from '@doublehop/logon';
 *
 * const onWeb01: DirectoryGroupsOptions = { resourceDomain: 'res.example' };
 * ```
 */
export interface DirectoryGroupsOptions {
  /** The domain of the machine the account logs on to; its domain-local groups are added. Default: the account's domain. */
  readonly resourceDomain?: string;
}

/**
 * The domain group SIDs a logon puts in a token — the PAC's GroupIds, ExtraSids and ResourceGroupIds —
 * closed under nesting, cycle-safe and sorted.
 *
 * @remarks
 * The rules of group scope decide what crosses domains:
 * - **global** and **universal** groups of the account's forest come with the account wherever it logs on
 *   (the primary group too, though AD does not list it in `member`);
 * - **domain local** groups appear only on resources of *their* domain: those of the resource domain that
 *   contain the account or any of its groups (directly or through other domain local groups) are added with
 *   SE_GROUP_RESOURCE — the "Local Group" of `whoami /groups`;
 * - **distribution** groups never appear, and nesting is followed only through security groups;
 * - **sIDHistory** of the account and its groups is added, unless the account crosses a SID-filtering trust
 *   to reach the resource domain, which drops every domain SID outside the trusted forest (forest trust) or
 *   domain (external trust, quarantine).
 * Membership cycles (A ∈ B ∈ A, legal in AD) terminate: each group is visited once.
 * @param dir - the directory
 * @param account - the account (or its SID)
 * @param options - the resource domain
 * @returns the group SIDs with their token attributes, sorted by SID
 * @throws TypeError - `directoryGroups: …` when the SID is not an account of the directory
 * @example
 * ```ts
 * import { directory, directoryGroups, findAccount } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', sid: 'S-1-5-21-1-2-3' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'billy', rid: 1104, memberOf: ['A'] },
 *     { kind: 'group', samAccountName: 'A', rid: 1201, memberOf: ['B'] },
 *     { kind: 'group', samAccountName: 'B', rid: 1202, memberOf: ['A'] }, // a cycle, as AD allows
 *   ],
 * });
 * const billy = findAccount(dir, 'billy');
 * if (billy) directoryGroups(dir, billy).map((g) => g.sid.text); // ['S-1-5-21-1-2-3-513', 'S-1-5-21-1-2-3-1201', 'S-1-5-21-1-2-3-1202']
 * ```
 * @see MS-PAC 2.5 (KERB_VALIDATION_INFO: GroupIds, ExtraSids, ResourceGroupIds); MS-ADTS 3.1.1.4.5.19
 * (tokenGroups); MS-PAC 4.1.2.2 (SID filtering); "Active Directory security groups" (group scope),
 * https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups
 */
export function directoryGroups(
  dir: Directory,
  account: PrincipalAccount | Sid,
  options: DirectoryGroupsOptions = {},
): readonly SidAndAttributes[] {
  const principal = 'kind' in account ? account : accountBySid(dir, account);
  if (principal === undefined || principal.kind === 'group') {
    throw new TypeError('directoryGroups: the account is not a user, computer or gMSA of the directory');
  }
  // The answer depends only on the (frozen) directory, the account and the resource domain: every logon,
  // PAC and Protected Users check of the account asks again, so it is worked out once.
  const byAccount = memo(dir, principal);
  const resourceDomain = options.resourceDomain ?? principal.domain;
  let groups = byAccount.get(resourceDomain);
  if (groups === undefined) {
    groups = expandGroups(dir, principal, resourceDomain);
    byAccount.set(resourceDomain, groups);
  }
  return groups;
}

const memos = new WeakMap<Directory, WeakMap<PrincipalAccount, Map<string, readonly SidAndAttributes[]>>>();

function memo(dir: Directory, account: PrincipalAccount): Map<string, readonly SidAndAttributes[]> {
  let byAccount = memos.get(dir);
  if (byAccount === undefined) {
    byAccount = new WeakMap();
    memos.set(dir, byAccount);
  }
  let byResource = byAccount.get(account);
  if (byResource === undefined) {
    byResource = new Map();
    byAccount.set(account, byResource);
  }
  return byResource;
}

function expandGroups(
  dir: Directory,
  principal: PrincipalAccount,
  resourceDomain: string,
): readonly SidAndAttributes[] {
  const home = findDomain(dir, principal.domain);
  const resource = findDomain(dir, resourceDomain) ?? home;
  if (home === undefined || resource === undefined) throw new TypeError('directoryGroups: unknown domain');

  // Account side: global and universal groups of the account's forest, closed under nesting.
  const found = new Set<Sid>();
  const queue: Sid[] = [
    ...directMemberOf(dir, principal.sid),
    sidWithRid(domainOf(principal.sid) ?? home.sid, principal.primaryGroupId),
  ];
  const accountSide = (g: Account | undefined): g is GroupAccount =>
    g !== undefined &&
    g.kind === 'group' &&
    g.securityEnabled &&
    g.scope !== 'domainLocal' &&
    findDomain(dir, g.domain)?.forest === home.forest;
  while (queue.length > 0) {
    const next = queue.pop() as Sid;
    if (found.has(next)) continue;
    const group = accountBySid(dir, next);
    if (!accountSide(group)) continue;
    found.add(next);
    queue.push(...directMemberOf(dir, next));
  }
  const sids = new Set<Sid>(found);
  for (const s of [principal.sid, ...found]) {
    for (const h of accountBySid(dir, s)?.sidHistory ?? []) sids.add(h);
  }

  // SID filtering at a forest or external trust.
  const path = trustPath(dir, resource.dnsName, home.dnsName);
  if (path?.kind === 'cross-forest' && path.trust.sidFiltering) {
    const allowed = (s: Sid): boolean => {
      const d = domainOfSid(dir, s);
      if (domainOf(s) === undefined) return true; // well-known and builtin SIDs are not domain SIDs
      if (d === undefined) return false;
      return path.trust.type === 'forest' ? d.forest === home.forest : d === home;
    };
    for (const s of [...sids]) if (!allowed(s)) sids.delete(s);
  }

  // Resource side: domain local groups of the resource domain, closed under (domain local) nesting.
  const resourceGroups = new Set<Sid>();
  const pending: Sid[] = [principal.sid, ...sids];
  while (pending.length > 0) {
    const member = pending.pop() as Sid;
    for (const parent of directMemberOf(dir, member)) {
      if (resourceGroups.has(parent)) continue;
      const g = accountBySid(dir, parent);
      if (
        g?.kind !== 'group' ||
        !g.securityEnabled ||
        g.scope !== 'domainLocal' ||
        g.domain !== resource.dnsName
      )
        continue;
      resourceGroups.add(parent);
      pending.push(parent);
    }
  }

  const result: SidAndAttributes[] = [];
  for (const s of sids) result.push(Object.freeze({ sid: s, attributes: DEFAULT_GROUP_ATTRIBUTES }));
  for (const s of resourceGroups) {
    if (!sids.has(s)) {
      result.push(
        Object.freeze({ sid: s, attributes: DEFAULT_GROUP_ATTRIBUTES | GROUP_ATTRIBUTES.SE_GROUP_RESOURCE }),
      );
    }
  }
  return Object.freeze(result.sort((a, b) => compareSids(a.sid, b.sid)));
}

/**
 * Whether an account is a member of its domain's Protected Users group (RID 525), directly or through nested
 * groups.
 *
 * @param dir - the directory
 * @param account - the account
 * @returns `true` for a Protected Users member
 * @example
 * ```ts
 * import { directory, findAccount, isProtectedUser } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'user', samAccountName: 'admin-alice', memberOf: ['Protected Users'] }],
 * });
 * const alice = findAccount(dir, 'admin-alice');
 * alice?.kind === 'user' && isProtectedUser(dir, alice); // true
 * ```
 * @see "Protected Users Security Group", https://learn.microsoft.com/windows-server/security/credentials-protection-and-management/protected-users-security-group
 */
export function isProtectedUser(dir: Directory, account: PrincipalAccount): boolean {
  const domain = findDomain(dir, account.domain);
  if (domain === undefined) return false;
  if (!protectedUsersCandidates(dir).has(account.sid)) return false;
  const protectedUsers = sidWithRid(domain.sid, DOMAIN_RIDS.PROTECTED_USERS.rid);
  // An index loop: V8 has no fast path for .some() or for…of over frozen arrays such as this one.
  const groups = directoryGroups(dir, account);
  for (let i = 0; i < groups.length; i++) if (groups[i]?.sid === protectedUsers) return true;
  return false;
}

/** Per directory, the accounts that may be in a Protected Users group (of any domain), so most are answered at once. */
function protectedUsersCandidates(dir: Directory): ReadonlySet<Sid> {
  let known = candidates.get(dir);
  if (known === undefined) {
    known = accountsReaching(
      dir,
      dir.domains.map((d) => sidWithRid(d.sid, DOMAIN_RIDS.PROTECTED_USERS.rid)),
    );
    candidates.set(dir, known);
  }
  return known;
}

const candidates = new WeakMap<Directory, ReadonlySet<Sid>>();
