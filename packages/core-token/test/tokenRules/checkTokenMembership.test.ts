import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessCheck,
  ace,
  checkTokenMembership,
  GROUP_ATTRIBUTES,
  OBJECT_TYPES,
  securityDescriptor,
  sid,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import { pooledSidArbitrary, tokenArbitrary } from '../../src/testing/index.js';

const { SE_GROUP_ENABLED, SE_GROUP_USE_FOR_DENY_ONLY } = GROUP_ATTRIBUTES;
const alice = sid('S-1-5-21-1-2-3-1104');
const { EVERYONE, BUILTIN_ADMINISTRATORS, BUILTIN_USERS, SYSTEM } = WELL_KNOWN_SIDS;
const t = token({
  user: alice,
  groups: [
    EVERYONE.sid,
    { sid: BUILTIN_ADMINISTRATORS.sid, attributes: SE_GROUP_USE_FOR_DENY_ONLY },
    { sid: BUILTIN_USERS.sid, attributes: 0 },
  ],
});

describe('checkTokenMembership (CheckTokenMembership)', () => {
  it('CheckTokenMembership: an enabled group and the user are members', () => {
    expect(checkTokenMembership(t, EVERYONE.sid)).toEqual({ ok: true, value: true });
    expect(checkTokenMembership(t, alice)).toEqual({ ok: true, value: true });
  });

  it('CheckTokenMembership remarks: a disabled or SE_GROUP_USE_FOR_DENY_ONLY group is not, nor an absent SID', () => {
    expect(checkTokenMembership(t, BUILTIN_ADMINISTRATORS.sid)).toEqual({ ok: true, value: false });
    expect(checkTokenMembership(t, BUILTIN_USERS.sid)).toEqual({ ok: true, value: false });
    expect(checkTokenMembership(t, SYSTEM.sid)).toEqual({ ok: true, value: false });
  });

  it('CheckTokenMembership remarks: a deny-only user SID is not a member', () => {
    const u = token({ user: { sid: alice, attributes: SE_GROUP_USE_FOR_DENY_ONLY } });
    expect(checkTokenMembership(u, alice)).toEqual({ ok: true, value: false });
  });

  it('CheckTokenMembership remarks: for a restricted token the SID must also be a restricting SID (write-restricted too)', () => {
    const r = token({ user: alice, groups: [EVERYONE.sid], restrictedSids: [EVERYONE.sid] });
    expect(checkTokenMembership(r, EVERYONE.sid)).toEqual({ ok: true, value: true });
    expect(checkTokenMembership(r, alice)).toEqual({ ok: true, value: false });
    const w = token({
      user: alice,
      groups: [EVERYONE.sid],
      restrictedSids: [EVERYONE.sid],
      writeRestricted: true,
    });
    expect(checkTokenMembership(w, alice)).toEqual({ ok: true, value: false });
  });

  it('CheckTokenMembership: "the token must be an impersonation token" — a primary token is ERROR_NO_IMPERSONATION_TOKEN', () => {
    const r = checkTokenMembership(token({ user: alice, type: 'primary' }), alice);
    expect(r.ok || r.error).toMatchObject({ code: 'ERROR_NO_IMPERSONATION_TOKEN', win32: 1309 });
  });

  it('AccessCheck underneath: an Anonymous-level token is ERROR_BAD_IMPERSONATION_LEVEL; Identification is enough', () => {
    const r = checkTokenMembership(token({ user: alice, impersonationLevel: 'Anonymous' }), alice);
    expect(r.ok || r.error.code).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
    expect(checkTokenMembership(token({ user: alice, impersonationLevel: 'Identification' }), alice)).toEqual(
      {
        ok: true,
        value: true,
      },
    );
  });

  describe('properties', () => {
    it('checkTokenMembership(t, s) ⇒ s is an enabled SID of t (the user not deny-only, or an enabled group)', () => {
      fc.assert(
        fc.property(tokenArbitrary(), pooledSidArbitrary(), (subject, s) => {
          const r = checkTokenMembership(subject, s);
          if (!r.ok || !r.value) return;
          const entry = subject.user.sid === s ? subject.user : subject.groups.find((g) => g.sid === s);
          expect(entry).toBeDefined();
          expect((entry?.attributes ?? SE_GROUP_USE_FOR_DENY_ONLY) & SE_GROUP_USE_FOR_DENY_ONLY).toBe(0);
          if (entry !== subject.user) expect((entry?.attributes ?? 0) & SE_GROUP_ENABLED).not.toBe(0);
          if (subject.restrictedSids.length > 0)
            expect(subject.restrictedSids.some((x) => x.sid === s)).toBe(true);
        }),
      );
    });

    it('oracle: agrees with an access check against a DACL granting only that SID (unrestricted tokens)', () => {
      fc.assert(
        fc.property(tokenArbitrary({ unrestricted: true }), pooledSidArbitrary(), (subject, s) => {
          const sd = securityDescriptor({
            owner: sid('S-1-5-21-9-9-9-9'),
            group: sid('S-1-5-21-9-9-9-9'),
            dacl: [ace('ACCESS_ALLOWED', s, 0x1)],
          });
          const check = accessCheck({
            securityDescriptor: sd,
            token: subject,
            desiredAccess: 0x1,
            objectType: OBJECT_TYPES.file,
          });
          const member = checkTokenMembership(subject, s);
          expect(check.ok && member.ok).toBe(true);
          if (check.ok && member.ok) expect(member.value).toBe(check.value.granted);
        }),
      );
    });
  });
});
