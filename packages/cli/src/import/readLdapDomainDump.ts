import { parseSecurityDescriptorBytes } from '@doublehop/core-token';
import { type DirectoryFacts, domainOfSid, isSid, noteBuiltinGroup } from './directoryFacts.js';
import { fail, type ImportWarning } from './importProblems.js';
import { isObject, type JsonObject } from './jsonFields.js';
import { ldapObjectFacts } from './ldapObjectFacts.js';
import { withDacl } from './readAdExport.js';
import { normalizeSid, noteDomain } from './readSharpHound.js';
import { trustFromAttributes } from './trustFromAttributes.js';

/**
 * @internal Whether parsed JSON is a file of ldapdomaindump (domain_users.json, domain_computers.json,
 * domain_groups.json, domain_trusts.json, domain_policy.json): a list of entries `{ "attributes": { name: [values] },
 * "dn": … }`, as ldap3 writes them.
 */
export function isLdapDomainDump(json: unknown): json is unknown[] {
  if (!Array.isArray(json) || json.length === 0) return false;
  const first = json[0];
  return isObject(first) && isObject(first['attributes']) && typeof first['dn'] === 'string';
}

const TRUST_DIRECTIONS = ['disabled', 'inbound', 'outbound', 'bidirectional'] as const;
const TRUST_TYPES = ['', 'downlevel', 'uplevel', 'mit', 'dce'];

/**
 * @internal Reads one ldapdomaindump file into `facts`: users, computers, managed service accounts and groups
 * (by `objectClass`), trusted-domain objects and the domain object. Values are attribute lists; a binary value is
 * a string (ldap3 could decode it as UTF-8) or `{ "encoding": "base64", "encoded": … }` (ldap3's `format_json`).
 * msDS-AllowedToActOnBehalfOfOtherIdentity — a binary self-relative security descriptor — is read with
 * core-token's `parseSecurityDescriptorBytes` and kept as SDDL, so the engine's access check decides it.
 */
export function readLdapDomainDump(
  file: string,
  entries: readonly unknown[],
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): { readonly objects: number } {
  const groups: { sid: string; members: readonly string[] }[] = [];
  const byDn = new Map<string, string>();
  let objects = 0;
  entries.forEach((entry, i) => {
    const path = `[${i}]`;
    if (!isObject(entry) || !isObject(entry['attributes'])) {
      fail(
        'invalid-value',
        file,
        path,
        `entry ${i} has no "attributes" object`,
        'an ldap3 entry { "attributes", "dn" }',
      );
    }
    const attributes = entry['attributes'] as JsonObject;
    const dn =
      typeof entry['dn'] === 'string' ? entry['dn'] : first(attributes, 'distinguishedName', file, path);
    const classes = strings(attributes, 'objectClass', file, path).map((c) => c.toLowerCase());
    const dns = typeof dn === 'string' ? dnsOfDn(dn) : undefined;
    if (classes.includes('trusteddomain')) {
      if (dns === undefined) return;
      const direction = integer(attributes, 'trustDirection', file, path);
      trustFromAttributes(
        {
          self: dns,
          target: stringValue(attributes, 'trustPartner', file, path),
          direction: direction === undefined ? undefined : TRUST_DIRECTIONS[direction],
          trustType: TRUST_TYPES[integer(attributes, 'trustType', file, path) ?? 0],
          attributes: integer(attributes, 'trustAttributes', file, path) ?? 0,
          file,
          path,
        },
        facts,
        warn,
      );
      return;
    }
    const sid = sidValue(attributes, 'objectSid', file, path);
    if (sid === undefined || dns === undefined) {
      warn({
        code: 'unnamed-object',
        file,
        path,
        message: 'an entry without objectSid or a DN with DC= parts is left out',
      });
      return;
    }
    if (classes.includes('domaindns') || classes.includes('domain')) {
      noteDomain(facts, sid, dns, true);
      const domain = facts.domains.get(sid);
      if (domain !== undefined) {
        domain.functionalLevel =
          integer(attributes, 'msDS-Behavior-Version', file, path) ?? domain.functionalLevel;
        domain.machineAccountQuota = integer(attributes, 'ms-DS-MachineAccountQuota', file, path);
      }
      return;
    }
    const domainSid = domainOfSid(sid);
    if (sid.startsWith('S-1-5-32-') && classes.includes('group')) {
      // A BUILTIN group of the domain: its domain controllers' local group (members resolved below).
      noteBuiltinGroup(
        facts,
        dns,
        sid,
        strings(attributes, 'member', file, path),
        file,
        `${path}.attributes.member`,
      );
      return;
    }
    const name = stringValue(attributes, 'sAMAccountName', file, path);
    if (domainSid === undefined || name === undefined) return;
    noteDomain(facts, domainSid, dns, true);
    const kind = classes.includes('group')
      ? 'group'
      : classes.includes('msds-groupmanagedserviceaccount') || classes.includes('msds-managedserviceaccount')
        ? 'gmsa'
        : classes.includes('computer')
          ? 'computer'
          : 'user';
    const uac = integer(attributes, 'userAccountControl', file, path) ?? 0;
    const primaryGroupId = integer(attributes, 'primaryGroupID', file, path);
    let rbcd: string | undefined;
    const descriptor = binaryValue(attributes, 'msDS-AllowedToActOnBehalfOfOtherIdentity', file, path);
    if (descriptor !== undefined) {
      const parsed = parseSecurityDescriptorBytes(descriptor);
      if (parsed.ok) rbcd = withDacl(parsed.value);
      else {
        warn({
          code: 'dropped-value',
          file,
          path: `${path}.attributes.msDS-AllowedToActOnBehalfOfOtherIdentity`,
          message: `${name}: the RBCD descriptor cannot be read (${parsed.error.message}); it is left out`,
        });
      }
    }
    const object = ldapObjectFacts({
      sid,
      kind,
      domainSid,
      samAccountName: name,
      userAccountControl: uac,
      primaryGroupId,
      servicePrincipalNames: strings(attributes, 'servicePrincipalName', file, path),
      allowedToDelegateTo: strings(attributes, 'msDS-AllowedToDelegateTo', file, path),
      allowedToActSddl: rbcd,
      operatingSystem: stringValue(attributes, 'operatingSystem', file, path),
      writeDescriptor: undefined,
      file,
      path,
    });

    if (facts.objects.has(sid)) {
      warn({
        code: 'duplicate-name',
        file,
        path,
        message: `${sid} (${name}) was already read; this copy is left out`,
      });
      return;
    }
    facts.objects.set(sid, object);
    objects++;
    if (typeof dn === 'string') byDn.set(dn.toLowerCase(), sid);
    if (kind === 'group') groups.push({ sid, members: strings(attributes, 'member', file, path) });
  });
  // Members are distinguished names; those of other files resolve once every file is read (see resolveMembers).
  for (const g of groups) {
    const group = facts.objects.get(g.sid);
    if (group !== undefined)
      facts.objects.set(g.sid, {
        ...group,
        members: g.members.map((dn) => byDn.get(dn.toLowerCase()) ?? dn),
      });
  }
  facts.distinguishedNames ??= new Map();
  for (const [dn, sid] of byDn) facts.distinguishedNames.set(dn, sid);
  return { objects };
}

/**
 * @internal Resolves the members still written as distinguished names (a group's members read before the file
 * of their objects): by the objects' DNs, a foreign security principal by the SID of its CN.
 */
export function resolveMembers(facts: DirectoryFacts): void {
  const byDn = facts.distinguishedNames;
  if (byDn === undefined) return;
  const resolve = (m: string) => {
    const known = byDn.get(m.toLowerCase());
    if (known !== undefined) return known;
    const fsp = /^CN=(S-1-[0-9-]+),CN=ForeignSecurityPrincipals,/i.exec(m);
    return fsp === null ? m : normalizeSid(fsp[1] as string);
  };
  for (const [sid, o] of facts.objects) {
    if (o.kind !== 'group' || !o.members.some((m) => /^cn=/i.test(m))) continue;
    facts.objects.set(sid, { ...o, members: o.members.map(resolve) });
  }
  for (const groups of facts.builtinMembers.values()) {
    for (const [sid, g] of groups) groups.set(sid, { ...g, members: g.members.map(resolve) });
  }
}

/** `CN=alice,CN=Users,DC=corp,DC=example` → `corp.example`. */
function dnsOfDn(dn: string): string | undefined {
  const parts = dn
    .split(/,(?=\s*DC=)/i)
    .slice(1)
    .map((p) => /^\s*DC=(.+)$/i.exec(p)?.[1]);
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  return parts.join('.').toLowerCase();
}

function values(attributes: JsonObject, key: string): unknown[] {
  const v = Object.hasOwn(attributes, key)
    ? attributes[key]
    : Object.entries(attributes).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function first(attributes: JsonObject, key: string, file: string, path: string): unknown {
  const v = values(attributes, key);
  if (v.length > 1 && key !== 'objectClass') {
    fail('invalid-value', file, `${path}.attributes.${key}`, `${key} has ${v.length} values`, 'one value');
  }
  return v[0];
}

function stringValue(attributes: JsonObject, key: string, file: string, path: string): string | undefined {
  const v = first(attributes, key, file, path);
  if (v === undefined) return undefined;
  if (typeof v !== 'string')
    fail('invalid-value', file, `${path}.attributes.${key}`, `${key} is not a string`, 'a string');
  return v;
}

function strings(attributes: JsonObject, key: string, file: string, path: string): string[] {
  const v = values(attributes, key);
  for (const x of v) {
    if (typeof x !== 'string')
      fail(
        'invalid-value',
        file,
        `${path}.attributes.${key}`,
        `${key} holds a value that is not a string`,
        'strings',
      );
  }
  return v as string[];
}

function integer(attributes: JsonObject, key: string, file: string, path: string): number | undefined {
  const v = first(attributes, key, file, path);
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    fail(
      'invalid-value',
      file,
      `${path}.attributes.${key}`,
      `${key} is not a whole number`,
      'a whole number',
    );
  }
  // userAccountControl and trustAttributes are 32-bit: ldap3 may give them signed.
  return n < 0 ? n >>> 0 : n;
}

/** A binary value: ldap3's `{ "encoding": "base64", "encoded" }`, or the string it decoded as UTF-8. */
function binaryValue(
  attributes: JsonObject,
  key: string,
  file: string,
  path: string,
): Uint8Array | undefined {
  const v = first(attributes, key, file, path);
  if (v === undefined) return undefined;
  if (typeof v === 'string') return new TextEncoder().encode(v);
  if (isObject(v) && v['encoding'] === 'base64' && typeof v['encoded'] === 'string') {
    return Uint8Array.from(Buffer.from(v['encoded'], 'base64'));
  }
  return fail(
    'invalid-value',
    file,
    `${path}.attributes.${key}`,
    `${key} is neither a string nor base64`,
    '{ "encoding": "base64", "encoded": … }',
  );
}

/** objectSid: the SID text ldap3 writes, or its binary form (MS-DTYP 2.4.2.2). */
function sidValue(attributes: JsonObject, key: string, file: string, path: string): string | undefined {
  const v = first(attributes, key, file, path);
  if (typeof v === 'string' && /^S-1-/i.test(v)) return isSid(normalizeSid(v)) ? normalizeSid(v) : undefined;
  const bytes = binaryValue(attributes, key, file, path);
  if (bytes === undefined || bytes.length < 8 || bytes[0] !== 1) return undefined;
  const count = bytes[1] as number;
  if (bytes.length !== 8 + 4 * count) return undefined;
  let authority = 0;
  for (let i = 0; i < 6; i++) authority = authority * 256 + (bytes[2 + i] as number);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = ['S', '1', String(authority)];
  for (let i = 0; i < count; i++) parts.push(String(view.getUint32(8 + 4 * i, true)));
  const text = parts.join('-');
  return isSid(text) ? text : undefined;
}
