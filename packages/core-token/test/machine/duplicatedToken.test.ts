import {
  ACCESS_RIGHTS,
  formatTrace,
  registerToken,
  SECURITY_INFORMATION,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { BILLY, billyNetworkToken, machineWithService, NAMES } from './fixtures.js';

const TOKEN_QUERY = 0x8;
const TOKEN_ALL_ACCESS = 0xf01ff;

// Raymond Chen, "How come a duplicated token doesn't behave identically to the original?"
// (https://devblogs.microsoft.com/oldnewthing/20160512-00): a duplicate is a new kernel object whose
// descriptor comes from the default DACL of the token in effect when DuplicateToken is called.
describe('the duplicated token that cannot open itself (Raymond Chen, The Old New Thing 2016-05-12)', () => {
  function setUp() {
    const NS = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid;
    const { machine, service } = machineWithService(NS);
    const t = service.threadId;
    const client = registerToken(machine, service.processId, billyNetworkToken(NS));
    expect(win32.impersonateLoggedOnUser(machine, t, client).ok).toBe(true);
    // "COM local-server activation": opens the thread token *as the client* (OpenAsSelf = FALSE).
    const comActivation = () =>
      win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_QUERY, false);
    expect(comActivation().ok).toBe(true);
    const original = win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_ALL_ACCESS, true);
    if (!original.ok) throw new Error(original.error.message);
    return { machine, t, comActivation, original: original.value };
  }

  it('DuplicateToken after RevertToSelf, then ImpersonateLoggedOnUser(dup): COM activation fails with ERROR_ACCESS_DENIED', () => {
    const { machine, t, comActivation, original } = setUp();
    win32.revertToSelf(machine, t);
    const dup = win32.duplicateToken(machine, t, original, 'Impersonation');
    expect(dup.ok).toBe(true);
    if (!dup.ok) return;
    expect(win32.impersonateLoggedOnUser(machine, t, dup.value).ok).toBe(true);
    expect(machine.threads.get(t)?.impersonationToken?.token.user.sid).toBe(BILLY);
    const activation = comActivation();
    expect(activation.ok).toBe(false);
    if (!activation.ok) expect(activation.error.code).toBe('ERROR_ACCESS_DENIED');
    // The duplicate's descriptor is NETWORK SERVICE's default: owner NS, DACL NS and SYSTEM only.
    const sd = machine.threads.get(t)?.impersonationToken?.token.securityDescriptor;
    expect(sd?.owner).toBe(WELL_KNOWN_SIDS.NETWORK_SERVICE.sid);
    expect(sd?.dacl?.map((a) => a.sid)).toEqual([
      WELL_KNOWN_SIDS.NETWORK_SERVICE.sid,
      WELL_KNOWN_SIDS.SYSTEM.sid,
    ]);
  });

  it('duplicating with the original DACL from GetSecurityInfo in SECURITY_ATTRIBUTES makes it work', () => {
    const { machine, t, comActivation, original } = setUp();
    win32.revertToSelf(machine, t);
    const dacl = win32.getSecurityInfo(
      machine,
      t,
      original,
      'SE_KERNEL_OBJECT',
      SECURITY_INFORMATION.DACL_SECURITY_INFORMATION,
    );
    if (!dacl.ok) throw new Error(dacl.error.message);
    const dup = win32.duplicateTokenEx(
      machine,
      t,
      original,
      ACCESS_RIGHTS.MAXIMUM_ALLOWED,
      { securityDescriptor: dacl.value, inheritHandle: true },
      'Impersonation',
      'impersonation',
    );
    if (!dup.ok) throw new Error(dup.error.message);
    expect(win32.impersonateLoggedOnUser(machine, t, dup.value).ok).toBe(true);
    expect(comActivation().ok).toBe(true);
    expect(formatTrace(machine, { names: NAMES })).toContain('its descriptor from SECURITY_ATTRIBUTES');
  });

  it('as in Raymond’s own code, duplicating while still impersonating takes the *client’s* default DACL — and works', () => {
    const { machine, t, comActivation, original } = setUp();
    const dup = win32.duplicateToken(machine, t, original, 'Impersonation');
    if (!dup.ok) throw new Error(dup.error.message);
    expect(win32.impersonateLoggedOnUser(machine, t, dup.value).ok).toBe(true);
    expect(machine.threads.get(t)?.impersonationToken?.token.securityDescriptor.owner).toBe(BILLY);
    expect(comActivation().ok).toBe(true);
  });

  it('the trace tells where the duplicate’s descriptor came from and who was refused', () => {
    const { machine, t, comActivation, original } = setUp();
    win32.revertToSelf(machine, t);
    const dup = win32.duplicateToken(machine, t, original, 'Impersonation');
    if (!dup.ok) throw new Error(dup.error.message);
    win32.impersonateLoggedOnUser(machine, t, dup.value);
    comActivation();
    const text = formatTrace(machine, { names: NAMES });
    expect(text).toContain("its descriptor from the default descriptor of the caller's effective token");
    expect(text.split('\n\n').at(-1)).toContain('OpenThreadToken → ERROR_ACCESS_DENIED (5)');
  });
});
