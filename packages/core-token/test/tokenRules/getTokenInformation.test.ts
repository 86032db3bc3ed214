import { describe, expect, it } from 'vitest';
import {
  filterAdministratorToken,
  GROUP_ATTRIBUTES,
  getTokenInformation,
  linkUacTokens,
  logonSid,
  OBJECT_TYPES,
  objectSecurityFrom,
  sid,
  token,
  WELL_KNOWN_SIDS,
} from '../../src/index.js';

const alice = sid('S-1-5-21-1-2-3-1104');
const { EVERYONE, BUILTIN_ADMINISTRATORS, HIGH_INTEGRITY, MEDIUM_INTEGRITY } = WELL_KNOWN_SIDS;
const logon = logonSid(0, 0x4f00a);
const primary = token({
  user: alice,
  type: 'primary',
  groups: [EVERYONE.sid, { sid: logon, attributes: GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID | 0x7 }],
  privileges: ['SeChangeNotifyPrivilege'],
  tokenId: 0x10,
  authenticationId: 0x4f00a,
  modifiedId: 0x11,
  origin: 0x3e7,
  sessionId: 1,
});

describe('getTokenInformation (GetTokenInformation)', () => {
  it('TOKEN_INFORMATION_CLASS: the plain classes return the token’s fields', () => {
    expect(getTokenInformation(primary, 'TokenUser')).toEqual({ ok: true, value: primary.user });
    expect(getTokenInformation(primary, 'TokenPrivileges')).toEqual({ ok: true, value: primary.privileges });
    expect(getTokenInformation(primary, 'TokenOwner')).toEqual({ ok: true, value: alice });
    expect(getTokenInformation(primary, 'TokenPrimaryGroup')).toEqual({ ok: true, value: alice });
    expect(getTokenInformation(primary, 'TokenDefaultDacl')).toEqual({
      ok: true,
      value: primary.defaultDacl,
    });
    expect(getTokenInformation(primary, 'TokenSource')).toEqual({ ok: true, value: primary.source });
    expect(getTokenInformation(primary, 'TokenType')).toEqual({ ok: true, value: 'primary' });
    expect(getTokenInformation(primary, 'TokenSessionId')).toEqual({ ok: true, value: 1 });
    expect(getTokenInformation(primary, 'TokenOrigin')).toEqual({ ok: true, value: 0x3e7 });
    expect(getTokenInformation(primary, 'TokenElevationType')).toEqual({ ok: true, value: 'default' });
    expect(getTokenInformation(primary, 'TokenMandatoryPolicy')).toEqual({
      ok: true,
      value: primary.mandatoryPolicy,
    });
    expect(getTokenInformation(primary, 'TokenRestrictedSids')).toEqual({ ok: true, value: [] });
    expect(getTokenInformation(primary, 'TokenIsRestricted')).toEqual({ ok: true, value: false });
    expect(getTokenInformation(primary, 'TokenElevation')).toEqual({ ok: true, value: false });
  });

  it('TOKEN_GROUPS: the groups, then the integrity label with SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED (whoami /groups)', () => {
    const r = getTokenInformation(primary, 'TokenGroups');
    expect(r.ok && r.value.map((g) => g.sid)).toEqual([EVERYONE.sid, logon, MEDIUM_INTEGRITY.sid]);
    expect(r.ok && r.value[2]?.attributes).toBe(0x60);
    expect(getTokenInformation(primary, 'TokenIntegrityLevel')).toEqual({
      ok: true,
      value: { sid: MEDIUM_INTEGRITY.sid, attributes: 0x60 },
    });
  });

  it('TOKEN_STATISTICS: ids, type, level and counts', () => {
    expect(getTokenInformation(primary, 'TokenStatistics')).toEqual({
      ok: true,
      value: {
        tokenId: 0x10,
        authenticationId: 0x4f00a,
        tokenType: 'primary',
        impersonationLevel: null,
        groupCount: 3,
        privilegeCount: 1,
        modifiedId: 0x11,
      },
    });
  });

  it('TokenImpersonationLevel: an impersonation token’s level; a primary token fails with ERROR_INVALID_PARAMETER (STATUS_INVALID_INFO_CLASS)', () => {
    expect(
      getTokenInformation(
        token({ user: alice, impersonationLevel: 'Delegation' }),
        'TokenImpersonationLevel',
      ),
    ).toEqual({
      ok: true,
      value: 'Delegation',
    });
    const r = getTokenInformation(primary, 'TokenImpersonationLevel');
    expect(r.ok || r.error).toMatchObject({ code: 'ERROR_INVALID_PARAMETER', win32: 87 });
  });

  it('TokenLogonSid: the SE_GROUP_LOGON_ID group; none (SYSTEM’s token) is ERROR_NOT_FOUND', () => {
    expect(getTokenInformation(primary, 'TokenLogonSid')).toEqual({ ok: true, value: [primary.groups[1]] });
    const system = getTokenInformation(
      token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }),
      'TokenLogonSid',
    );
    expect(system.ok || system.error).toMatchObject({ code: 'ERROR_NOT_FOUND', win32: 1168 });
  });

  describe('TokenLinkedToken', () => {
    const full = token({
      user: alice,
      type: 'primary',
      groups: [EVERYONE.sid, BUILTIN_ADMINISTRATORS.sid],
      integrityLevel: HIGH_INTEGRITY.sid,
      tokenId: 0x20,
    });
    const { full: linkedFull, limited } = linkUacTokens(
      full,
      filterAdministratorToken(full, { tokenId: 0x21, modifiedId: 0x22, authenticationId: 0x4f00b }),
    );

    it('TOKEN_LINKED_TOKEN: without SeTcbPrivilege the caller gets an Identification-level impersonation copy', () => {
      const r = getTokenInformation(limited, 'TokenLinkedToken');
      if (!r.ok) throw new Error('unexpected');
      expect(r.value).toMatchObject({
        type: 'impersonation',
        impersonationLevel: 'Identification',
        elevationType: 'full',
      });
      expect(r.value.groups).toBe(linkedFull.groups);
      expect(r.value).not.toBe(linkedFull);
    });

    it('TOKEN_LINKED_TOKEN: with SeTcbPrivilege the caller gets the real (primary) linked token', () => {
      expect(getTokenInformation(limited, 'TokenLinkedToken', { callerHasTcbPrivilege: true })).toEqual({
        ok: true,
        value: linkedFull,
      });
    });

    it('TOKEN_LINKED_TOKEN: the copy gets the TokenId and SD the machine allocates', () => {
      const sd = objectSecurityFrom(limited, OBJECT_TYPES.token.genericMapping);
      const r = getTokenInformation(limited, 'TokenLinkedToken', {
        callerHasTcbPrivilege: false,
        linkedTokenCopy: { tokenId: 0x99, securityDescriptor: sd },
      });
      expect(r.ok && r.value.tokenId).toBe(0x99);
      expect(r.ok && r.value.securityDescriptor).toBe(sd);
    });

    it('GetTokenInformation: no split token (UAC off, a standard user) is ERROR_NO_SUCH_LOGON_SESSION', () => {
      const r = getTokenInformation(full, 'TokenLinkedToken', { callerHasTcbPrivilege: true });
      expect(r.ok || r.error).toMatchObject({ code: 'ERROR_NO_SUCH_LOGON_SESSION', win32: 1312 });
    });
  });

  it('throws (programmer error) for a class doublehop does not model', () => {
    expect(() => getTokenInformation(primary, 'TokenVirtualizationEnabled' as 'TokenUser')).toThrow(
      /^getTokenInformation:/,
    );
  });
});
