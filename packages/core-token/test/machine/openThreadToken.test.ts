import { registerToken, sid, token, WELL_KNOWN_SIDS, win32 } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { BILLY, billyNetworkToken, machineWithService } from './fixtures.js';

const TOKEN_QUERY = 0x8;
const THREAD_QUERY_INFORMATION = 0x40;
const THREAD_QUERY_LIMITED_INFORMATION = 0x800;
const NS = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid;

function impersonating(level: 'Anonymous' | 'Identification' | 'Impersonation', server = NS) {
  const { machine, service } = machineWithService(server);
  const client = { ...billyNetworkToken(server), impersonationLevel: level };
  const h = registerToken(machine, service.processId, client);
  expect(win32.impersonateLoggedOnUser(machine, service.threadId, h).ok).toBe(true);
  return { machine, t: service.threadId, service };
}

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

// OpenThreadToken, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-openthreadtoken
describe('OpenThreadToken', () => {
  it('fails with ERROR_NO_TOKEN (1008) when the thread is not impersonating', () => {
    const { machine, service } = machineWithService(NS);
    const r = win32.openThreadToken(machine, service.threadId, win32.getCurrentThread(), TOKEN_QUERY, true);
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_NO_TOKEN', 1008]);
  });

  it('fails with ERROR_CANT_OPEN_ANONYMOUS (1347) for an Anonymous-level token, OpenAsSelf or not', () => {
    const { machine, t } = impersonating('Anonymous');
    for (const asSelf of [true, false]) {
      const r = win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_QUERY, asSelf);
      expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_CANT_OPEN_ANONYMOUS', 1347]);
    }
  });

  it('at Identification level: as the thread (OpenAsSelf FALSE) ERROR_BAD_IMPERSONATION_LEVEL; as the process (TRUE) it opens', () => {
    const { machine, t } = impersonating('Identification');
    expect(code(win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_QUERY, false))).toBe(
      'ERROR_BAD_IMPERSONATION_LEVEL',
    );
    expect(code(win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_QUERY, true))).toBe('ok');
  });

  it('OpenAsSelf TRUE checks the token DACL as the process token, FALSE as the client', () => {
    // A client token whose DACL grants only the client and SYSTEM: NETWORK SERVICE itself may not open it.
    const { machine, service } = machineWithService(NS);
    const t = service.threadId;
    const client = token({ user: BILLY });
    win32.impersonateLoggedOnUser(machine, t, registerToken(machine, service.processId, client));
    expect(code(win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_QUERY, false))).toBe('ok');
    expect(code(win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_QUERY, true))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    const event = machine.trace.at(-1);
    expect(event?.checkedAs?.user).toBe(NS);
  });

  it('needs THREAD_QUERY_INFORMATION on the thread handle (NtOpenThreadToken)', () => {
    const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    // Opened as SYSTEM, before impersonating: Billy could not open SYSTEM's thread at all.
    const limited = win32.openThread(machine, t, THREAD_QUERY_LIMITED_INFORMATION, t);
    const full = win32.openThread(machine, t, THREAD_QUERY_INFORMATION, t);
    if (!limited.ok || !full.ok) throw new Error('openThread failed');
    win32.impersonateLoggedOnUser(
      machine,
      t,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(code(win32.openThread(machine, t, THREAD_QUERY_INFORMATION, t))).toBe('ERROR_ACCESS_DENIED');
    expect(code(win32.openThreadToken(machine, t, limited.value, TOKEN_QUERY, true))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    expect(code(win32.openThreadToken(machine, t, full.value, TOKEN_QUERY, true))).toBe('ok');
  });

  it("opens another thread's token through a thread handle", () => {
    const { machine, service } = machineWithService(WELL_KNOWN_SIDS.SYSTEM.sid);
    const worker = win32.createThread(machine, service.threadId);
    if (!worker.ok) throw new Error('createThread');
    const client = registerToken(machine, service.processId, billyNetworkToken(WELL_KNOWN_SIDS.SYSTEM.sid));
    expect(win32.setThreadToken(machine, service.threadId, worker.value.handle, client).ok).toBe(true);
    const r = win32.openThreadToken(machine, service.threadId, worker.value.handle, TOKEN_QUERY, true);
    expect(r.ok).toBe(true);
    if (r.ok) {
      const entry = machine.processes.get(service.processId)?.handles.get(r.value);
      expect(entry?.object.kind === 'token' && entry.object.token.user.sid).toBe(BILLY);
    }
    // The caller itself is not impersonating.
    expect(
      code(win32.openThreadToken(machine, service.threadId, win32.getCurrentThread(), TOKEN_QUERY, true)),
    ).toBe('ERROR_NO_TOKEN');
    expect(sid(BILLY.text)).toBe(BILLY);
  });
});
