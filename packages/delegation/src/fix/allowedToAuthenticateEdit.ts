import {
  ACE_FLAGS,
  ace,
  formatSddl,
  type SecurityDescriptor,
  sddl,
  securityDescriptor,
} from '@doublehop/core-token';
import type { Directory, PrincipalAccount, PrincipalInit } from '@doublehop/logon';
import { findAccount, findDomain } from '@doublehop/logon';
import { ADS_RIGHT_DS_CONTROL_ACCESS } from '../kdc/pac.js';
import { ALLOWED_TO_AUTHENTICATE } from '../kdc/selectiveAuthentication.js';

/**
 * @internal The account's declaration with an allow object ACE granting `grantee` the Allowed-To-Authenticate
 * extended right (control access, objectType 68b1d179-…) in its nTSecurityDescriptor — the ACE
 * `dsacls "<DN>" /G "DOMAIN\user:CA;Allowed to Authenticate"` adds, and the one the KDC's selective-authentication
 * check looks for. Written as SDDL (the model stays plain data); placed before the first inherited ACE, where an
 * explicit ACE goes in canonical order; unchanged when such an ACE is already there.
 * @throws TypeError - `applyFix: …` for a grantee the directory does not have
 * @see MS-KILE 3.3.5.7.5; MS-ADTS 5.1.3.2.1 (control access rights), 6.1.1.2.7.41 Allowed-To-Authenticate; dsacls,
 * https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc787520(v=ws.10)
 */
export function withAllowedToAuthenticate(
  dir: Directory,
  account: PrincipalAccount,
  entry: PrincipalInit,
  grantee: string,
): PrincipalInit {
  const who = findAccount(dir, grantee, account.domain);
  if (who === undefined)
    throw new TypeError(`applyFix: the estate has no account named "${grantee}" to allow to authenticate`);
  const domain = findDomain(dir, account.domain);
  const context = {
    ...(domain === undefined ? {} : { domainSid: domain.sid }),
    ...(domain === undefined ? {} : { rootDomainSid: findDomain(dir, domain.forest)?.sid ?? domain.sid }),
  };
  const declared = entry.securityDescriptor;
  const current: SecurityDescriptor =
    declared === undefined
      ? account.securityDescriptor
      : typeof declared === 'string'
        ? sddl(declared, context)
        : declared;
  const dacl = current.dacl ?? [];
  const present = dacl.some(
    (x) =>
      x.type === 'ACCESS_ALLOWED_OBJECT' &&
      x.sid.text === who.sid.text &&
      x.objectType === ALLOWED_TO_AUTHENTICATE &&
      (x.mask & ADS_RIGHT_DS_CONTROL_ACCESS) !== 0,
  );
  if (present) return entry;
  const grant = ace('ACCESS_ALLOWED_OBJECT', who.sid, ADS_RIGHT_DS_CONTROL_ACCESS, {
    objectType: ALLOWED_TO_AUTHENTICATE,
  });
  const at = dacl.findIndex((x) => (x.flags & ACE_FLAGS.INHERITED_ACE) !== 0);
  const next = at < 0 ? [...dacl, grant] : [...dacl.slice(0, at), grant, ...dacl.slice(at)];
  const sd = securityDescriptor({
    owner: current.owner,
    group: current.group,
    dacl: next,
    sacl: current.sacl,
    control: current.control,
  });
  return { ...entry, securityDescriptor: formatSddl(sd, context) };
}
