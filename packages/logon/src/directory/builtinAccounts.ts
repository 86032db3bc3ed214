import { DOMAIN_RIDS, type DomainRidKey, sidWithRid } from '@doublehop/core-token';
import type { GroupScope } from './account.js';
import type { AccountInit } from './directoryInit.js';
import type { Domain } from './domain.js';

const BUILTIN_GROUPS: readonly (readonly [DomainRidKey, GroupScope])[] = [
  ['DOMAIN_ADMINS', 'global'],
  ['DOMAIN_USERS', 'global'],
  ['DOMAIN_GUESTS', 'global'],
  ['DOMAIN_COMPUTERS', 'global'],
  ['DOMAIN_CONTROLLERS', 'global'],
  ['PROTECTED_USERS', 'global'],
  ['SCHEMA_ADMINS', 'universal'],
  ['ENTERPRISE_ADMINS', 'universal'],
];

/**
 * @internal The accounts Windows creates in every domain, named and numbered by core-token's `DOMAIN_RIDS`:
 * Administrator (500, in Domain Admins — and Enterprise and Schema Admins in the forest root), Guest (501,
 * disabled, primary group Domain Guests), krbtgt (502, disabled), the global groups Domain Admins, Domain Users,
 * Domain Guests, Domain Computers, Domain Controllers and Protected Users, and — only in the forest root, as
 * `DOMAIN_RIDS` marks them — the universal Schema Admins and Enterprise Admins.
 * `ridDeclared` tells which RIDs of the domain the directory declares (a renamed built-in group).
 * @see MS-DTYP 2.4.2.4 (well-known domain RIDs); "Active Directory security groups",
 * https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups
 */
export function builtinAccounts(
  domain: Domain,
  ridDeclared: (rid: number) => boolean = () => false,
): AccountInit[] {
  const isRoot = domain.forest === domain.dnsName;
  const { ADMINISTRATOR, GUEST, KRBTGT, DOMAIN_ADMINS, DOMAIN_GUESTS, ENTERPRISE_ADMINS, SCHEMA_ADMINS } =
    DOMAIN_RIDS;
  const accounts: AccountInit[] = [
    {
      kind: 'user',
      samAccountName: ADMINISTRATOR.name,
      rid: ADMINISTRATOR.rid,
      // A group renamed in the directory (declared with its RID) by SID, else by name.
      memberOf: (isRoot ? [DOMAIN_ADMINS, ENTERPRISE_ADMINS, SCHEMA_ADMINS] : [DOMAIN_ADMINS]).map((g) =>
        ridDeclared(g.rid) ? sidWithRid(domain.sid, g.rid).text : g.name,
      ),
    },
    {
      kind: 'user',
      samAccountName: GUEST.name,
      rid: GUEST.rid,
      enabled: false,
      primaryGroupId: DOMAIN_GUESTS.rid,
    },
    { kind: 'user', samAccountName: KRBTGT.name, rid: KRBTGT.rid, enabled: false },
  ];
  for (const [key, scope] of BUILTIN_GROUPS) {
    const group = DOMAIN_RIDS[key];
    if (group.forestRoot && !isRoot) continue;
    accounts.push({ kind: 'group', samAccountName: group.name, rid: group.rid, scope });
  }
  return accounts;
}
