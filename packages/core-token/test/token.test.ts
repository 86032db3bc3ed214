import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  hasEnabledPrivilege,
  IMPERSONATION_LEVELS,
  isPrivilegeName,
  PRIVILEGE_ATTRIBUTES,
  PRIVILEGES,
  sid,
  TOKEN_MANDATORY_POLICY,
  token,
  WELL_KNOWN_SIDS,
} from '../src/index.js';

const billy = sid('S-1-5-21-1004336348-1177238915-682003330-1104');

describe('token shape (MS-DTYP 2.5.2; TOKEN_GROUPS, TOKEN_PRIVILEGES)', () => {
  it('defaults to an impersonation token at Impersonation level, Medium integrity, NO_WRITE_UP|NEW_PROCESS_MIN', () => {
    const t = token({ user: billy, groups: [WELL_KNOWN_SIDS.EVERYONE.sid] });
    expect(t.type).toBe('impersonation');
    expect(t.impersonationLevel).toBe('Impersonation');
    expect(t.integrityLevel).toBe(WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid);
    expect(t.mandatoryPolicy).toBe(
      TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
        TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN,
    );
    expect(t.groups[0]?.attributes).toBe(DEFAULT_GROUP_ATTRIBUTES);
    expect(t.user.attributes).toBe(0);
    expect(Object.isFrozen(t) && Object.isFrozen(t.groups)).toBe(true);
  });

  it('a primary token has no impersonation level (SECURITY_IMPERSONATION_LEVEL applies to impersonation tokens)', () => {
    expect(token({ user: billy, type: 'primary' }).impersonationLevel).toBeNull();
    expect(() => token({ user: billy, type: 'primary', impersonationLevel: 'Delegation' })).toThrow(
      /^token:/,
    );
    expect(() => token({ user: billy, type: 'impersonation', impersonationLevel: null })).toThrow(/^token:/);
  });

  it('keeps explicit group attributes such as SE_GROUP_USE_FOR_DENY_ONLY', () => {
    const t = token({
      user: billy,
      groups: [
        {
          sid: WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
          attributes: GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY,
        },
      ],
    });
    expect(t.groups[0]?.attributes).toBe(GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY);
  });

  it('a privilege takes effect only when SE_PRIVILEGE_ENABLED is set (PrivilegeCheck)', () => {
    const t = token({
      user: WELL_KNOWN_SIDS.SYSTEM.sid,
      privileges: [
        'SeTcbPrivilege',
        { name: 'SeSecurityPrivilege', attributes: PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED_BY_DEFAULT },
      ],
    });
    expect(hasEnabledPrivilege(t, 'SeTcbPrivilege')).toBe(true);
    expect(hasEnabledPrivilege(t, 'SeSecurityPrivilege')).toBe(false);
    expect(hasEnabledPrivilege(t, 'SeImpersonatePrivilege')).toBe(false);
  });

  it('levels are ordered as SECURITY_IMPERSONATION_LEVEL: SecurityAnonymous = 0 … SecurityDelegation = 3', () => {
    expect(IMPERSONATION_LEVELS).toEqual(['Anonymous', 'Identification', 'Impersonation', 'Delegation']);
  });
});

describe('privileges (Privilege Constants)', () => {
  it('uses the LUIDs Windows assigns: SeTcbPrivilege 7, SeSecurityPrivilege 8, SeImpersonatePrivilege 29', () => {
    expect(PRIVILEGES.SeTcbPrivilege.luid).toBe(7);
    expect(PRIVILEGES.SeSecurityPrivilege.luid).toBe(8);
    expect(PRIVILEGES.SeImpersonatePrivilege.luid).toBe(29);
    expect(PRIVILEGES.SeDelegateSessionUserImpersonatePrivilege.luid).toBe(36);
  });

  it('has one privilege per LUID from 2 to 36', () => {
    const luids = Object.values(PRIVILEGES)
      .map((p) => p.luid)
      .sort((a, b) => a - b);
    expect(luids).toEqual(Array.from({ length: 35 }, (_, i) => i + 2));
  });

  it('recognises names case-sensitively', () => {
    expect(isPrivilegeName('SeImpersonatePrivilege')).toBe(true);
    expect(isPrivilegeName('seimpersonateprivilege')).toBe(false);
    expect(isPrivilegeName('toString')).toBe(false);
  });
});
