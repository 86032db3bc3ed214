import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appPoolSid,
  DOMAIN_RIDS,
  domainOf,
  isIntegritySid,
  isLogonSid,
  logonSid,
  type ParseError,
  parseSid,
  serviceSid,
  sid,
  sidDisplayName,
  sidFromComponents,
  sidWithRid,
  WELL_KNOWN_SIDS,
  wellKnownSidByAlias,
  wellKnownSidOf,
} from '../src/index.js';
import { anySidArbitrary } from '../src/testing/index.js';

function failure(text: string): Pick<ParseError, 'code' | 'offset' | 'expected'> {
  const r = parseSid(text);
  if (r.ok) throw new Error(`expected ${text} to be rejected`);
  return { code: r.error.code, offset: r.error.offset, expected: r.error.expected };
}

describe('SID strings (MS-DTYP 2.4.2.1 SID String Format Syntax; ConvertStringSidToSid)', () => {
  it('parses S-1-5-32-544 into authority 5 and sub-authorities [32, 544], and interns it', () => {
    const admins = sid('S-1-5-32-544');
    expect([admins.identifierAuthority, admins.subAuthorities, admins.rid]).toEqual([5, [32, 544], 544]);
    expect(parseSid('S-1-5-32-544')).toEqual({ ok: true, value: admins });
    expect(sidFromComponents(5, [32, 544])).toBe(admins);
    expect(`${admins}`).toBe('S-1-5-32-544');
    expect(JSON.stringify({ admins })).toBe('{"admins":"S-1-5-32-544"}');
  });

  it('accepts a lower-case s, and a 0x hex authority, printing the canonical form (ConvertSidToStringSid)', () => {
    expect(sid('s-1-5-18')).toBe(WELL_KNOWN_SIDS.SYSTEM.sid);
    expect(sid('S-1-0x5-18')).toBe(WELL_KNOWN_SIDS.SYSTEM.sid);
    // Authorities of 2^32 and above print as 0x and twelve hex digits.
    expect(sid('S-1-0xffffffffffff-1').text).toBe('S-1-0xFFFFFFFFFFFF-1');
    expect(sid('S-1-4294967296').text).toBe('S-1-0x000100000000');
  });

  it.each([
    ['S-1-', 4, 'a decimal identifier authority'],
    ['S-2-5', 2, 'revision 1'],
    ['X-1-5', 0, '"S" to start a SID string'],
    ['S-1-5-4294967296', 6, 'a sub-authority below 2^32'],
    [`S-1-5${'-1'.repeat(16)}`, 35, 'at most 15 sub-authorities'],
    ['S-1-0x1000000000000-1', 6, 'one to twelve hex digits of identifier authority'],
    ['S-1-0x-1', 6, 'one to twelve hex digits of identifier authority'],
    ['S-1-281474976710656', 4, 'an identifier authority below 2^48'],
    ['S-1-5-', 6, 'a decimal sub-authority'],
    ['S-1-5--1', 6, 'a decimal sub-authority'],
    ['S-1-5-18 ', 8, '"-" before the next sub-authority'],
    ['', 0, '"S" to start a SID string'],
  ])('rejects %j with ERROR_INVALID_SID at offset %d (MS-DTYP 2.4.2.1)', (text, offset, expected) => {
    expect(failure(text)).toEqual({ code: 'ERROR_INVALID_SID', offset, expected });
  });

  it('accepts exactly 15 sub-authorities, SID_MAX_SUB_AUTHORITIES (MS-DTYP 2.4.2)', () => {
    expect(sid(`S-1-5${'-1'.repeat(15)}`).subAuthorities).toHaveLength(15);
    expect(() => sidFromComponents(5, Array(16).fill(1))).toThrow(/^sidFromComponents:/);
  });

  it('reads sub-authorities as wcstoul does: leading zeros are allowed, the value must fit in 32 bits', () => {
    expect(sid('S-1-5-00000000018')).toBe(sid('S-1-5-18'));
    expect(sid('S-1-5-0004294967295').subAuthorities).toEqual([4294967295]);
    expect(parseSid('S-1-5-0004294967296').ok).toBe(false);
  });

  it('sid() throws TypeError("sid: …") for a malformed literal (programmer error, STYLE.md Errors)', () => {
    expect(() => sid('S-1-5-x')).toThrow(/^sid:/);
  });
});

describe('well-known SIDs (MS-DTYP 2.4.2.4; SID Strings page)', () => {
  it('names the well-known SIDs as LookupAccountSid does and maps the SDDL aliases', () => {
    expect(wellKnownSidOf(sid('S-1-5-18'))?.name).toBe('NT AUTHORITY\\SYSTEM');
    expect(wellKnownSidOf(sid('S-1-1-0'))?.alias).toBe('WD');
    expect(wellKnownSidByAlias('BA')?.sid).toBe(sid('S-1-5-32-544'));
    expect(wellKnownSidByAlias('LW')?.sid.text).toBe('S-1-16-4096');
    expect(wellKnownSidByAlias('DA')).toBeUndefined();
    expect(wellKnownSidByAlias('sy')).toBeUndefined();
  });

  it('builds domain-relative SIDs from the domain SID and the RID (Domain Admins is always 512)', () => {
    const domain = sid('S-1-5-21-1004336348-1177238915-682003330');
    const admins = sidWithRid(domain, DOMAIN_RIDS.DOMAIN_ADMINS.rid);
    expect(admins.text).toBe('S-1-5-21-1004336348-1177238915-682003330-512');
    expect(domainOf(admins)).toBe(domain);
    expect(domainOf(WELL_KNOWN_SIDS.SYSTEM.sid)).toBeUndefined();
    expect(DOMAIN_RIDS.ENTERPRISE_ADMINS.forestRoot).toBe(true);
  });

  it('logon SIDs are S-1-5-5-X-Y (MS-DTYP 2.4.2.4 LOGON_ID)', () => {
    const logon = logonSid(0, 0x3e7);
    expect(logon.text).toBe('S-1-5-5-0-999');
    expect([isLogonSid(logon), isLogonSid(WELL_KNOWN_SIDS.SYSTEM.sid)]).toEqual([true, false]);
    expect(isIntegritySid(WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid)).toBe(true);
  });

  it('derives service SIDs from the upper-cased name, as `sc showsid` shows (NT SERVICE\\MSSQLSERVER)', () => {
    expect(serviceSid('MSSQLSERVER').text).toBe(
      'S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003',
    );
    expect(serviceSid('mssqlserver')).toBe(serviceSid('MSSQLSERVER'));
  });

  it('derives IIS application pool SIDs (IIS AppPool\\DefaultAppPool)', () => {
    expect(appPoolSid('DefaultAppPool').text).toBe(
      'S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415',
    );
  });

  it('gives every SID a readable name: well-known, domain-relative, logon session, or the SID itself', () => {
    const domain = sid('S-1-5-21-1-2-3');
    expect(sidDisplayName(sid('S-1-5-32-544'))).toBe('BUILTIN\\Administrators');
    expect(sidDisplayName(sid('S-1-5-21-1-2-3-512'), new Map([[domain, 'CORP']]))).toBe(
      'CORP\\Domain Admins',
    );
    expect(sidDisplayName(sid('S-1-5-21-1-2-3-512'))).toBe('S-1-5-21-1-2-3\\Domain Admins');
    expect(sidDisplayName(logonSid(0, 999))).toBe('NT AUTHORITY\\LogonSessionId_0_999');
    expect(
      sidDisplayName(sid('S-1-5-21-1-2-3-1104'), new Map([[sid('S-1-5-21-1-2-3-1104'), 'CORP\\billy']])),
    ).toBe('CORP\\billy');
    expect(sidDisplayName(sid('S-1-5-21-1-2-3-1104'))).toBe('S-1-5-21-1-2-3-1104');
  });
});

describe('properties', () => {
  it('parseSid(s.text) gives back the same interned SID, also from the lower-case and hex-authority spellings', () => {
    fc.assert(
      fc.property(anySidArbitrary(), (s) => {
        expect(parseSid(s.text)).toEqual({ ok: true, value: s });
        expect(parseSid(`s${s.text.slice(1)}`)).toEqual({ ok: true, value: s });
        const hex = `S-1-0x${s.identifierAuthority.toString(16)}${s.subAuthorities.map((n) => `-${n}`).join('')}`;
        expect(sid(hex)).toBe(s);
        expect(sidFromComponents(s.identifierAuthority, s.subAuthorities)).toBe(s);
      }),
    );
  });

  it('never throws for arbitrary strings; an error’s offset is within the input', () => {
    const total = (text: string) => {
      const r = parseSid(text);
      if (r.ok) {
        expect(parseSid(r.value.text)).toEqual(r);
        return;
      }
      expect(r.error.code).toBe('ERROR_INVALID_SID');
      expect(r.error.offset).toBeGreaterThanOrEqual(0);
      expect(r.error.offset).toBeLessThanOrEqual(text.length);
    };
    fc.assert(fc.property(fc.string(), total));
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'Ss-10x5f9') }), total));
    fc.assert(
      fc.property(
        anySidArbitrary(),
        fc.nat(),
        fc.constantFrom('', '-', 'x', '0', '99999999999', ' '),
        (s, at, c) => {
          const i = at % (s.text.length + 1);
          total(s.text.slice(0, i) + c + s.text.slice(i + 1));
        },
      ),
    );
  });
});
