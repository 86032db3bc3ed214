import { appPoolSid, serviceSid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import type { CompiledService } from '../estate/compileEstate.js';

/**
 * @internal The identity a service's process runs as, as User Rights Assignment names it and by its SID: a domain
 * account (`CORP\svc-web`), a virtual account (`IIS APPPOOL\Sales` — its SID derived from the pool's name —,
 * `NT SERVICE\MSSQLSERVER`), NETWORK SERVICE or LOCAL SERVICE; `undefined` for SYSTEM, which holds every privilege
 * and needs no right granted.
 * @see "Service User Accounts", https://learn.microsoft.com/windows/win32/services/service-user-accounts;
 * "Application Pool Identities", https://learn.microsoft.com/iis/manage/configuring-security/application-pool-identities
 */
export function serviceHolder(
  service: CompiledService,
): { readonly name: string; readonly sid: string } | undefined {
  const id = service.identity;
  switch (id.kind) {
    case 'domain':
      return { name: id.logonName, sid: id.account.sid.text };
    case 'virtual': {
      const bare = id.logonName.slice(id.logonName.indexOf('\\') + 1);
      const sid = id.serviceName === null ? appPoolSid(bare) : serviceSid(id.serviceName);
      return { name: id.logonName, sid: sid.text };
    }
    default:
      if (id.which === 'SYSTEM') return undefined;
      return {
        name: id.logonName,
        sid: (id.which === 'NETWORK SERVICE'
          ? WELL_KNOWN_SIDS.NETWORK_SERVICE
          : WELL_KNOWN_SIDS.LOCAL_SERVICE
        ).sid.text,
      };
  }
}
