import type { Account } from './account.js';
import { buildAccount } from './buildAccount.js';
import { buildDomains } from './buildDomains.js';
import { buildMemberships } from './buildMemberships.js';
import { buildTrusts } from './buildTrusts.js';
import { domainsByName, indexDirectory } from './directoryIndex.js';
import type { DirectoryInit } from './directoryInit.js';
import type { Domain } from './domain.js';
import { draftAccounts } from './draftAccounts.js';
import { memberResolver } from './memberResolver.js';
import { sortedByText } from './order.js';
import type { Trust } from './trust.js';

/**
 * An Active Directory model: domains (grouped into forests), the trusts between them, and their accounts —
 * users, computers, gMSAs and groups with nested memberships (cycles allowed, as AD allows them).
 *
 * @remarks
 * A directory is an immutable value; every list is sorted (domains by DNS name, accounts by domain then
 * sAMAccountName, trusts by trusting then trusted domain), so two directories built from the same
 * declarations in any order are equal. Look accounts up with {@link findAccount} and {@link accountBySid},
 * expand group memberships with {@link directoryGroups}, and ask whether one domain's accounts may use
 * another's resources with {@link trustPath}.
 * @example
 * ```ts
 * import { directory } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'user', samAccountName: 'billy', password: 'P@ss' }],
 * });
 * dir.domains.length;                                      // 1
 * dir.accounts.some((a) => a.samAccountName === 'billy');  // true
 * ```
 * @see MS-ADTS 3.1.1 (the directory model); MS-ADTS 6.1.6 (trusts)
 */
export interface Directory {
  /** The domains, sorted by DNS name. */
  readonly domains: readonly Domain[];
  /** The trusts, one value per direction, sorted by trusting then trusted domain. */
  readonly trusts: readonly Trust[];
  /** Every account, including each domain's built-in ones (Administrator, Guest, krbtgt, Domain Admins …). */
  readonly accounts: readonly Account[];
}

/**
 * Builds a {@link Directory} from declarations, adding what Windows creates in every domain: the built-in
 * accounts Administrator (500), Guest (501, disabled) and krbtgt (502, disabled), the groups Domain Admins,
 * Domain Users, Domain Guests, Domain Computers, Domain Controllers and Protected Users, and in the forest root
 * Schema Admins and Enterprise Admins (universal).
 *
 * @param init - domains, trusts and accounts
 * @returns a frozen, sorted directory
 * @throws TypeError - `directory: …` for a model error: no domain, an unknown domain or member name, two
 * accounts with the same name or SID
 * @example
 * ```ts
 * import { directory, findAccount } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'billy', rid: 1104, memberOf: ['Web Users'] },
 *     { kind: 'group', samAccountName: 'Web Users', rid: 1200 },
 *   ],
 * });
 * findAccount(dir, 'billy@corp.example')?.sid.text; // 'S-1-5-21-1-2-3-1104'
 * findAccount(dir, 'CORP\\Domain Admins')?.sid.text; // 'S-1-5-21-1-2-3-512'
 * ```
 * @see MS-ADTS 3.1.1; MS-DTYP 2.4.2.4 (well-known domain RIDs)
 */
export function directory(init: DirectoryInit): Directory {
  if (init.domains.length === 0) throw new TypeError('directory: at least one domain is required');
  // Domains and their forests, then the trusts those forests imply and those declared (MS-ADTS 6.1.6).
  const domains = buildDomains(init);
  const domainByName = domainsByName(domains);
  const resolveDomain = (name: string | undefined): Domain => {
    const d = name === undefined ? domains[0] : domainByName.get(name.toLowerCase());
    if (d === undefined) throw new TypeError(`directory: unknown domain "${name}"`);
    return d;
  };
  const trusts = buildTrusts(init.trusts ?? [], domains, resolveDomain);

  // Pass 1: every account's name and SID, built-ins included; pass 2: memberships; pass 3: the values.
  const drafts = draftAccounts(init.accounts ?? [], domains, resolveDomain);
  const resolveMember = memberResolver(drafts, domainByName);
  const memberships = buildMemberships(drafts, resolveMember);
  const accounts: Account[] = sortedByText(
    drafts.map((d) =>
      buildAccount(d, {
        memberships,
        resolveMember,
        forestRootSid: domainByName.get(d.domain.forest)?.sid ?? d.domain.sid,
      }),
    ),
    (a) => `${a.domain}\\${a.samAccountName}`,
  );

  const result: Directory = Object.freeze({
    domains: Object.freeze(domains),
    trusts: Object.freeze(trusts),
    accounts: Object.freeze(accounts),
  });
  indexDirectory(result, domainByName, memberships.memberOf);
  return result;
}
