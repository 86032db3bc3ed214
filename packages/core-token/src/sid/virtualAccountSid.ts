import { createHash } from 'node:crypto';
import { type Sid, sidFromComponents } from './sid.js';

/**
 * The SID of a virtual account: SHA-1 of the UTF-16LE name, read as five little-endian 32-bit
 * sub-authorities after the authority's own RID (80 for services, 82 for IIS application pools).
 */
function virtualAccountSid(authorityRid: number, name: string): Sid {
  const digest = createHash('sha1').update(Buffer.from(name, 'utf16le')).digest();
  const parts = [authorityRid];
  for (let i = 0; i < 20; i += 4) parts.push(digest.readUInt32LE(i));
  return sidFromComponents(5, parts);
}

/**
 * The service SID `NT SERVICE\<name>` (`S-1-5-80-…`) that Windows derives from a service's name, the
 * identity a service runs as when its SID type is unrestricted or restricted, and the account of a
 * "virtual account" service logon.
 *
 * @remarks
 * Windows hashes the service name in upper case, so `serviceSid('mssqlserver')` equals
 * `serviceSid('MSSQLSERVER')` — as `sc showsid` shows.
 * @param serviceName - the service's key name, e.g. `MSSQLSERVER`
 * @returns `S-1-5-80-h1-h2-h3-h4-h5`
 * @example
 * ```ts
 * import { serviceSid } from '@doublehop/core-token';
 *
 * serviceSid('MSSQLSERVER').text; // 'S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003'
 * ```
 * @see MS-DTYP 2.4.2.4 (SECURITY_SERVICE_ID_BASE_RID 80); "Service Accounts", learn.microsoft.com/windows/security/identity-protection/access-control/service-accounts
 */
export function serviceSid(serviceName: string): Sid {
  return virtualAccountSid(80, serviceName.toUpperCase());
}

/**
 * The SID of the IIS application pool identity `IIS AppPool\<name>` (`S-1-5-82-…`).
 *
 * @remarks
 * IIS hashes the pool name in lower case (so the result is the same whatever the case of the name);
 * the well-known `DefaultAppPool` SID is `S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415`.
 * @param appPoolName - the application pool's name, e.g. `DefaultAppPool`
 * @returns `S-1-5-82-h1-h2-h3-h4-h5`
 * @example
 * ```ts
 * import { appPoolSid } from '@doublehop/core-token';
 *
 * appPoolSid('DefaultAppPool').text; // 'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415'
 * ```
 * @see "Application Pool Identities", learn.microsoft.com/iis/manage/configuring-security/application-pool-identities
 */
export function appPoolSid(appPoolName: string): Sid {
  return virtualAccountSid(82, appPoolName.toLowerCase());
}
