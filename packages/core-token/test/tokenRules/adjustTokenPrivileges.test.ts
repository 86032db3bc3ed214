import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustTokenPrivileges,
  ELEVATED_PRIVILEGES,
  hasEnabledPrivilege,
  PRIVILEGE_ATTRIBUTES,
  type PrivilegeName,
  sid,
  type TokenInit,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';
import { privilegeChangeArbitrary, tokenArbitrary } from '../../src/testing/index.js';

const { SE_PRIVILEGE_ENABLED, SE_PRIVILEGE_ENABLED_BY_DEFAULT } = PRIVILEGE_ATTRIBUTES;
const { LOW_INTEGRITY, MEDIUM_INTEGRITY, HIGH_INTEGRITY } = WELL_KNOWN_SIDS;
const held = (...names: PrivilegeName[]) => names.map((name) => ({ name, attributes: 0 }));
const subject = (init: Partial<TokenInit> = {}) =>
  token({
    user: sid('S-1-5-21-1-2-3-500'),
    integrityLevel: HIGH_INTEGRITY.sid,
    modifiedId: 1,
    privileges: [
      { name: 'SeChangeNotifyPrivilege', attributes: SE_PRIVILEGE_ENABLED | SE_PRIVILEGE_ENABLED_BY_DEFAULT },
      ...held('SeShutdownPrivilege', 'SeDebugPrivilege', 'SeBackupPrivilege'),
    ],
    ...init,
  });

describe('adjustTokenPrivileges (AdjustTokenPrivileges)', () => {
  it('AdjustTokenPrivileges: enabling a held privilege succeeds, records PreviousState and changes ModifiedId', () => {
    const r = adjustTokenPrivileges(
      subject(),
      { privileges: [{ name: 'SeDebugPrivilege', enable: true }] },
      42,
    );
    expect(r.status).toBe('ERROR_SUCCESS');
    expect(hasEnabledPrivilege(r.token, 'SeDebugPrivilege')).toBe(true);
    expect(r.previous).toEqual([{ name: 'SeDebugPrivilege', attributes: 0 }]);
    expect(r.token.modifiedId).toBe(42);
  });

  it('AdjustTokenPrivileges: a privilege the token does not hold gives ERROR_NOT_ALL_ASSIGNED (the call still succeeds) and is never added', () => {
    const r = adjustTokenPrivileges(
      subject(),
      {
        privileges: [
          { name: 'SeTcbPrivilege', enable: true },
          { name: 'SeShutdownPrivilege', enable: true },
        ],
      },
      42,
    );
    expect(r.status).toBe('ERROR_NOT_ALL_ASSIGNED');
    expect(r.token.privileges.some((p) => p.name === 'SeTcbPrivilege')).toBe(false);
    expect(hasEnabledPrivilege(r.token, 'SeShutdownPrivilege')).toBe(true); // the others still apply
  });

  it('AdjustTokenPrivileges: disabling keeps SE_PRIVILEGE_ENABLED_BY_DEFAULT; a no-op change leaves the token and ModifiedId alone', () => {
    const t = subject();
    const r = adjustTokenPrivileges(t, { privileges: [{ name: 'SeChangeNotifyPrivilege' }] }, 42);
    expect(r.token.privileges[0]).toEqual({
      name: 'SeChangeNotifyPrivilege',
      attributes: SE_PRIVILEGE_ENABLED_BY_DEFAULT,
    });
    const none = adjustTokenPrivileges(t, { privileges: [{ name: 'SeDebugPrivilege', enable: false }] }, 43);
    expect(none).toEqual({ token: t, previous: [], status: 'ERROR_SUCCESS' });
  });

  it('AdjustTokenPrivileges SE_PRIVILEGE_REMOVED: the privilege leaves the token for good (it wins over enable)', () => {
    const r = adjustTokenPrivileges(
      subject(),
      { privileges: [{ name: 'SeBackupPrivilege', remove: true, enable: true }] },
      42,
    );
    expect(r.token.privileges.map((p) => p.name)).not.toContain('SeBackupPrivilege');
    const again = adjustTokenPrivileges(
      r.token,
      { privileges: [{ name: 'SeBackupPrivilege', enable: true }] },
      43,
    );
    expect(again.status).toBe('ERROR_NOT_ALL_ASSIGNED');
  });

  it('AdjustTokenPrivileges DisableAllPrivileges: every enabled privilege is disabled, NewState ignored', () => {
    const t = subject({ privileges: ['SeChangeNotifyPrivilege', 'SeDebugPrivilege'] });
    const r = adjustTokenPrivileges(t, { disableAll: true }, 42);
    expect(r.token.privileges.every((p) => (p.attributes & SE_PRIVILEGE_ENABLED) === 0)).toBe(true);
    expect(r.previous.map((p) => p.name)).toEqual(['SeChangeNotifyPrivilege', 'SeDebugPrivilege']);
    expect(r.status).toBe('ERROR_SUCCESS');
  });

  it('Forshaw ch. 4: below High integrity the elevated privileges cannot be enabled (ERROR_NOT_ALL_ASSIGNED)', () => {
    const medium = subject({ integrityLevel: MEDIUM_INTEGRITY.sid });
    const r = adjustTokenPrivileges(
      medium,
      {
        privileges: [
          { name: 'SeDebugPrivilege', enable: true },
          { name: 'SeShutdownPrivilege', enable: true },
        ],
      },
      42,
    );
    expect(r.status).toBe('ERROR_NOT_ALL_ASSIGNED');
    expect(hasEnabledPrivilege(r.token, 'SeDebugPrivilege')).toBe(false);
    expect(hasEnabledPrivilege(r.token, 'SeShutdownPrivilege')).toBe(true);
  });

  it('Forshaw ch. 4: below Medium only SeChangeNotify, SeUndock and SeIncreaseWorkingSet can be enabled', () => {
    const low = subject({
      integrityLevel: LOW_INTEGRITY.sid,
      privileges: held('SeShutdownPrivilege', 'SeIncreaseWorkingSetPrivilege'),
    });
    const r = adjustTokenPrivileges(
      low,
      {
        privileges: [
          { name: 'SeShutdownPrivilege', enable: true },
          { name: 'SeIncreaseWorkingSetPrivilege', enable: true },
        ],
      },
      42,
    );
    expect(r.status).toBe('ERROR_NOT_ALL_ASSIGNED');
    expect(r.token.privileges.map((p) => hasEnabledPrivilege(r.token, p.name))).toEqual([false, true]);
  });

  describe('properties', () => {
    it('never adds a privilege the token did not hold, and enables nothing below High from ELEVATED_PRIVILEGES', () => {
      fc.assert(
        fc.property(tokenArbitrary(), privilegeChangeArbitrary(), (t, change) => {
          const r = adjustTokenPrivileges(t, change, 99);
          const before = new Map(t.privileges.map((p) => [p.name, p.attributes]));
          for (const p of r.token.privileges) {
            expect(before.has(p.name)).toBe(true);
            const was = before.get(p.name) ?? 0;
            const newlyEnabled =
              (p.attributes & SE_PRIVILEGE_ENABLED) !== 0 && (was & SE_PRIVILEGE_ENABLED) === 0;
            if (
              newlyEnabled &&
              t.integrityLevel !== HIGH_INTEGRITY.sid &&
              t.integrityLevel !== WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid
            ) {
              expect(ELEVATED_PRIVILEGES).not.toContain(p.name);
            }
          }
          expect(r.token.modifiedId === 99).toBe(r.previous.length > 0);
        }),
      );
    });
  });
});
