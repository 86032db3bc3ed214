import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  duplicateTokenRules,
  duplicateTokenValue,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  OBJECT_TYPES,
  objectSecurityFrom,
  sid,
  type TokenType,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import { tokenArbitrary } from '../../src/testing/index.js';

const alice = sid('S-1-5-21-1-2-3-1104');
const rank = (level: ImpersonationLevel) => IMPERSONATION_LEVELS.indexOf(level);
const at = (impersonationLevel: ImpersonationLevel) => token({ user: alice, impersonationLevel });

describe('duplicateTokenRules (DuplicateTokenEx / NtDuplicateToken)', () => {
  it('NtDuplicateToken: an impersonation token cannot be duplicated at a higher level — it fails, it does not clamp', () => {
    const r = duplicateTokenRules(at('Identification'), { type: 'impersonation', level: 'Impersonation' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'ERROR_BAD_IMPERSONATION_LEVEL', win32: 1346 });
  });

  it('DuplicateTokenEx: the same or a lower level is allowed, and no level keeps the source’s', () => {
    expect(
      duplicateTokenRules(at('Delegation'), { type: 'impersonation', level: 'Delegation' }),
    ).toMatchObject({
      ok: true,
      value: { type: 'impersonation', level: 'Delegation' },
    });
    expect(
      duplicateTokenRules(at('Impersonation'), { type: 'impersonation', level: 'Anonymous' }),
    ).toMatchObject({
      ok: true,
      value: { level: 'Anonymous' },
    });
    expect(duplicateTokenRules(at('Identification'), { type: 'impersonation', level: null })).toMatchObject({
      ok: true,
      value: { level: 'Identification' },
    });
  });

  it('NtDuplicateToken: impersonation → primary only from Impersonation or Delegation level', () => {
    for (const level of IMPERSONATION_LEVELS) {
      const r = duplicateTokenRules(at(level), { type: 'primary', level: null });
      expect(r.ok).toBe(rank(level) >= rank('Impersonation'));
      if (!r.ok) expect(r.error.code).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
      else expect(r.value).toEqual({ type: 'primary', level: null });
    }
  });

  it('NtDuplicateToken: the level ceiling applies to the requested level even for a primary target', () => {
    const r = duplicateTokenRules(at('Impersonation'), { type: 'primary', level: 'Delegation' });
    expect(r.ok).toBe(false);
  });

  it('DuplicateTokenEx: a primary token can be duplicated to an impersonation token at any level', () => {
    const primary = token({ user: alice, type: 'primary' });
    for (const level of IMPERSONATION_LEVELS) {
      expect(duplicateTokenRules(primary, { type: 'impersonation', level })).toEqual({
        ok: true,
        value: { type: 'impersonation', level },
      });
    }
    expect(duplicateTokenRules(primary, { type: 'primary', level: null })).toMatchObject({ ok: true });
  });

  it('throws (programmer error) for an impersonation duplicate of a primary token without a level', () => {
    expect(() =>
      duplicateTokenRules(token({ user: alice, type: 'primary' }), { type: 'impersonation', level: null }),
    ).toThrow(/^duplicateTokenRules:/);
  });
});

describe('duplicateTokenValue', () => {
  const client = token({
    user: alice,
    groups: [WELL_KNOWN_SIDS.EVERYONE.sid],
    tokenId: 0x100,
    modifiedId: 0x101,
    authenticationId: 0x55,
    origin: 0x3e7,
  });
  const service = token({ user: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid, type: 'primary' });
  const sd = objectSecurityFrom(service, OBJECT_TYPES.token.genericMapping);

  it('DuplicateTokenEx: same identity, new TokenId, the source’s ModifiedId (WRK SepDuplicateToken), and the SD the caller decided', () => {
    const r = duplicateTokenValue(
      client,
      { type: 'impersonation', level: 'Identification' },
      { tokenId: 0x200 },
      sd,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      type: 'impersonation',
      impersonationLevel: 'Identification',
      tokenId: 0x200,
      modifiedId: 0x101,
      authenticationId: 0x55,
      origin: 0x3e7,
    });
    expect(r.value.user).toBe(client.user);
    expect(r.value.groups).toBe(client.groups);
    expect(r.value.securityDescriptor).toBe(sd);
    expect(Object.isFrozen(r.value)).toBe(true);
  });

  it('"How come a duplicated token doesn’t behave identically to the original?": the new object’s SD is not the source’s', () => {
    const r = duplicateTokenValue(
      client,
      { type: 'impersonation', level: 'Impersonation' },
      { tokenId: 2, modifiedId: 3 },
      sd,
    );
    if (!r.ok) throw new Error('unexpected');
    expect(r.value.securityDescriptor.owner).toBe(WELL_KNOWN_SIDS.NETWORK_SERVICE.sid);
    expect(client.securityDescriptor.owner).toBe(alice);
    expect(r.value.modifiedId).toBe(3);
  });

  it('fails as duplicateTokenRules does', () => {
    const r = duplicateTokenValue(at('Identification'), { type: 'primary', level: null }, { tokenId: 2 }, sd);
    expect(r.ok || r.error.code).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
  });

  describe('properties', () => {
    const requestArbitrary = fc.record({
      type: fc.constantFrom<TokenType>('primary', 'impersonation'),
      level: fc.constantFrom<ImpersonationLevel | null>(...IMPERSONATION_LEVELS, null),
    });

    it('duplication never raises an impersonation level', () => {
      fc.assert(
        fc.property(
          tokenArbitrary(),
          fc.constantFrom(...IMPERSONATION_LEVELS),
          requestArbitrary,
          (t, level, requested) => {
            const source = token({ ...t, impersonationLevel: level });
            const r = duplicateTokenRules(source, requested);
            if (r.ok && r.value.level !== null) expect(rank(r.value.level)).toBeLessThanOrEqual(rank(level));
            if (r.ok && r.value.type === 'primary')
              expect(rank(level)).toBeGreaterThanOrEqual(rank('Impersonation'));
          },
        ),
      );
    });

    it('a duplicate differs from its source only in type, level, TokenId, ModifiedId and security descriptor', () => {
      fc.assert(
        fc.property(tokenArbitrary(), requestArbitrary, (t, requested) => {
          const r = duplicateTokenValue(t, requested, { tokenId: 77 }, sd);
          if (!r.ok) return;
          const { type, impersonationLevel, tokenId, securityDescriptor, ...rest } = r.value;
          const { type: _t, impersonationLevel: _l, tokenId: _i, securityDescriptor: _s, ...sourceRest } = t;
          expect(rest).toEqual(sourceRest);
          expect(tokenId).toBe(77);
          expect(securityDescriptor).toBe(sd);
          expect(type === 'primary').toBe(impersonationLevel === null);
        }),
      );
    });
  });
});
