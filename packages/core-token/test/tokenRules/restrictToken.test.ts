import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessCheck,
  ace,
  GROUP_ATTRIBUTES,
  OBJECT_TYPES,
  restrictToken,
  type SecurityDescriptor,
  securityDescriptor,
  sid,
  type Token,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import {
  accessRequestArbitrary,
  restrictTokenOptionsArbitrary,
  securityDescriptorArbitrary,
  tokenArbitrary,
} from '../../src/testing/index.js';

const alice = sid('S-1-5-21-1-2-3-1104');
const { EVERYONE, BUILTIN_ADMINISTRATORS, BUILTIN_USERS, RESTRICTED } = WELL_KNOWN_SIDS;
const { SE_GROUP_USE_FOR_DENY_ONLY, SE_GROUP_LOGON_ID } = GROUP_ATTRIBUTES;
const ids = { tokenId: 0x500, modifiedId: 0x501 };

const admin = token({
  user: alice,
  groups: [
    EVERYONE.sid,
    { sid: BUILTIN_ADMINISTRATORS.sid, attributes: 0xf }, // mandatory, default, enabled, owner
    BUILTIN_USERS.sid,
  ],
  owner: BUILTIN_ADMINISTRATORS.sid,
  privileges: ['SeChangeNotifyPrivilege', 'SeDebugPrivilege', 'SeBackupPrivilege', 'SeShutdownPrivilege'],
  tokenId: 0x100,
  modifiedId: 0x101,
});

function unwrap(r: ReturnType<typeof restrictToken>): Token {
  if (!r.ok) throw new Error(`unexpected ${r.error.code}`);
  return r.value;
}

describe('restrictToken (CreateRestrictedToken / NtFilterToken)', () => {
  it('CreateRestrictedToken SidsToDisable: mandatory groups and the user SID become SE_GROUP_USE_FOR_DENY_ONLY, losing their enabled/owner bits', () => {
    const t = unwrap(
      restrictToken(
        admin,
        { sidsToDisable: [BUILTIN_ADMINISTRATORS.sid, alice, WELL_KNOWN_SIDS.SYSTEM.sid] },
        ids,
      ),
    );
    expect(t.groups[1]).toEqual({ sid: BUILTIN_ADMINISTRATORS.sid, attributes: SE_GROUP_USE_FOR_DENY_ONLY });
    expect(t.user).toEqual({ sid: alice, attributes: SE_GROUP_USE_FOR_DENY_ONLY });
    expect(t.groups[0]).toBe(admin.groups[0]);
    expect(t.groups.length).toBe(admin.groups.length); // SIDs not in the token are ignored
  });

  it('NtFilterToken: a default owner made deny-only reverts to the user', () => {
    expect(unwrap(restrictToken(admin, { sidsToDisable: [BUILTIN_ADMINISTRATORS.sid] }, ids)).owner).toBe(
      alice,
    );
    expect(unwrap(restrictToken(admin, { sidsToDisable: [BUILTIN_USERS.sid] }, ids)).owner).toBe(
      BUILTIN_ADMINISTRATORS.sid,
    );
  });

  it('NtFilterToken: other attribute bits (SE_GROUP_LOGON_ID) survive the deny-only conversion', () => {
    const logon = sid('S-1-5-5-0-1234');
    const t = token({ user: alice, groups: [{ sid: logon, attributes: SE_GROUP_LOGON_ID | 0x7 }] });
    const r = unwrap(restrictToken(t, { sidsToDisable: [logon] }, ids));
    expect(r.groups[0]?.attributes).toBe((SE_GROUP_LOGON_ID | SE_GROUP_USE_FOR_DENY_ONLY) >>> 0);
  });

  it('CreateRestrictedToken DISABLE_MAX_PRIVILEGE: every privilege but SeChangeNotifyPrivilege goes, and PrivilegesToDelete is ignored', () => {
    const t = unwrap(
      restrictToken(
        admin,
        { disableMaxPrivilege: true, privilegesToDelete: ['SeChangeNotifyPrivilege'] },
        ids,
      ),
    );
    expect(t.privileges.map((p) => p.name)).toEqual(['SeChangeNotifyPrivilege']);
  });

  it('CreateRestrictedToken PrivilegesToDelete: listed privileges go, privileges not held are ignored', () => {
    const t = unwrap(
      restrictToken(admin, { privilegesToDelete: ['SeDebugPrivilege', 'SeTcbPrivilege'] }, ids),
    );
    expect(t.privileges.map((p) => p.name)).toEqual([
      'SeChangeNotifyPrivilege',
      'SeBackupPrivilege',
      'SeShutdownPrivilege',
    ]);
  });

  it('CreateRestrictedToken SidsToRestrict: restricting SIDs are always enabled (mandatory | default | enabled)', () => {
    const t = unwrap(restrictToken(admin, { restrictingSids: [alice, RESTRICTED.sid] }, ids));
    expect(t.restrictedSids).toEqual([
      { sid: alice, attributes: 7 },
      { sid: RESTRICTED.sid, attributes: 7 },
    ]);
    expect(t.writeRestricted).toBe(false);
  });

  it('WRK SepFilterToken: restricting a restricted token keeps the intersection of the restricting SIDs', () => {
    const once = unwrap(restrictToken(admin, { restrictingSids: [alice, EVERYONE.sid] }, ids));
    const twice = unwrap(restrictToken(once, { restrictingSids: [EVERYONE.sid, RESTRICTED.sid] }, ids));
    expect(twice.restrictedSids.map((r) => r.sid)).toEqual([EVERYONE.sid]);
  });

  it('WRK SepFilterToken: "make sure the new token has some restrictions" — an empty intersection, or none requested, is ERROR_INVALID_PARAMETER', () => {
    const once = unwrap(restrictToken(admin, { restrictingSids: [alice] }, ids));
    for (const options of [{ restrictingSids: [EVERYONE.sid] }, { disableMaxPrivilege: true }]) {
      const r = restrictToken(once, options, ids);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'ERROR_INVALID_PARAMETER', win32: 87 });
    }
  });

  it('CreateRestrictedToken WRITE_RESTRICTED: restricting SIDs checked for writes only; refused on an already restricted token', () => {
    const w = unwrap(restrictToken(admin, { writeRestricted: true, restrictingSids: [alice] }, ids));
    expect(w.writeRestricted).toBe(true);
    expect(restrictToken(w, { writeRestricted: true, restrictingSids: [alice] }, ids).ok).toBe(false);
    const again = unwrap(restrictToken(w, { restrictingSids: [alice] }, ids));
    expect(again.writeRestricted).toBe(true); // a write-restricted source stays write-restricted
  });

  it('NtFilterToken: AppContainer package and capability SIDs cannot be restricting SIDs', () => {
    const capability = sid('S-1-15-3-1'); // internetClient
    const r = restrictToken(admin, { restrictingSids: [capability] }, ids);
    expect(r.ok || r.error.code).toBe('ERROR_INVALID_PARAMETER');
    expect(restrictToken(admin, { restrictingSids: [WELL_KNOWN_SIDS.ALL_APP_PACKAGES.sid] }, ids).ok).toBe(
      true,
    );
  });

  it('CreateRestrictedToken: the result keeps type, level, logon session and link, with the new ids', () => {
    const primary = token({
      user: alice,
      type: 'primary',
      authenticationId: 0x77,
      origin: 0x3e7,
      sessionId: 2,
    });
    const t = unwrap(restrictToken(primary, { restrictingSids: [alice] }, ids));
    expect(t).toMatchObject({
      type: 'primary',
      impersonationLevel: null,
      authenticationId: 0x77,
      origin: 0x3e7,
      sessionId: 2,
    });
    expect(t).toMatchObject(ids);
    expect(Object.isFrozen(t)).toBe(true);
  });

  it('CreateRestrictedToken: the new token object’s SD defaults to the source’s owner and default DACL, or is the one passed', () => {
    const sd = securityDescriptor({ owner: EVERYONE.sid, group: EVERYONE.sid, dacl: [] });
    expect(unwrap(restrictToken(admin, {}, ids)).securityDescriptor.owner).toBe(BUILTIN_ADMINISTRATORS.sid);
    expect(unwrap(restrictToken(admin, {}, ids, sd)).securityDescriptor).toBe(sd);
  });

  it('Restricted Tokens: the deny-only Administrators SID still matches deny ACEs, never allow ACEs', () => {
    const sd = securityDescriptor({
      owner: WELL_KNOWN_SIDS.SYSTEM.sid,
      group: WELL_KNOWN_SIDS.SYSTEM.sid,
      dacl: [ace('ACCESS_ALLOWED', BUILTIN_ADMINISTRATORS.sid, 0x1)],
    });
    const t = unwrap(restrictToken(admin, { sidsToDisable: [BUILTIN_ADMINISTRATORS.sid] }, ids));
    const check = (subject: Token) =>
      accessCheck({
        securityDescriptor: sd,
        token: subject,
        desiredAccess: 0x1,
        objectType: OBJECT_TYPES.file,
      });
    expect(check(admin)).toMatchObject({ ok: true, value: { granted: true } });
    expect(check(t)).toMatchObject({ ok: true, value: { granted: false } });
  });

  describe('properties', () => {
    const sdArbitrary = (): fc.Arbitrary<SecurityDescriptor> => securityDescriptorArbitrary();

    it('restricting a token never adds access (accessCheck over random descriptors: restricted ⊆ original)', () => {
      fc.assert(
        fc.property(
          tokenArbitrary(),
          restrictTokenOptionsArbitrary(),
          sdArbitrary(),
          accessRequestArbitrary(),
          (t, options, sd, desiredAccess) => {
            const r = restrictToken(t, options, ids);
            if (!r.ok) return;
            const run = (subject: Token) =>
              accessCheck({
                securityDescriptor: sd,
                token: subject,
                desiredAccess,
                objectType: OBJECT_TYPES.file,
              });
            const before = run(t);
            const after = run(r.value);
            expect(after.ok).toBe(before.ok);
            if (!before.ok || !after.ok) return;
            expect((after.value.grantedAccess & ~before.value.grantedAccess) >>> 0).toBe(0);
            if (after.value.granted) expect(before.value.granted).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('never adds a privilege, a group, or an enabled SID; restricting SIDs only shrink on a restricted source', () => {
      fc.assert(
        fc.property(tokenArbitrary(), restrictTokenOptionsArbitrary(), (t, options) => {
          const r = restrictToken(t, options, ids);
          if (!r.ok) return;
          const names = new Set(t.privileges.map((p) => p.name));
          for (const p of r.value.privileges) expect(names.has(p.name)).toBe(true);
          expect(r.value.groups.map((g) => g.sid)).toEqual(t.groups.map((g) => g.sid));
          r.value.groups.forEach((g, i) => {
            if ((g.attributes & GROUP_ATTRIBUTES.SE_GROUP_ENABLED) !== 0) expect(g).toBe(t.groups[i]);
          });
          if (t.restrictedSids.length > 0) {
            const before = new Set(t.restrictedSids.map((s) => s.sid));
            for (const s of r.value.restrictedSids) expect(before.has(s.sid)).toBe(true);
            expect(r.value.restrictedSids.length).toBeGreaterThan(0);
          }
          expect(r.value.owner === t.owner || r.value.owner === t.user.sid).toBe(true);
        }),
      );
    });
  });
});
