import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessCheck,
  checkTokenMembership,
  filterAdministratorToken,
  GROUP_ATTRIBUTES,
  isElevated,
  LUA_PRIVILEGES,
  OBJECT_TYPES,
  PRIVILEGES,
  type PrivilegeName,
  restrictToken,
  sid,
  type Token,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import {
  accessRequestArbitrary,
  administratorTokenArbitrary,
  securityDescriptorArbitrary,
} from '../../src/testing/index.js';

const { SE_GROUP_USE_FOR_DENY_ONLY } = GROUP_ATTRIBUTES;
const alice = sid('S-1-5-21-1-2-3-1104');
const domainAdmins = sid('S-1-5-21-1-2-3-512');
const {
  EVERYONE,
  BUILTIN_ADMINISTRATORS,
  BUILTIN_USERS,
  BACKUP_OPERATORS,
  LOCAL_ACCOUNT_AND_ADMINISTRATOR,
  HIGH_INTEGRITY,
  MEDIUM_INTEGRITY,
  LOW_INTEGRITY,
} = WELL_KNOWN_SIDS;
const ids = { tokenId: 0x30, modifiedId: 0x31, authenticationId: 0x4f00b };
const ALL_PRIVILEGES = Object.keys(PRIVILEGES) as PrivilegeName[];

const full = token({
  user: alice,
  type: 'primary',
  groups: [
    EVERYONE.sid,
    { sid: BUILTIN_ADMINISTRATORS.sid, attributes: 0xf },
    BUILTIN_USERS.sid,
    domainAdmins,
    BACKUP_OPERATORS.sid,
    LOCAL_ACCOUNT_AND_ADMINISTRATOR.sid,
  ],
  owner: BUILTIN_ADMINISTRATORS.sid,
  privileges: ALL_PRIVILEGES,
  integrityLevel: HIGH_INTEGRITY.sid,
  authenticationId: 0x4f00a,
  sessionId: 1,
});

describe('filterAdministratorToken (the UAC LUA filter)', () => {
  const limited = filterAdministratorToken(full, ids);

  it('How User Account Control works: the administrator groups become deny-only; other groups are untouched', () => {
    const attributes = new Map(limited.groups.map((g) => [g.sid, g.attributes]));
    for (const s of [
      BUILTIN_ADMINISTRATORS.sid,
      domainAdmins,
      BACKUP_OPERATORS.sid,
      LOCAL_ACCOUNT_AND_ADMINISTRATOR.sid,
    ]) {
      expect(attributes.get(s)).toBe(SE_GROUP_USE_FOR_DENY_ONLY);
    }
    expect(limited.groups[0]).toBe(full.groups[0]);
    expect(limited.groups[2]).toBe(full.groups[2]);
  });

  it('"whoami /priv" in an unelevated console: only the five LUA privileges the full token held remain', () => {
    expect(limited.privileges.map((p) => p.name).sort()).toEqual([...LUA_PRIVILEGES].sort());
    const fewer = filterAdministratorToken(
      token({ ...full, privileges: ['SeChangeNotifyPrivilege', 'SeDebugPrivilege'] }),
      ids,
    );
    expect(fewer.privileges.map((p) => p.name)).toEqual(['SeChangeNotifyPrivilege']);
  });

  it('UAC: Medium integrity instead of High, elevation type limited, its own logon session, owner back to the user', () => {
    expect(limited).toMatchObject({
      integrityLevel: MEDIUM_INTEGRITY.sid,
      elevationType: 'limited',
      linkedToken: null,
      authenticationId: 0x4f00b,
      tokenId: 0x30,
      modifiedId: 0x31,
      sessionId: 1,
      type: 'primary',
      owner: alice,
    });
    expect(limited.securityDescriptor.owner).toBe(alice);
  });

  it('never raises the integrity level of a token already at or below Medium', () => {
    expect(
      filterAdministratorToken(token({ ...full, integrityLevel: LOW_INTEGRITY.sid }), ids).integrityLevel,
    ).toBe(LOW_INTEGRITY.sid);
  });

  it('TOKEN_ELEVATION: the full token is elevated, the filtered one is not; CheckTokenMembership(Administrators) is false', () => {
    expect(isElevated(full)).toBe(true);
    expect(isElevated(limited)).toBe(false);
    const asImpersonation = token({
      ...limited,
      type: 'impersonation',
      impersonationLevel: 'Identification',
    });
    expect(checkTokenMembership(asImpersonation, BUILTIN_ADMINISTRATORS.sid)).toEqual({
      ok: true,
      value: false,
    });
  });

  it('LUA_TOKEN without an administrator group only deletes the powerful privileges (SeDebug, SeImpersonate, …)', () => {
    const user = token({
      user: alice,
      groups: [EVERYONE.sid],
      privileges: ['SeChangeNotifyPrivilege', 'SeImpersonatePrivilege', 'SeSystemtimePrivilege'],
    });
    const r = restrictToken(user, { luaToken: true }, ids);
    expect(r.ok && r.value.privileges.map((p) => p.name)).toEqual([
      'SeChangeNotifyPrivilege',
      'SeSystemtimePrivilege',
    ]);
  });

  it('throws (programmer error) for a restricted full token', () => {
    expect(() => filterAdministratorToken(token({ ...full, restrictedSids: [alice] }), ids)).toThrow(
      /^filterAdministratorToken:/,
    );
  });

  describe('properties', () => {
    it('a filtered administrator token never gets more access than the full one (accessCheck over random descriptors)', () => {
      fc.assert(
        fc.property(
          administratorTokenArbitrary(),
          securityDescriptorArbitrary(),
          accessRequestArbitrary(),
          (fullToken, sd, desiredAccess) => {
            const filtered = filterAdministratorToken(fullToken, ids);
            const run = (subject: Token) =>
              accessCheck({
                securityDescriptor: sd,
                token: subject,
                desiredAccess,
                objectType: OBJECT_TYPES.file,
              });
            const before = run(fullToken);
            const after = run(filtered);
            if (!before.ok || !after.ok) return;
            expect((after.value.grantedAccess & ~before.value.grantedAccess) >>> 0).toBe(0);
            if (after.value.granted) expect(before.value.granted).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('the filtered token is never elevated and holds only LUA privileges', () => {
      fc.assert(
        fc.property(administratorTokenArbitrary(), (fullToken) => {
          const filtered = filterAdministratorToken(fullToken, ids);
          expect(isElevated(filtered)).toBe(false);
          for (const p of filtered.privileges) expect(LUA_PRIVILEGES).toContain(p.name);
        }),
      );
    });
  });
});
