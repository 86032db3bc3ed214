import {
  ACCESS_RIGHTS,
  createProcess,
  registerFile,
  registerToken,
  sddl,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { BILLY, billyNetworkToken, machineWithService, serviceToken } from './fixtures.js';

const TOKEN_QUERY = 0x8;
const TOKEN_DUPLICATE = 0x2;
const TOKEN_IMPERSONATE = 0x4;
const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;

// "Using a handle checks the handle's granted access only" — ObReferenceObjectByHandle compares the desired
// access with the GrantedAccess stored in the handle table entry; the object's DACL was consulted once, at
// open time (Windows Internals, "Object Handles and the Process Handle Table").
describe('handles carry the access granted at open time', () => {
  it('hands out handle values 4, 8, 12 … per process, as Windows does', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const a = registerToken(machine, service.processId, billyNetworkToken(SYSTEM));
    const b = registerToken(machine, service.processId, billyNetworkToken(SYSTEM));
    expect([a, b]).toEqual([4, 8]);
  });

  it('DuplicateTokenEx needs TOKEN_DUPLICATE on the handle even when the token DACL grants everything', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    const queryOnly = win32.openProcessToken(machine, t, win32.getCurrentProcess(), TOKEN_QUERY);
    if (!queryOnly.ok) throw new Error(queryOnly.error.message);
    const dup = win32.duplicateTokenEx(
      machine,
      t,
      queryOnly.value,
      0,
      null,
      'Impersonation',
      'impersonation',
    );
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.code).toBe('ERROR_ACCESS_DENIED');
  });

  it('a handle keeps working after the thread starts impersonating someone the DACL would refuse', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    // Opened as SYSTEM with TOKEN_DUPLICATE; SYSTEM's token DACL does not grant Billy anything.
    const own = win32.openProcessToken(machine, t, win32.getCurrentProcess(), TOKEN_DUPLICATE | TOKEN_QUERY);
    if (!own.ok) throw new Error(own.error.message);
    const client = registerToken(machine, service.processId, billyNetworkToken(SYSTEM));
    win32.impersonateLoggedOnUser(machine, t, client);
    // As Billy, opening SYSTEM's token again is refused …
    const reopen = win32.openProcessToken(machine, t, win32.getCurrentProcess(), TOKEN_QUERY);
    expect(reopen.ok).toBe(false);
    if (!reopen.ok) expect(reopen.error.code).toBe('ERROR_ACCESS_DENIED');
    // … but the handle opened before is used without another look at the DACL.
    expect(win32.duplicateTokenEx(machine, t, own.value, 0, null, 'Impersonation', 'impersonation').ok).toBe(
      true,
    );
  });

  it('ImpersonateLoggedOnUser needs TOKEN_QUERY | TOKEN_IMPERSONATE on an impersonation token handle', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const queryOnly = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), {
      access: TOKEN_QUERY,
    });
    const r = win32.impersonateLoggedOnUser(machine, service.threadId, queryOnly);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('ERROR_ACCESS_DENIED');
    expect(machine.threads.get(service.threadId)?.impersonationToken).toBeNull();
    const enough = registerToken(machine, service.processId, billyNetworkToken(SYSTEM), {
      access: TOKEN_QUERY | TOKEN_IMPERSONATE,
    });
    expect(win32.impersonateLoggedOnUser(machine, service.threadId, enough).ok).toBe(true);
  });

  it('ImpersonateLoggedOnUser needs TOKEN_QUERY | TOKEN_DUPLICATE on a primary token handle (it duplicates it)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const billyPrimary = { ...billyNetworkToken(SYSTEM), type: 'primary' as const, impersonationLevel: null };
    const impersonateOnly = registerToken(machine, service.processId, billyPrimary, {
      access: TOKEN_QUERY | TOKEN_IMPERSONATE,
    });
    const r = win32.impersonateLoggedOnUser(machine, service.threadId, impersonateOnly);
    expect(r.ok ? 'ok' : r.error.code).toBe('ERROR_ACCESS_DENIED');
    const duplicable = registerToken(machine, service.processId, billyPrimary, {
      access: TOKEN_QUERY | TOKEN_DUPLICATE,
    });
    expect(win32.impersonateLoggedOnUser(machine, service.threadId, duplicable).ok).toBe(true);
    const thread = machine.threads.get(service.threadId);
    expect(thread?.impersonationToken?.token.type).toBe('impersonation');
    expect(thread?.impersonationToken?.token.impersonationLevel).toBe('Impersonation');
    expect(thread?.impersonationToken?.token.user.sid).toBe(BILLY);
  });

  it('a value that is no open handle, or a handle to another type of object, is ERROR_INVALID_HANDLE (6)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    registerFile(machine, 'C:\\a.txt', sddl('O:SYG:SYD:(A;;FA;;;SY)'));
    const file = win32.createFile(machine, service.threadId, 'C:\\a.txt', ACCESS_RIGHTS.GENERIC_READ);
    if (!file.ok) throw new Error(file.error.message);
    const asToken = win32.duplicateToken(machine, service.threadId, file.value, 'Impersonation');
    expect(asToken.ok ? null : [asToken.error.code, asToken.error.win32]).toEqual([
      'ERROR_INVALID_HANDLE',
      6,
    ]);
    const nothing = win32.impersonateLoggedOnUser(machine, service.threadId, 1234);
    expect(nothing.ok ? null : nothing.error.code).toBe('ERROR_INVALID_HANDLE');
  });

  it('CloseHandle removes the handle; closing it twice is ERROR_INVALID_HANDLE; pseudo-handles close as a no-op', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    const h = registerToken(machine, service.processId, billyNetworkToken(SYSTEM));
    expect(win32.closeHandle(machine, t, h).ok).toBe(true);
    expect(machine.processes.get(service.processId)?.handles.has(h)).toBe(false);
    const again = win32.closeHandle(machine, t, h);
    expect(again.ok ? null : again.error.code).toBe('ERROR_INVALID_HANDLE');
    expect(win32.closeHandle(machine, t, win32.getCurrentProcess()).ok).toBe(true);
    expect(win32.closeHandle(machine, t, win32.getCurrentThread()).ok).toBe(true);
  });

  it('handles belong to one process: another process cannot use them', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const h = registerToken(machine, service.processId, billyNetworkToken(SYSTEM));
    const other = createProcess(machine, { name: 'other.exe', token: serviceToken(SYSTEM) });
    const r = win32.impersonateLoggedOnUser(machine, other.threadId, h);
    expect(r.ok ? null : r.error.code).toBe('ERROR_INVALID_HANDLE');
  });

  it('an unknown calling thread is a programmer error, thrown with the function name', () => {
    const { machine } = machineWithService(SYSTEM);
    expect(() => win32.revertToSelf(machine, 999)).toThrow(/^revertToSelf: /);
  });
});
