import { findDomain } from '../directory/findDomain.js';
import type { Lsa } from './lsa.js';

/**
 * @internal The NetBIOS name of the machine's domain (`CORP`), or `undefined` for a workgroup machine or a domain
 * the directory lacks. Shared by the computer account's name (`CORP\WEB01$`) and the events' subject domain,
 * which fall back differently.
 */
export function netbiosDomainOf(lsa: Lsa): string | undefined {
  const { machine, directory } = lsa;
  if (machine.domain === null || directory === null) return undefined;
  return findDomain(directory, machine.domain)?.netbiosName;
}
