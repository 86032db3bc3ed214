import { createProcess, registerToken, token, WELL_KNOWN_SIDS, win32 } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { ALICE, BILLY, billyNetworkToken, machineWithService } from './fixtures.js';

const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const NEEDED = 0xb; // TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_ASSIGN_PRIMARY
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

function primaryBillyHandle(machine: Parameters<typeof registerToken>[0], pid: number, server = SYSTEM) {
  return registerToken(machine, pid, {
    ...billyNetworkToken(server),
    type: 'primary',
    impersonationLevel: null,
  });
}

// CreateProcessAsUserW, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessasuserw;
// Processes in the Client Security Context; Restricted Tokens.
describe('CreateProcessAsUser', () => {
  it("starts a process with a client's primary token when the process holds SeAssignPrimaryToken and SeIncreaseQuota", () => {
    const { machine, service } = machineWithService(SYSTEM, [
      'SeAssignPrimaryTokenPrivilege',
      'SeIncreaseQuotaPrivilege',
    ]);
    const r = win32.createProcessAsUser(
      machine,
      service.threadId,
      primaryBillyHandle(machine, service.processId),
      'cmd.exe',
    );
    if (!r.ok) throw new Error(r.error.message);
    const child = machine.processes.get(r.value.processId);
    expect(child?.name).toBe('cmd.exe');
    expect(child?.primaryToken.token.user.sid).toBe(BILLY);
    expect(machine.threads.get(r.value.threadId)?.process).toBe(child);
    expect(machine.processes.get(service.processId)?.handles.get(r.value.process)?.object).toBe(child);
  });

  it('fails with ERROR_PRIVILEGE_NOT_HELD (1314) without them — the privileges held disabled are enough', () => {
    const { machine, service } = machineWithService(SYSTEM, ['SeAssignPrimaryTokenPrivilege']);
    const r = win32.createProcessAsUser(
      machine,
      service.threadId,
      primaryBillyHandle(machine, service.processId),
      'cmd.exe',
    );
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_PRIVILEGE_NOT_HELD', 1314]);
    const disabled = machineWithService(SYSTEM, [
      { name: 'SeAssignPrimaryTokenPrivilege', attributes: 0 },
      { name: 'SeIncreaseQuotaPrivilege', attributes: 0 },
    ]);
    const h = primaryBillyHandle(disabled.machine, disabled.service.processId);
    expect(code(win32.createProcessAsUser(disabled.machine, disabled.service.threadId, h, 'cmd.exe'))).toBe(
      'ok',
    );
  });

  it('checks the privileges of the process token even while the thread impersonates a token that has them', () => {
    const { machine, service } = machineWithService(ALICE, []);
    const t = service.threadId;
    const powerful = token({
      user: ALICE,
      privileges: ['SeAssignPrimaryTokenPrivilege', 'SeIncreaseQuotaPrivilege'],
    });
    win32.impersonateLoggedOnUser(machine, t, registerToken(machine, service.processId, powerful));
    const r = win32.createProcessAsUser(
      machine,
      t,
      primaryBillyHandle(machine, service.processId, ALICE),
      'cmd.exe',
    );
    expect(code(r)).toBe('ERROR_PRIVILEGE_NOT_HELD');
    expect(machine.trace.at(-1)?.checkedAs?.user).toBe(ALICE);
  });

  it('needs no privilege for a restricted version of the caller’s own primary token (Restricted Tokens)', () => {
    const { machine, service } = machineWithService(ALICE, []);
    const t = service.threadId;
    const own = win32.openProcessToken(machine, t, win32.getCurrentProcess(), NEEDED);
    if (!own.ok) throw new Error(own.error.message);
    const restricted = win32.createRestrictedToken(machine, t, own.value, { disableMaxPrivilege: true });
    if (!restricted.ok) throw new Error(restricted.error.message);
    expect(code(win32.createProcessAsUser(machine, t, restricted.value, 'sandbox.exe'))).toBe('ok');
  });

  it('needs no privilege for a sibling: a DuplicateTokenEx copy of the caller’s own token', () => {
    const { machine, service } = machineWithService(ALICE, []);
    const t = service.threadId;
    const own = win32.openProcessToken(machine, t, win32.getCurrentProcess(), NEEDED);
    if (!own.ok) throw new Error(own.error.message);
    const copy = win32.duplicateTokenEx(machine, t, own.value, 0, null, 'Impersonation', 'primary');
    if (!copy.ok) throw new Error(copy.error.message);
    expect(code(win32.createProcessAsUser(machine, t, copy.value, 'child.exe'))).toBe('ok');
  });

  it('refuses an impersonation token with ERROR_BAD_TOKEN_TYPE, and a handle without TOKEN_ASSIGN_PRIMARY', () => {
    const { machine, service } = machineWithService(SYSTEM, [
      'SeAssignPrimaryTokenPrivilege',
      'SeIncreaseQuotaPrivilege',
    ]);
    const impersonation = registerToken(machine, service.processId, billyNetworkToken(SYSTEM));
    expect(code(win32.createProcessAsUser(machine, service.threadId, impersonation, 'cmd.exe'))).toBe(
      'ERROR_BAD_TOKEN_TYPE',
    );
    const weak = registerToken(
      machine,
      service.processId,
      { ...billyNetworkToken(SYSTEM), type: 'primary', impersonationLevel: null },
      { access: 0xa },
    );
    expect(code(win32.createProcessAsUser(machine, service.threadId, weak, 'cmd.exe'))).toBe(
      'ERROR_ACCESS_DENIED',
    );
  });

  it('gives the new process its own copy of the token', () => {
    const { machine, service } = machineWithService(SYSTEM, [
      'SeAssignPrimaryTokenPrivilege',
      'SeIncreaseQuotaPrivilege',
    ]);
    const h = primaryBillyHandle(machine, service.processId);
    const r = win32.createProcessAsUser(machine, service.threadId, h, 'cmd.exe');
    if (!r.ok) throw new Error(r.error.message);
    const passed = machine.processes.get(service.processId)?.handles.get(h)?.object;
    expect(machine.processes.get(r.value.processId)?.primaryToken).not.toBe(passed);
    expect(createProcess).toBeTypeOf('function');
  });
});
