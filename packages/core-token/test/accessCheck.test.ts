import { describe, expect, it } from 'vitest';
import {
  ACE_FLAGS,
  accessCheck,
  explainAccessCheck,
  GROUP_ATTRIBUTES,
  OBJECT_TYPES,
  PRIVILEGE_ATTRIBUTES,
  securityDescriptor,
  TOKEN_MANDATORY_POLICY,
  token,
} from '../src/index.js';
import {
  ACCESS_SYSTEM_SECURITY,
  ADMINISTRATORS,
  ALICE,
  AUTHENTICATED_USERS,
  BILLY,
  billyOverTheNetwork,
  CREATOR_OWNER,
  check,
  DELETE,
  DOMAIN_ADMINS,
  DOMAIN_USERS,
  EVERYONE,
  entry,
  FILE,
  fileSd,
  GENERIC_READ,
  HIGH,
  LOW,
  MAXIMUM_ALLOWED,
  MEDIUM,
  NETWORK,
  OWNER_RIGHTS,
  PRINCIPAL_SELF,
  READ_CONTROL,
  SYNCHRONIZE,
  SYSTEM,
  SYSTEM_IL,
  USERS,
  WRITE_DAC,
  WRITE_OWNER,
} from './accessCheckFixtures.js';

const { SE_GROUP_ENABLED, SE_GROUP_USE_FOR_DENY_ONLY, SE_GROUP_INTEGRITY } = GROUP_ATTRIBUTES;
const denyOnly = (s: typeof BILLY) => ({ sid: s, attributes: SE_GROUP_USE_FOR_DENY_ONLY });
const disabled = (s: typeof BILLY) => ({ sid: s, attributes: 0 });
const readEveryone = entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE);

describe('AccessCheck preconditions fail the call with a Win32 error (AccessCheck; NtAccessCheck in ReactOS accesschk.c)', () => {
  const sd = fileSd([readEveryone]);
  const request = { securityDescriptor: sd, desiredAccess: FILE.READ_DATA, objectType: OBJECT_TYPES.file };

  it('ERROR_NO_IMPERSONATION_TOKEN (1309) for a primary token', () => {
    const r = accessCheck({ ...request, token: billyOverTheNetwork({ type: 'primary' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.win32]).toEqual(['ERROR_NO_IMPERSONATION_TOKEN', 1309]);
  });

  it('ERROR_BAD_IMPERSONATION_LEVEL (1346) for an Anonymous-level token; Identification is enough', () => {
    const anonymous = accessCheck({
      ...request,
      token: billyOverTheNetwork({ impersonationLevel: 'Anonymous' }),
    });
    expect(!anonymous.ok && [anonymous.error.code, anonymous.error.win32]).toEqual([
      'ERROR_BAD_IMPERSONATION_LEVEL',
      1346,
    ]);
    const identification = accessCheck({
      ...request,
      token: billyOverTheNetwork({ impersonationLevel: 'Identification' }),
    });
    expect(identification.ok && identification.value.granted).toBe(true);
  });

  it('ERROR_GENERIC_NOT_MAPPED (1360) when the desired access still has GENERIC_* bits (AccessCheck: "must have been mapped")', () => {
    const r = accessCheck({ ...request, token: billyOverTheNetwork(), desiredAccess: GENERIC_READ });
    expect(!r.ok && [r.error.code, r.error.win32]).toEqual(['ERROR_GENERIC_NOT_MAPPED', 1360]);
  });

  it('ERROR_INVALID_SECURITY_DESCR (1338) when the descriptor lacks the owner or the group (AccessCheck remarks)', () => {
    for (const parts of [
      { owner: null, group: SYSTEM },
      { owner: ADMINISTRATORS, group: null },
    ]) {
      const sdWithout = securityDescriptor({ ...parts, dacl: [readEveryone] });
      const r = accessCheck({ ...request, securityDescriptor: sdWithout, token: billyOverTheNetwork() });
      expect(!r.ok && [r.error.code, r.error.win32]).toEqual(['ERROR_INVALID_SECURITY_DESCR', 1338]);
    }
  });

  it('ERROR_INVALID_PARAMETER (87) for a malformed object type list (AccessCheckByType)', () => {
    const guid = 'bf967aba-0de6-11d0-a285-00aa003049e2';
    const lists = [
      [{ level: 1, guid }],
      [
        { level: 0, guid },
        { level: 0, guid },
      ],
      [
        { level: 0, guid },
        { level: 2, guid },
      ],
      [{ level: 0, guid: 'not-a-guid' }],
      [
        { level: 0, guid },
        { level: 5, guid },
      ],
    ];
    for (const objectTypeList of lists) {
      const r = accessCheck({ ...request, token: billyOverTheNetwork(), objectTypeList });
      expect(!r.ok && [r.error.code, r.error.win32]).toEqual(['ERROR_INVALID_PARAMETER', 87]);
    }
  });

  it('a denial is not a failed call: ok, granted false, grantedAccess 0, ERROR_ACCESS_DENIED (AccessCheck: AccessStatus FALSE)', () => {
    const r = accessCheck({ ...request, token: billyOverTheNetwork(), desiredAccess: FILE.WRITE_DATA });
    expect(r).toMatchObject({
      ok: true,
      value: { granted: false, grantedAccess: 0, status: 'ERROR_ACCESS_DENIED' },
    });
  });

  it('throws for programmer errors, with a message naming accessCheck', () => {
    const t = billyOverTheNetwork();
    expect(() => accessCheck({ securityDescriptor: sd, token: t, desiredAccess: 1 })).toThrow(
      /^accessCheck:/,
    );
    expect(() => accessCheck({ ...request, token: t, desiredAccess: -1 })).toThrow(/^accessCheck:/);
    expect(() => accessCheck({ ...request, token: t, desiredAccess: 1.5 })).toThrow(/^accessCheck:/);
  });

  it('a request for no rights is denied (SeAccessCheck)', () => {
    const r = check(sd, billyOverTheNetwork(), 0);
    expect([r.granted, r.status, r.steps]).toEqual([
      false,
      'ERROR_ACCESS_DENIED',
      [{ kind: 'emptyRequest' }],
    ]);
  });

  it('grants exactly the request: grantedAccess equals desiredAccess (AccessCheck GrantedAccess)', () => {
    const r = check(
      fileSd([entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE)]),
      billyOverTheNetwork(),
      FILE.READ_DATA,
    );
    expect([r.granted, r.grantedAccess, r.status]).toEqual([true, FILE.READ_DATA, 'ERROR_SUCCESS']);
  });
});

describe("the file server (What's in a Token, Part 2): SYSTEM serving Billy's SMB request impersonates Billy", () => {
  // test.txt on \\WtipFS1\Tools: Billy is denied; SYSTEM and Everyone may read.
  const testTxt = fileSd([
    entry('ACCESS_DENIED', FILE.GENERIC_READ, BILLY),
    entry('ACCESS_ALLOWED', FILE.GENERIC_READ, SYSTEM),
    entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE),
  ]);
  const systemIdentity = {
    user: SYSTEM,
    groups: [ADMINISTRATORS, EVERYONE, AUTHENTICATED_USERS],
    privileges: ['SeTcbPrivilege', 'SeImpersonatePrivilege', 'SeTakeOwnershipPrivilege'] as const,
    integrityLevel: SYSTEM_IL,
  };
  const names = new Map([[BILLY, 'CORP\\Billy']]);

  it("the Server service's own (primary) token cannot be passed to AccessCheck: ERROR_NO_IMPERSONATION_TOKEN", () => {
    const serverProcess = token({ ...systemIdentity, type: 'primary' });
    const r = accessCheck({
      securityDescriptor: testTxt,
      token: serverProcess,
      desiredAccess: FILE.GENERIC_READ,
      objectType: OBJECT_TYPES.file,
    });
    expect(!r.ok && r.error.code).toBe('ERROR_NO_IMPERSONATION_TOKEN');
  });

  it('SYSTEM itself (impersonating itself, ImpersonateSelf) would be granted read', () => {
    const systemSelf = token({
      ...systemIdentity,
      type: 'impersonation',
      impersonationLevel: 'Impersonation',
    });
    const r = check(testTxt, systemSelf, FILE.GENERIC_READ);
    expect([r.granted, r.grantedAccess]).toEqual([true, FILE.GENERIC_READ]);
    expect(explainAccessCheck(r, { objectType: OBJECT_TYPES.file, names })).toBe(
      'GRANTED FILE_GENERIC_READ to NT AUTHORITY\\SYSTEM.\n' +
        '- The owner, BUILTIN\\Administrators, is implicitly granted READ_CONTROL. (MS-DTYP 2.5.3.2)\n' +
        '- ACE #2 (ACCESS_ALLOWED, NT AUTHORITY\\SYSTEM) grants FILE_READ_DATA | FILE_READ_EA | FILE_READ_ATTRIBUTES | SYNCHRONIZE. (MS-DTYP 2.5.3.2)',
    );
  });

  it("but the thread impersonating Billy (network logon) is denied: Billy's token, not SYSTEM's, meets the DACL", () => {
    const r = check(testTxt, billyOverTheNetwork(), FILE.GENERIC_READ);
    expect([r.granted, r.grantedAccess, r.status]).toEqual([false, 0, 'ERROR_ACCESS_DENIED']);
    expect(r.steps).toEqual([
      expect.objectContaining({
        kind: 'ace',
        effect: 'deny',
        aceIndex: 0,
        sid: BILLY,
        access: FILE.GENERIC_READ,
      }),
    ]);
    expect(explainAccessCheck(r, { objectType: OBJECT_TYPES.file, names })).toBe(
      'DENIED FILE_GENERIC_READ to CORP\\Billy: ACE #1 (ACCESS_DENIED, CORP\\Billy) denies FILE_GENERIC_READ. (MS-DTYP 2.5.3.2)',
    );
  });

  it("Billy's colleague on the same share is granted through Everyone", () => {
    const alice = token({ user: ALICE, groups: [EVERYONE, NETWORK, AUTHENTICATED_USERS, DOMAIN_USERS] });
    expect(check(testTxt, alice, FILE.GENERIC_READ).granted).toBe(true);
  });
});

describe('NULL and empty DACLs (MS-DTYP 2.5.3.2 overview; AccessCheck remarks)', () => {
  it('a NULL DACL grants any request; MAXIMUM_ALLOWED gets the GenericAll of the mapping', () => {
    const sd = fileSd(null);
    expect(check(sd, billyOverTheNetwork(), FILE.ALL_ACCESS).granted).toBe(true);
    const max = check(sd, billyOverTheNetwork(), MAXIMUM_ALLOWED);
    expect([max.granted, max.grantedAccess]).toEqual([true, FILE.ALL_ACCESS]);
    expect(max.steps).toContainEqual({ kind: 'nullDacl', access: FILE.ALL_ACCESS });
  });

  it('an empty DACL grants nothing to anyone but the owner, who gets only READ_CONTROL | WRITE_DAC', () => {
    const sd = fileSd([], { owner: BILLY });
    expect(check(sd, billyOverTheNetwork(), READ_CONTROL | WRITE_DAC).granted).toBe(true);
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA).granted).toBe(false);
    expect(check(sd, billyOverTheNetwork(), MAXIMUM_ALLOWED).grantedAccess).toBe(READ_CONTROL | WRITE_DAC);
    const stranger = token({ user: ALICE, groups: [EVERYONE] });
    const r = check(sd, stranger, MAXIMUM_ALLOWED);
    expect([r.granted, r.grantedAccess, r.steps]).toEqual([false, 0, [{ kind: 'notGranted', access: 0 }]]);
  });
});

describe('owner implicit rights and OWNER RIGHTS (MS-DTYP 2.5.3.2; 2.4.2.4 OWNER_RIGHTS; Forshaw ch. 7)', () => {
  it('the owner is granted READ_CONTROL | WRITE_DAC whatever the DACL says, and nothing more', () => {
    const sd = fileSd([entry('ACCESS_DENIED', FILE.ALL_ACCESS, BILLY)], { owner: BILLY });
    const r = check(sd, billyOverTheNetwork(), READ_CONTROL | WRITE_DAC);
    expect(r.granted).toBe(true);
    expect(r.steps).toEqual([
      { kind: 'owner', effect: 'grant', access: READ_CONTROL | WRITE_DAC, owner: BILLY, aceIndex: null },
    ]);
    expect(check(sd, billyOverTheNetwork(), READ_CONTROL | FILE.READ_DATA).granted).toBe(false);
  });

  it('an enabled group can be the owner; a deny-only one cannot', () => {
    const sd = fileSd([], { owner: ADMINISTRATORS });
    const admin = token({ user: ALICE, groups: [ADMINISTRATORS] });
    const filteredAdmin = token({ user: ALICE, groups: [denyOnly(ADMINISTRATORS)] });
    expect(check(sd, admin, WRITE_DAC).granted).toBe(true);
    expect(check(sd, filteredAdmin, WRITE_DAC).granted).toBe(false);
  });

  it("an OWNER RIGHTS ACE withholds the implicit rights (Forshaw's experiment: owner Everyone, (A;;0x1;;;OW) → only 0x1)", () => {
    const everyoneOwns = token({ user: ALICE, groups: [EVERYONE] });
    const empty = fileSd([], { owner: EVERYONE });
    expect(check(empty, everyoneOwns, MAXIMUM_ALLOWED).grantedAccess).toBe(READ_CONTROL | WRITE_DAC);
    const withOwnerRights = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, OWNER_RIGHTS)], {
      owner: EVERYONE,
    });
    const r = check(withOwnerRights, everyoneOwns, MAXIMUM_ALLOWED);
    expect(r.grantedAccess).toBe(FILE.READ_DATA);
    expect(r.steps[0]).toEqual({
      kind: 'owner',
      effect: 'withheld',
      access: READ_CONTROL | WRITE_DAC,
      owner: EVERYONE,
      aceIndex: 0,
    });
    expect(r.steps[1]).toMatchObject({
      kind: 'ace',
      effect: 'grant',
      sid: OWNER_RIGHTS,
      matchedSid: EVERYONE,
    });
  });

  it('an OWNER RIGHTS ACE is evaluated as the owner: it applies to the owner only, and can deny the owner', () => {
    const sd = fileSd(
      [
        entry('ACCESS_DENIED', WRITE_DAC, OWNER_RIGHTS),
        entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, OWNER_RIGHTS),
      ],
      { owner: BILLY },
    );
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA | READ_CONTROL).granted).toBe(true);
    expect(check(sd, billyOverTheNetwork(), WRITE_DAC).granted).toBe(false);
    expect(check(sd, token({ user: ALICE, groups: [EVERYONE] }), FILE.READ_DATA).granted).toBe(false);
  });

  it('an OWNER RIGHTS ACE withholds the implicit rights wherever it stands, even after the rights were granted (shrunk counterexample)', () => {
    const everyone = token({ user: EVERYONE, impersonationLevel: 'Identification' });
    const sd = fileSd([], { owner: EVERYONE });
    expect(check(sd, everyone, READ_CONTROL).granted).toBe(true);
    const appended = fileSd([entry('ACCESS_ALLOWED', GENERIC_READ | SYNCHRONIZE, OWNER_RIGHTS)], {
      owner: EVERYONE,
    });
    expect(check(appended, everyone, READ_CONTROL).granted).toBe(false);
  });

  it('an inherit-only OWNER RIGHTS ACE does not apply to this object, so the implicit rights stay', () => {
    const sd = fileSd(
      [entry('ACCESS_ALLOWED', FILE.READ_DATA, OWNER_RIGHTS, { flags: ACE_FLAGS.INHERIT_ONLY_ACE })],
      {
        owner: BILLY,
      },
    );
    expect(check(sd, billyOverTheNetwork(), MAXIMUM_ALLOWED).grantedAccess).toBe(READ_CONTROL | WRITE_DAC);
  });
});

describe('which token SIDs match which ACEs (SID Attributes in an Access Token; How AccessCheck Works)', () => {
  const allowUsers = fileSd([entry('ACCESS_ALLOWED', FILE.GENERIC_READ, DOMAIN_USERS)]);
  const denyUsersThenAllowAll = fileSd([
    entry('ACCESS_DENIED', FILE.READ_DATA, DOMAIN_USERS),
    entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE),
  ]);
  const withUsers = (attributes: number) =>
    token({ user: BILLY, groups: [EVERYONE, { sid: DOMAIN_USERS, attributes }] });

  it('an enabled group matches allowed and denied ACEs', () => {
    expect(check(allowUsers, withUsers(SE_GROUP_ENABLED), FILE.READ_DATA).granted).toBe(true);
    expect(check(denyUsersThenAllowAll, withUsers(SE_GROUP_ENABLED), FILE.READ_DATA).granted).toBe(false);
  });

  it('a deny-only group matches denied ACEs only (SE_GROUP_USE_FOR_DENY_ONLY)', () => {
    expect(check(allowUsers, withUsers(SE_GROUP_USE_FOR_DENY_ONLY), FILE.READ_DATA).granted).toBe(false);
    expect(check(denyUsersThenAllowAll, withUsers(SE_GROUP_USE_FOR_DENY_ONLY), FILE.READ_DATA).granted).toBe(
      false,
    );
  });

  it('a disabled group matches nothing — not even a deny ACE, which is why Windows makes deny-only, not disabled, groups', () => {
    expect(check(allowUsers, withUsers(0), FILE.READ_DATA).granted).toBe(false);
    expect(check(denyUsersThenAllowAll, withUsers(0), FILE.READ_DATA).granted).toBe(true);
  });

  it('a deny-only user SID matches denied ACEs but no allowed ACE (CreateRestrictedToken)', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA, BILLY),
      entry('ACCESS_DENIED', FILE.WRITE_DATA, BILLY),
    ]);
    const t = token({ user: denyOnly(BILLY), groups: [EVERYONE] });
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(false);
    const r = check(
      fileSd([
        entry('ACCESS_DENIED', FILE.WRITE_DATA, BILLY),
        entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE),
      ]),
      t,
      FILE.WRITE_DATA,
    );
    expect(r.granted).toBe(false);
  });

  it('the integrity SID in the group list never matches an ACE (MS-WPO 4.8)', () => {
    const t = token({
      user: BILLY,
      groups: [{ sid: MEDIUM, attributes: SE_GROUP_INTEGRITY | SE_GROUP_ENABLED }],
    });
    expect(check(fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, MEDIUM)]), t, FILE.READ_DATA).granted).toBe(
      false,
    );
  });

  it('the first entry with a SID decides (the user before the groups), as the kernel SidInToken stops at the first match', () => {
    const t = token({ user: denyOnly(BILLY), groups: [BILLY] });
    expect(check(fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, BILLY)]), t, FILE.READ_DATA).granted).toBe(
      false,
    );
  });

  it('CREATOR OWNER ACEs are inheritance placeholders that match no one, not even the owner (MS-DTYP 2.4.2.4)', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, CREATOR_OWNER)], { owner: BILLY });
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA).granted).toBe(false);
    expect(check(sd, token({ user: BILLY, groups: [CREATOR_OWNER] }), FILE.READ_DATA).granted).toBe(false);
  });
});

describe('the ordered DACL walk (MS-DTYP 2.5.3.2; How AccessCheck Works; Order of ACEs in a DACL)', () => {
  const t = billyOverTheNetwork();

  it('a deny before an allow for the same rights denies; the same ACEs the other way round grant', () => {
    const deny = entry('ACCESS_DENIED', FILE.READ_DATA, BILLY);
    const allow = entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE);
    expect(check(fileSd([deny, allow]), t, FILE.READ_DATA).granted).toBe(false);
    expect(check(fileSd([allow, deny]), t, FILE.READ_DATA).granted).toBe(true);
  });

  it('rights granted earlier are not revoked by a later deny, but a deny naming a still-wanted right denies the whole request', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE),
      entry('ACCESS_DENIED', FILE.READ_DATA | FILE.WRITE_DATA, BILLY),
      entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE),
    ]);
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(true);
    const r = check(sd, t, FILE.READ_DATA | FILE.READ_EA);
    expect(r.granted).toBe(true);
    const denied = check(sd, t, FILE.READ_DATA | FILE.WRITE_DATA);
    expect(denied.granted).toBe(false);
    expect(denied.steps.at(-1)).toMatchObject({
      kind: 'ace',
      effect: 'deny',
      aceIndex: 1,
      access: FILE.WRITE_DATA,
    });
  });

  it('rights are collected across ACEs, and the walk stops as soon as nothing is wanted', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA, DOMAIN_USERS),
      entry('ACCESS_ALLOWED', FILE.READ_EA, NETWORK),
      entry('ACCESS_DENIED', FILE.ALL_ACCESS, EVERYONE),
    ]);
    const r = check(sd, t, FILE.READ_DATA | FILE.READ_EA);
    expect(r.granted).toBe(true);
    expect(r.steps.map((s) => s.kind === 'ace' && [s.aceIndex, s.access])).toEqual([
      [0, FILE.READ_DATA],
      [1, FILE.READ_EA],
    ]);
  });

  it('requested rights no ACE grants are implicitly denied, and reported', () => {
    const r = check(
      fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)]),
      t,
      FILE.READ_DATA | FILE.WRITE_DATA,
    );
    expect(r.granted).toBe(false);
    expect(r.steps.at(-1)).toEqual({ kind: 'notGranted', access: FILE.WRITE_DATA });
  });

  it('inherit-only ACEs are skipped, allow and deny alike ("IF ACE.AceFlags does not contain INHERIT_ONLY_ACE")', () => {
    const io = { flags: ACE_FLAGS.INHERIT_ONLY_ACE | ACE_FLAGS.OBJECT_INHERIT_ACE };
    expect(
      check(fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE, io)]), t, FILE.READ_DATA).granted,
    ).toBe(false);
    const sd = fileSd([
      entry('ACCESS_DENIED', FILE.READ_DATA, EVERYONE, io),
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE),
    ]);
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(true);
  });

  it('an inherited ACE counts like an explicit one on this object', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE, { flags: ACE_FLAGS.INHERITED_ACE }),
    ]);
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(true);
  });

  it('a deny ACE with an empty mask is skipped (the spec\'s "IF ACE.AccessMask equals 0 ... Break" ends the CASE, not the loop)', () => {
    const sd = fileSd([entry('ACCESS_DENIED', 0, BILLY), entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)]);
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(true);
  });

  it('audit and label ACEs in a DACL neither grant nor deny', () => {
    const sd = fileSd([
      entry('SYSTEM_AUDIT', FILE.READ_DATA, EVERYONE),
      entry('SYSTEM_MANDATORY_LABEL', 1, LOW),
    ]);
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(false);
  });
});

describe('MAXIMUM_ALLOWED (MS-DTYP 2.5.3.2; Windows: the first ACE naming a right decides it, MS-ADTS 5.1.3.3.2)', () => {
  const t = billyOverTheNetwork();

  it('an allow before a deny keeps the right — unlike the spec pseudocode, whose Allowed & ~Denied would remove it', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE),
      entry('ACCESS_DENIED', FILE.READ_DATA | FILE.WRITE_DATA, BILLY),
      entry('ACCESS_ALLOWED', FILE.WRITE_DATA | FILE.READ_EA, EVERYONE),
    ]);
    const r = check(sd, t, MAXIMUM_ALLOWED);
    expect([r.granted, r.grantedAccess]).toEqual([true, FILE.READ_DATA | FILE.READ_EA]);
  });

  it('grants every right a specific request would get, and nothing granted means denied with grantedAccess 0', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE)]);
    expect(check(sd, t, MAXIMUM_ALLOWED).grantedAccess).toBe(FILE.GENERIC_READ);
    const none = check(fileSd([entry('ACCESS_DENIED', FILE.ALL_ACCESS, EVERYONE)]), t, MAXIMUM_ALLOWED);
    expect([none.granted, none.grantedAccess, none.status]).toEqual([false, 0, 'ERROR_ACCESS_DENIED']);
  });

  it('rights requested alongside MAXIMUM_ALLOWED must be granted too', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE)]);
    expect(check(sd, t, MAXIMUM_ALLOWED | FILE.READ_DATA).grantedAccess).toBe(FILE.GENERIC_READ);
    const r = check(sd, t, MAXIMUM_ALLOWED | FILE.WRITE_DATA);
    expect([r.granted, r.steps.at(-1)]).toEqual([false, { kind: 'notGranted', access: FILE.WRITE_DATA }]);
  });

  it('privileges grant only rights explicitly requested (SeAccessCheck: no privilege checks for MAXIMUM_ALLOWED alone)', () => {
    const owner = billyOverTheNetwork({ privileges: ['SeTakeOwnershipPrivilege'] });
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)]);
    expect(check(sd, owner, MAXIMUM_ALLOWED).grantedAccess).toBe(FILE.READ_DATA);
    expect(check(sd, owner, MAXIMUM_ALLOWED | WRITE_OWNER).grantedAccess).toBe(FILE.READ_DATA | WRITE_OWNER);
  });

  it('GENERIC_* bits of an ACE are never granted as such (the result is a mapped mask)', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', GENERIC_READ | FILE.READ_DATA, EVERYONE)]);
    expect(check(sd, t, MAXIMUM_ALLOWED).grantedAccess).toBe(FILE.READ_DATA);
  });
});

describe('privileges (MS-DTYP 2.5.3.2; SeAccessCheck; Forshaw ch. 7)', () => {
  const dacl = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)]);
  const withPrivilege = (
    name: 'SeSecurityPrivilege' | 'SeTakeOwnershipPrivilege' | 'SeRelabelPrivilege',
    enabled = true,
  ) =>
    billyOverTheNetwork({
      privileges: [{ name, attributes: enabled ? PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED : 0 }],
    });

  it('ACCESS_SYSTEM_SECURITY is granted by an enabled SeSecurityPrivilege, never by the DACL', () => {
    const r = check(dacl, withPrivilege('SeSecurityPrivilege'), ACCESS_SYSTEM_SECURITY | FILE.READ_DATA);
    expect([r.granted, r.grantedAccess]).toEqual([true, ACCESS_SYSTEM_SECURITY | FILE.READ_DATA]);
    expect(r.steps[0]).toEqual({
      kind: 'privilege',
      effect: 'grant',
      access: ACCESS_SYSTEM_SECURITY,
      privilege: 'SeSecurityPrivilege',
    });
    const everything = fileSd([entry('ACCESS_ALLOWED', 0xffffffff, EVERYONE)]);
    expect(check(everything, billyOverTheNetwork(), ACCESS_SYSTEM_SECURITY).status).toBe(
      'ERROR_PRIVILEGE_NOT_HELD',
    );
  });

  it('without it (or with it disabled) the result is ERROR_PRIVILEGE_NOT_HELD (1314), as a value', () => {
    for (const t of [billyOverTheNetwork(), withPrivilege('SeSecurityPrivilege', false)]) {
      const r = accessCheck({
        securityDescriptor: dacl,
        token: t,
        desiredAccess: ACCESS_SYSTEM_SECURITY,
        objectType: OBJECT_TYPES.file,
      });
      expect(r).toMatchObject({
        ok: true,
        value: { granted: false, grantedAccess: 0, status: 'ERROR_PRIVILEGE_NOT_HELD' },
      });
    }
  });

  it('the privilege does not help with the rest of the request', () => {
    const r = check(dacl, withPrivilege('SeSecurityPrivilege'), ACCESS_SYSTEM_SECURITY | FILE.WRITE_DATA);
    expect([r.granted, r.status]).toEqual([false, 'ERROR_ACCESS_DENIED']);
  });

  it('WRITE_OWNER is granted by an enabled SeTakeOwnershipPrivilege whatever the DACL says, not by a disabled one', () => {
    const denyAll = fileSd([entry('ACCESS_DENIED', FILE.ALL_ACCESS, EVERYONE)]);
    expect(check(denyAll, withPrivilege('SeTakeOwnershipPrivilege'), WRITE_OWNER).granted).toBe(true);
    expect(check(denyAll, withPrivilege('SeTakeOwnershipPrivilege', false), WRITE_OWNER).granted).toBe(false);
    const mixed = check(dacl, withPrivilege('SeTakeOwnershipPrivilege'), WRITE_OWNER | FILE.READ_DATA);
    expect([mixed.granted, mixed.grantedAccess]).toEqual([true, WRITE_OWNER | FILE.READ_DATA]);
  });

  it('SeRelabelPrivilege also grants WRITE_OWNER ("a token with only SeRelabelPrivilege can take ownership")', () => {
    const r = check(fileSd([]), withPrivilege('SeRelabelPrivilege'), WRITE_OWNER);
    expect(r.granted).toBe(true);
    expect(r.steps).toEqual([
      { kind: 'privilege', effect: 'grant', access: WRITE_OWNER, privilege: 'SeRelabelPrivilege' },
    ]);
  });
});

describe('mandatory integrity control in the access check (Win32 Mandatory Integrity Control; MS-DTYP 2.5.3.3; Forshaw ch. 7)', () => {
  const everyoneFull = [entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE)];
  const lowToken = billyOverTheNetwork({ integrityLevel: LOW });

  it('a Low token cannot write an unlabelled (so Medium, NO_WRITE_UP) file even though the DACL allows it; it can read it', () => {
    const sd = fileSd(everyoneFull);
    const write = check(sd, lowToken, FILE.WRITE_DATA);
    expect(write.granted).toBe(false);
    expect(write.steps).toEqual([
      expect.objectContaining({
        kind: 'mandatoryLabel',
        effect: 'deny',
        access: FILE.WRITE_DATA,
        label: MEDIUM,
        defaulted: true,
      }),
    ]);
    expect(check(sd, lowToken, FILE.GENERIC_READ | FILE.EXECUTE).granted).toBe(true);
  });

  it('NO_WRITE_UP leaves exactly mapped GenericRead | GenericExecute: DELETE and WRITE_DAC go too; MAXIMUM_ALLOWED is trimmed', () => {
    const sd = fileSd(everyoneFull);
    expect(check(sd, lowToken, DELETE).granted).toBe(false);
    const max = check(sd, lowToken, MAXIMUM_ALLOWED);
    expect([max.granted, max.grantedAccess]).toEqual([true, FILE.GENERIC_READ | FILE.GENERIC_EXECUTE]);
    expect(max.steps.at(-1)).toMatchObject({
      kind: 'mandatoryLabel',
      effect: 'trim',
      access: FILE.ALL_ACCESS & ~(FILE.GENERIC_READ | FILE.GENERIC_EXECUTE),
    });
  });

  it('an object labelled Low with NO_WRITE_UP does not restrict a Low token (equal levels dominate)', () => {
    const sd = fileSd(everyoneFull, { sacl: [entry('SYSTEM_MANDATORY_LABEL', 1, LOW)] });
    expect(check(sd, lowToken, FILE.WRITE_DATA).granted).toBe(true);
  });

  it('NO_READ_UP stops a Medium token reading a High object (processes are labelled so)', () => {
    const sd = fileSd(everyoneFull, { sacl: [entry('SYSTEM_MANDATORY_LABEL', 0x3, HIGH)] });
    const t = billyOverTheNetwork();
    expect(check(sd, t, FILE.READ_DATA).granted).toBe(false);
    expect(check(sd, t, FILE.EXECUTE).granted).toBe(true);
    expect(check(sd, billyOverTheNetwork({ integrityLevel: HIGH }), FILE.READ_DATA).granted).toBe(true);
  });

  it('a token whose mandatory policy lacks NO_WRITE_UP skips the check entirely', () => {
    const noPolicy = billyOverTheNetwork({
      integrityLevel: LOW,
      mandatoryPolicy: TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_OFF,
    });
    expect(check(fileSd(everyoneFull), noPolicy, FILE.WRITE_DATA).granted).toBe(true);
  });

  it('the owner at a lower integrity level loses WRITE_DAC but keeps READ_CONTROL, which GenericRead contains', () => {
    const sd = fileSd([], { owner: BILLY });
    expect(check(sd, lowToken, READ_CONTROL).granted).toBe(true);
    expect(check(sd, lowToken, WRITE_DAC).granted).toBe(false);
    expect(check(sd, lowToken, MAXIMUM_ALLOWED).grantedAccess).toBe(READ_CONTROL);
  });

  it('runs before privileges: a Low token with SeSecurityPrivilege is denied ACCESS_SYSTEM_SECURITY on a Medium object', () => {
    const t = billyOverTheNetwork({
      integrityLevel: LOW,
      privileges: ['SeSecurityPrivilege', 'SeRelabelPrivilege'],
    });
    expect(check(fileSd(everyoneFull), t, ACCESS_SYSTEM_SECURITY).status).toBe('ERROR_ACCESS_DENIED');
    // SeRelabelPrivilege puts WRITE_OWNER back into the allowed set (MS-DTYP 2.5.3.3).
    expect(check(fileSd([]), t, WRITE_OWNER).granted).toBe(true);
  });

  it('a NULL DACL grants everything the label leaves', () => {
    expect(check(fileSd(null), lowToken, FILE.WRITE_DATA).granted).toBe(false);
    expect(check(fileSd(null), lowToken, MAXIMUM_ALLOWED).grantedAccess).toBe(
      FILE.GENERIC_READ | FILE.GENERIC_EXECUTE,
    );
  });
});

describe('restricted tokens (Restricted Tokens; CreateRestrictedToken; Forshaw ch. 7)', () => {
  const restricted = (restrictedSids: (typeof BILLY)[], extra = {}) =>
    billyOverTheNetwork({ restrictedSids, ...extra });

  it('both passes must grant: the restricting SIDs are checked against the same DACL', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.GENERIC_READ, DOMAIN_USERS),
      entry('ACCESS_ALLOWED', FILE.READ_DATA, USERS),
    ]);
    expect(check(sd, restricted([USERS]), FILE.READ_DATA).granted).toBe(true);
    const r = check(sd, restricted([USERS]), FILE.READ_DATA | FILE.READ_EA);
    expect(r.granted).toBe(false);
    expect(r.steps.at(-1)).toEqual({ kind: 'restrictedPass', access: FILE.READ_EA, writeRestricted: false });
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA | FILE.READ_EA).granted).toBe(true);
  });

  it("a deny ACE for a restricting SID denies, even if the SID is not in the token's groups", () => {
    const sd = fileSd([
      entry('ACCESS_DENIED', FILE.WRITE_DATA, USERS),
      entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE),
    ]);
    expect(check(sd, restricted([USERS, EVERYONE]), FILE.WRITE_DATA).granted).toBe(false);
    expect(check(sd, restricted([EVERYONE]), FILE.WRITE_DATA).granted).toBe(true);
  });

  it('MAXIMUM_ALLOWED is the intersection of both passes', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE),
      entry('ACCESS_ALLOWED', FILE.READ_DATA | FILE.WRITE_DATA, USERS),
    ]);
    const r = check(sd, restricted([USERS]), MAXIMUM_ALLOWED);
    expect(r.grantedAccess).toBe(FILE.READ_DATA);
    expect(r.steps.at(-1)).toEqual({
      kind: 'restrictedPass',
      access: FILE.GENERIC_READ & ~FILE.READ_DATA,
      writeRestricted: false,
    });
  });

  it('the owner gets its implicit rights only if the owner SID is in both lists', () => {
    const sd = fileSd([], { owner: BILLY });
    expect(check(sd, restricted([EVERYONE]), WRITE_DAC).granted).toBe(false);
    expect(check(sd, restricted([BILLY]), WRITE_DAC).granted).toBe(true);
  });

  it('privilege grants are not re-checked by the second pass', () => {
    const t = restricted([EVERYONE], { privileges: ['SeTakeOwnershipPrivilege'] });
    expect(check(fileSd([]), t, WRITE_OWNER).granted).toBe(true);
  });

  it('a write-restricted token checks its restricting SIDs for write rights only (GenericWrite less GenericRead/Execute)', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, DOMAIN_USERS),
      entry('ACCESS_ALLOWED', FILE.APPEND_DATA, USERS),
    ]);
    const t = restricted([USERS], { writeRestricted: true });
    // READ_CONTROL and SYNCHRONIZE are in FILE_GENERIC_WRITE but are not write rights: reads pass.
    expect(check(sd, t, FILE.GENERIC_READ).granted).toBe(true);
    expect(check(sd, t, DELETE).granted).toBe(true);
    expect(check(sd, t, FILE.APPEND_DATA).granted).toBe(true);
    const write = check(sd, t, FILE.WRITE_DATA);
    expect(write.steps.at(-1)).toEqual({
      kind: 'restrictedPass',
      access: FILE.WRITE_DATA,
      writeRestricted: true,
    });
    expect(check(sd, t, MAXIMUM_ALLOWED).grantedAccess).toBe(FILE.ALL_ACCESS & ~(0x116 & ~FILE.APPEND_DATA));
    expect(check(sd, restricted([USERS]), FILE.GENERIC_READ).granted).toBe(false);
  });

  it('restricting SIDs are always enabled for access checks, whatever attributes they were given', () => {
    const t = billyOverTheNetwork({ restrictedSids: [{ sid: EVERYONE, attributes: 0 }] });
    expect(
      check(fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)]), t, FILE.READ_DATA).granted,
    ).toBe(true);
  });
});

describe('PRINCIPAL SELF (MS-DTYP 2.5.3.1.1 SidInToken; AccessCheckByType PrincipalSelfSid)', () => {
  const sd = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, PRINCIPAL_SELF)]);

  it('an ACE for S-1-5-10 matches when principalSelf is given and is in the token', () => {
    const r = check(sd, billyOverTheNetwork(), FILE.READ_DATA, { principalSelf: BILLY });
    expect(r.granted).toBe(true);
    expect(r.steps[0]).toMatchObject({ sid: PRINCIPAL_SELF, matchedSid: BILLY });
  });

  it('it matches nothing without principalSelf, or when the principal is someone else', () => {
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA).granted).toBe(false);
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA, { principalSelf: ALICE }).granted).toBe(false);
  });

  it('it also substitutes in deny ACEs and in the restricted pass', () => {
    const deny = fileSd([
      entry('ACCESS_DENIED', FILE.READ_DATA, PRINCIPAL_SELF),
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE),
    ]);
    expect(check(deny, billyOverTheNetwork(), FILE.READ_DATA, { principalSelf: BILLY }).granted).toBe(false);
    const t = billyOverTheNetwork({ restrictedSids: [BILLY] });
    expect(check(sd, t, FILE.READ_DATA, { principalSelf: BILLY }).granted).toBe(true);
  });
});

describe('object ACEs (MS-DTYP 2.5.3.2 Object Tree; 2.4.4.3 ObjectType; AccessCheckByType)', () => {
  const DS = OBJECT_TYPES.directoryService;
  const READ_PROP = 0x10;
  const WRITE_PROP = 0x20;
  const USER_CLASS = 'bf967aba-0de6-11d0-a285-00aa003049e2';
  const PERSONAL_INFO = '77b5b886-944a-11d1-aebd-0000f80367c1';
  const PHONE = 'bf967a49-0de6-11d0-a285-00aa003049e2';
  const STREET = 'bf967a4c-0de6-11d0-a285-00aa003049e2';
  const OTHER_SET = 'e45795b2-9455-11d1-aebd-0000f80367c1';
  const MAIL = 'bf967961-0de6-11d0-a285-00aa003049e2';
  const tree = [
    { level: 0, guid: USER_CLASS },
    { level: 1, guid: PERSONAL_INFO },
    { level: 2, guid: PHONE },
    { level: 2, guid: STREET },
    { level: 1, guid: OTHER_SET },
    { level: 2, guid: MAIL },
  ];
  const t = billyOverTheNetwork();
  const ds = (dacl: Parameters<typeof fileSd>[0], desired: number, objectTypeList?: typeof tree) => {
    const r = accessCheck({
      securityDescriptor: fileSd(dacl),
      token: t,
      desiredAccess: desired,
      objectType: DS,
      objectTypeList,
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.value;
  };

  it('without an object type list, an object ACE naming a GUID is ignored, allow and deny alike (2.4.4.3: no GUID found)', () => {
    expect(
      ds([entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, { objectType: PHONE })], READ_PROP).granted,
    ).toBe(false);
    const deny = [
      entry('ACCESS_DENIED_OBJECT', READ_PROP, EVERYONE, { objectType: PHONE }),
      entry('ACCESS_ALLOWED', READ_PROP, EVERYONE),
    ];
    expect(ds(deny, READ_PROP).granted).toBe(true);
  });

  it('an object ACE without a GUID controls the whole object, like the plain ACE (2.4.4.3: "the ObjectType field is ignored")', () => {
    expect(ds([entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE)], READ_PROP).granted).toBe(true);
    const deny = [
      entry('ACCESS_DENIED_OBJECT', READ_PROP, EVERYONE),
      entry('ACCESS_ALLOWED', READ_PROP, EVERYONE),
    ];
    expect(ds(deny, READ_PROP).granted).toBe(false);
    expect(ds(deny, READ_PROP, tree).granted).toBe(false);
  });

  it('a deny on one property denies the request at the root (Forshaw listing 7-29: DeniedObject on property Z)', () => {
    const dacl = [
      entry('ACCESS_DENIED_OBJECT', WRITE_OWNER, EVERYONE, { objectType: MAIL }),
      entry('ACCESS_ALLOWED', READ_CONTROL | WRITE_OWNER, EVERYONE),
    ];
    const r = ds(dacl, READ_CONTROL | WRITE_OWNER, tree);
    expect([r.granted, r.grantedAccess]).toEqual([false, 0]);
    expect(r.steps[0]).toMatchObject({ kind: 'ace', effect: 'deny', objectType: MAIL, access: WRITE_OWNER });
  });

  it('a deny on a property already granted through its property set has no effect', () => {
    const dacl = [
      entry('ACCESS_ALLOWED_OBJECT', WRITE_PROP, EVERYONE, { objectType: PERSONAL_INFO }),
      entry('ACCESS_DENIED_OBJECT', WRITE_PROP, EVERYONE, { objectType: PHONE }),
      entry('ACCESS_ALLOWED', WRITE_PROP, EVERYONE),
    ];
    expect(ds(dacl, WRITE_PROP, tree).granted).toBe(true);
  });

  it('granting a property set grants its properties, and the root once every child has been granted', () => {
    const personal = entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, { objectType: PERSONAL_INFO });
    expect(ds([personal], READ_PROP, tree).granted).toBe(false);
    const mail = entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, { objectType: MAIL });
    expect(ds([personal, mail], READ_PROP, tree).granted).toBe(true);
    const phone = entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, { objectType: PHONE });
    expect(ds([phone, mail], READ_PROP, tree).granted).toBe(false);
    const street = entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, { objectType: STREET });
    expect(ds([phone, mail, street], READ_PROP, tree).granted).toBe(true);
  });

  it('an object ACE for the root GUID grants the whole object; one for a GUID not in the list is ignored', () => {
    expect(
      ds(
        [entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, { objectType: USER_CLASS.toUpperCase() })],
        READ_PROP,
        tree,
      ).granted,
    ).toBe(true);
    const stranger = entry('ACCESS_ALLOWED_OBJECT', READ_PROP, EVERYONE, {
      objectType: '00000000-0000-0000-0000-000000000001',
    });
    expect(ds([stranger], READ_PROP, tree).granted).toBe(false);
  });

  it('MAXIMUM_ALLOWED over the list grants what a single-right request would get', () => {
    const dacl = [
      entry('ACCESS_DENIED_OBJECT', WRITE_PROP, EVERYONE, { objectType: PHONE }),
      entry('ACCESS_ALLOWED', READ_PROP | WRITE_PROP | READ_CONTROL, EVERYONE),
    ];
    expect(ds(dacl, MAXIMUM_ALLOWED, tree).grantedAccess).toBe(READ_PROP | READ_CONTROL);
    expect(ds(dacl, MAXIMUM_ALLOWED).grantedAccess).toBe(READ_PROP | WRITE_PROP | READ_CONTROL);
  });
});

describe('callback (conditional) ACEs: doublehop evaluates every condition as UNKNOWN (MS-DTYP 2.5.3.2, 2.4.4.17.3)', () => {
  const t = billyOverTheNetwork();
  const condition = { applicationData: '(@User.Department == "Finance")' };

  it('an ACCESS_ALLOWED_CALLBACK ACE grants nothing, and the steps say so', () => {
    const r = check(
      fileSd([entry('ACCESS_ALLOWED_CALLBACK', FILE.READ_DATA, EVERYONE, condition)]),
      t,
      FILE.READ_DATA,
    );
    expect(r.granted).toBe(false);
    expect(r.steps[0]).toMatchObject({
      kind: 'ace',
      effect: 'conditionUnknown',
      access: FILE.READ_DATA,
      aceType: 'ACCESS_ALLOWED_CALLBACK',
    });
  });

  it('an ACCESS_ALLOWED_CALLBACK_OBJECT ACE grants nothing either ("SHOULD NOT be granted")', () => {
    const r = check(
      fileSd([entry('ACCESS_ALLOWED_CALLBACK_OBJECT', FILE.READ_DATA, EVERYONE, condition)]),
      t,
      FILE.READ_DATA,
    );
    expect(r.granted).toBe(false);
  });

  it('an ACCESS_DENIED_CALLBACK ACE denies, for deny-only SIDs too', () => {
    const dacl = [
      entry('ACCESS_DENIED_CALLBACK', FILE.READ_DATA, DOMAIN_USERS, condition),
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE),
    ];
    expect(check(fileSd(dacl), t, FILE.READ_DATA).granted).toBe(false);
    const filtered = token({ user: BILLY, groups: [EVERYONE, denyOnly(DOMAIN_USERS)] });
    expect(check(fileSd(dacl), filtered, FILE.READ_DATA).granted).toBe(false);
    expect(
      check(fileSd(dacl), token({ user: BILLY, groups: [EVERYONE, disabled(DOMAIN_USERS)] }), FILE.READ_DATA)
        .granted,
    ).toBe(true);
  });
});

describe('GENERIC_* bits stored in an ACE are compared as stored, never mapped (MS-DTYP 2.4.3)', () => {
  it('an ACE granting GENERIC_READ grants nothing to a mapped FILE_READ_DATA request, and the steps point it out', () => {
    const r = check(
      fileSd([entry('ACCESS_ALLOWED', GENERIC_READ, EVERYONE)]),
      billyOverTheNetwork(),
      FILE.READ_DATA,
    );
    expect(r.granted).toBe(false);
    expect(r.steps[0]).toMatchObject({
      kind: 'ace',
      effect: 'genericNotMapped',
      access: GENERIC_READ,
      aceIndex: 0,
    });
  });

  it('the specific bits next to them still count', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', GENERIC_READ | FILE.READ_DATA | SYNCHRONIZE, EVERYONE)]);
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA | SYNCHRONIZE).granted).toBe(true);
  });

  it('a deny ACE with only generic bits denies nothing', () => {
    const sd = fileSd([
      entry('ACCESS_DENIED', GENERIC_READ, EVERYONE),
      entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE),
    ]);
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA).granted).toBe(true);
  });

  it('granting a domain admin works the same (sanity: a plain group ACE)', () => {
    const admin = token({ user: ALICE, groups: [DOMAIN_ADMINS] });
    expect(
      check(fileSd([entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, DOMAIN_ADMINS)]), admin, FILE.ALL_ACCESS)
        .granted,
    ).toBe(true);
  });
});

describe('descriptors and tokens that are not frozen values are read afresh on every call', () => {
  it('a hand-made, mutable descriptor is never served from the cache', () => {
    const dacl = [entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)];
    const sd = { owner: ADMINISTRATORS, group: SYSTEM, dacl, sacl: null, control: 0x8004 };
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA).granted).toBe(true);
    dacl[0] = entry('ACCESS_DENIED', FILE.READ_DATA, EVERYONE);
    expect(check(sd, billyOverTheNetwork(), FILE.READ_DATA).granted).toBe(false);
  });
});
