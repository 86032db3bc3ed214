import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ace,
  formatSddl,
  parseSddl,
  parseSecurityDescriptorBytes,
  type SecurityDescriptor,
  securityDescriptorBytes,
} from '../src/index.js';
import { accessCheckAceArbitrary, securityDescriptorArbitrary } from '../src/testing/index.js';

const sddl = (text: string): SecurityDescriptor => {
  const r = parseSddl(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parseSecurityDescriptorBytes / securityDescriptorBytes (MS-DTYP 2.4.6 self-relative)', () => {
  it('writes the RBCD descriptor Set-ADComputer writes with the layout found in directories', () => {
    // Owner BUILTIN\Administrators at 0x14, no group, the DACL at 0x24 with one ACE of mask 0x000F01FF: the
    // msDS-AllowedToActOnBehalfOfOtherIdentity value every RBCD write-up shows base64-encoded.
    const bytes = securityDescriptorBytes(
      sddl('O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)'),
    );
    expect(Buffer.from(bytes).toString('base64')).toMatch(
      /^AQAEgBQAAAAAAAAAAAAAACQAAAABAgAAAAAABSAAAAAgAgAAAgAsAAEAAAAAACQA\/wEPAAEFAAAAAAAF/,
    );
    const back = parseSecurityDescriptorBytes(bytes);
    expect(back.ok && formatSddl(back.value)).toBe(
      'O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)',
    );
  });

  it('object ACEs (GUIDs in their mixed-endian byte order), deny ACEs, a NULL DACL, a mandatory label', () => {
    for (const text of [
      'O:BAD:(OD;;WP;3f78c3e5-f79a-46bd-a0b8-9d18116ddc79;;S-1-5-21-1-2-3-1301)(OA;CI;WP;4c164200-20c0-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;AU)',
      'O:BAD:NO_ACCESS_CONTROL',
      'O:SYG:SYD:(D;;FA;;;WD)S:(ML;;NW;;;HI)',
    ]) {
      const back = parseSecurityDescriptorBytes(securityDescriptorBytes(sddl(text)));
      expect(back.ok && formatSddl(back.value), text).toBe(formatSddl(sddl(text)));
    }
  });

  it('refuses what is not a descriptor with a typed error and its place', () => {
    const good = securityDescriptorBytes(sddl('O:BAD:(A;;GA;;;SY)'));
    const cases: [Uint8Array, string, number][] = [
      [new Uint8Array(3), 'ERROR_INVALID_SECURITY_DESCR', 6],
      [Uint8Array.from([2, ...good.subarray(1)]), 'ERROR_INVALID_SECURITY_DESCR', 0],
      [good.subarray(0, 40), 'ERROR_INVALID_ACL', 72],
    ];
    for (const [bytes, code, offset] of cases) {
      const r = parseSecurityDescriptorBytes(bytes);
      expect(r.ok ? null : [r.error.code, r.error.offset]).toEqual([code, offset]);
    }
    // An ACE with application data (a conditional ACE) is not read.
    const callback = Uint8Array.from(good);
    callback[44] = 0x09;
    const r = parseSecurityDescriptorBytes(callback);
    expect(r.ok ? null : r.error.code).toBe('ERROR_INVALID_ACL');
    expect(() => securityDescriptorBytes(sddl('O:BAD:(XA;;FA;;;WD;(@User.Project == "X"))'))).toThrow(
      /application data/,
    );
  });

  describe('properties', () => {
    const encodable = (a: Ace) => !a.type.includes('CALLBACK') && a.applicationData === null;
    it('round trip: every descriptor of encodable ACEs reads back as it was written', () => {
      fc.assert(
        fc.property(
          securityDescriptorArbitrary({ aces: accessCheckAceArbitrary().filter(encodable) }),
          (sd) => {
            const back = parseSecurityDescriptorBytes(securityDescriptorBytes(sd));
            expect(back.ok && formatSddl(back.value)).toBe(formatSddl(sd));
          },
        ),
        { numRuns: 300 },
      );
    });

    it('never throws: random, truncated or damaged bytes give a descriptor or a ParseError', () => {
      const good = fc
        .tuple(securityDescriptorArbitrary(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean())
        .map(([sd, i, b, cut]) => {
          const bytes = securityDescriptorBytes(sd);
          if (cut) return bytes.subarray(0, i % (bytes.length + 1));
          const copy = Uint8Array.from(bytes);
          copy[i % copy.length] = b;
          return copy;
        });
      fc.assert(
        fc.property(fc.oneof(fc.uint8Array({ maxLength: 120 }), good), (bytes) => {
          const r = parseSecurityDescriptorBytes(bytes);
          if (!r.ok) expect(r.error.code).toMatch(/^ERROR_INVALID_(SECURITY_DESCR|ACL|SID)$/);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
