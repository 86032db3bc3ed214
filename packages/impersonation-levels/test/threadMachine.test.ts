import { OBJECT_TYPES, sddl, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { type ThreadEvent, threadMachine } from '@doublehop/impersonation-levels';
import type { LogonSession } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { BILLY, billyNetwork, builtin, client, corpLsa } from './fixtures.js';

const FILE = sddl(`O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;${BILLY.text})`);
const READ = OBJECT_TYPES.file.rights['FILE_READ_DATA'] ?? 1;

function run(session: LogonSession, events: readonly ThreadEvent[]) {
  let [s] = initialTransition(threadMachine, { session });
  for (const e of events) [s] = transition(threadMachine, s, e);
  return s;
}

describe('threadMachine', () => {
  const lsa = corpLsa();
  const system = builtin(lsa, 0x3e7);
  const networkService = builtin(lsa, 0x3e4);
  const localService = builtin(lsa, 0x3e5);

  it('starts acting as its process', () => {
    const s = run(system, []);
    expect(s.value).toBe('process');
    expect(s.context.last).toBeNull();
  });

  it('Client Impersonation: a SYSTEM server impersonates a network client at Impersonation and opens a file as Billy', () => {
    const s = run(system, [
      { type: 'thread.impersonate', token: client() },
      { type: 'object.open', securityDescriptor: FILE, desiredAccess: READ },
    ]);
    expect(s.value).toEqual({ client: 'impersonation' });
    expect(s.context.last).toMatchObject({ operation: 'object.open', ok: true });
  });

  it('OpenThreadToken: at Identification the open fails with ERROR_BAD_IMPERSONATION_LEVEL (1346)', () => {
    const s = run(system, [
      { type: 'thread.impersonate', token: client('Identification') },
      { type: 'object.open', securityDescriptor: FILE, desiredAccess: READ },
    ]);
    expect(s.value).toEqual({ client: 'identification' });
    expect(s.context.last).toMatchObject({
      ok: false,
      error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL', win32: 1346 },
    });
  });

  it('ImpersonateLoggedOnUser remarks: without SeImpersonatePrivilege the thread silently gets Identification', () => {
    const s = run(networkService, [{ type: 'thread.impersonate', token: client() }]);
    expect(s.value).toEqual({ client: 'impersonation' }); // NETWORK SERVICE holds SeImpersonatePrivilege
    const noPrivilege = { ...networkService, token: { ...networkService.token, privileges: [] } };
    const d = run(noPrivilege, [{ type: 'thread.impersonate', token: client() }]);
    expect(d.value).toEqual({ client: 'identification' });
    expect(d.context.last).toMatchObject({
      operation: 'thread.impersonate',
      check: { downgraded: true, rule: 'differentUser' },
    });
  });

  it('DuplicateTokenEx never raises a level: Identification → Impersonation fails, → Anonymous succeeds', () => {
    const up = run(system, [
      { type: 'thread.impersonate', token: client('Identification') },
      { type: 'token.duplicate', level: 'Impersonation' },
    ]);
    expect(up.value).toEqual({ client: 'identification' });
    expect(up.context.last).toMatchObject({ ok: false, error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL' } });
    const down = run(system, [
      { type: 'thread.impersonate', token: client('Identification') },
      { type: 'token.duplicate', level: 'Anonymous' },
    ]);
    expect(down.value).toEqual({ client: 'anonymous' });
  });

  it('OpenThreadToken: an Anonymous-level token cannot be opened (ERROR_CANT_OPEN_ANONYMOUS), nor a missing one (ERROR_NO_TOKEN)', () => {
    const anon = run(system, [
      { type: 'thread.impersonate', token: client('Anonymous') },
      { type: 'token.duplicate', level: 'Anonymous' },
    ]);
    expect(anon.context.last).toMatchObject({
      ok: false,
      error: { code: 'ERROR_CANT_OPEN_ANONYMOUS', win32: 1347 },
    });
    const none = run(system, [{ type: 'token.duplicate', level: 'Identification' }]);
    expect(none.value).toBe('process');
    expect(none.context.last).toMatchObject({ ok: false, error: { code: 'ERROR_NO_TOKEN', win32: 1008 } });
  });

  it('OpenThreadToken as self: a service account may not open the client token it impersonates (ERROR_ACCESS_DENIED)', () => {
    // Shrunk by the model-based property: the client's token DACL grants only the client and SYSTEM.
    const app = {
      ...networkService,
      user: BILLY,
      token: { ...networkService.token, user: { sid: WELL_KNOWN_SIDS.LOCAL_SERVICE.sid, attributes: 0 } },
    };
    const s = run(app, [
      { type: 'thread.impersonate', token: client('Delegation') },
      { type: 'token.duplicate', level: 'Anonymous' },
    ]);
    expect(s.context.last).toMatchObject({ ok: false, error: { code: 'ERROR_ACCESS_DENIED', win32: 5 } });
    expect(s.value).toEqual({ client: 'delegation' });
  });

  it('RevertToSelf: the thread acts as its process again', () => {
    const s = run(system, [{ type: 'thread.impersonate', token: client() }, { type: 'thread.revert' }]);
    expect(s.value).toBe('reverted');
    expect(s.context.impersonation).toBeNull();
    expect(run(system, [{ type: 'thread.revert' }]).value).toBe('process');
  });

  describe('remote.connect — the double hop', () => {
    const sql = { type: 'remote.connect', service: 'MSSQLSvc/sql01.corp.example:1433' } as const;

    it('NTLM/Kerberos network logon, no delegation: "Login failed for user \'NT AUTHORITY\\ANONYMOUS LOGON\'"', () => {
      const session = billyNetwork(lsa, { kind: 'ntlm', password: 'Billy-pw1' });
      const s = run(system, [{ type: 'thread.impersonate', token: session.token, session }, sql]);
      expect(s.context.last).toMatchObject({
        ok: true,
        remote: { name: 'NT AUTHORITY\\ANONYMOUS LOGON', asClient: false, reason: 'ntlm-double-hop' },
      });
    });

    it('Service User Accounts: not impersonating, NETWORK SERVICE goes out as the computer account CORP\\WEB01$', () => {
      const s = run(networkService, [
        { type: 'thread.impersonate', token: client() },
        { type: 'thread.revert' },
        sql,
      ]);
      expect(s.context.last).toMatchObject({
        ok: true,
        remote: { name: 'CORP\\WEB01$', reason: 'process-identity' },
      });
      const local = run(localService, [sql]);
      expect(local.context.last).toMatchObject({ remote: { name: WELL_KNOWN_SIDS.ANONYMOUS_LOGON.name } });
    });

    it('MS-KILE 3.2.5.1: a forwarded TGT at Delegation level goes out as Billy', () => {
      const session = billyNetwork(lsa, { kind: 'kerberos', delegatedTgt: true });
      expect(session.token.impersonationLevel).toBe('Delegation');
      const s = run(system, [{ type: 'thread.impersonate', token: session.token, session }, sql]);
      expect(s.value).toEqual({ client: 'delegation' });
      expect(s.context.last).toMatchObject({
        remote: { name: 'CORP\\billy', asClient: true, reason: 'forwarded-tgt' },
      });
    });

    it('SECURITY_IMPERSONATION_LEVEL: duplicated down to Impersonation, the forwarded TGT no longer reaches other machines', () => {
      const session = billyNetwork(lsa, { kind: 'kerberos', delegatedTgt: true });
      const s = run(system, [
        { type: 'thread.impersonate', token: session.token, session },
        { type: 'token.duplicate', level: 'Impersonation' },
        sql,
      ]);
      expect(s.context.last).toMatchObject({ remote: { asClient: false, reason: 'level-below-delegation' } });
    });

    it('MS-SFU 3.2.5.2: a constrained-delegation ticket to that service goes out as Billy; to another, anonymously', () => {
      const session = billyNetwork(lsa);
      const s = run(system, [
        { type: 'thread.impersonate', token: session.token, session },
        { type: 'ticket.obtain', service: 'MSSQLSvc/SQL01.corp.example:1433' },
        sql,
      ]);
      expect(s.context.last).toMatchObject({
        remote: { name: 'CORP\\billy', reason: 'constrained-delegation' },
      });
      const other = transition(threadMachine, s, {
        type: 'remote.connect',
        service: 'cifs/fs01.corp.example',
      })[0];
      expect(other.context.last).toMatchObject({ remote: { reason: 'ntlm-double-hop' } });
    });

    it('Basic (LOGON32_LOGON_NETWORK_CLEARTEXT): the session holds the password and goes out as Billy', () => {
      const session = billyNetwork(lsa, { kind: 'password', password: 'Billy-pw1' }, 'NetworkCleartext');
      const s = run(system, [{ type: 'thread.impersonate', token: session.token, session }, sql]);
      expect(s.value).toEqual({ client: 'impersonation' });
      expect(s.context.last).toMatchObject({
        remote: { name: 'CORP\\billy', reason: 'session-credentials' },
      });
    });

    it('below Impersonation the thread cannot authenticate onward: ERROR_BAD_IMPERSONATION_LEVEL', () => {
      const s = run(system, [{ type: 'thread.impersonate', token: client('Identification') }, sql]);
      expect(s.context.last).toMatchObject({ ok: false, error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL' } });
    });

    it('a ticket needs an impersonated client: ERROR_NO_TOKEN otherwise', () => {
      const s = run(system, [{ type: 'ticket.obtain', service: 'cifs/fs01' }]);
      expect(s.context.last).toMatchObject({ ok: false, error: { code: 'ERROR_NO_TOKEN' } });
    });
  });
});
