import { type Directory, findDomain } from '@doublehop/logon';
import { hopAllowsTgtDelegation, referralPath } from '../kdc/referrals/crossRealm.js';

/**
 * @internal Whether a user of `userDomain` can forward a TGT to a service account of `serviceDomain`: every trust
 * the referrals cross lets OK-AS-DELEGATE through (inside a forest always; across a forest trust only with TGT
 * delegation enabled; never across a quarantined external trust) — the KDC's own rule. Answered once per pair of
 * domains.
 * @see MS-KILE 3.3.5.7.5; KB4490425 "Updates to TGT delegation across incoming trusts in Windows Server"
 */
export function tgtDelegationReach(dir: Directory): (userDomain: string, serviceDomain: string) => boolean {
  const known = new Map<string, boolean>();
  return (userDomain, serviceDomain) => {
    const key = `${userDomain}>${serviceDomain}`;
    let reaches = known.get(key);
    if (reaches === undefined) {
      const from = findDomain(dir, userDomain);
      const to = findDomain(dir, serviceDomain);
      const path = from === undefined || to === undefined ? undefined : referralPath(dir, from, to);
      reaches = path?.every(hopAllowsTgtDelegation) ?? false;
      known.set(key, reaches);
    }
    return reaches;
  };
}
