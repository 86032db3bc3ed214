import {
  ACCESS_RIGHTS,
  createMachine,
  createProcess,
  filterAdministratorToken,
  linkUacTokens,
  logonSid,
  registerFile,
  registerToken,
  sddl,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { ALICE, serviceToken } from './fixtures.js';

const BA = WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

/** Alice, a member of Administrators, logged on interactively with UAC on: the full token and its filtered twin. */
function aliceSplitToken() {
  const full = token({
    user: ALICE,
    type: 'primary',
    groups: [
      BA,
      WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
      WELL_KNOWN_SIDS.EVERYONE.sid,
      WELL_KNOWN_SIDS.INTERACTIVE.sid,
      WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
      { sid: logonSid(0, 0x7a11), attributes: 0xc000_0007 },
    ],
    privileges: [
      'SeChangeNotifyPrivilege',
      { name: 'SeDebugPrivilege', attributes: 0 },
      { name: 'SeBackupPrivilege', attributes: 0 },
    ],
    integrityLevel: WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
    tokenId: 0x7a20,
    authenticationId: 0x7a12,
    sessionId: 1,
  });
  const limited = filterAdministratorToken(full, {
    tokenId: 0x7a21,
    modifiedId: 0x7a21,
    authenticationId: 0x7a11,
  });
  return linkUacTokens(full, limited);
}

function setUp() {
  const machine = createMachine({ name: 'WKS1' });
  registerFile(machine, 'C:\\Admin\\secrets.txt', sddl('O:BAG:SYD:(A;;FA;;;BA)(A;;FA;;;SY)'));
  const pair = aliceSplitToken();
  const explorer = createProcess(machine, { name: 'explorer.exe', token: pair.limited });
  return { machine, pair, explorer };
}

// User Account Control: the filtered token (How User Account Control works,
// https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works)
// and TOKEN_LINKED_TOKEN (https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_linked_token).
describe('UAC: an administrator’s filtered token and its linked full token', () => {
  it('the filtered token cannot open an Administrators-only file: Administrators is deny-only', () => {
    const { machine, explorer } = setUp();
    const r = win32.createFile(
      machine,
      explorer.threadId,
      'C:\\Admin\\secrets.txt',
      ACCESS_RIGHTS.GENERIC_READ,
    );
    expect(code(r)).toBe('ERROR_ACCESS_DENIED');
    const own = win32.openProcessToken(machine, explorer.threadId, win32.getCurrentProcess(), 0x8);
    if (!own.ok) throw new Error(own.error.message);
    expect(win32.getTokenInformation(machine, explorer.threadId, own.value, 'TokenElevationType')).toEqual({
      ok: true,
      value: 'limited',
    });
  });

  it('without SeTcbPrivilege, TokenLinkedToken is an Identification-level copy: good for CheckTokenMembership only', () => {
    const { machine, explorer } = setUp();
    const t = explorer.threadId;
    const own = win32.openProcessToken(machine, t, win32.getCurrentProcess(), 0x8);
    if (!own.ok) throw new Error(own.error.message);
    const linked = win32.getTokenInformation(machine, t, own.value, 'TokenLinkedToken');
    if (!linked.ok) throw new Error(linked.error.message);
    const entry = machine.processes.get(explorer.processId)?.handles.get(linked.value);
    if (entry?.object.kind !== 'token') throw new Error('not a token');
    expect(entry.object.token.type).toBe('impersonation');
    expect(entry.object.token.impersonationLevel).toBe('Identification');
    expect(entry.object.token.elevationType).toBe('full');
    // "Is the user an administrator?" — the classic use.
    expect(win32.checkTokenMembership(machine, t, linked.value, BA)).toEqual({ ok: true, value: true });
    // It cannot become a primary token, and impersonating it opens nothing.
    expect(code(win32.duplicateTokenEx(machine, t, linked.value, 0, null, 'Impersonation', 'primary'))).toBe(
      'ERROR_BAD_IMPERSONATION_LEVEL',
    );
    expect(win32.impersonateLoggedOnUser(machine, t, linked.value).ok).toBe(true);
    expect(code(win32.createFile(machine, t, 'C:\\Admin\\secrets.txt', ACCESS_RIGHTS.GENERIC_READ))).toBe(
      'ERROR_BAD_IMPERSONATION_LEVEL',
    );
  });

  it('a SYSTEM service with SeTcbPrivilege gets the full token itself and starts an elevated process with it', () => {
    const { machine, pair } = setUp();
    const appinfo = createProcess(machine, {
      name: 'svchost.exe',
      token: serviceToken(WELL_KNOWN_SIDS.SYSTEM.sid, [
        'SeTcbPrivilege',
        'SeAssignPrimaryTokenPrivilege',
        'SeIncreaseQuotaPrivilege',
      ]),
    });
    const t = appinfo.threadId;
    const userToken = registerToken(machine, appinfo.processId, pair.limited); // WTSQueryUserToken
    const linked = win32.getTokenInformation(machine, t, userToken, 'TokenLinkedToken');
    if (!linked.ok) throw new Error(linked.error.message);
    const entry = machine.processes.get(appinfo.processId)?.handles.get(linked.value);
    expect(entry?.object.kind === 'token' && entry.object.token.type).toBe('primary');
    const elevated = win32.createProcessAsUser(machine, t, linked.value, 'mmc.exe');
    if (!elevated.ok) throw new Error(elevated.error.message);
    expect(
      code(
        win32.createFile(
          machine,
          elevated.value.threadId,
          'C:\\Admin\\secrets.txt',
          ACCESS_RIGHTS.GENERIC_READ,
        ),
      ),
    ).toBe('ok');
  });

  it('the SeTcbPrivilege check reads the effective token: impersonating Alice, the service gets only the copy', () => {
    const { machine, pair } = setUp();
    const appinfo = createProcess(machine, {
      name: 'svchost.exe',
      token: serviceToken(WELL_KNOWN_SIDS.SYSTEM.sid, ['SeTcbPrivilege', 'SeImpersonatePrivilege']),
    });
    const t = appinfo.threadId;
    const userToken = registerToken(machine, appinfo.processId, pair.limited);
    win32.impersonateLoggedOnUser(machine, t, userToken);
    const linked = win32.getTokenInformation(machine, t, userToken, 'TokenLinkedToken');
    if (!linked.ok) throw new Error(linked.error.message);
    const entry = machine.processes.get(appinfo.processId)?.handles.get(linked.value);
    expect(entry?.object.kind === 'token' && entry.object.token.impersonationLevel).toBe('Identification');
  });

  it('a token without a linked token: ERROR_NO_SUCH_LOGON_SESSION', () => {
    const machine = createMachine();
    const p = createProcess(machine, { name: 'x.exe', token: serviceToken(WELL_KNOWN_SIDS.SYSTEM.sid) });
    const own = win32.openProcessToken(machine, p.threadId, win32.getCurrentProcess(), 0x8);
    if (!own.ok) throw new Error(own.error.message);
    expect(code(win32.getTokenInformation(machine, p.threadId, own.value, 'TokenLinkedToken'))).toBe(
      'ERROR_NO_SUCH_LOGON_SESSION',
    );
  });
});
