import type { Sid } from '@doublehop/core-token';
import type { Directory } from '../directory/directory.js';
import { findAccount } from '../directory/findAccount.js';
import { findDomain } from '../directory/findDomain.js';
import type { MachineRole } from './userRights.js';

/** @internal What joining a domain gives a machine; every field `null` in a workgroup. */
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
 * @internal Resolves the domain a machine declaration joins (by DNS or NetBIOS name) in the directory, and the
 * machine's computer account `NAME$` there. Joining needs the directory because a member's default groups hold
 * the domain's SIDs (Domain Admins, Domain Users) and a DC's hold the forest root's (Enterprise Admins), so a
 * domain without a directory, an unknown domain, or a domain controller without a domain is a model error; a
 * missing computer account is not (a directory may model only part of the domain).
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
