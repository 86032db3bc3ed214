import {
  createMachine,
  createProcess,
  GROUP_ATTRIBUTES,
  registerToken,
  sid,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { ALICE, BILLY, billyNetworkToken, machineWithService, serviceToken } from './fixtures.js';

const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
const enabled = (
  t: { privileges: readonly { name: string; attributes: number }[] } | undefined,
  name: string,
) => ((t?.privileges.find((p) => p.name === name)?.attributes ?? 0) & 2) !== 0;

// GetTokenInformation, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-gettokeninformation
describe('GetTokenInformation on the machine', () => {
  it('needs TOKEN_QUERY, and TOKEN_QUERY_SOURCE for TokenSource', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    const query = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), { access: 0x8 });
    const source = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), { access: 0x10 });
    const user = win32.getTokenInformation(machine, t, query, 'TokenUser');
    expect(user.ok && user.value.sid).toBe(BILLY);
    expect(code(win32.getTokenInformation(machine, t, query, 'TokenSource'))).toBe('ERROR_ACCESS_DENIED');
    expect(code(win32.getTokenInformation(machine, t, source, 'TokenSource'))).toBe('ok');
    expect(code(win32.getTokenInformation(machine, t, source, 'TokenUser'))).toBe('ERROR_ACCESS_DENIED');
  });

  it('TokenImpersonationLevel of a primary token fails with ERROR_INVALID_PARAMETER', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const own = win32.openProcessToken(machine, service.threadId, win32.getCurrentProcess(), 0x8);
    if (!own.ok) throw new Error('open');
    expect(
      code(win32.getTokenInformation(machine, service.threadId, own.value, 'TokenImpersonationLevel')),
    ).toBe('ERROR_INVALID_PARAMETER');
  });
});

// AdjustTokenPrivileges, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokenprivileges
describe('AdjustTokenPrivileges on the machine', () => {
  it('changes the token object in place: the process sees it', () => {
    const { machine, service } = machineWithService(SYSTEM, [{ name: 'SeBackupPrivilege', attributes: 0 }]);
    const own = win32.openProcessToken(machine, service.threadId, win32.getCurrentProcess(), 0x28);
    if (!own.ok) throw new Error('open');
    const before = machine.processes.get(service.processId)?.primaryToken.token.modifiedId;
    const r = win32.adjustTokenPrivileges(
      machine,
      service.threadId,
      own.value,
      {
        privileges: [{ name: 'SeBackupPrivilege', enable: true }],
      },
      true,
    );
    expect(r.ok && r.value).toEqual({
      status: 'ERROR_SUCCESS',
      previous: [{ name: 'SeBackupPrivilege', attributes: 0 }],
    });
    const after = machine.processes.get(service.processId)?.primaryToken.token;
    expect(enabled(after, 'SeBackupPrivilege')).toBe(true);
    expect(after?.modifiedId).not.toBe(before);
  });

  it('reports ERROR_NOT_ALL_ASSIGNED (1300) as a soft status for a privilege the token does not hold', () => {
    const { machine, service } = machineWithService(SYSTEM, []);
    const own = win32.openProcessToken(machine, service.threadId, win32.getCurrentProcess(), 0x20);
    if (!own.ok) throw new Error('open');
    const r = win32.adjustTokenPrivileges(machine, service.threadId, own.value, {
      privileges: [{ name: 'SeTcbPrivilege', enable: true }],
    });
    expect(r.ok && r.value).toEqual({ status: 'ERROR_NOT_ALL_ASSIGNED', previous: null });
  });

  it('needs TOKEN_ADJUST_PRIVILEGES, and TOKEN_QUERY for the previous state', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const own = win32.openProcessToken(machine, service.threadId, win32.getCurrentProcess(), 0x20);
    if (!own.ok) throw new Error('open');
    const change = { disableAll: true } as const;
    expect(code(win32.adjustTokenPrivileges(machine, service.threadId, own.value, change, true))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    expect(code(win32.adjustTokenPrivileges(machine, service.threadId, own.value, change))).toBe('ok');
  });

  it('after ImpersonateSelf, enabling a privilege in the thread token leaves the process token alone', () => {
    const { machine, service } = machineWithService(SYSTEM, [{ name: 'SeBackupPrivilege', attributes: 0 }]);
    const t = service.threadId;
    win32.impersonateSelf(machine, t, 'Impersonation');
    const mine = win32.openThreadToken(machine, t, win32.getCurrentThread(), 0x20, true);
    if (!mine.ok) throw new Error(mine.error.message);
    win32.adjustTokenPrivileges(machine, t, mine.value, {
      privileges: [{ name: 'SeBackupPrivilege', enable: true }],
    });
    expect(enabled(machine.threads.get(t)?.impersonationToken?.token, 'SeBackupPrivilege')).toBe(true);
    expect(enabled(machine.processes.get(service.processId)?.primaryToken.token, 'SeBackupPrivilege')).toBe(
      false,
    );
  });
});

// AdjustTokenGroups, CheckTokenMembership, PrivilegeCheck
describe('AdjustTokenGroups, CheckTokenMembership and PrivilegeCheck on the machine', () => {
  const optional = sid('S-1-5-21-1004336348-1177238915-682003330-2000');
  function withGroupToken() {
    const machine = createMachine();
    const user = token({
      user: ALICE,
      type: 'primary',
      groups: [
        WELL_KNOWN_SIDS.EVERYONE.sid,
        {
          sid: optional,
          attributes: GROUP_ATTRIBUTES.SE_GROUP_ENABLED | GROUP_ATTRIBUTES.SE_GROUP_ENABLED_BY_DEFAULT,
        },
      ],
    });
    const p = createProcess(machine, { name: 'a.exe', token: user });
    return { machine, p };
  }

  it('disables an optional group, after which CheckTokenMembership no longer finds it', () => {
    const { machine, p } = withGroupToken();
    const own = win32.openProcessToken(machine, p.threadId, win32.getCurrentProcess(), 0x40);
    if (!own.ok) throw new Error('open');
    expect(win32.checkTokenMembership(machine, p.threadId, null, optional)).toEqual({
      ok: true,
      value: true,
    });
    const r = win32.adjustTokenGroups(machine, p.threadId, own.value, {
      groups: [{ sid: optional, enable: false }],
    });
    expect(r.ok && r.value.status).toBe('ERROR_SUCCESS');
    expect(win32.checkTokenMembership(machine, p.threadId, null, optional)).toEqual({
      ok: true,
      value: false,
    });
  });

  it('refuses to disable a mandatory group: ERROR_CANT_DISABLE_MANDATORY, and changes nothing', () => {
    const { machine, p } = withGroupToken();
    const own = win32.openProcessToken(machine, p.threadId, win32.getCurrentProcess(), 0x40);
    if (!own.ok) throw new Error('open');
    const r = win32.adjustTokenGroups(machine, p.threadId, own.value, {
      groups: [
        { sid: optional, enable: false },
        { sid: WELL_KNOWN_SIDS.EVERYONE.sid, enable: false },
      ],
    });
    expect(code(r)).toBe('ERROR_CANT_DISABLE_MANDATORY');
    expect(win32.checkTokenMembership(machine, p.threadId, null, optional)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('CheckTokenMembership with a primary token handle fails with ERROR_NO_IMPERSONATION_TOKEN (1309)', () => {
    const { machine, p } = withGroupToken();
    const own = win32.openProcessToken(machine, p.threadId, win32.getCurrentProcess(), 0x8);
    if (!own.ok) throw new Error('open');
    const r = win32.checkTokenMembership(machine, p.threadId, own.value, optional);
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_NO_IMPERSONATION_TOKEN', 1309]);
  });

  it('CheckTokenMembership(NULL) uses the thread’s impersonation token, even at Identification level', () => {
    const { machine, service } = machineWithService(ALICE, []);
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(ALICE)),
    );
    expect(machine.threads.get(service.threadId)?.impersonationToken?.token.impersonationLevel).toBe(
      'Identification',
    );
    expect(win32.checkTokenMembership(machine, service.threadId, null, WELL_KNOWN_SIDS.NETWORK.sid)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('PrivilegeCheck reads the client token’s enabled privileges (TOKEN_QUERY, impersonation token)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const client = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), { access: 0x8 });
    expect(
      win32.privilegeCheck(machine, service.threadId, client, ['SeChangeNotifyPrivilege'], true),
    ).toEqual({
      ok: true,
      value: true,
    });
    expect(
      win32.privilegeCheck(
        machine,
        service.threadId,
        client,
        ['SeChangeNotifyPrivilege', 'SeTcbPrivilege'],
        true,
      ),
    ).toEqual({ ok: true, value: false });
    const noQuery = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), { access: 0x4 });
    expect(code(win32.privilegeCheck(machine, service.threadId, noQuery, ['SeTcbPrivilege'], false))).toBe(
      'ERROR_ACCESS_DENIED',
    );
  });
});

// CreateRestrictedToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-createrestrictedtoken
describe('CreateRestrictedToken on the machine', () => {
  it('needs TOKEN_DUPLICATE; the new handle has the existing handle’s access; the token is a child', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    const queryOnly = win32.openProcessToken(machine, t, win32.getCurrentProcess(), 0x8);
    const dupQuery = win32.openProcessToken(machine, t, win32.getCurrentProcess(), 0xa);
    if (!queryOnly.ok || !dupQuery.ok) throw new Error('open');
    expect(
      code(win32.createRestrictedToken(machine, t, queryOnly.value, { disableMaxPrivilege: true })),
    ).toBe('ERROR_ACCESS_DENIED');
    const r = win32.createRestrictedToken(machine, t, dupQuery.value, {
      restrictingSids: [WELL_KNOWN_SIDS.EVERYONE.sid],
    });
    if (!r.ok) throw new Error(r.error.message);
    const entry = machine.processes.get(service.processId)?.handles.get(r.value);
    expect(entry?.grantedAccess).toBe(0xa);
    if (entry?.object.kind !== 'token') throw new Error('not a token');
    expect(entry.object.token.restrictedSids.map((g) => g.sid)).toEqual([WELL_KNOWN_SIDS.EVERYONE.sid]);
    expect(entry.object.parentTokenId).toBe(
      machine.processes.get(service.processId)?.primaryToken.token.tokenId,
    );
  });

  it('passes the rule’s errors through: WRITE_RESTRICTED on a restricted token is ERROR_INVALID_PARAMETER', () => {
    const { machine } = machineWithService(SYSTEM);
    const restrictedUser = createProcess(machine, {
      name: 'r.exe',
      // Restricted by SYSTEM itself: with Everyone instead, the process could not even open its own token —
      // the token's DACL (SYSTEM only) must pass the restricting-SID check too.
      token: { ...serviceToken(SYSTEM), restrictedSids: [{ sid: SYSTEM, attributes: 7 }] },
    });
    const own = win32.openProcessToken(machine, restrictedUser.threadId, win32.getCurrentProcess(), 0x2);
    if (!own.ok) throw new Error(own.error.message);
    expect(
      code(
        win32.createRestrictedToken(machine, restrictedUser.threadId, own.value, { writeRestricted: true }),
      ),
    ).toBe('ERROR_INVALID_PARAMETER');
  });
});
