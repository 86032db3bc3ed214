import type { Directory, PrincipalAccount } from '@doublehop/logon';
import { cmp } from '../estate/compileEstate.js';
import { HOST_ALIASES, lookupServer } from '../kdc/principals.js';

/**
 * @internal The service classes an account's `HOST/` SPNs stand for: those of the sPNMappings aliases (the KDC's own
 * table) for which the KDC resolves `class/host` to the account — every alias whose exact SPN no other account holds
 * (MS-DRSR 4.1.4.2.14 LookupSPN: the SPN itself first, the alias only when no account has it). A ticket for
 * `cifs/fs01` or `http/fs01` is then a ticket for the account holding `HOST/fs01`. Sorted; empty without a `HOST/`
 * SPN.
 * @see MS-DRSR 4.1.4.2.14 LookupSPN, 4.1.4.2.19 MapSPN; setspn ("a host SPN can substitute for any of the
 * mentioned SPNs")
 */
export function hostAliasClasses(dir: Directory, account: PrincipalAccount): readonly string[] {
  const hosts = account.servicePrincipalNames
    .filter((s) => s.toLowerCase().startsWith('host/'))
    .map((s) => s.slice('host/'.length));
  if (hosts.length === 0) return [];
  const resolves = (serviceClass: string): boolean =>
    hosts.some((h) => {
      const found = lookupServer(dir, `${serviceClass}/${h}`);
      return found.kind === 'found' && found.account.sid === account.sid;
    });
  return Object.freeze([...HOST_ALIASES].filter(resolves).sort(cmp));
}
