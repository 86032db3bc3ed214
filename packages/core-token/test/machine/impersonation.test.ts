import { createProcess, registerToken, token, WELL_KNOWN_SIDS, win32 } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { ALICE, BILLY, billyNetworkToken, machineWithService, serviceToken } from './fixtures.js';

const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const THREAD_SET_THREAD_TOKEN = 0x80;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

// Client Impersonation, https://learn.microsoft.com/windows/win32/secauthz/client-impersonation, and the
// ImpersonateLoggedOnUser remarks: the impersonation check runs on the calling *process* token.
describe('the impersonation check on the machine', () => {
  it('with SeImpersonatePrivilege enabled in the process token the thread gets the token’s level', () => {
    const { machine, service } = machineWithService(SYSTEM);
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(machine.threads.get(service.threadId)?.impersonationToken?.token.impersonationLevel).toBe(
      'Impersonation',
    );
  });

  it('without it the call succeeds and the thread silently gets an Identification-level copy', () => {
    const { machine, service } = machineWithService(ALICE, ['SeChangeNotifyPrivilege'], 'app.exe');
    const client = registerToken(machine, service.processId, billyNetworkToken(ALICE));
    expect(win32.impersonateLoggedOnUser(machine, service.threadId, client).ok).toBe(true);
    const carried = machine.threads.get(service.threadId)?.impersonationToken?.token;
    expect(carried?.impersonationLevel).toBe('Identification');
    expect(carried?.user.sid).toBe(BILLY);
    expect(machine.trace.at(-1)?.detail).toMatch(/differentUser — silently downgraded/);
  });

  it('a held but disabled SeImpersonatePrivilege does not count', () => {
    const { machine, service } = machineWithService(ALICE, [
      { name: 'SeImpersonatePrivilege', attributes: 0 },
    ]);
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(ALICE)),
    );
    expect(machine.threads.get(service.threadId)?.impersonationToken?.token.impersonationLevel).toBe(
      'Identification',
    );
  });

  it('the thread’s own impersonation token does not matter: only the process token is checked', () => {
    // The process lacks the privilege; the thread first impersonates a SYSTEM token that has it.
    const { machine, service } = machineWithService(ALICE, []);
    const system = token({ user: SYSTEM, privileges: ['SeImpersonatePrivilege'] });
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, system),
    );
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(ALICE)),
    );
    expect(machine.threads.get(service.threadId)?.impersonationToken?.token.impersonationLevel).toBe(
      'Identification',
    );
  });
});

// SetThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-setthreadtoken
describe('SetThreadToken', () => {
  it('refuses a primary token with ERROR_BAD_TOKEN_TYPE (1349)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const primary = registerToken(machine, service.processId, serviceToken(SYSTEM));
    const r = win32.setThreadToken(machine, service.threadId, null, primary);
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_BAD_TOKEN_TYPE', 1349]);
  });

  it('needs TOKEN_IMPERSONATE on the token handle and THREAD_SET_THREAD_TOKEN on the thread handle', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    const worker = win32.createThread(machine, t);
    if (!worker.ok) throw new Error('createThread');
    const queryOnly = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), { access: 0x8 });
    const impersonate = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), { access: 0x4 });
    expect(code(win32.setThreadToken(machine, t, null, queryOnly))).toBe('ERROR_ACCESS_DENIED');
    const weak = win32.openThread(machine, t, 0x40, worker.value.threadId);
    const strong = win32.openThread(machine, t, THREAD_SET_THREAD_TOKEN, worker.value.threadId);
    if (!weak.ok || !strong.ok) throw new Error('openThread');
    expect(code(win32.setThreadToken(machine, t, weak.value, impersonate))).toBe('ERROR_ACCESS_DENIED');
    expect(code(win32.setThreadToken(machine, t, strong.value, impersonate))).toBe('ok');
    expect(machine.threads.get(worker.value.threadId)?.impersonationToken?.token.user.sid).toBe(BILLY);
    expect(machine.threads.get(t)?.impersonationToken).toBeNull();
  });

  it('with a NULL token stops the thread impersonating', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    win32.setThreadToken(
      machine,
      t,
      null,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(machine.threads.get(t)?.impersonationToken).not.toBeNull();
    expect(win32.setThreadToken(machine, t, null, null).ok).toBe(true);
    expect(machine.threads.get(t)?.impersonationToken).toBeNull();
  });

  it('applies the same silent downgrade as ImpersonateLoggedOnUser', () => {
    const { machine, service } = machineWithService(ALICE, []);
    win32.setThreadToken(
      machine,
      service.threadId,
      null,
      registerToken(machine, service.processId, billyNetworkToken(ALICE)),
    );
    expect(machine.threads.get(service.threadId)?.impersonationToken?.token.impersonationLevel).toBe(
      'Identification',
    );
  });
});

// ImpersonateSelf, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateself
describe('ImpersonateSelf and RevertToSelf', () => {
  it('ImpersonateSelf gives the thread a duplicate of the process token at the requested level', () => {
    const { machine, service } = machineWithService(SYSTEM);
    expect(win32.impersonateSelf(machine, service.threadId, 'Identification').ok).toBe(true);
    const process = machine.processes.get(service.processId);
    const carried = machine.threads.get(service.threadId)?.impersonationToken?.token;
    expect(carried?.user.sid).toBe(SYSTEM);
    expect(carried?.impersonationLevel).toBe('Identification');
    expect(carried?.tokenId).not.toBe(process?.primaryToken.token.tokenId);
  });

  it('ImpersonateSelf needs the process token DACL to grant TOKEN_DUPLICATE to the effective token', () => {
    const { machine, service } = machineWithService(SYSTEM);
    // While impersonating Billy (whom SYSTEM's token DACL does not name) the open of the process token fails.
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(code(win32.impersonateSelf(machine, service.threadId, 'Impersonation'))).toBe(
      'ERROR_ACCESS_DENIED',
    );
  });

  it('RevertToSelf succeeds whether or not the thread impersonates, and restores the process identity', () => {
    const { machine, service } = machineWithService(SYSTEM);
    expect(win32.revertToSelf(machine, service.threadId).ok).toBe(true);
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    win32.revertToSelf(machine, service.threadId);
    expect(machine.threads.get(service.threadId)?.impersonationToken).toBeNull();
  });

  it('impersonation is per thread: the other threads of the process still act as the process', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const other = createProcess(machine, { name: 'x.exe', token: serviceToken(SYSTEM) });
    const worker = win32.createThread(machine, service.threadId);
    if (!worker.ok) throw new Error('createThread');
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(machine.threads.get(worker.value.threadId)?.impersonationToken).toBeNull();
    expect(machine.threads.get(other.threadId)?.impersonationToken).toBeNull();
  });
});
