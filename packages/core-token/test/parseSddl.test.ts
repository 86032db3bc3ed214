import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACE_FLAGS,
  type AceType,
  ace,
  type ParseError,
  parseSddl,
  SD_CONTROL,
  type SecurityDescriptor,
  sddl,
  sid,
  WELL_KNOWN_SIDS,
} from '../src/index.js';
import { mutatedSddlArbitrary, sddlVariantArbitrary, TEST_DOMAIN_SID } from '../src/testing/index.js';

const { SE_SELF_RELATIVE, SE_DACL_PRESENT, SE_SACL_PRESENT } = SD_CONTROL;
const W = WELL_KNOWN_SIDS;
const CORP = sid('S-1-5-21-1-2-3');
const ROOT = sid('S-1-5-21-7-8-9');
const EXPECTED_RIGHT =
  'an access right (GA, GR, GW, GX, RC, SD, WD, WO, RP, WP, CC, DC, LC, SW, LO, DT, CR, FA, FR, FW, FX, KA, KR, KW, KX, NR, NW, NX), a number (0x…) or ";"';

function parsed(text: string, options?: Parameters<typeof parseSddl>[1]): SecurityDescriptor {
  const r = parseSddl(text, options);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${r.error.message}`);
  return r.value;
}

function failure(text: string, options?: Parameters<typeof parseSddl>[1]): ParseError {
  const r = parseSddl(text, options);
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return r.error;
}

/** The parts of a ParseError tests may match on: never the message. */
function where(e: ParseError): { code: string; offset: number; expected: string } {
  return { code: e.code, offset: e.offset, expected: e.expected };
}

describe('security descriptor strings (Security Descriptor String Format; MS-DTYP 2.5.1.1)', () => {
  it('reads a typical NTFS folder descriptor: owner, group, protected auto-inherited DACL (Security Descriptor String Format)', () => {
    const sd = parsed(
      'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;GA;;;CO)(A;OICI;0x1200a9;;;BU)',
    );
    const { OBJECT_INHERIT_ACE: OI, CONTAINER_INHERIT_ACE: CI, INHERIT_ONLY_ACE: IO } = ACE_FLAGS;
    expect(sd.owner).toBe(W.BUILTIN_ADMINISTRATORS.sid);
    expect(sd.group).toBe(W.SYSTEM.sid);
    expect(sd.control).toBe(
      SE_SELF_RELATIVE | SE_DACL_PRESENT | SD_CONTROL.SE_DACL_PROTECTED | SD_CONTROL.SE_DACL_AUTO_INHERITED,
    );
    expect(sd.dacl).toEqual([
      ace('ACCESS_ALLOWED', W.SYSTEM.sid, 0x1f01ff, { flags: OI | CI }),
      ace('ACCESS_ALLOWED', W.BUILTIN_ADMINISTRATORS.sid, 0x1f01ff, { flags: OI | CI }),
      ace('ACCESS_ALLOWED', W.CREATOR_OWNER.sid, 0x1000_0000, { flags: OI | CI | IO }),
      ace('ACCESS_ALLOWED', W.BUILTIN_USERS.sid, 0x1200a9, { flags: OI | CI }),
    ]);
    expect(sd.sacl).toBeNull();
    expect(Object.isFrozen(sd) && Object.isFrozen(sd.dacl)).toBe(true);
  });

  it('gives the control word and ACEs of the MS-DTYP 2.5.1.4 example binary (control 0xb014, first ACE flags 3 mask 0xa0000000)', () => {
    const sd = parsed(
      'O:BAG:BAD:P(A;CIOI;GRGX;;;BU)(A;CIOI;GA;;;BA)(A;CIOI;GA;;;SY)(A;CIOI;GA;;;CO)S:P(AU;FA;GR;;;WD)',
    );
    // "01 00 14 b0": revision 1, control 0xb014 = SR | PS | PD | SP | DP.
    expect(sd.control).toBe(0xb014);
    expect(sd.group).toBe(W.BUILTIN_ADMINISTRATORS.sid);
    // "00 03 18 00 00 00 00 a0 …": ACCESS_ALLOWED, flags CI|OI, mask GR|GX, BUILTIN\Users.
    expect(sd.dacl?.[0]).toEqual(ace('ACCESS_ALLOWED', W.BUILTIN_USERS.sid, 0xa000_0000, { flags: 3 }));
    expect(sd.dacl).toHaveLength(4);
    // "02 80 14 00 00 00 00 80 …": SYSTEM_AUDIT, FAILED_ACCESS_ACE_FLAG, GENERIC_READ, Everyone.
    expect(sd.sacl).toEqual([ace('SYSTEM_AUDIT', W.EVERYONE.sid, 0x8000_0000, { flags: 0x80 })]);
  });

  it('empty D: is an empty DACL, not a NULL one (Security Descriptor String Format: "the D: or S: token with no additional string")', () => {
    const sd = parsed('D:');
    expect(sd.dacl).toEqual([]);
    expect(sd.control).toBe(SE_SELF_RELATIVE | SE_DACL_PRESENT);
  });

  it('D:NO_ACCESS_CONTROL is a NULL DACL: SE_DACL_PRESENT with no ACL (SDDL_NULL_ACL)', () => {
    const sd = parsed('D:NO_ACCESS_CONTROL');
    expect(sd.dacl).toBeNull();
    expect(sd.control).toBe(SE_SELF_RELATIVE | SE_DACL_PRESENT);
    expect(parsed('S:PNO_ACCESS_CONTROL').control).toBe(
      SE_SELF_RELATIVE | SE_SACL_PRESENT | SD_CONTROL.SE_SACL_PROTECTED,
    );
  });

  it('no D: at all is no DACL: SE_DACL_PRESENT clear, SE_SELF_RELATIVE set (Security Descriptor String Format)', () => {
    const sd = parsed('O:SY');
    expect(sd).toEqual({
      owner: W.SYSTEM.sid,
      group: null,
      dacl: null,
      sacl: null,
      control: SE_SELF_RELATIVE,
    });
    expect(parsed('')).toEqual({
      owner: null,
      group: null,
      dacl: null,
      sacl: null,
      control: SE_SELF_RELATIVE,
    });
  });

  it.each([
    ['D:P', SD_CONTROL.SE_DACL_PROTECTED],
    ['D:AR', SD_CONTROL.SE_DACL_AUTO_INHERIT_REQ],
    ['D:AI', SD_CONTROL.SE_DACL_AUTO_INHERITED],
    ['S:P', SD_CONTROL.SE_SACL_PROTECTED],
    ['S:AR', SD_CONTROL.SE_SACL_AUTO_INHERIT_REQ],
    ['S:AI', SD_CONTROL.SE_SACL_AUTO_INHERITED],
    [
      'D:PARAI',
      SD_CONTROL.SE_DACL_PROTECTED | SD_CONTROL.SE_DACL_AUTO_INHERIT_REQ | SD_CONTROL.SE_DACL_AUTO_INHERITED,
    ],
  ])(
    'ACL flags %s set their own ACL’s control bits (MS-DTYP 2.5.1.1 acl-flag: P → PD/PS, AR → DR/SR, AI → DI/SI)',
    (text, bits) => {
      const present = text.startsWith('D') ? SE_DACL_PRESENT : SE_SACL_PRESENT;
      expect(parsed(text).control).toBe(SE_SELF_RELATIVE | present | bits);
    },
  );

  it('accepts the components in any order (MS-DTYP 2.5.1.1 lists them optional; Windows does not impose O G D S)', () => {
    expect(parsed('S:(ML;;NW;;;LW)D:(A;;FA;;;SY)G:SYO:BA')).toEqual(
      parsed('O:BAG:SYD:(A;;FA;;;SY)S:(ML;;NW;;;LW)'),
    );
  });

  // Wine's conformance table for ConvertStringSecurityDescriptorToSecurityDescriptor, run against Windows
  // (dlls/advapi32/tests/security.c, "test ACE string with spaces").
  it.each([
    ' D:(D;;GA;;;WD)',
    'D: (D;;GA;;;WD)',
    'D:( D;;GA;;;WD)',
    'D:(D; ;GA;;;WD)',
    'D:(D;; GA;;;WD)',
    'D:(D;;GA; ;;WD)',
    'D:(D;;GA;; ;WD)',
    'D:(D;;GA;;; WD)',
    'D:(D;;GA;;;WD )',
  ])('accepts %j: Windows skips spaces there (Wine conformance tests)', (text) => {
    expect(parsed(text)).toEqual(parsed('D:(D;;GA;;;WD)'));
  });

  it.each([
    ['D:(D ;;GA;;;WD)', 4, '";" after the ACE type'],
    ['D:(D;;GA ;;;WD)', 8, EXPECTED_RIGHT],
  ])(
    'rejects %j with ERROR_INVALID_ACL, as Windows Vista+ does (Wine conformance tests)',
    (text, offset, expected) => {
      expect(where(failure(text))).toEqual({ code: 'ERROR_INVALID_ACL', offset, expected });
    },
  );

  it('accepts spaces between ACEs and components and at the end, but not tabs (our extension of the Windows rule)', () => {
    expect(parsed('O:BA G:SY D:(A;;FA;;;SY) (A;;FR;;;BU) ')).toEqual(
      parsed('O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;BU)'),
    );
    expect(failure('D:(A;;FA;;;SY)\t').code).toBe('ERROR_INVALID_SECURITY_DESCR');
  });
});

describe('ACE strings (ACE Strings page; MS-DTYP 2.5.1.1)', () => {
  it('reads a service descriptor with directory-style rights and an audit ACE (ACE Strings: rights, SA/FA flags)', () => {
    const sd = parsed(
      'D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;CCLCSWLOCRRC;;;AU)(A;;CCLCSWRPWPDTLOCRRC;;;PU)S:(AU;FA;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;WD)',
    );
    expect(sd.dacl?.map((a) => [a.sid.text, a.mask])).toEqual([
      ['S-1-5-18', 0x201fd],
      ['S-1-5-32-544', 0xf01ff],
      ['S-1-5-11', 0x2018d],
      ['S-1-5-32-547', 0x201fd],
    ]);
    expect(sd.sacl).toEqual([
      ace('SYSTEM_AUDIT', W.EVERYONE.sid, 0xf01ff, { flags: ACE_FLAGS.FAILED_ACCESS_ACE_FLAG }),
    ]);
  });

  it('reads a mandatory label S:(ML;;NW;;;LW): SYSTEM_MANDATORY_LABEL, NO_WRITE_UP, Low (MS-DTYP 2.4.4.13)', () => {
    expect(parsed('S:(ML;;NW;;;LW)').sacl).toEqual([ace('SYSTEM_MANDATORY_LABEL', W.LOW_INTEGRITY.sid, 1)]);
    expect(parsed('S:(ML;;NWNRNX;;;HI)').sacl?.[0]?.mask).toBe(7);
  });

  it('reads an AD object ACE with both GUIDs, kept in lower case (ACE Strings: object_guid, inherit_object_guid)', () => {
    const text = 'D:(OA;;RP;4C164200-20C0-11D0-A768-00AA006E0529;4828cc14-1437-45bc-9b07-ad6f015e5f28;RU)';
    expect(parsed(text).dacl).toEqual([
      ace('ACCESS_ALLOWED_OBJECT', W.PRE_WINDOWS_2000_COMPATIBLE_ACCESS.sid, 0x10, {
        objectType: '4c164200-20c0-11d0-a768-00aa006e0529',
        inheritedObjectType: '4828cc14-1437-45bc-9b07-ad6f015e5f28',
      }),
    ]);
  });

  it('turns an OA ACE with neither GUID into ACCESS_ALLOWED, as Windows does (ACE Strings, note on ACCESS_ALLOWED_OBJECT_ACE_TYPE)', () => {
    expect(parsed('D:(OA;;CC;;;WD)').dacl).toEqual([ace('ACCESS_ALLOWED', W.EVERYONE.sid, 1)]);
    expect(parsed('D:(OD;;CC;;;WD)').dacl?.[0]?.type).toBe('ACCESS_DENIED_OBJECT');
    expect(parsed('D:(OA;;CC;;4828cc14-1437-45bc-9b07-ad6f015e5f28;WD)').dacl?.[0]?.type).toBe(
      'ACCESS_ALLOWED_OBJECT',
    );
  });

  it('keeps a conditional ACE’s expression text exactly, parentheses and quoted spaces included (MS-DTYP 2.5.1.1 conditional-ace)', () => {
    const condition = '(@User.Title=="PM" && (@User.Division=="Finance" || @User.Division ==" Sales"))';
    const sd = parsed(`D:(XA;;FX;;;S-1-1-0;${condition})`);
    expect(sd.dacl).toEqual([
      ace('ACCESS_ALLOWED_CALLBACK', W.EVERYONE.sid, 0x1200a0, { applicationData: condition }),
    ]);
  });

  it('matches parentheses outside double-quoted strings only (MS-DTYP 2.5.1.1 char-string)', () => {
    const condition = '(@User.Title == "a)b;(" && Member_of {SID(BA)})';
    expect(parsed(`D:(XD;;GA;;;WD; ${condition} )`).dacl?.[0]?.applicationData).toBe(condition);
  });

  it('takes the condition as optional on callback ACEs, which also exist without one (ACE Strings: XA, XD, ZA, XU)', () => {
    expect(parsed('D:(XA;;FA;;;WD)').dacl?.[0]).toEqual(
      ace('ACCESS_ALLOWED_CALLBACK', W.EVERYONE.sid, 0x1f01ff),
    );
    const za = parsed('D:(ZA;;CR;00299570-246d-11d0-a768-00aa006e0529;;PS;(@User.x == 1))').dacl?.[0];
    expect(za?.type).toBe('ACCESS_ALLOWED_CALLBACK_OBJECT');
    expect(za?.objectType).toBe('00299570-246d-11d0-a768-00aa006e0529');
  });

  it('keeps a resource attribute ACE’s attribute text (MS-DTYP 2.5.1.1 resource-attribute-ace)', () => {
    const sd = parsed('S:(RA;CI;;;;WD;("Project",TS,0x0,"Apollo (11)","Gemini"))');
    expect(sd.sacl).toEqual([
      ace('SYSTEM_RESOURCE_ATTRIBUTE', W.EVERYONE.sid, 0, {
        flags: ACE_FLAGS.CONTAINER_INHERIT_ACE,
        applicationData: '("Project",TS,0x0,"Apollo (11)","Gemini")',
      }),
    ]);
  });

  it('reads the msDS-AllowedToActOnBehalfOfOtherIdentity shape (resource-based constrained delegation)', () => {
    const sd = parsed('O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)');
    expect(sd.owner).toBe(W.BUILTIN_ADMINISTRATORS.sid);
    expect(sd.dacl).toEqual([ace('ACCESS_ALLOWED', sid('S-1-5-21-1-2-3-1105'), 0xf01ff)]);
  });

  it.each<[string, AceType]>([
    ['A', 'ACCESS_ALLOWED'],
    ['D', 'ACCESS_DENIED'],
    ['AU', 'SYSTEM_AUDIT'],
    ['AL', 'SYSTEM_ALARM'],
    ['OA', 'ACCESS_ALLOWED_OBJECT'],
    ['OD', 'ACCESS_DENIED_OBJECT'],
    ['OU', 'SYSTEM_AUDIT_OBJECT'],
    ['OL', 'SYSTEM_ALARM_OBJECT'],
    ['XA', 'ACCESS_ALLOWED_CALLBACK'],
    ['XD', 'ACCESS_DENIED_CALLBACK'],
    ['ZA', 'ACCESS_ALLOWED_CALLBACK_OBJECT'],
    ['XU', 'SYSTEM_AUDIT_CALLBACK'],
    ['ML', 'SYSTEM_MANDATORY_LABEL'],
    ['SP', 'SYSTEM_SCOPED_POLICY_ID'],
    ['TL', 'SYSTEM_PROCESS_TRUST_LABEL'],
    ['FL', 'SYSTEM_ACCESS_FILTER'],
  ])('ace_type %s is %s (ACE Strings; MS-DTYP 2.4.4.1 values, ZA/XU as in winnt.h)', (text, type) => {
    const guid = text === 'OA' ? '4828cc14-1437-45bc-9b07-ad6f015e5f28' : '';
    expect(parsed(`S:(${text};;;${guid};;WD)`).sacl?.[0]?.type).toBe(type);
  });

  it.each([
    ['OI', 0x01],
    ['CI', 0x02],
    ['NP', 0x04],
    ['IO', 0x08],
    ['ID', 0x10],
    ['CR', 0x20],
    ['SA', 0x40],
    ['TP', 0x40],
    ['FA', 0x80],
  ])('ace flag %s is %d (ACE Strings; MS-DTYP 2.4.4.1; SA and TP share 0x40)', (text, bit) => {
    expect(parsed(`D:(A;${text};;;;WD)`).dacl?.[0]?.flags).toBe(bit);
  });

  it('ORs flags in any order and repeated, as Windows does (ACE Strings: ace_flags is a concatenation)', () => {
    expect(parsed('D:(A;FASACRIDIONPCIOIOI;;;;WD)').dacl?.[0]?.flags).toBe(0xff);
  });

  it.each([
    ['GA', 0x1000_0000],
    ['GR', 0x8000_0000],
    ['GW', 0x4000_0000],
    ['GX', 0x2000_0000],
    ['RC', 0x2_0000],
    ['SD', 0x1_0000],
    ['WD', 0x4_0000],
    ['WO', 0x8_0000],
    ['RP', 0x10],
    ['WP', 0x20],
    ['CC', 0x1],
    ['DC', 0x2],
    ['LC', 0x4],
    ['SW', 0x8],
    ['LO', 0x80],
    ['DT', 0x40],
    ['CR', 0x100],
    ['FA', 0x1f01ff],
    ['FR', 0x120089],
    ['FW', 0x120116],
    ['FX', 0x1200a0],
    ['KA', 0xf003f],
    ['KR', 0x20019],
    ['KW', 0x20006],
    ['KX', 0x20019],
    ['NR', 0x2],
    ['NW', 0x1],
    ['NX', 0x4],
  ])('rights string %s is %d (MS-DTYP 2.5.1.1 rights tables)', (text, mask) => {
    expect(parsed(`D:(A;;${text};;;WD)`).dacl?.[0]?.mask).toBe(mask);
  });

  it('reads rights as hex, octal or decimal numbers up to 0xffffffff (MS-DTYP 2.5.1.1 ace-rights)', () => {
    const masks = (text: string) => parsed(text).dacl?.map((a) => a.mask);
    expect(
      masks('D:(A;;0x1200A9;;;WD)(A;;0X1f01ff;;;WD)(A;;0777;;;WD)(A;;1179817;;;WD)(A;;0xFFFFFFFF;;;WD)'),
    ).toEqual([0x1200a9, 0x1f01ff, 0o777, 1179817, 0xffff_ffff]);
    expect(masks('D:(A;;0;;;WD)(A;;;;;WD)(A;;0x00000000001;;;WD)')).toEqual([0, 0, 1]);
  });

  it('ORs concatenated rights strings, as in the ACE Strings example (A;;RPWPCCDCLCSWRCWDWOGA;;;S-1-1-0) → 0x100e003f', () => {
    expect(parsed('D:(A;;RPWPCCDCLCSWRCWDWOGA;;;S-1-1-0)').dacl?.[0]?.mask).toBe(0x100e003f);
  });

  it('resolves SID aliases, domain-relative ones against options.domainSid and forest-wide ones against rootDomainSid (SID Strings)', () => {
    const sd = parsed('O:DAG:EAD:(A;;GA;;;DU)(A;;GA;;;SA)(A;;GA;;;AN)', {
      domainSid: CORP,
      rootDomainSid: ROOT,
    });
    expect(sd.owner?.text).toBe('S-1-5-21-1-2-3-512');
    expect(sd.group?.text).toBe('S-1-5-21-7-8-9-519');
    expect(sd.dacl?.map((a) => a.sid.text)).toEqual(['S-1-5-21-1-2-3-513', 'S-1-5-21-7-8-9-518', 'S-1-5-7']);
    expect(parsed('O:EA', { domainSid: CORP }).owner?.text).toBe('S-1-5-21-1-2-3-519');
  });

  it('reads SIDs in S-1-… form, with a lower-case s and a hex authority (MS-DTYP 2.4.2.1)', () => {
    expect(parsed('O:s-1-5-32-544').owner).toBe(W.BUILTIN_ADMINISTRATORS.sid);
    expect(parsed('O:S-1-0x0000000000FFG:SY').owner?.text).toBe('S-1-255');
    expect(parsed('O:S-1-5-32-544D:').owner).toBe(W.BUILTIN_ADMINISTRATORS.sid);
  });
});

describe('errors: code, offset of the first offending character, what was expected', () => {
  const TYPES = 'an ACE type (A, D, AU, AL, OA, OD, OU, OL, XA, XD, ZA, XU, ML, RA, SP, TL, FL)';
  const SID_OR_ALIAS = 'a SID ("S-1-…") or a two-letter SID alias (SY, BA, WD, DA, …)';

  it.each([
    ['O:S-1-5-x', 8, 'a decimal sub-authority'],
    ['O:S-2-5', 4, 'revision 1'],
    ['D:(A;;FA;;;S-1-5-4294967296)', 17, 'a sub-authority below 2^32'],
    ['D:(A;;FA;;;XY)', 11, SID_OR_ALIAS],
    ['O:SYSTEM', 4, 'the end of the SID after the two-letter alias SY'],
    ['D:(A;;FA;;;BAX)', 13, 'the end of the SID after the two-letter alias BA'],
    ['D:(A;;FA;;;Nonexistent account)', 11, SID_OR_ALIAS],
    ['O:', 2, SID_OR_ALIAS],
    ['O:D:', 2, SID_OR_ALIAS],
  ])(
    'ERROR_INVALID_SID for a malformed SID or unknown alias: %j (SID Strings; MS-DTYP 2.4.2.1)',
    (text, offset, expected) => {
      expect(where(failure(text))).toEqual({ code: 'ERROR_INVALID_SID', offset, expected });
    },
  );

  it('ERROR_NONE_MAPPED for a domain-relative alias without a domain, naming the alias and the option to pass (SID Strings)', () => {
    expect(where(failure('O:BAG:DA'))).toEqual({
      code: 'ERROR_NONE_MAPPED',
      offset: 6,
      expected:
        'a domain to resolve the domain-relative alias DA (Domain Admins, RID 512): pass options.domainSid',
    });
    expect(where(failure('D:(A;;GA;;;EA)'))).toEqual({
      code: 'ERROR_NONE_MAPPED',
      offset: 11,
      expected:
        'a domain to resolve the domain-relative alias EA (Enterprise Admins, RID 519): pass options.rootDomainSid (or options.domainSid)',
    });
    // DA is not forest-wide: a root domain alone does not resolve it.
    expect(failure('O:DA', { rootDomainSid: ROOT }).code).toBe('ERROR_NONE_MAPPED');
  });

  it.each([
    ['D:(Q;;FA;;;WD)', 3, TYPES],
    ['D:(a;;FA;;;WD)', 3, TYPES],
    ['D:(AXE;;FA;;;WD)', 3, TYPES],
    ['D:(', 3, TYPES],
    ['D:(A', 4, '";" after the ACE type'],
    ['D:(A;QQ;FA;;;WD)', 5, 'an ACE flag (OI, CI, NP, IO, ID, SA, FA, TP, CR) or ";"'],
    ['D:(A;OI CI;FA;;;WD)', 7, 'an ACE flag (OI, CI, NP, IO, ID, SA, FA, TP, CR) or ";"'],
    ['D:(A;;ROB;;;WD)', 6, EXPECTED_RIGHT],
    ['D:(A;;FAX;;;WD)', 8, EXPECTED_RIGHT],
    ['D:(A;;0x;;;WD)', 8, 'a hex digit after "0x"'],
    ['D:(A;;0x1g;;;WD)', 9, '";" after the rights'],
    ['D:(A;;08;;;WD)', 7, 'an octal digit (0-7) after a leading 0'],
    ['D:(A;;4294967296;;;WD)', 6, 'an access mask below 2^32 (0xffffffff)'],
    ['D:(A;;0x100000000;;;WD)', 6, 'an access mask below 2^32 (0xffffffff)'],
    [
      'D:(A;;CC;4c164200-20c0-11d0-a768-00aa006e0529;;WD)',
      9,
      'an empty GUID field: only object ACEs (OA, OD, OU, OL, ZA) carry GUIDs',
    ],
    [
      'D:(OA;;CC;4c164200-20c0-11d0-a768-00aa006e052g;;WD)',
      45,
      'a hex digit of a GUID (8-4-4-4-12 hex digits)',
    ],
    ['D:(OA;;CC;4c164200+20c0-11d0-a768-00aa006e0529;;WD)', 18, '"-" of a GUID (8-4-4-4-12 hex digits)'],
    [
      'D:(OA;;CC;{4c164200-20c0-11d0-a768-00aa006e0529};;WD)',
      10,
      'a hex digit of a GUID (8-4-4-4-12 hex digits)',
    ],
    ['D:(OA;;CC;4c164200-20c0-11d0-a768-00aa006e0529a;;WD)', 46, '";" after the GUID'],
    ['D:(A;;FA;;;WD', 13, '")" to end the ACE'],
    ['D:(A;;FA;;;WD;(x))', 13, '")" to end the ACE'],
    ['D:(XA;;FA;;;WD;x)', 15, '"(" to open the condition'],
    ['D:(XA;;FA;;;WD;(a && (b)', 15, 'a ")" to close this "("'],
    ['D:(XA;;FA;;;WD;(a && ((b)', 21, 'a ")" to close this "("'],
    ['D:(XA;;FA;;;WD;(a == "x)', 21, 'a closing double quote for the string opened here'],
    ['D:(XA;;FA;;;WD;(a) x)', 19, '")" to end the ACE'],
    ['S:(RA;;;;;WD)', 12, '";" and the resource attribute "(…)" an RA ACE needs'],
    ['D:NO_ACCESS_CONTROL(A;;FA;;;WD)', 19, 'no ACE after NO_ACCESS_CONTROL (a NULL ACL has no entries)'],
    ['D:PX', 3, 'an ACL flag (P, AR, AI, NO_ACCESS_CONTROL), an ACE "(" or a component (O:, G:, D: or S:)'],
    ['D:NULL', 2, 'an ACL flag (P, AR, AI, NO_ACCESS_CONTROL), an ACE "(" or a component (O:, G:, D: or S:)'],
  ])('ERROR_INVALID_ACL for %j (ACE Strings; MS-DTYP 2.5.1.1)', (text, offset, expected) => {
    expect(where(failure(text))).toEqual({ code: 'ERROR_INVALID_ACL', offset, expected });
  });

  it.each([
    ['ERROR:(D;;GA;;;WD)', 0, 'a component (O:, G:, D: or S:)'],
    ['O:BAO:SY', 4, 'at most one O: component'],
    ['D:D:', 2, 'at most one D: component'],
    ['O:BA X', 5, 'a component (O:, G:, D: or S:)'],
    ['D:(A;;GA;;;WD)X', 14, 'an ACE "(" or a component (O:, G:, D: or S:)'],
    ['O:BA;', 4, 'a component (O:, G:, D: or S:)'],
  ])(
    'ERROR_INVALID_SECURITY_DESCR for the structure: %j (Security Descriptor String Format)',
    (text, offset, expected) => {
      expect(where(failure(text))).toEqual({ code: 'ERROR_INVALID_SECURITY_DESCR', offset, expected });
    },
  );

  it('quotes what stands at the offset in `found`, and the whole input in `input`', () => {
    const e = failure('D:(A;;FA;;;S-1-5-x)');
    expect([e.offset, e.found, e.input]).toEqual([17, '"x"', 'D:(A;;FA;;;S-1-5-x)']);
    expect(failure('D:(A;;FA;;;WD').found).toBe('end of input');
  });

  it('throws a TypeError only for programmer errors: a non-string, or a domain SID with no room for a RID (STYLE.md Errors)', () => {
    expect(() => parseSddl(42 as unknown as string)).toThrow(/^parseSddl:/);
    const full = sid(`S-1-5-21${'-1'.repeat(14)}`);
    expect(() => parseSddl('O:DA', { domainSid: full })).toThrow(/^parseSddl:/);
    expect(() => parseSddl('O:DA', { domainSid: 'S-1-5-21-1-2-3' as unknown as typeof CORP })).toThrow(
      /^parseSddl:/,
    );
  });

  it('sddl() returns the descriptor, and throws TypeError("sddl: …") for invalid text (STYLE.md Errors)', () => {
    expect(sddl('O:SY').owner).toBe(W.SYSTEM.sid);
    expect(() => sddl('D:(A;;FA;;;SY)!')).toThrow(TypeError);
    expect(() => sddl('D:(A;;FA;;;SY)!')).toThrow(/^sddl: /);
  });

  it('stays linear on pathological input: 100 000 open parentheses, 20 000 ACEs (no recursion, no backtracking)', () => {
    const deep = `D:(XA;;FA;;;WD;${'('.repeat(100_000)}`;
    expect(where(failure(deep))).toMatchObject({ code: 'ERROR_INVALID_ACL', offset: deep.length - 1 });
    expect(parsed(`D:${'(A;;FA;;;WD)'.repeat(20_000)}`).dacl).toHaveLength(20_000);
    expect(failure(`D:(A;;0x${'f'.repeat(100_000)};;;WD)`).offset).toBe(6);
    expect(failure(`O:S-1-5-${'9'.repeat(100_000)}`).code).toBe('ERROR_INVALID_SID');
  });
});

describe('properties', () => {
  const CODES = [
    'ERROR_INVALID_SID',
    'ERROR_INVALID_ACL',
    'ERROR_INVALID_SECURITY_DESCR',
    'ERROR_NONE_MAPPED',
  ];

  function checkTotal(text: string): void {
    const r = parseSddl(text, { domainSid: TEST_DOMAIN_SID });
    if (r.ok) return;
    expect(CODES).toContain(r.error.code);
    expect(r.error.offset).toBeGreaterThanOrEqual(0);
    expect(r.error.offset).toBeLessThanOrEqual(text.length);
    expect(r.error.input).toBe(text);
    expect(r.error.found === 'end of input').toBe(r.error.offset === text.length);
    expect(r.error.expected.length).toBeGreaterThan(0);
  }

  it('never throws for arbitrary strings, and every error points inside the input', () => {
    fc.assert(fc.property(fc.string(), checkTotal));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), checkTotal));
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'OGDS:()-;PAIRNO_CXSWYBU0123456789xabcdef" ') }),
        checkTotal,
      ),
    );
  });

  it('never throws for valid SDDL with characters inserted, deleted or replaced', () => {
    fc.assert(fc.property(mutatedSddlArbitrary({ domainSid: TEST_DOMAIN_SID }), checkTotal));
  });

  it('reads every spelling of a descriptor — any component order, spaces, aliases, numeric rights — as that descriptor', () => {
    fc.assert(
      fc.property(sddlVariantArbitrary(), ({ sd, text }) => {
        expect(parsed(text)).toEqual(sd);
      }),
    );
    const options = { domainSid: TEST_DOMAIN_SID, rootDomainSid: ROOT };
    fc.assert(
      fc.property(sddlVariantArbitrary(options), ({ sd, text }) => {
        expect(parsed(text, options)).toEqual(sd);
      }),
    );
  });
});
