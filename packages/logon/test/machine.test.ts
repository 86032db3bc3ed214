import { sid, sidDisplayName, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { defaultUserRights, machine } from '../src/index.js';
import { corp } from './fixtures.js';

const names = (sids: readonly ReturnType<typeof sid>[] | undefined) =>
  (sids ?? []).map((s) => sidDisplayName(s)).sort();

describe('default User Rights Assignment (each right\'s "User Rights Assignment" page, member server column)', () => {
  const rights = defaultUserRights('server', sid('S-1-5-21-9-9-9'));
  it('SeNetworkLogonRight: Everyone, Administrators, Users, Backup Operators (access-this-computer-from-the-network)', () => {
    expect(names(rights.SeNetworkLogonRight)).toEqual([
      'BUILTIN\\Administrators',
      'BUILTIN\\Backup Operators',
      'BUILTIN\\Users',
      'Everyone',
    ]);
  });
  it('SeImpersonatePrivilege: Administrators, LOCAL SERVICE, NETWORK SERVICE, SERVICE (impersonate-a-client-after-authentication)', () => {
    expect(names(rights.SeImpersonatePrivilege)).toEqual([
      'BUILTIN\\Administrators',
      'NT AUTHORITY\\LOCAL SERVICE',
      'NT AUTHORITY\\NETWORK SERVICE',
      'NT AUTHORITY\\SERVICE',
    ]);
  });
  it('SeBatchLogonRight: Administrators, Backup Operators, Performance Log Users on servers; Administrators on clients (log-on-as-a-batch-job)', () => {
    expect(names(rights.SeBatchLogonRight)).toEqual([
      'BUILTIN\\Administrators',
      'BUILTIN\\Backup Operators',
      'BUILTIN\\Performance Log Users',
    ]);
    expect(names(defaultUserRights('workstation', sid('S-1-5-21-9-9-9')).SeBatchLogonRight)).toEqual([
      'BUILTIN\\Administrators',
    ]);
  });
  it('SeInteractiveLogonRight and SeRemoteInteractiveLogonRight (allow-log-on-locally, allow-log-on-through-remote-desktop-services)', () => {
    expect(names(rights.SeInteractiveLogonRight)).toEqual([
      'BUILTIN\\Administrators',
      'BUILTIN\\Backup Operators',
      'BUILTIN\\Users',
    ]);
    expect(names(rights.SeRemoteInteractiveLogonRight)).toEqual([
      'BUILTIN\\Administrators',
      'BUILTIN\\Remote Desktop Users',
    ]);
  });
  it('SeServiceLogonRight: NETWORK SERVICE (the page) and NT SERVICE\\ALL SERVICES (an installed machine)', () => {
    expect(names(rights.SeServiceLogonRight)).toEqual([
      'NT AUTHORITY\\NETWORK SERVICE',
      'NT SERVICE\\ALL SERVICES',
    ]);
  });
  it('SeDenyNetworkLogonRight: the local Guest; the other deny rights are not defined', () => {
    expect(rights.SeDenyNetworkLogonRight?.map((s) => s.text)).toEqual(['S-1-5-21-9-9-9-501']);
    expect(rights.SeDenyInteractiveLogonRight).toBeUndefined();
    expect(rights.SeDenyBatchLogonRight).toBeUndefined();
    expect(rights.SeTcbPrivilege).toBeUndefined();
  });
});

describe('machine: local accounts and groups ("Local Accounts")', () => {
  it('puts Domain Admins in Administrators, Domain Users in Users, INTERACTIVE and Authenticated Users in Users', () => {
    const dir = corp();
    const m = machine({ name: 'web01', domain: 'CORP' }, dir);
    const group = (name: string) =>
      m.localGroups.find((g) => g.name === name)?.members.map((s) => sidDisplayName(s)) ?? [];
    expect(m.name).toBe('WEB01');
    expect(m.computerAccount?.rid).toBe(1300);
    expect(group('Administrators')).toContain('S-1-5-21-1004336348-1177238915-682003330\\Domain Admins');
    expect(group('Users')).toEqual(
      expect.arrayContaining([
        'NT AUTHORITY\\INTERACTIVE',
        'NT AUTHORITY\\Authenticated Users',
        'S-1-5-21-1004336348-1177238915-682003330\\Domain Users',
      ]),
    );
  });
  it('enables the built-in Administrator on servers but not on workstations', () => {
    expect(machine({ name: 'S' }).localUsers[0]?.enabled).toBe(true);
    expect(machine({ name: 'W', role: 'workstation' }).localUsers[0]?.enabled).toBe(false);
  });
  it('replaces a right with the holders given, resolving local, domain and well-known names', () => {
    const dir = corp();
    const m = machine(
      {
        name: 'APP01',
        domain: 'corp.example',
        localUsers: [{ name: 'backup', password: 'x' }],
        userRights: { SeBatchLogonRight: ['CORP\\svc-report', '.\\backup', 'NT AUTHORITY\\SERVICE'] },
        localGroupMembers: { 'Remote Desktop Users': ['CORP\\billy'] },
      },
      dir,
    );
    expect(m.userRights.SeBatchLogonRight?.map((s) => s.text)).toEqual([
      WELL_KNOWN_SIDS.SERVICE.sid.text,
      'S-1-5-21-1004336348-1177238915-682003330-1107',
      m.localUsers.find((u) => u.name === 'backup')?.sid.text,
    ]);
    expect(() => machine({ name: 'X', userRights: { SeBatchLogonRight: ['nobody'] } })).toThrow(/^machine:/);
  });
});
