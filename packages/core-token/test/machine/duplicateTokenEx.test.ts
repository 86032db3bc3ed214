import {
  ACCESS_RIGHTS,
  type ImpersonationLevel,
  registerToken,
  SECURITY_INFORMATION,
  sddl,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { BILLY, billyNetworkToken, machineWithService } from './fixtures.js';

const NS = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid;
const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const TOKEN_ALL_ACCESS = 0xf01ff;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

function withClient(level: ImpersonationLevel = 'Impersonation', access?: number) {
  const { machine, service } = machineWithService(NS);
  const client = registerToken(
    machine,
    service.processId,
    { ...billyNetworkToken(NS), impersonationLevel: level },
    access === undefined ? {} : { access },
  );
  return { machine, t: service.threadId, pid: service.processId, client };
}

function newToken(machine: ReturnType<typeof withClient>['machine'], pid: number, handle: number) {
  const entry = machine.processes.get(pid)?.handles.get(handle);
  if (entry?.object.kind !== 'token') throw new Error('not a token handle');
  return { token: entry.object.token, grantedAccess: entry.grantedAccess };
}

// DuplicateTokenEx, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex
describe('DuplicateTokenEx on the machine', () => {
  it('never raises an impersonation token’s level: ERROR_BAD_IMPERSONATION_LEVEL (1346)', () => {
    const { machine, t, client } = withClient('Identification');
    const r = win32.duplicateTokenEx(machine, t, client, 0, null, 'Impersonation', 'impersonation');
    expect(r.ok ? null : [r.error.code, r.error.win32]).toEqual(['ERROR_BAD_IMPERSONATION_LEVEL', 1346]);
  });

  it('makes a primary token from an impersonation token only at Impersonation or Delegation level', () => {
    const low = withClient('Identification');
    expect(
      code(win32.duplicateTokenEx(low.machine, low.t, low.client, 0, null, 'Identification', 'primary')),
    ).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
    const high = withClient('Impersonation');
    const r = win32.duplicateTokenEx(high.machine, high.t, high.client, 0, null, 'Impersonation', 'primary');
    expect(r.ok).toBe(true);
    if (r.ok) expect(newToken(high.machine, high.pid, r.value).token.type).toBe('primary');
  });

  it('gives the new token object the default descriptor of the caller’s effective token, not the original’s', () => {
    const { machine, t, pid, client } = withClient();
    // As NETWORK SERVICE (not impersonating): owner NS, DACL NS and SYSTEM.
    const asService = win32.duplicateTokenEx(machine, t, client, 0, null, 'Impersonation', 'impersonation');
    if (!asService.ok) throw new Error(asService.error.message);
    const sd = newToken(machine, pid, asService.value).token.securityDescriptor;
    expect(sd.owner).toBe(NS);
    expect(sd.dacl?.map((a) => [a.sid, a.mask])).toEqual([
      [NS, TOKEN_ALL_ACCESS],
      [SYSTEM, TOKEN_ALL_ACCESS],
    ]);
    // While impersonating Billy: Billy's defaults (Billy, SYSTEM, and his logon SID with TOKEN_READ).
    win32.impersonateLoggedOnUser(machine, t, client);
    const asClient = win32.duplicateTokenEx(machine, t, client, 0, null, 'Impersonation', 'impersonation');
    if (!asClient.ok) throw new Error(asClient.error.message);
    const sd2 = newToken(machine, pid, asClient.value).token.securityDescriptor;
    expect(sd2.owner).toBe(BILLY);
    expect(sd2.dacl?.[0]?.sid).toBe(BILLY);
  });

  it('takes the descriptor from SECURITY_ATTRIBUTES; a DACL-only descriptor gets the creator’s owner and group', () => {
    const { machine, t, pid, client } = withClient();
    const dacl = win32.getKernelObjectSecurity(
      machine,
      t,
      client,
      SECURITY_INFORMATION.DACL_SECURITY_INFORMATION,
    );
    if (!dacl.ok) throw new Error(dacl.error.message);
    expect(dacl.value.owner).toBeNull();
    const r = win32.duplicateTokenEx(
      machine,
      t,
      client,
      0,
      { securityDescriptor: dacl.value, inheritHandle: false },
      'Impersonation',
      'impersonation',
    );
    if (!r.ok) throw new Error(r.error.message);
    const sd = newToken(machine, pid, r.value).token.securityDescriptor;
    expect(sd.owner).toBe(NS);
    expect(sd.dacl?.map((a) => a.sid)).toContain(BILLY);
  });

  it('maps generic rights in a passed DACL to token rights (GA → TOKEN_ALL_ACCESS)', () => {
    const { machine, t, pid, client } = withClient();
    const r = win32.duplicateTokenEx(
      machine,
      t,
      client,
      0,
      { securityDescriptor: sddl('D:(A;;GA;;;WD)'), inheritHandle: false },
      'Impersonation',
      'impersonation',
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(newToken(machine, pid, r.value).token.securityDescriptor.dacl?.[0]?.mask).toBe(TOKEN_ALL_ACCESS);
  });

  it('new handle access: 0 = the existing handle’s, MAXIMUM_ALLOWED = TOKEN_ALL_ACCESS, a SACL adds ACCESS_SYSTEM_SECURITY', () => {
    const { machine, t, pid, client } = withClient('Impersonation', 0xa); // TOKEN_DUPLICATE | TOKEN_QUERY
    const same = win32.duplicateTokenEx(machine, t, client, 0, null, 'Impersonation', 'impersonation');
    const max = win32.duplicateTokenEx(
      machine,
      t,
      client,
      ACCESS_RIGHTS.MAXIMUM_ALLOWED,
      null,
      'Impersonation',
      'impersonation',
    );
    const sacl = win32.duplicateTokenEx(
      machine,
      t,
      client,
      0x8,
      { securityDescriptor: sddl('D:(A;;GA;;;WD)S:(ML;;NW;;;LW)'), inheritHandle: false },
      'Impersonation',
      'impersonation',
    );
    if (!same.ok || !max.ok || !sacl.ok) throw new Error('duplicate failed');
    expect(newToken(machine, pid, same.value).grantedAccess).toBe(0xa);
    expect(newToken(machine, pid, max.value).grantedAccess).toBe(TOKEN_ALL_ACCESS);
    expect(newToken(machine, pid, sacl.value).grantedAccess).toBe(0x8 | ACCESS_RIGHTS.ACCESS_SYSTEM_SECURITY);
  });

  it('gives the duplicate a new TokenId and keeps the source’s logon session', () => {
    const { machine, t, pid, client } = withClient();
    const r = win32.duplicateTokenEx(machine, t, client, 0, null, 'Identification', 'impersonation');
    if (!r.ok) throw new Error(r.error.message);
    const source = newToken(machine, pid, client).token;
    const copy = newToken(machine, pid, r.value).token;
    expect(copy.tokenId).not.toBe(source.tokenId);
    expect(copy.authenticationId).toBe(source.authenticationId);
    expect(copy.impersonationLevel).toBe('Identification');
  });
});

// DuplicateToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetoken
describe('DuplicateToken', () => {
  it('is DuplicateTokenEx(TOKEN_IMPERSONATE | TOKEN_QUERY, no SECURITY_ATTRIBUTES, level, TokenImpersonation)', () => {
    const { machine, t, pid, client } = withClient();
    const r = win32.duplicateToken(machine, t, client, 'Impersonation');
    if (!r.ok) throw new Error(r.error.message);
    const made = newToken(machine, pid, r.value);
    expect(made.grantedAccess).toBe(0xc);
    expect(made.token.type).toBe('impersonation');
    expect(made.token.securityDescriptor.owner).toBe(NS);
    expect(machine.trace.at(-1)?.operation).toBe('DuplicateToken');
  });
});
