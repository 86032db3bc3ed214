import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustTokenGroups, GROUP_ATTRIBUTES, sid, token, WELL_KNOWN_SIDS } from '../../src/index.js';
import { pooledSidArbitrary, tokenArbitrary } from '../../src/testing/index.js';

const { SE_GROUP_ENABLED, SE_GROUP_ENABLED_BY_DEFAULT, SE_GROUP_MANDATORY, SE_GROUP_USE_FOR_DENY_ONLY } =
  GROUP_ATTRIBUTES;
const alice = sid('S-1-5-21-1-2-3-1104');
const { EVERYONE, BUILTIN_USERS, BUILTIN_ADMINISTRATORS, INTERACTIVE } = WELL_KNOWN_SIDS;
const t = token({
  user: alice,
  modifiedId: 1,
  groups: [
    EVERYONE.sid, // mandatory
    { sid: BUILTIN_USERS.sid, attributes: SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT },
    { sid: BUILTIN_ADMINISTRATORS.sid, attributes: SE_GROUP_USE_FOR_DENY_ONLY },
    { sid: INTERACTIVE.sid, attributes: SE_GROUP_ENABLED }, // enabled, not by default
  ],
});

describe('adjustTokenGroups (AdjustTokenGroups / NtAdjustGroupsToken)', () => {
  it('AdjustTokenGroups: an optional group can be disabled and enabled again; PreviousState and ModifiedId follow', () => {
    const off = adjustTokenGroups(t, { groups: [{ sid: BUILTIN_USERS.sid, enable: false }] }, 2);
    if (!off.ok) throw new Error('unexpected');
    expect(off.value.token.groups[1]?.attributes).toBe(SE_GROUP_ENABLED_BY_DEFAULT);
    expect(off.value.previous).toEqual([t.groups[1]]);
    expect(off.value.token.modifiedId).toBe(2);
    const on = adjustTokenGroups(off.value.token, { groups: [{ sid: BUILTIN_USERS.sid, enable: true }] }, 3);
    expect(on.ok && on.value.token.groups[1]?.attributes).toBe(
      SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT,
    );
  });

  it('AdjustTokenGroups: disabling a mandatory group fails with ERROR_CANT_DISABLE_MANDATORY (1310), changing nothing', () => {
    const r = adjustTokenGroups(
      t,
      {
        groups: [
          { sid: BUILTIN_USERS.sid, enable: false },
          { sid: EVERYONE.sid, enable: false },
        ],
      },
      2,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'ERROR_CANT_DISABLE_MANDATORY', win32: 1310 });
  });

  it('AdjustTokenGroups: enabling a deny-only group fails with ERROR_CANT_ENABLE_DENY_ONLY (629)', () => {
    const r = adjustTokenGroups(t, { groups: [{ sid: BUILTIN_ADMINISTRATORS.sid, enable: true }] }, 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'ERROR_CANT_ENABLE_DENY_ONLY', win32: 629 });
  });

  it('NtAdjustGroupsToken: asking for the state a group already has is not a change (no error, no new ModifiedId)', () => {
    const r = adjustTokenGroups(
      t,
      {
        groups: [
          { sid: EVERYONE.sid, enable: true },
          { sid: BUILTIN_ADMINISTRATORS.sid, enable: false },
        ],
      },
      2,
    );
    expect(r).toEqual({ ok: true, value: { token: t, previous: [], status: 'ERROR_SUCCESS' } });
  });

  it('AdjustTokenGroups: a SID the token lacks — the user SID included — gives ERROR_NOT_ALL_ASSIGNED, the rest still applies', () => {
    const r = adjustTokenGroups(
      t,
      {
        groups: [
          { sid: alice, enable: false },
          { sid: INTERACTIVE.sid, enable: false },
        ],
      },
      2,
    );
    expect(r.ok && r.value.status).toBe('ERROR_NOT_ALL_ASSIGNED');
    expect(r.ok && r.value.token.groups[3]?.attributes).toBe(0);
  });

  it('AdjustTokenGroups ResetToDefault: each optional group returns to its SE_GROUP_ENABLED_BY_DEFAULT state', () => {
    const r = adjustTokenGroups(t, { resetToDefault: true }, 2);
    if (!r.ok) throw new Error('unexpected');
    expect(r.value.token.groups.map((g) => g.attributes)).toEqual([
      t.groups[0]?.attributes,
      SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT,
      SE_GROUP_USE_FOR_DENY_ONLY,
      0,
    ]);
    expect(r.value.status).toBe('ERROR_SUCCESS');
  });

  describe('properties', () => {
    it('never changes membership, mandatory groups or deny-only groups; on success only SE_GROUP_ENABLED moves', () => {
      fc.assert(
        fc.property(
          tokenArbitrary(),
          fc.array(fc.record({ sid: pooledSidArbitrary(), enable: fc.boolean() }), { maxLength: 4 }),
          (subject, groups) => {
            const r = adjustTokenGroups(subject, { groups }, 5);
            if (!r.ok) return;
            subject.groups.forEach((g, i) => {
              const after = r.value.token.groups[i];
              expect(after?.sid).toBe(g.sid);
              expect(((after?.attributes ?? 0) ^ g.attributes) & ~SE_GROUP_ENABLED).toBe(0);
              if ((g.attributes & (SE_GROUP_MANDATORY | SE_GROUP_USE_FOR_DENY_ONLY)) !== 0)
                expect(after).toBe(g);
            });
            expect(r.value.token.groups.length).toBe(subject.groups.length);
          },
        ),
      );
    });
  });
});
