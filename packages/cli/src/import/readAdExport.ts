import {
  type Ace,
  formatSddl,
  parseSddl,
  type SecurityDescriptor,
  securityDescriptor,
  sid as sidFromText,
} from '@doublehop/core-token';
import { DELEGATION_ATTRIBUTES } from '@doublehop/logon';
import { NETBIOS_NAME_PATTERN } from '../directory/directorySchema.js';
import {
  type DirectoryFacts,
  domainOfSid,
  isSid,
  noteBuiltinGroup,
  type ObjectFacts,
} from './directoryFacts.js';
import { fail, type ImportWarning } from './importProblems.js';
import { field, isObject, type JsonObject, Reader } from './jsonFields.js';
import { ldapObjectFacts } from './ldapObjectFacts.js';
import { isPrivilegedPrincipal } from './modelFromFacts.js';
import { normalizeSid, noteDomain } from './readSharpHound.js';
import { trustFromAttributes } from './trustFromAttributes.js';

/** @internal The `format` value of the file `collect/Collect-Doublehop.ps1` writes. */
export const AD_EXPORT_FORMAT = 'doublehop-ad-export';

/** @internal Whether parsed JSON is the export of `Collect-Doublehop.ps1`. */
export function isAdExport(json: unknown): json is JsonObject {
  return isObject(json) && field(json, 'format') === AD_EXPORT_FORMAT;
}

// DomainMode as Get-ADDomain writes it, to msDS-Behavior-Version (MS-ADTS 6.1.4.2).
const DOMAIN_MODES: Readonly<Record<string, number>> = {
  windows2000domain: 0,
  windows2003interimdomain: 1,
  windows2003domain: 2,
  windows2008domain: 3,
  windows2008r2domain: 4,
  windows2012domain: 5,
  windows2012r2domain: 6,
  windows2016domain: 7,
  windows2025domain: 10,
};

// The rights that write an object's delegation settings (MS-ADTS 5.1.3.2; MS-DTYP 2.4.3): WriteProperty,
// the validated write (Self), GenericWrite, GenericAll, WriteDAC, WriteOwner.
const WRITE_MASK = 0x20 | 0x8 | 0x40000000 | 0x10000000 | 0x40000 | 0x80000;
// What they may be limited to: the attributes and the property set that configure delegation.
const DELEGATION_OBJECT_TYPES: ReadonlySet<string> = new Set(Object.values(DELEGATION_ATTRIBUTES));

/**
 * @internal Reads the export of `collect/Collect-Doublehop.ps1` (Get-ADDomain, Get-ADTrust, Get-ADUser,
 * Get-ADComputer, Get-ADServiceAccount and Get-ADGroup, written with ConvertTo-Json) into `facts`. Unlike
 * SharpHound it carries the descriptors themselves: msDS-AllowedToActOnBehalfOfOtherIdentity as SDDL, which the
 * engine decides with core-token's access check (deny ACEs and access masks count), and nTSecurityDescriptor, of
 * which the ACEs that let a non-privileged principal write delegation settings — allow and deny — are kept.
 */
export function readAdExport(
  file: string,
  json: JsonObject,
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): { readonly collected: string | null } {
  const root = new Reader(file, json);
  const version = root.integer('version');
  if (version !== 1) {
    fail(
      'unsupported-version',
      file,
      'version',
      `version ${String(version)} of the export is not read`,
      'version 1',
    );
  }
  const domains = root.objects('domains');
  if (domains.length === 0) {
    fail('invalid-value', file, 'domains', 'the export holds no domain', 'a list of domains');
  }
  for (const d of domains) readDomain(d, facts, warn);
  return { collected: root.string('collected') ?? null };
}

function readDomain(d: Reader, facts: DirectoryFacts, warn: (w: ImportWarning) => void): void {
  const dnsName = d.string('DNSRoot')?.toLowerCase();
  const sid = normalizeSid(d.string('DomainSID') ?? '');
  if (dnsName === undefined || domainOfSid(`${sid}-1`) === undefined) {
    fail(
      'invalid-value',
      d.file,
      `${d.path}.DomainSID`,
      'a domain needs DNSRoot and DomainSID',
      'the DNS name and SID of the domain',
    );
  }
  noteDomain(facts, sid, dnsName, true);
  const domain = facts.domains.get(sid);
  if (domain === undefined) {
    warn({
      code: 'unnamed-object',
      file: d.file,
      path: d.path,
      message: `${dnsName} is not a DNS domain name; the domain is left out`,
    });
    return;
  }
  const mode = d.stringOrInteger('DomainMode');
  domain.functionalLevel =
    typeof mode === 'number' ? mode : mode === undefined ? undefined : DOMAIN_MODES[mode.toLowerCase()];
  domain.machineAccountQuota = d.integer('MachineAccountQuota');
  const netbios = d.string('NetBIOSName');
  if (netbios !== undefined && NETBIOS_NAME_PATTERN.test(netbios)) {
    domain.netbiosName = netbios;
  } else if (netbios !== undefined) {
    warn({
      code: 'dropped-value',
      file: d.file,
      path: `${d.path}.NetBIOSName`,
      message: `"${netbios}" is not a NetBIOS name (1 to 15 characters, no spaces); the name is derived from ${dnsName}`,
    });
  }
  // Windows 2000 and later: EA (519) exists in the forest root only.
  if (d.boolean('IsForestRoot') === true) facts.forestRoots.add(sid);

  for (const t of d.objects('Trusts')) readTrust(t, dnsName, facts, warn);

  // Members are written as distinguished names (Get-ADGroup's `member`): resolved against every object's DN.
  const byDn = new Map<string, string>();
  const groups: { reader: Reader; sid: string; members: readonly string[] }[] = [];
  for (const [key, kind] of [
    ['Users', 'user'],
    ['Computers', 'computer'],
    ['ServiceAccounts', 'gmsa'],
    ['Groups', 'group'],
  ] as const) {
    for (const o of d.objects(key)) {
      // The domain's BUILTIN groups (S-1-5-32-…) are its domain controllers' local groups.
      const builtin = kind === 'group' ? normalizeSid(o.string('ObjectSid') ?? '') : '';
      if (builtin.startsWith('S-1-5-32-') && isSid(builtin)) {
        groups.push({ reader: o, sid: builtin, members: o.strings('Members') });
        continue;
      }
      const object = readObject(o, kind, sid, facts, warn);
      if (object === undefined) continue;
      const dn = o.string('DistinguishedName');
      if (dn !== undefined) byDn.set(dn.toLowerCase(), object.sid);
      if (kind === 'group') groups.push({ reader: o, sid: object.sid, members: o.strings('Members') });
    }
  }
  for (const g of groups) {
    const group = facts.objects.get(g.sid);
    if (group === undefined && !g.sid.startsWith('S-1-5-32-')) continue;
    const members = g.members.map((dn) => {
      const known = byDn.get(dn.toLowerCase());
      if (known !== undefined) return known;
      // A foreign security principal is named by its SID (CN=S-1-5-21-…,CN=ForeignSecurityPrincipals,…).
      const fsp = /^CN=(S-1-[0-9-]+),CN=ForeignSecurityPrincipals,/i.exec(dn);
      return fsp === null ? dn : normalizeSid(fsp[1] as string);
    });
    if (group === undefined)
      noteBuiltinGroup(facts, dnsName, g.sid, members, g.reader.file, `${g.reader.path}.Members`);
    else facts.objects.set(g.sid, { ...group, members });
  }
}

function readTrust(t: Reader, self: string, facts: DirectoryFacts, warn: (w: ImportWarning) => void): void {
  const direction = t.string('Direction')?.toLowerCase();
  trustFromAttributes(
    {
      self,
      target: t.string('Target'),
      direction:
        direction === 'inbound' ||
        direction === 'outbound' ||
        direction === 'bidirectional' ||
        direction === 'disabled'
          ? direction
          : undefined,
      trustType: t.string('TrustType')?.toLowerCase(),
      attributes: t.integer('TrustAttributes') ?? 0,
      treeRoot: t.boolean('IsTreeRoot'),
      file: t.file,
      path: t.path,
    },
    facts,
    warn,
  );
}

function readObject(
  o: Reader,
  kind: 'user' | 'computer' | 'gmsa' | 'group',
  domainSid: string,
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): ObjectFacts | undefined {
  const sid = normalizeSid(o.string('ObjectSid') ?? '');
  const name = o.string('SamAccountName');
  if (domainOfSid(sid) !== domainSid || !isSid(sid) || name === undefined) {
    warn({
      code: 'unnamed-object',
      file: o.file,
      path: o.path,
      message: 'an object without SamAccountName or a SID of its domain is left out',
    });
    return undefined;
  }
  const uac = o.integer('UserAccountControl') ?? 0;
  const primaryGroupId = o.integer('PrimaryGroupID');
  const sddl = (key: string): SecurityDescriptor | undefined => {
    const text = o.string(key);
    if (text === undefined) return undefined;
    // Domain aliases (DA, DU …) resolve in the object's domain; EA and SA, of the forest root, are privileged
    // and left out whichever domain they resolve in.
    const domain = sidFromText(domainSid);
    const parsed = parseSddl(text, { domainSid: domain, rootDomainSid: domain });
    if (parsed.ok) return parsed.value;
    warn({
      code: 'dropped-value',
      file: o.file,
      path: `${o.path}.${key}`,
      message: `${name}: ${key} is not SDDL (${parsed.error.expected} expected at ${parsed.error.offset}); it is left out`,
    });
    return undefined;
  };
  const rbcd = kind === 'group' ? undefined : sddl('msDS-AllowedToActOnBehalfOfOtherIdentity');
  const object = ldapObjectFacts({
    sid,
    kind,
    domainSid,
    samAccountName: name,
    userAccountControl: uac,
    disabled: o.boolean('Enabled') === false,
    primaryGroupId,
    servicePrincipalNames: o.strings('ServicePrincipalName'),
    allowedToDelegateTo: o.strings('msDS-AllowedToDelegateTo'),
    allowedToActSddl: rbcd === undefined ? undefined : withDacl(rbcd),
    operatingSystem: o.string('OperatingSystem'),
    writeDescriptor: delegationDescriptor(sddl('nTSecurityDescriptor')),
    file: o.file,
    path: o.path,
  });

  if (facts.objects.has(sid)) {
    warn({
      code: 'duplicate-name',
      file: o.file,
      path: o.path,
      message: `${sid} (${name}) is in the export twice; this copy is left out`,
    });
    return undefined;
  }
  facts.objects.set(sid, object);
  return object;
}

/**
 * The part of an object's security descriptor that decides who may configure delegation on it: the ACEs — allow
 * and deny, in their order — of principals outside the privileged groups whose rights write delegation settings,
 * and the owner (who may always rewrite the DACL, MS-DTYP 2.5.3.2) when it is not privileged. SDDL, or
 * `undefined` when nothing is left.
 */
function delegationDescriptor(sd: SecurityDescriptor | undefined): string | undefined {
  if (sd === undefined) return undefined;
  // No DACL at all grants every right to everyone (MS-DTYP 2.4.6): kept as it is.
  if (sd.dacl === null) return withDacl(sd);
  const kept = (sd.dacl ?? []).filter(
    (ace: Ace) =>
      !isPrivilegedPrincipal(ace.sid.text) &&
      (ace.type === 'ACCESS_ALLOWED' ||
        ace.type === 'ACCESS_DENIED' ||
        ace.type === 'ACCESS_ALLOWED_OBJECT' ||
        ace.type === 'ACCESS_DENIED_OBJECT') &&
      (ace.mask & WRITE_MASK) !== 0 &&
      (ace.objectType === null || DELEGATION_OBJECT_TYPES.has(ace.objectType.toLowerCase())),
  );
  const ownerMatters = sd.owner !== null && !isPrivilegedPrincipal(sd.owner.text);
  if (kept.length === 0 && !ownerMatters) return undefined;
  return formatSddl(securityDescriptor({ owner: sd.owner, dacl: kept }), { aliases: false });
}

/**
 * A descriptor as SDDL that always states its DACL: one without a DACL (an empty SDDL string, or none after
 * `D:`) grants everyone every right, as a NULL DACL does (MS-DTYP 2.4.6), and is written `D:NO_ACCESS_CONTROL`.
 */
/** @internal */
export function withDacl(sd: SecurityDescriptor): string {
  const text = formatSddl(sd, { aliases: false });
  return sd.dacl === null && !text.includes('D:') ? `${text}D:NO_ACCESS_CONTROL` : text;
}
