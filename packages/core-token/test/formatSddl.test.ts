import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Ace,
  type AceType,
  ace,
  formatSddl,
  parseSddl,
  SD_CONTROL,
  type SecurityDescriptor,
  sddl,
  securityDescriptor,
  sid,
  WELL_KNOWN_SIDS,
} from '../src/index.js';
import {
  mutatedSddlArbitrary,
  sddlSecurityDescriptorArbitrary,
  sddlVariantArbitrary,
  securityDescriptorArbitrary,
  TEST_DOMAIN_SID,
} from '../src/testing/index.js';

const W = WELL_KNOWN_SIDS;
const CORP = sid('S-1-5-21-1-2-3');
const ROOT = sid('S-1-5-21-7-8-9');

/** Parses and formats again: what Windows prints for a descriptor read from `text`. */
function reformat(text: string, options = {}): string {
  return formatSddl(sddl(text, options), options);
}

function withAce(entry: Ace): SecurityDescriptor {
  return securityDescriptor({ dacl: [entry] });
}

describe('Windows’ own output reads back unchanged (ConvertSecurityDescriptorToStringSecurityDescriptor)', () => {
  it.each([
    // A typical NTFS folder, as icacls / Get-Acl print it.
    'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)',
    // A service's descriptor (sc sdshow), with an audit ACE.
    'D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;CCLCSWLOCRRC;;;AU)(A;;CCLCSWRPWPDTLOCRRC;;;PU)S:(AU;FA;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;WD)',
    'S:(ML;;NW;;;LW)',
    'D:(OA;;RP;4c164200-20c0-11d0-a768-00aa006e0529;4828cc14-1437-45bc-9b07-ad6f015e5f28;RU)',
    'D:(XA;;FX;;;WD;(@User.Title=="PM" && (@User.Division=="Finance" || @User.Division ==" Sales")))',
    'O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)',
    'D:NO_ACCESS_CONTROL',
    // Wine's conformance expectations for ConvertSecurityDescriptorToStringSecurityDescriptor on Windows
    // (dlls/advapi32/tests/security.c, test_ConvertSecurityDescriptorToString), Vista+ variant.
    'O:SYG:S-1-5-21-93476-23408-4576D:(A;NP;GAGXGWGR;;;SU)(A;IOID;CCDC;;;SU)(D;OICI;0xffffffff;;;S-1-5-21-93476-23408-4576)',
    'O:SYG:S-1-5-21-93476-23408-4576D:NO_ACCESS_CONTROLS:(AU;OICINPIOIDSAFA;CCDCLCSWRPRC;;;SU)(AU;NPSA;0x12019f;;;SU)',
    'O:SYG:S-1-5-21-93476-23408-4576D:S:',
  ])('%s', (text) => {
    expect(reformat(text)).toBe(text);
  });
});

describe('formatting rules (ConvertSecurityDescriptorToStringSecurityDescriptor; Security Descriptor String Format)', () => {
  it('writes components in the order O, G, D, S whatever order they were read in', () => {
    expect(reformat('S:(AU;SA;FA;;;WD)D:(A;;FA;;;SY)G:SYO:BA')).toBe(
      'O:BAG:SYD:(A;;FA;;;SY)S:(AU;SA;FA;;;WD)',
    );
  });

  it('writes the MS-DTYP 2.5.1.4 example in Windows’ canonical spelling (flags OICI, rights by ascending bit)', () => {
    expect(
      reformat(
        'O:BAG:BAD:P(A;CIOI;GRGX;;;BU)(A;CIOI;GA;;;BA)(A;CIOI;GA;;;SY)(A;CIOI;GA;;;CO)S:P(AU;FA;GR;;;WD)',
      ),
    ).toBe('O:BAG:BAD:P(A;OICI;GXGR;;;BU)(A;OICI;GA;;;BA)(A;OICI;GA;;;SY)(A;OICI;GA;;;CO)S:P(AU;FA;GR;;;WD)');
  });

  it('distinguishes an empty DACL (D:), a NULL DACL (D:NO_ACCESS_CONTROL) and no DACL (Security Descriptor String Format)', () => {
    expect(formatSddl(securityDescriptor({ dacl: [] }))).toBe('D:');
    expect(formatSddl(securityDescriptor({ control: SD_CONTROL.SE_DACL_PRESENT }))).toBe(
      'D:NO_ACCESS_CONTROL',
    );
    expect(formatSddl(securityDescriptor({}))).toBe('');
    expect(formatSddl(securityDescriptor({ sacl: [] }))).toBe('S:');
  });

  it('writes ACL flags in the order P, AR, AI, before NO_ACCESS_CONTROL (sddl.c order, as Wine reproduces it)', () => {
    const all =
      SD_CONTROL.SE_DACL_PROTECTED | SD_CONTROL.SE_DACL_AUTO_INHERIT_REQ | SD_CONTROL.SE_DACL_AUTO_INHERITED;
    expect(formatSddl(securityDescriptor({ dacl: [], control: all }))).toBe('D:PARAI');
    expect(formatSddl(securityDescriptor({ control: all | SD_CONTROL.SE_DACL_PRESENT }))).toBe(
      'D:PARAINO_ACCESS_CONTROL',
    );
    expect(reformat('S:AIARP')).toBe('S:PARAI');
  });

  it('writes ACE flags by ascending bit — OI CI NP IO ID CR SA FA — and TP for 0x40 on an access filter ACE (ACE Strings)', () => {
    expect(formatSddl(withAce(ace('SYSTEM_AUDIT', W.EVERYONE.sid, 1, { flags: 0xff })))).toBe(
      'D:(AU;OICINPIOIDCRSAFA;CC;;;WD)',
    );
    expect(formatSddl(withAce(ace('SYSTEM_ACCESS_FILTER', W.EVERYONE.sid, 1, { flags: 0x40 })))).toBe(
      'D:(FL;TP;CC;;;WD)',
    );
  });

  it.each([
    [0, ''],
    [0x1f01ff, 'FA'],
    [0x120089, 'FR'],
    [0x120116, 'FW'],
    [0x1200a0, 'FX'],
    [0xf003f, 'KA'],
    [0x20019, 'KR'],
    [0x20006, 'KW'],
    [0xf000_0000, 'GAGXGWGR'],
    [0x3, 'CCDC'],
    [0x2001f, 'CCDCLCSWRPRC'],
    [0xf01ff, 'CCDCLCSWRPWPDTLOCRSDRCWDWO'],
    [0x1200a9, '0x1200a9'],
    [0x12019f, '0x12019f'],
    [0xffff_ffff, '0xffffffff'],
    [0x0100_0000, '0x1000000'],
  ])(
    'writes mask %d as rights "%s" (one exact name, else bit names ascending, else lower-case hex)',
    (mask, text) => {
      expect(formatSddl(withAce(ace('ACCESS_ALLOWED', W.EVERYONE.sid, mask)))).toBe(`D:(A;;${text};;;WD)`);
    },
  );

  it('writes KEY_EXECUTE as KR: KX and KR are both 0x20019, and KR comes first in sddl.h’s table', () => {
    expect(reformat('D:(A;;KX;;;WD)')).toBe('D:(A;;KR;;;WD)');
  });

  it('names a mandatory label’s policy bits NW, NR, NX rather than CC, DC, LC (MS-DTYP 2.4.4.13)', () => {
    const label = (mask: number) =>
      formatSddl(securityDescriptor({ sacl: [ace('SYSTEM_MANDATORY_LABEL', W.HIGH_INTEGRITY.sid, mask)] }));
    expect([label(1), label(3), label(7), label(0)]).toEqual([
      'S:(ML;;NW;;;HI)',
      'S:(ML;;NWNR;;;HI)',
      'S:(ML;;NWNRNX;;;HI)',
      'S:(ML;;;;;HI)',
    ]);
  });

  it('writes SIDs as aliases; domain-relative ones only for options.domainSid, forest-wide ones for rootDomainSid (SID Strings)', () => {
    const sd = securityDescriptor({
      owner: sid('S-1-5-21-1-2-3-512'),
      group: sid('S-1-5-21-7-8-9-519'),
      dacl: [
        ace('ACCESS_ALLOWED', sid('S-1-5-21-1-2-3-519'), 1),
        ace('ACCESS_ALLOWED', sid('S-1-5-21-1-2-3-1105'), 1),
      ],
    });
    expect(formatSddl(sd)).toBe(
      'O:S-1-5-21-1-2-3-512G:S-1-5-21-7-8-9-519D:(A;;CC;;;S-1-5-21-1-2-3-519)(A;;CC;;;S-1-5-21-1-2-3-1105)',
    );
    expect(formatSddl(sd, { domainSid: CORP, rootDomainSid: ROOT })).toBe(
      'O:DAG:EAD:(A;;CC;;;S-1-5-21-1-2-3-519)(A;;CC;;;S-1-5-21-1-2-3-1105)',
    );
    expect(formatSddl(sd, { domainSid: CORP })).toBe(
      'O:DAG:S-1-5-21-7-8-9-519D:(A;;CC;;;EA)(A;;CC;;;S-1-5-21-1-2-3-1105)',
    );
    expect(formatSddl(sddl('O:SYG:BAD:(A;;FA;;;WD)'), { aliases: false })).toBe(
      'O:S-1-5-18G:S-1-5-32-544D:(A;;FA;;;S-1-1-0)',
    );
  });

  it('writes an OA ACE without GUIDs as OA, which Windows (and parseSddl) read back as A (ACE Strings note)', () => {
    const text = formatSddl(withAce(ace('ACCESS_ALLOWED_OBJECT', W.EVERYONE.sid, 1)));
    expect(text).toBe('D:(OA;;CC;;;WD)');
    expect(sddl(text).dacl?.[0]?.type).toBe('ACCESS_ALLOWED');
  });

  it('writes GUIDs in lower case and application data verbatim', () => {
    const entry: Ace = {
      ...ace('ACCESS_ALLOWED_CALLBACK_OBJECT', W.PRINCIPAL_SELF.sid, 0x100, {
        applicationData: '(Exists x)',
      }),
      objectType: '00299570-246D-11D0-A768-00AA006E0529',
    };
    expect(formatSddl(withAce(entry))).toBe('D:(ZA;;CR;00299570-246d-11d0-a768-00aa006e0529;;PS;(Exists x))');
  });

  it.each<[string, Ace]>([
    ['flags above 0xff', ace('ACCESS_ALLOWED', W.EVERYONE.sid, 1, { flags: 0x100 })],
    ['a fractional mask', { ...ace('ACCESS_ALLOWED', W.EVERYONE.sid, 1), mask: 1.5 }],
    [
      'a GUID on a non-object ACE',
      ace('ACCESS_ALLOWED', W.EVERYONE.sid, 1, { objectType: '00299570-246d-11d0-a768-00aa006e0529' }),
    ],
    [
      'a malformed GUID',
      ace('ACCESS_ALLOWED_OBJECT', W.EVERYONE.sid, 1, {
        objectType: '{00299570-246d-11d0-a768-00aa006e0529}',
      }),
    ],
    [
      'application data on an access-allowed ACE',
      ace('ACCESS_ALLOWED', W.EVERYONE.sid, 1, { applicationData: '(x)' }),
    ],
    ['an RA ACE without its attribute', ace('SYSTEM_RESOURCE_ATTRIBUTE', W.EVERYONE.sid, 0)],
    [
      'unbalanced application data',
      ace('ACCESS_ALLOWED_CALLBACK', W.EVERYONE.sid, 1, { applicationData: '(x))(' }),
    ],
    [
      'application data without parentheses',
      ace('ACCESS_ALLOWED_CALLBACK', W.EVERYONE.sid, 1, { applicationData: 'x' }),
    ],
    ['an unknown ACE type', { ...ace('ACCESS_ALLOWED', W.EVERYONE.sid, 1), type: 'BOGUS' as AceType }],
  ])(
    'throws TypeError("formatSddl: …") for an ACE SDDL cannot express: %s (programmer error, STYLE.md Errors)',
    (_, entry) => {
      expect(() => formatSddl(withAce(entry))).toThrow(/^formatSddl:/);
    },
  );
});

describe('properties', () => {
  const optionSets = [
    {},
    { domainSid: TEST_DOMAIN_SID },
    { domainSid: TEST_DOMAIN_SID, rootDomainSid: ROOT },
  ];

  it.each(optionSets)(
    'parseSddl(formatSddl(sd)) gives sd back, for every kind of ACE and flag (options %o)',
    (options) => {
      fc.assert(
        fc.property(sddlSecurityDescriptorArbitrary(options), (sd) => {
          const text = formatSddl(sd, options);
          const back = parseSddl(text, options);
          expect(back.ok && back.value).toEqual(sd);
        }),
      );
    },
  );

  it('parseSddl(formatSddl(sd)) gives sd back for the file descriptors of the core testing arbitrary', () => {
    fc.assert(
      fc.property(securityDescriptorArbitrary(), (sd) => {
        const back = parseSddl(formatSddl(sd));
        expect(back.ok && back.value).toEqual(sd);
      }),
    );
  });

  it('formatSddl ∘ parseSddl is a fixpoint: formatting what was read, then reading and formatting again, changes nothing', () => {
    const fixpoint = (text: string) => {
      const first = parseSddl(text);
      if (!first.ok) return;
      const canonical = formatSddl(first.value);
      const again = parseSddl(canonical);
      expect(again.ok && formatSddl(again.value)).toBe(canonical);
    };
    fc.assert(fc.property(sddlVariantArbitrary(), ({ text }) => fixpoint(text)));
    fc.assert(fc.property(mutatedSddlArbitrary(), fixpoint));
  });

  it('is deterministic: equal descriptors give equal strings', () => {
    fc.assert(
      fc.property(sddlVariantArbitrary(), ({ sd, text }) => {
        expect(formatSddl(sddl(text))).toBe(formatSddl(sd));
      }),
    );
  });
});
