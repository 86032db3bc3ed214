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
import { billyNetworkToken, machineWithService, NAMES } from './fixtures.js';

const NS = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid;

function scenario() {
  const { machine, service } = machineWithService(NS);
  const t = service.threadId;
  registerFile(machine, 'C:\\x.txt', sddl('O:BAG:SYD:(A;;FR;;;WD)'));
  win32.impersonateLoggedOnUser(machine, t, registerToken(machine, service.processId, billyNetworkToken(NS)));
  win32.openThreadToken(machine, t, win32.getCurrentThread(), 0x8, true);
  win32.createFile(machine, t, 'C:\\x.txt', ACCESS_RIGHTS.GENERIC_READ);
  win32.revertToSelf(machine, t);
  return machine;
}

// Process Monitor's event properties show "User" and "Impersonating" (What's in a Token, Part 2).
describe('formatTrace', () => {
  it('prints one block per call with User, Impersonating, Checked as, Object, access and Detail', () => {
    const text = formatTrace(scenario(), { names: NAMES });
    expect(text.split('\n\n')[1]).toBe(
      [
        '#2 svchost.exe (pid 4) thread 8: OpenThreadToken → ERROR_SUCCESS',
        '    User: NT AUTHORITY\\NETWORK SERVICE (primary token 0x10000)',
        '    Impersonating: WTIP\\Billy (impersonation token 0x10001, Impersonation level)',
        '    Checked as: NT AUTHORITY\\NETWORK SERVICE (primary token 0x10000)',
        '    Object: Token 0x10001 (WTIP\\Billy)',
        '    Desired Access: TOKEN_QUERY',
        '    Granted Access: TOKEN_QUERY',
        '    Detail: OpenAsSelf: TRUE',
      ].join('\n'),
    );
  });

  it('is deterministic: the same calls on a new machine give the same text', () => {
    expect(formatTrace(scenario(), { names: NAMES })).toBe(formatTrace(scenario(), { names: NAMES }));
  });

  it('prints SIDs without names when none are given, and can start at a sequence number', () => {
    const machine = scenario();
    const text = formatTrace(machine, { from: 4 });
    expect(text.startsWith('#4 svchost.exe (pid 4) thread 8: RevertToSelf → ERROR_SUCCESS')).toBe(true);
    expect(text).toContain('Impersonating: S-1-5-21-1004336348-1177238915-682003330-1104');
    expect(formatTrace(machine, { from: 99 })).toBe('');
  });

  it('records the result name and number, and the access check behind each open', () => {
    const machine = scenario();
    const open = machine.trace.find((e) => e.operation === 'CreateFile');
    expect([open?.result, open?.win32, open?.grantedAccess]).toEqual(['ERROR_SUCCESS', 0, 0x12_0089]);
    expect(open?.accessCheck?.granted).toBe(true);
  });
});
