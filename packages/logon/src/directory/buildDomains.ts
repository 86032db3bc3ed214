import { parseSid, type Sid } from '@doublehop/core-token';
import { derivedDomainSid } from './derivedSid.js';
import type { DirectoryInit } from './directoryInit.js';
import { type Domain, type DomainInit, FUNCTIONAL_LEVELS } from './domain.js';
import { compareText } from './order.js';

/** Active Directory's default ms-DS-MachineAccountQuota ("Default limit to number of workstations a user can join to the domain"). */
const DEFAULT_MACHINE_ACCOUNT_QUOTA = 10;

/**
 * @internal The domains of a directory, sorted by DNS name, with the forest each belongs to: a child's forest
 * is its parent's, a tree root's the forest it names; an explicit parent-child or tree-root trust joins forests
 * too (the parent is the domain whose name the other ends with). NetBIOS names default to the first DNS label,
 * SIDs to one derived from the name, the functional level to 2016.
 * @see MS-ADTS 6.1.1.2.1 (domain NC), 6.1.6 (trusts: parent-child, tree-root); MS-ADTS 6.1.4.2 (functional levels)
 */
export function buildDomains(init: DirectoryInit): Domain[] {
  const byName = new Map<string, DomainInit>();
  for (const d of init.domains) {
    const key = d.dnsName.toLowerCase();
    if (byName.has(key)) throw new TypeError(`directory: domain "${d.dnsName}" is declared twice`);
    byName.set(key, d);
  }
  const parentOf = new Map<string, string>();
  const forestOf = new Map<string, string>();
  for (const d of init.domains) {
    if (d.parent !== undefined) parentOf.set(d.dnsName.toLowerCase(), d.parent.toLowerCase());
    if (d.forest !== undefined) forestOf.set(d.dnsName.toLowerCase(), d.forest.toLowerCase());
  }
  const netbios = (d: DomainInit): string =>
    (d.netbiosName ?? d.dnsName.split('.')[0] ?? d.dnsName).toUpperCase();
  const resolveName = (name: string): string | undefined => {
    const lower = name.toLowerCase();
    if (byName.has(lower)) return lower;
    return init.domains.find((d) => netbios(d).toLowerCase() === lower)?.dnsName.toLowerCase();
  };
  // Explicit intra-forest trusts join forests too: the parent is the domain whose name the other ends with.
  for (const t of init.trusts ?? []) {
    const a = resolveName(t.between[0]);
    const b = resolveName(t.between[1]);
    if (a === undefined || b === undefined) continue;
    if (t.type === 'parent-child') {
      if (a.endsWith(`.${b}`) && !parentOf.has(a)) parentOf.set(a, b);
      else if (b.endsWith(`.${a}`) && !parentOf.has(b)) parentOf.set(b, a);
    } else if (t.type === 'tree-root' && !forestOf.has(b) && !parentOf.has(b)) {
      forestOf.set(b, a);
    }
  }
  const rootOf = (name: string, seen = new Set<string>()): string => {
    if (seen.has(name)) throw new TypeError(`directory: domain "${name}" is its own ancestor`);
    seen.add(name);
    const forest = forestOf.get(name);
    if (forest !== undefined && forest !== name) return rootOf(forest, seen);
    const parent = parentOf.get(name);
    if (parent !== undefined) {
      if (!byName.has(parent)) throw new TypeError(`directory: unknown parent domain "${parent}"`);
      return rootOf(parent, seen);
    }
    return name;
  };
  const domains = init.domains.map((d): Domain => {
    const dnsName = d.dnsName.toLowerCase();
    let domainSid: Sid;
    if (d.sid === undefined) domainSid = derivedDomainSid(dnsName);
    else if (typeof d.sid === 'string') {
      const parsed = parseSid(d.sid);
      if (!parsed.ok) throw new TypeError(`directory: "${d.sid}" is not a valid domain SID`);
      domainSid = parsed.value;
    } else domainSid = d.sid;
    return Object.freeze({
      dnsName,
      netbiosName: netbios(d),
      sid: domainSid,
      functionalLevel: d.functionalLevel ?? FUNCTIONAL_LEVELS.WIN2016,
      forest: rootOf(dnsName),
      parent: parentOf.get(dnsName) ?? null,
      machineAccountQuota: d.machineAccountQuota ?? DEFAULT_MACHINE_ACCOUNT_QUOTA,
    });
  });
  return domains.sort((a, b) => compareText(a.dnsName, b.dnsName));
}
