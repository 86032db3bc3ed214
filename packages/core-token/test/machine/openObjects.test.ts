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
import { ALICE, BILLY, billyNetworkToken, machineWithService, serviceToken } from './fixtures.js';

const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const FILE_READ_DATA = 0x1;
const FILE_READ_ATTRIBUTES = 0x80;
const SYNCHRONIZE = 0x10_0000;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('CreateFile (OPEN_EXISTING) on the machine', () => {
  it('checks the DACL as the thread effective token: SYSTEM as itself, Billy while impersonating him', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const t = service.threadId;
    registerFile(
      machine,
      'C:\\Tools\\test.txt',
      sddl(`O:BAG:SYD:(D;;FR;;;${BILLY.text})(A;;FA;;;SY)(A;;FR;;;WD)`),
    );
    expect(code(win32.createFile(machine, t, 'c:\\tools\\TEST.txt', ACCESS_RIGHTS.GENERIC_READ))).toBe('ok');
    win32.impersonateLoggedOnUser(
      machine,
      t,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(code(win32.createFile(machine, t, 'C:\\Tools\\test.txt', ACCESS_RIGHTS.GENERIC_READ))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    win32.revertToSelf(machine, t);
    expect(code(win32.createFile(machine, t, 'C:\\Tools\\test.txt', ACCESS_RIGHTS.GENERIC_READ))).toBe('ok');
  });

  it('adds SYNCHRONIZE | FILE_READ_ATTRIBUTES to every request, as CreateFileW does', () => {
    const { machine, service } = machineWithService(SYSTEM);
    // SYSTEM may read the data but not the attributes: CreateFile(FILE_READ_DATA) fails anyway.
    registerFile(machine, 'C:\\data.bin', sddl('O:BAG:SYD:(A;;0x100001;;;SY)'));
    registerFile(machine, 'C:\\data2.bin', sddl('O:BAG:SYD:(A;;0x100081;;;SY)'));
    expect(code(win32.createFile(machine, service.threadId, 'C:\\data.bin', FILE_READ_DATA))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    const r = win32.createFile(machine, service.threadId, 'C:\\data2.bin', FILE_READ_DATA);
    expect(r.ok).toBe(true);
    expect(machine.trace.at(-1)?.grantedAccess).toBe(FILE_READ_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE);
  });

  it('fails with ERROR_FILE_NOT_FOUND (2) for a path the machine does not have', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const r = win32.createFile(machine, service.threadId, 'C:\\nope', FILE_READ_DATA);
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_FILE_NOT_FOUND', 2]);
  });

  it('fails with ERROR_BAD_IMPERSONATION_LEVEL when the thread impersonates at Identification level, before any DACL', () => {
    const { machine, service } = machineWithService(SYSTEM);
    registerFile(machine, 'C:\\public.txt', sddl('O:BAG:SYD:(A;;FA;;;WD)'));
    const identify = { ...billyNetworkToken(SYSTEM), impersonationLevel: 'Identification' as const };
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, identify),
    );
    expect(code(win32.createFile(machine, service.threadId, 'C:\\public.txt', FILE_READ_DATA))).toBe(
      'ERROR_BAD_IMPERSONATION_LEVEL',
    );
  });

  it('maps MAXIMUM_ALLOWED to what the DACL grants (and the owner’s implicit rights)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    registerFile(machine, 'C:\\r.txt', sddl('O:BUG:SYD:(A;;FR;;;SY)'));
    registerFile(machine, 'C:\\owned.txt', sddl('O:BAG:SYD:(A;;FR;;;SY)'));
    const r = win32.createFile(machine, service.threadId, 'C:\\r.txt', ACCESS_RIGHTS.MAXIMUM_ALLOWED);
    expect(r.ok).toBe(true);
    expect(machine.trace.at(-1)?.grantedAccess).toBe(0x12_0089);
    // The SYSTEM token has BUILTIN\\Administrators, the owner: READ_CONTROL | WRITE_DAC come with it.
    expect(
      win32.createFile(machine, service.threadId, 'C:\\owned.txt', ACCESS_RIGHTS.MAXIMUM_ALLOWED).ok,
    ).toBe(true);
    expect(machine.trace.at(-1)?.grantedAccess).toBe(0x16_0089);
  });
});

describe('OpenProcess, OpenThread, OpenProcessToken', () => {
  it("OpenProcess checks the process descriptor (from its token's default DACL) as the effective token", () => {
    const { machine, service } = machineWithService(SYSTEM);
    const alice = createProcess(machine, {
      name: 'notepad.exe',
      token: { ...serviceToken(ALICE, []), integrityLevel: WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid },
    });
    // Alice may open her own process; Billy, impersonated by the SYSTEM service, may not.
    expect(code(win32.openProcess(machine, alice.threadId, 0x1000, alice.processId))).toBe('ok');
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    expect(code(win32.openProcess(machine, service.threadId, 0x1000, alice.processId))).toBe(
      'ERROR_ACCESS_DENIED',
    );
  });

  it('an enabled SeDebugPrivilege grants any access regardless of the descriptor (OpenProcess remarks)', () => {
    const { machine, service } = machineWithService(SYSTEM, ['SeDebugPrivilege']);
    const locked = createProcess(machine, {
      name: 'locked.exe',
      token: serviceToken(ALICE),
      securityDescriptor: sddl('O:BAG:SYD:'),
    });
    const r = win32.openProcess(machine, service.threadId, ACCESS_RIGHTS.MAXIMUM_ALLOWED, locked.processId);
    expect(r.ok).toBe(true);
    expect(machine.trace.at(-1)?.grantedAccess).toBe(0x1f_ffff);
    const { machine: m2, service: s2 } = machineWithService(SYSTEM, [
      { name: 'SeDebugPrivilege', attributes: 0 },
    ]);
    const locked2 = createProcess(m2, {
      name: 'locked.exe',
      token: serviceToken(ALICE),
      securityDescriptor: sddl('O:BAG:SYD:'),
    });
    expect(code(win32.openProcess(m2, s2.threadId, 0x1000, locked2.processId))).toBe('ERROR_ACCESS_DENIED');
  });

  it('OpenProcess and OpenThread of an id that does not exist: ERROR_INVALID_PARAMETER (87)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    expect(code(win32.openProcess(machine, service.threadId, 0x1000, 4000))).toBe('ERROR_INVALID_PARAMETER');
    expect(code(win32.openThread(machine, service.threadId, 0x40, 4000))).toBe('ERROR_INVALID_PARAMETER');
  });

  it('OpenProcessToken needs PROCESS_QUERY_LIMITED_INFORMATION on the process handle', () => {
    const { machine, service } = machineWithService(SYSTEM);
    const other = createProcess(machine, { name: 'other.exe', token: serviceToken(SYSTEM) });
    const terminateOnly = win32.openProcess(machine, service.threadId, 0x1, other.processId);
    const limited = win32.openProcess(machine, service.threadId, 0x1000, other.processId);
    if (!terminateOnly.ok || !limited.ok) throw new Error('openProcess');
    expect(code(win32.openProcessToken(machine, service.threadId, terminateOnly.value, 0x8))).toBe(
      'ERROR_ACCESS_DENIED',
    );
    expect(code(win32.openProcessToken(machine, service.threadId, limited.value, 0x8))).toBe('ok');
  });

  it('a new thread does not inherit its creator’s impersonation (CreateThread)', () => {
    const { machine, service } = machineWithService(SYSTEM);
    win32.impersonateLoggedOnUser(
      machine,
      service.threadId,
      registerToken(machine, service.processId, billyNetworkToken(SYSTEM)),
    );
    const worker = win32.createThread(machine, service.threadId);
    if (!worker.ok) throw new Error('createThread');
    expect(machine.threads.get(worker.value.threadId)?.impersonationToken).toBeNull();
  });
});
