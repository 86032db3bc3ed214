import {
  ACCESS_RIGHTS,
  formatTrace,
  registerFile,
  registerToken,
  sddl,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { ALICE, BILLY, billyNetworkToken, machineWithService, NAMES, WTIP } from './fixtures.js';

const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
const TEST_TXT = '\\\\WtipFS1\\Tools\\test.txt';

// "What's in a Token (Part 2): Impersonation" (Randy Turner): the Server service runs as LocalSystem and
// serves Billy's SMB request on a thread impersonating him, so the file's DACL is enforced for Billy.
describe('the file server (What’s in a Token, Part 2)', () => {
  function setUp() {
    const { machine, service } = machineWithService(
      SYSTEM,
      ['SeTcbPrivilege', 'SeImpersonatePrivilege'],
      'System',
    );
    registerFile(
      machine,
      TEST_TXT,
      sddl(`O:BAG:SYD:(D;;FR;;;${BILLY.text})(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;WD)`),
    );
    return { machine, t: service.threadId, pid: service.processId };
  }

  it('denies Billy through the impersonating thread although SYSTEM itself may read the file; then reverts', () => {
    const { machine, t, pid } = setUp();
    expect(code(win32.createFile(machine, t, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ))).toBe('ok');
    const billy = registerToken(machine, pid, billyNetworkToken(SYSTEM));
    expect(win32.impersonateLoggedOnUser(machine, t, billy).ok).toBe(true);
    expect(code(win32.createFile(machine, t, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    expect(win32.revertToSelf(machine, t).ok).toBe(true);
    expect(code(win32.createFile(machine, t, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ))).toBe('ok');
  });

  it('serves another client (Alice) whom the DACL does not deny', () => {
    const { machine, t, pid } = setUp();
    win32.impersonateLoggedOnUser(machine, t, registerToken(machine, pid, billyNetworkToken(SYSTEM, ALICE)));
    expect(code(win32.createFile(machine, t, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ))).toBe('ok');
  });

  it('shows in the trace whom the thread was impersonating for each open, like Process Monitor', () => {
    const { machine, t, pid } = setUp();
    win32.impersonateLoggedOnUser(machine, t, registerToken(machine, pid, billyNetworkToken(SYSTEM)));
    win32.createFile(machine, t, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ);
    win32.revertToSelf(machine, t);
    const text = formatTrace(machine, { names: NAMES });
    expect(text).toContain('CreateFile → ERROR_ACCESS_DENIED (5)');
    expect(text).toContain(
      '    Impersonating: WTIP\\Billy (impersonation token 0x10001, Impersonation level)',
    );
    expect(text).toContain('RevertToSelf → ERROR_SUCCESS');
    expect(machine.trace.map((e) => [e.operation, e.impersonating?.user ?? null, e.result])).toEqual([
      ['ImpersonateLoggedOnUser', null, 'ERROR_SUCCESS'],
      ['CreateFile', BILLY, 'ERROR_ACCESS_DENIED'],
      ['RevertToSelf', BILLY, 'ERROR_SUCCESS'],
    ]);
    expect(WTIP.text).toBe('S-1-5-21-1004336348-1177238915-682003330');
  });
});

// Client Impersonation (https://learn.microsoft.com/windows/win32/secauthz/client-impersonation): without
// SeImpersonatePrivilege, the impersonation still "succeeds" — at Identification level.
describe('a service without SeImpersonatePrivilege (the silent downgrade)', () => {
  function setUp(privileges: Parameters<typeof machineWithService>[1]) {
    const { machine, service } = machineWithService(ALICE, privileges, 'app.exe');
    registerFile(machine, 'D:\\Reports\\q3.xlsx', sddl(`O:BAG:SYD:(A;;FA;;;${BILLY.text})(A;;FA;;;SY)`));
    const client = registerToken(machine, service.processId, billyNetworkToken(ALICE));
    return { machine, t: service.threadId, client };
  }

  it('ImpersonateLoggedOnUser succeeds, and the next open fails with ERROR_BAD_IMPERSONATION_LEVEL (1346)', () => {
    const { machine, t, client } = setUp(['SeChangeNotifyPrivilege']);
    expect(win32.impersonateLoggedOnUser(machine, t, client).ok).toBe(true);
    const r = win32.createFile(machine, t, 'D:\\Reports\\q3.xlsx', ACCESS_RIGHTS.GENERIC_READ);
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_BAD_IMPERSONATION_LEVEL', 1346]);
    // Identification is still good for identifying: the client's groups can be checked.
    expect(win32.checkTokenMembership(machine, t, null, WELL_KNOWN_SIDS.NETWORK.sid)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('the same service with SeImpersonatePrivilege opens the file as Billy', () => {
    const { machine, t, client } = setUp(['SeChangeNotifyPrivilege', 'SeImpersonatePrivilege']);
    win32.impersonateLoggedOnUser(machine, t, client);
    expect(code(win32.createFile(machine, t, 'D:\\Reports\\q3.xlsx', ACCESS_RIGHTS.GENERIC_READ))).toBe('ok');
  });
});
