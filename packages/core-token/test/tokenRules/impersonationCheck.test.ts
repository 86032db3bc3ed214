import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GROUP_ATTRIBUTES,
  hasEnabledPrivilege,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  impersonationCheck,
  sid,
  type TokenInit,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import { impersonationScenarioArbitrary } from '../../src/testing/index.js';

const alice = sid('S-1-5-21-1-2-3-1104');
const bob = sid('S-1-5-21-1-2-3-1105');
const { MEDIUM_INTEGRITY, HIGH_INTEGRITY, LOW_INTEGRITY, BUILTIN_ADMINISTRATORS } = WELL_KNOWN_SIDS;

const caller = (init: Partial<TokenInit> = {}) =>
  token({ user: alice, type: 'primary', authenticationId: 0x10_000, sessionId: 1, ...init });
const candidate = (init: Partial<TokenInit> = {}) =>
  token({ user: alice, authenticationId: 0x20_000, sessionId: 1, ...init });
const rank = (level: ImpersonationLevel) => IMPERSONATION_LEVELS.indexOf(level);

describe('impersonationCheck (SeTokenCanImpersonate)', () => {
  it('ImpersonateLoggedOnUser remarks: a token below SecurityImpersonation is allowed as it is', () => {
    for (const level of ['Anonymous', 'Identification'] as const) {
      const r = impersonationCheck(caller(), candidate({ user: bob, impersonationLevel: level }));
      expect(r).toMatchObject({ level, downgraded: false, rule: 'belowImpersonation' });
    }
  });

  it('ImpersonateLoggedOnUser remarks: a caller with SeImpersonatePrivilege gets the token’s own level, Delegation included', () => {
    const service = caller({
      user: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid,
      privileges: ['SeImpersonatePrivilege'],
    });
    const r = impersonationCheck(service, candidate({ user: bob, impersonationLevel: 'Delegation' }));
    expect(r).toMatchObject({ level: 'Delegation', downgraded: false, rule: 'seImpersonatePrivilege' });
    expect(r.source).toContain('impersonateloggedonuser');
  });

  it('PrivilegeCheck semantics: a held but disabled SeImpersonatePrivilege does not count — the file server without it gets Identification', () => {
    const service = caller({
      user: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid,
      privileges: [{ name: 'SeImpersonatePrivilege', attributes: 0 }],
    });
    const r = impersonationCheck(service, candidate({ user: bob }));
    expect(r).toMatchObject({ level: 'Identification', downgraded: true, rule: 'differentUser' });
  });

  it('ImpersonateLoggedOnUser remarks: "the authenticated identity is same as the caller" is allowed', () => {
    expect(impersonationCheck(caller(), candidate())).toMatchObject({
      level: 'Impersonation',
      downgraded: false,
      rule: 'sameUser',
    });
  });

  it('Forshaw ch. 4 / "UAC enabled vs disabled" (winsdk blog): a same-user token above the caller’s integrity level is downgraded', () => {
    const r = impersonationCheck(caller(), candidate({ integrityLevel: HIGH_INTEGRITY.sid }));
    expect(r).toMatchObject({ level: 'Identification', downgraded: true, rule: 'integrityAboveCaller' });
    // A lower level is fine.
    expect(impersonationCheck(caller(), candidate({ integrityLevel: LOW_INTEGRITY.sid })).downgraded).toBe(
      false,
    );
  });

  it('Forshaw ch. 4: the integrity rule is tested before the origin rule', () => {
    const r = impersonationCheck(
      caller(),
      candidate({ user: bob, origin: 0x10_000, integrityLevel: HIGH_INTEGRITY.sid }),
    );
    expect(r.rule).toBe('integrityAboveCaller');
  });

  it('ImpersonateLoggedOnUser remarks / TOKEN_ORIGIN: a token LogonUser created in the caller’s logon session is allowed, even for another user', () => {
    const r = impersonationCheck(caller(), candidate({ user: bob, origin: 0x10_000 }));
    expect(r).toMatchObject({
      level: 'Impersonation',
      downgraded: false,
      rule: 'originIsCallerLogonSession',
    });
    expect(r.source).toContain('token_origin');
  });

  it('TOKEN_ORIGIN: an origin of 0 (network logon) never matches, even a caller whose logon session id is 0', () => {
    const r = impersonationCheck(caller({ authenticationId: 0 }), candidate({ user: bob, origin: 0 }));
    expect(r.rule).toBe('differentUser');
  });

  it('Forshaw ch. 4: a token of the ANONYMOUS LOGON session (0x3e6) is allowed', () => {
    const anonymous = candidate({ user: WELL_KNOWN_SIDS.ANONYMOUS_LOGON.sid, authenticationId: 0x3e6 });
    expect(impersonationCheck(caller(), anonymous)).toMatchObject({
      downgraded: false,
      rule: 'anonymousLogonSession',
    });
  });

  it('Forshaw ch. 4: with UAC on, the filtered half cannot impersonate its own elevated token, even lowered to Medium', () => {
    const elevated = candidate({
      groups: [BUILTIN_ADMINISTRATORS.sid],
      integrityLevel: MEDIUM_INTEGRITY.sid,
    });
    const limited = caller({
      elevationType: 'limited',
      groups: [{ sid: BUILTIN_ADMINISTRATORS.sid, attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY }],
    });
    expect(impersonationCheck(limited, elevated)).toMatchObject({
      level: 'Identification',
      downgraded: true,
      rule: 'elevatedFromFilteredCaller',
    });
    expect(impersonationCheck(limited, elevated, { uacEnabled: false }).rule).toBe('sameUser');
    expect(impersonationCheck(caller(), elevated).rule).toBe('sameUser');
  });

  it('Forshaw ch. 4: a restricted caller may only impersonate a token at least as restricted', () => {
    const restricted = { restrictedSids: [alice] };
    const writeRestricted = { restrictedSids: [alice], writeRestricted: true };
    expect(impersonationCheck(caller(restricted), candidate()).rule).toBe('lessRestrictedThanCaller');
    expect(impersonationCheck(caller(restricted), candidate(restricted)).rule).toBe('sameUser');
    expect(impersonationCheck(caller(restricted), candidate(writeRestricted)).rule).toBe(
      'lessRestrictedThanCaller',
    );
    expect(impersonationCheck(caller(writeRestricted), candidate(writeRestricted)).rule).toBe('sameUser');
    expect(impersonationCheck(caller(writeRestricted), candidate(restricted)).rule).toBe('sameUser');
    expect(impersonationCheck(caller(), candidate(restricted)).rule).toBe('sameUser');
  });

  it('Forshaw ch. 4: a session-0 token cannot be impersonated from another session; the other way round is fine', () => {
    expect(impersonationCheck(caller({ sessionId: 1 }), candidate({ sessionId: 0 })).rule).toBe(
      'sessionZeroFromOtherSession',
    );
    expect(impersonationCheck(caller({ sessionId: 0 }), candidate({ sessionId: 1 })).rule).toBe('sameUser');
    expect(impersonationCheck(caller({ sessionId: 0 }), candidate({ sessionId: 0 })).rule).toBe('sameUser');
  });

  it('ImpersonateLoggedOnUser accepts a primary token and checks it at Impersonation level', () => {
    const primary = candidate({ type: 'primary' });
    expect(impersonationCheck(caller(), primary).level).toBe('Impersonation');
    expect(impersonationCheck(caller(), token({ user: bob, type: 'primary' })).level).toBe('Identification');
  });

  describe('properties', () => {
    it('never yields a level above the candidate’s (a primary candidate counts as Impersonation)', () => {
      fc.assert(
        fc.property(
          impersonationScenarioArbitrary(),
          fc.boolean(),
          ({ caller: c, candidate: t }, uacEnabled) => {
            const r = impersonationCheck(c, t, { uacEnabled });
            expect(rank(r.level)).toBeLessThanOrEqual(rank(t.impersonationLevel ?? 'Impersonation'));
            expect(r.downgraded).toBe(r.level !== (t.impersonationLevel ?? 'Impersonation'));
            if (r.downgraded) expect(r.level).toBe('Identification');
          },
        ),
      );
    });

    it('yields the candidate’s level whenever the caller has SeImpersonatePrivilege enabled', () => {
      fc.assert(
        fc.property(impersonationScenarioArbitrary(), ({ caller: c, candidate: t }) => {
          fc.pre(hasEnabledPrivilege(c, 'SeImpersonatePrivilege'));
          const r = impersonationCheck(c, t);
          expect(r.level).toBe(t.impersonationLevel ?? 'Impersonation');
          expect(r.downgraded).toBe(false);
        }),
      );
    });

    it('a different user is never allowed at Impersonation level without the privilege, the origin or the anonymous session', () => {
      fc.assert(
        fc.property(impersonationScenarioArbitrary(), ({ caller: c, candidate: t }) => {
          const r = impersonationCheck(c, t);
          if (t.user.sid !== c.user.sid && !r.downgraded && rank(r.level) >= rank('Impersonation')) {
            expect([
              'seImpersonatePrivilege',
              'originIsCallerLogonSession',
              'anonymousLogonSession',
            ]).toContain(r.rule);
          }
        }),
      );
    });
  });
});
