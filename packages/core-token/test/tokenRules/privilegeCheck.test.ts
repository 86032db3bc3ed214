import { describe, expect, it } from 'vitest';
import { privilegeCheck, sid, token } from '../../src/index.js';

const alice = sid('S-1-5-21-1-2-3-1104');
const client = token({
  user: alice,
  privileges: ['SeChangeNotifyPrivilege', { name: 'SeShutdownPrivilege', attributes: 0 }],
});

describe('privilegeCheck (PrivilegeCheck)', () => {
  it('PrivilegeCheck PRIVILEGE_SET_ALL_NECESSARY: every privilege must be held and enabled', () => {
    expect(privilegeCheck(client, ['SeChangeNotifyPrivilege'], true)).toEqual({ ok: true, value: true });
    expect(privilegeCheck(client, ['SeChangeNotifyPrivilege', 'SeShutdownPrivilege'], true)).toEqual({
      ok: true,
      value: false,
    });
    expect(privilegeCheck(client, [], true)).toEqual({ ok: true, value: true });
  });

  it('PrivilegeCheck without PRIVILEGE_SET_ALL_NECESSARY: any enabled one suffices; a held-but-disabled one does not', () => {
    expect(privilegeCheck(client, ['SeShutdownPrivilege', 'SeChangeNotifyPrivilege'], false)).toEqual({
      ok: true,
      value: true,
    });
    expect(privilegeCheck(client, ['SeShutdownPrivilege', 'SeTcbPrivilege'], false)).toEqual({
      ok: true,
      value: false,
    });
    expect(privilegeCheck(client, [], false)).toEqual({ ok: true, value: false });
  });

  it('PrivilegeCheck: "a thread impersonating the client" — a primary token is ERROR_NO_IMPERSONATION_TOKEN, Anonymous ERROR_BAD_IMPERSONATION_LEVEL', () => {
    const primary = privilegeCheck(token({ user: alice, type: 'primary' }), [], true);
    expect(primary.ok || primary.error.code).toBe('ERROR_NO_IMPERSONATION_TOKEN');
    const anonymous = privilegeCheck(token({ user: alice, impersonationLevel: 'Anonymous' }), [], true);
    expect(anonymous.ok || anonymous.error.code).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
  });
});
