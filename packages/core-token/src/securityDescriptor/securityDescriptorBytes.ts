import { type ParseError, parseError } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { parseSid, type Sid } from '../sid/sid.js';
import { type Ace, type AceType, type Acl, ace } from './ace.js';
import { SD_CONTROL, type SecurityDescriptor, securityDescriptor } from './securityDescriptor.js';

// AceType byte values (MS-DTYP 2.4.4.1) of the ACEs carried without application data.
const TYPE_CODES: Readonly<Partial<Record<AceType, number>>> = {
  ACCESS_ALLOWED: 0x00,
  ACCESS_DENIED: 0x01,
  SYSTEM_AUDIT: 0x02,
  SYSTEM_ALARM: 0x03,
  ACCESS_ALLOWED_OBJECT: 0x05,
  ACCESS_DENIED_OBJECT: 0x06,
  SYSTEM_AUDIT_OBJECT: 0x07,
  SYSTEM_ALARM_OBJECT: 0x08,
  SYSTEM_MANDATORY_LABEL: 0x11,
};
const TYPES_BY_CODE = new Map(Object.entries(TYPE_CODES).map(([t, c]) => [c as number, t as AceType]));
const OBJECT_TYPES: ReadonlySet<AceType> = new Set([
  'ACCESS_ALLOWED_OBJECT',
  'ACCESS_DENIED_OBJECT',
  'SYSTEM_AUDIT_OBJECT',
  'SYSTEM_ALARM_OBJECT',
]);
// ACCESS_ALLOWED_OBJECT_ACE.Flags (MS-DTYP 2.4.4.3).
const ACE_OBJECT_TYPE_PRESENT = 0x1;
const ACE_INHERITED_OBJECT_TYPE_PRESENT = 0x2;

/**
 * Reads a security descriptor in its binary self-relative form (MS-DTYP 2.4.6) — what LDAP returns for
 * nTSecurityDescriptor and msDS-AllowedToActOnBehalfOfOtherIdentity, and what tools such as ldapdomaindump write
 * base64-encoded: the header, the owner and group SIDs (2.4.2.2), and the SACL and DACL (2.4.5) with their ACEs
 * (2.4.4) — allow, deny, audit and alarm, their object variants, and mandatory labels. A NULL DACL (SE_DACL_PRESENT
 * with no DACL) stays one.
 *
 * @param bytes - the descriptor
 * @returns the descriptor, or a {@link ParseError} whose `input` is the bytes in hexadecimal (so `offset` is twice
 *   the byte offset): ERROR_INVALID_SECURITY_DESCR for a bad header or an offset outside the buffer,
 *   ERROR_INVALID_ACL for a bad ACL or ACE (including ACE types with application data, which it does not read),
 *   ERROR_INVALID_SID for a bad SID
 * @example
 * ```ts
 * import { formatSddl, parseSddl, parseSecurityDescriptorBytes, securityDescriptorBytes } from '@doublehop/core-token';
 *
 * const sd = parseSddl('O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)');
 * const bytes = sd.ok ? securityDescriptorBytes(sd.value) : new Uint8Array();
 * bytes.length;                                                           // 80
 * const back = parseSecurityDescriptorBytes(bytes);
 * back.ok && formatSddl(back.value);  // 'O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)'
 * ```
 * @see MS-DTYP 2.4.6 SECURITY_DESCRIPTOR, 2.4.5 ACL, 2.4.4 ACE, 2.4.2.2 SID
 */
export function parseSecurityDescriptorBytes(bytes: Uint8Array): Result<SecurityDescriptor, ParseError> {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('parseSecurityDescriptorBytes: expected a Uint8Array');
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (code: ParseError['code'], at: number, expected: string) =>
    err(parseError(code, hex, at * 2, expected, 2));
  if (bytes.length < 20) return fail('ERROR_INVALID_SECURITY_DESCR', bytes.length, 'a 20-byte header');
  if (bytes[0] !== 1) return fail('ERROR_INVALID_SECURITY_DESCR', 0, 'revision 1');
  const control = view.getUint16(2, true);
  if ((control & SD_CONTROL.SE_SELF_RELATIVE) === 0) {
    return fail('ERROR_INVALID_SECURITY_DESCR', 2, 'SE_SELF_RELATIVE (a self-relative descriptor)');
  }
  const [ownerAt, groupAt, saclAt, daclAt] = [4, 8, 12, 16].map((o) => view.getUint32(o, true)) as [
    number,
    number,
    number,
    number,
  ];

  const readSid = (at: number): Result<{ sid: Sid; end: number }, ParseError> => {
    if (at + 8 > bytes.length) return fail('ERROR_INVALID_SID', at, 'a SID within the buffer');
    if (bytes[at] !== 1) return fail('ERROR_INVALID_SID', at, 'SID revision 1');
    const count = bytes[at + 1] as number;
    if (count > 15) return fail('ERROR_INVALID_SID', at + 1, 'at most 15 sub-authorities');
    const end = at + 8 + 4 * count;
    if (end > bytes.length) return fail('ERROR_INVALID_SID', at, 'a SID within the buffer');
    let authority = 0;
    for (let i = 0; i < 6; i++) authority = authority * 256 + (bytes[at + 2 + i] as number);
    const parts = ['S', '1', String(authority)];
    for (let i = 0; i < count; i++) parts.push(String(view.getUint32(at + 8 + 4 * i, true)));
    const parsed = parseSid(parts.join('-'));
    if (!parsed.ok) return fail('ERROR_INVALID_SID', at, parsed.error.expected);
    return ok({ sid: parsed.value, end });
  };

  const readAcl = (at: number): Result<Acl, ParseError> => {
    if (at + 8 > bytes.length) return fail('ERROR_INVALID_ACL', at, 'an ACL header within the buffer');
    const revision = bytes[at] as number;
    if (revision !== 2 && revision !== 4) return fail('ERROR_INVALID_ACL', at, 'ACL revision 2 or 4');
    const size = view.getUint16(at + 2, true);
    const count = view.getUint16(at + 4, true);
    if (size < 8 || at + size > bytes.length)
      return fail('ERROR_INVALID_ACL', at + 2, 'an AclSize within the buffer');
    const aces: Ace[] = [];
    let p = at + 8;
    for (let k = 0; k < count; k++) {
      if (p + 4 > at + size) return fail('ERROR_INVALID_ACL', p, 'an ACE within the ACL');
      const type = TYPES_BY_CODE.get(bytes[p] as number);
      const flags = bytes[p + 1] as number;
      const aceSize = view.getUint16(p + 2, true);
      if (aceSize < 16 || aceSize % 4 !== 0 || p + aceSize > at + size) {
        return fail('ERROR_INVALID_ACL', p + 2, 'an AceSize of at least 16, a multiple of 4, within the ACL');
      }
      if (type === undefined) {
        return fail(
          'ERROR_INVALID_ACL',
          p,
          'an allow, deny, audit, alarm or mandatory label ACE (type 0-3, 5-8 or 0x11)',
        );
      }
      const mask = view.getUint32(p + 4, true);
      let q = p + 8;
      let objectType: string | null = null;
      let inheritedObjectType: string | null = null;
      if (OBJECT_TYPES.has(type)) {
        const present = view.getUint32(q, true);
        q += 4;
        for (const bit of [ACE_OBJECT_TYPE_PRESENT, ACE_INHERITED_OBJECT_TYPE_PRESENT]) {
          if ((present & bit) === 0) continue;
          if (q + 16 > p + aceSize)
            return fail('ERROR_INVALID_ACL', p + 2, 'an AceSize that holds the object types');
          if (bit === ACE_OBJECT_TYPE_PRESENT) objectType = guidText(bytes, q);
          else inheritedObjectType = guidText(bytes, q);
          q += 16;
        }
      }
      const s = readSid(q);
      if (!s.ok) return s;
      if (s.value.end > p + aceSize) return fail('ERROR_INVALID_ACL', p + 2, 'an AceSize that holds the SID');
      aces.push(ace(type, s.value.sid, mask, { flags, objectType, inheritedObjectType }));
      p += aceSize;
    }
    return ok(aces);
  };

  const sidAt = (at: number) => (at === 0 ? ok(null) : readSid(at));
  const aclAt = (at: number) => (at === 0 ? ok(null) : readAcl(at));
  const owner = sidAt(ownerAt);
  if (!owner.ok) return owner;
  const group = sidAt(groupAt);
  if (!group.ok) return group;
  const sacl = (control & SD_CONTROL.SE_SACL_PRESENT) !== 0 ? aclAt(saclAt) : ok(null);
  if (!sacl.ok) return sacl;
  const dacl = (control & SD_CONTROL.SE_DACL_PRESENT) !== 0 ? aclAt(daclAt) : ok(null);
  if (!dacl.ok) return dacl;
  return ok(
    securityDescriptor({
      owner: owner.value?.sid ?? null,
      group: group.value?.sid ?? null,
      dacl: dacl.value,
      sacl: sacl.value,
      control,
    }),
  );
}

/**
 * Writes a security descriptor in its binary self-relative form (MS-DTYP 2.4.6): header, owner, group, SACL,
 * DACL — the inverse of {@link parseSecurityDescriptorBytes}.
 *
 * @param sd - the descriptor; its ACEs must be of the types {@link parseSecurityDescriptorBytes} reads
 * @returns the bytes
 * @throws TypeError - `securityDescriptorBytes: …` for an ACE type with application data (callback, resource
 *   attribute, scoped policy, trust label, access filter)
 * @example
 * ```ts
 * import { parseSddl, securityDescriptorBytes } from '@doublehop/core-token';
 *
 * const sd = parseSddl('O:SYD:(A;;GA;;;BA)');
 * sd.ok && Buffer.from(securityDescriptorBytes(sd.value)).toString('base64').slice(0, 8); // 'AQAEgBQA'
 * ```
 * @see MS-DTYP 2.4.6
 */
export function securityDescriptorBytes(sd: SecurityDescriptor): Uint8Array {
  const sidBytes = (s: Sid): number[] => {
    const out = [1, s.subAuthorities.length];
    let authority = s.identifierAuthority;
    const auth: number[] = [];
    for (let i = 0; i < 6; i++) {
      auth.unshift(authority % 256);
      authority = Math.floor(authority / 256);
    }
    out.push(...auth);
    for (const sub of s.subAuthorities) out.push(...u32(sub));
    return out;
  };
  const aclBytes = (acl: Acl): number[] => {
    const body: number[] = [];
    let revision = 2;
    for (const a of acl) {
      const code = TYPE_CODES[a.type];
      if (code === undefined) {
        throw new TypeError(
          `securityDescriptorBytes: ${a.type} ACEs carry application data this writer does not encode`,
        );
      }
      const rest: number[] = [...u32(a.mask)];
      if (OBJECT_TYPES.has(a.type)) {
        revision = 4;
        const present =
          (a.objectType === null ? 0 : ACE_OBJECT_TYPE_PRESENT) |
          (a.inheritedObjectType === null ? 0 : ACE_INHERITED_OBJECT_TYPE_PRESENT);
        rest.push(...u32(present));
        if (a.objectType !== null) rest.push(...guidBytes(a.objectType));
        if (a.inheritedObjectType !== null) rest.push(...guidBytes(a.inheritedObjectType));
      }
      rest.push(...sidBytes(a.sid));
      body.push(code, a.flags & 0xff, ...u16(rest.length + 4), ...rest);
    }
    return [revision, 0, ...u16(body.length + 8), ...u16(acl.length), 0, 0, ...body];
  };
  const parts: { bytes: number[]; slot: number }[] = [];
  if (sd.owner !== null) parts.push({ bytes: sidBytes(sd.owner), slot: 4 });
  if (sd.group !== null) parts.push({ bytes: sidBytes(sd.group), slot: 8 });
  if (sd.sacl !== null) parts.push({ bytes: aclBytes(sd.sacl), slot: 12 });
  if (sd.dacl !== null) parts.push({ bytes: aclBytes(sd.dacl), slot: 16 });
  const total = 20 + parts.reduce((n, p) => n + p.bytes.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out[0] = 1;
  view.setUint16(2, sd.control | SD_CONTROL.SE_SELF_RELATIVE, true);
  let at = 20;
  for (const p of parts) {
    view.setUint32(p.slot, at, true);
    out.set(p.bytes, at);
    at += p.bytes.length;
  }
  return out;
}

function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

/** A GUID's 16 bytes: Data1, Data2, Data3 little-endian, Data4 as written (MS-DTYP 2.3.4.2). */
function guidBytes(text: string): number[] {
  const h = text.replace(/-/g, '');
  const byte = (i: number) => Number.parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15].map(byte);
}

function guidText(bytes: Uint8Array, at: number): string {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  const h = order.map((i) => (bytes[at + i] as number).toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
