import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ELEVATED_GROUP_RIDS,
  ELEVATED_PRIVILEGES,
  GROUP_ATTRIBUTES,
  isElevated,
  serviceSid,
  sid,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import { tokenArbitrary } from '../../src/testing/index.js';

const alice = sid('S-1-5-21-1-2-3-1104');

describe('isElevated (TokenElevation)', () => {
  it('TOKEN_ELEVATION: an administrator-like group makes a token elevated, enabled or not, in any domain', () => {
    expect(isElevated(token({ user: alice, groups: [WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid] }))).toBe(
      true,
    );
    expect(
      isElevated(token({ user: alice, groups: [{ sid: sid('S-1-5-21-7-8-9-512'), attributes: 0 }] })),
    ).toBe(true);
    expect(
      isElevated(token({ user: alice, groups: [WELL_KNOWN_SIDS.LOCAL_ACCOUNT_AND_ADMINISTRATOR.sid] })),
    ).toBe(true);
    expect(isElevated(token({ user: alice, groups: [WELL_KNOWN_SIDS.BUILTIN_USERS.sid] }))).toBe(false);
  });

  it('UAC filtered token: a deny-only administrator group does not make it elevated', () => {
    const filtered = token({
      user: alice,
      groups: [
        {
          sid: WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
          attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY,
        },
      ],
    });
    expect(isElevated(filtered)).toBe(false);
  });

  it('TOKEN_ELEVATION: holding a powerful privilege, even disabled, makes a service elevated (Process Explorer’s "Elevated: Yes")', () => {
    expect(
      isElevated(
        token({
          user: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid,
          privileges: [{ name: 'SeImpersonatePrivilege', attributes: 0 }],
        }),
      ),
    ).toBe(true);
    expect(
      isElevated(token({ user: alice, privileges: ['SeShutdownPrivilege', 'SeChangeNotifyPrivilege'] })),
    ).toBe(false);
  });

  it('service SIDs (S-1-5-80-…) never count, whatever their last RID', () => {
    const svc = serviceSid('Spooler');
    const fake = sid(`S-1-5-80-${svc.subAuthorities.slice(1, -1).join('-')}-544`);
    expect(isElevated(token({ user: alice, groups: [fake] }))).toBe(false);
  });

  it('integrity level and elevation type do not enter into it', () => {
    expect(
      isElevated(
        token({ user: alice, integrityLevel: WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid, elevationType: 'full' }),
      ),
    ).toBe(false);
    expect(ELEVATED_GROUP_RIDS).toContain(114);
    expect(ELEVATED_PRIVILEGES).toHaveLength(10);
  });

  describe('properties', () => {
    it('a token without elevated privileges and with every group deny-only is never elevated', () => {
      fc.assert(
        fc.property(tokenArbitrary(), (t) => {
          const stripped = token({
            ...t,
            user: { sid: t.user.sid, attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY },
            groups: t.groups.map((g) => ({
              sid: g.sid,
              attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY,
            })),
            privileges: t.privileges.filter((p) => !ELEVATED_PRIVILEGES.includes(p.name)),
          });
          expect(isElevated(stripped)).toBe(false);
        }),
      );
    });
  });
});
