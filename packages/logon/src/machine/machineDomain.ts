import type { Sid } from '@doublehop/core-token';
import type { Directory } from '../directory/directory.js';
import { findAccount } from '../directory/findAccount.js';
import { findDomain } from '../directory/findDomain.js';
import type { MachineRole } from './userRights.js';

/**
 * What joining a domain gives a machine; every field `null` in a workgroup.
 *
 * @example
 * ```ts
 * import type { MachineDomain } from '@doublehop/logon';
 *
 * const joined = (d: MachineDomain): boolean => d.dnsName !== null;
 * ```
 * @see {@link machineDomain}
 */
export interface MachineDomain {
  /** The domain's DNS name. */
  readonly dnsName: string | null;
  /** The domain SID. */
  readonly sid: Sid | null;
  /** The forest root domain's SID (Enterprise Admins lives there); `null` if the directory lacks it. */
  readonly forestRootSid: Sid | null;
  /** The computer account (`NAME$`), or `null` if the directory does not declare it. */
  readonly computerAccount: Sid | null;
}

/**
 * Resolves the domain a machine declaration joins (by DNS or NetBIOS name) in the directory, and the machine's
 * computer account `NAME$` there — what {@link machine} resolves, for a caller that needs no more of the machine.
 *
 * @remarks
 * Joining needs the directory because a member's default groups hold the domain's SIDs (Domain Admins, Domain
 * Users) and a DC's hold the forest root's (Enterprise Admins), so a domain without a directory, an unknown
 * domain, or a domain controller without a domain is a model error; a missing computer account is not (a
 * directory may model only part of the domain).
 * @param domain - the domain declared (DNS or NetBIOS name), or `undefined` for a workgroup machine
 * @param name - the computer name, upper case
 * @param role - the machine's role
 * @param dir - the directory
 * @returns the joined domain and the computer account, or nulls in a workgroup
 * @throws TypeError - `machine: …` for a domain without a directory, an unknown domain, or a domain controller
 * without a domain
 * @example
 * ```ts
 * import { directory, machineDomain } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'WEB01' }],
 * });
 * machineDomain('CORP', 'WEB01', 'server', dir).dnsName;                      // 'corp.example'
 * machineDomain('CORP', 'WEB01', 'server', dir).computerAccount !== null;     // true
 * machineDomain(undefined, 'LAB', 'workstation', dir).computerAccount;        // null
 * ```
 * @see MS-ADTS 6.1.1.2.1 (domain naming); "Active Directory security groups",
 * https://learn.microsoft.com/windows-server/identity/ad-ds/manage/understand-security-groups
 */
export function machineDomain(
  domain: string | undefined,
  name: string,
  role: MachineRole,
  dir: Directory | undefined,
): MachineDomain {
  let joined: MachineDomain = { dnsName: null, sid: null, forestRootSid: null, computerAccount: null };
  if (domain !== undefined) {
    if (dir === undefined)
      throw new TypeError(`machine: "${name}" is joined to a domain; pass the directory`);
    const found = findDomain(dir, domain);
    if (found === undefined) throw new TypeError(`machine: unknown domain "${domain}"`);
    joined = {
      dnsName: found.dnsName,
      sid: found.sid,
      forestRootSid: findDomain(dir, found.forest)?.sid ?? null,
      computerAccount: findAccount(dir, `${found.dnsName}\\${name}$`)?.sid ?? null,
    };
  }
  if (role === 'domainController' && joined.sid === null) {
    throw new TypeError(`machine: domain controller "${name}" needs a domain`);
  }
  return joined;
}
