import {
  adjustTokenPrivileges,
  GROUP_ATTRIBUTES,
  hasEnabledPrivilege,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import {
  auditLog,
  type Event4625,
  logonSession,
  logonSessions,
  logonUser,
  lsaLogonUser,
  networkIdentity,
} from '../src/index.js';
import { corp, lsaFor } from './fixtures.js';

const W = WELL_KNOWN_SIDS;
const web01 = () => lsaFor({ name: 'WEB01', domain: 'corp.example' });
const has = (groups: readonly { sid: unknown }[], s: unknown) => groups.some((g) => g.sid === s);

describe('token type and level per logon type (LogonUserW; LsaLogonUser LogonType)', () => {
  it('a network logon yields an impersonation token at Impersonation level; interactive, batch, service a primary token', () => {
    const lsa = lsaFor({
      name: 'WEB01',
      domain: 'corp.example',
      userRights: { SeBatchLogonRight: ['CORP\\billy'], SeServiceLogonRight: ['CORP\\billy'] },
    });
    const net = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos' },
    });
    expect(net.ok && [net.value.token.type, net.value.token.impersonationLevel]).toEqual([
      'impersonation',
      'Impersonation',
    ]);
    for (const logonType of ['Interactive', 'Batch', 'Service', 'NetworkCleartext'] as const) {
      const r = lsaLogonUser(lsa, {
        logonType,
        account: 'CORP\\billy',
        credential: { kind: 'password', password: 'Billy-pw1' },
      });
      expect(r.ok && [r.value.token.type, r.value.token.impersonationLevel]).toEqual(['primary', null]);
    }
  });

  it('a Kerberos network logon with a forwarded TGT is at Delegation level; NTLM never exceeds Impersonation', () => {
    const lsa = web01();
    const k = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos', delegatedTgt: true },
    });
    expect(k.ok && k.value.token.impersonationLevel).toBe('Delegation');
    expect(k.ok && k.value.session.credentials.kind).toBe('forwardedTgt');
    const n = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'ntlm', password: 'Billy-pw1', impersonationLevel: 'Delegation' },
    });
    expect(n.ok && n.value.token.impersonationLevel).toBe('Impersonation');
    const id = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos', impersonationLevel: 'Identification' },
    });
    expect(id.ok && id.value.token.impersonationLevel).toBe('Identification');
  });

  it('S4U without SeTcbPrivilege gives an Identification-level token (LsaLogonUser: KERB_S4U_LOGON needs SeTcbPrivilege for impersonation)', () => {
    const lsa = web01();
    const svc = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'NT AUTHORITY\\NETWORK SERVICE',
      credential: { kind: 'none' },
    });
    expect(svc.ok).toBe(false); // NETWORK SERVICE is logged on only as a service
    const ns = lsaLogonUser(lsa, {
      logonType: 'Service',
      account: 'NT AUTHORITY\\NETWORK SERVICE',
      credential: { kind: 'none' },
    });
    expect(ns.ok && ns.value.session.logonId).toBe(0x3e4);
    const asNs = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'billy@corp.example',
      credential: { kind: 's4u' },
      caller: 0x3e4,
    });
    expect(asNs.ok && [asNs.value.token.type, asNs.value.token.impersonationLevel]).toEqual([
      'impersonation',
      'Identification',
    ]);
    expect(asNs.ok && has(asNs.value.token.groups, W.SERVICE_ASSERTED_IDENTITY.sid)).toBe(true);
    const asSystem = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'billy@corp.example',
      credential: { kind: 's4u' },
    });
    expect(asSystem.ok && asSystem.value.token.impersonationLevel).toBe('Impersonation');
    expect(asSystem.ok && asSystem.value.session.credentials.kind).toBe('none');
  });
});

describe('the S4U caller must have SeTcbPrivilege *enabled* (LsaLogonUser, LsaHandle; AdjustTokenPrivileges)', () => {
  /** Billy's service, on a machine that grants him the service logon right and SeTcbPrivilege. */
  const grantedService = () => {
    const lsa = lsaFor({
      name: 'WEB01',
      domain: 'corp.example',
      userRights: { SeServiceLogonRight: ['CORP\\billy'], SeTcbPrivilege: ['CORP\\billy'] },
    });
    const svc = lsaLogonUser(lsa, {
      logonType: 'Service',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    if (!svc.ok) throw new Error(svc.error.message);
    return { lsa, svc: svc.value };
  };

  it('"Act as part of the operating system" puts SeTcbPrivilege in a service token disabled: S4U still yields Identification', () => {
    const { lsa, svc } = grantedService();
    const tcb = svc.token.privileges.find((p) => p.name === 'SeTcbPrivilege');
    expect(tcb?.attributes).toBe(0);
    const s4u = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'alice@corp.example',
      credential: { kind: 's4u' },
      caller: svc.session.logonId,
    });
    expect(s4u.ok && s4u.value.token.impersonationLevel).toBe('Identification');
  });

  it('after AdjustTokenPrivileges enables it, the same caller gets an Impersonation token', () => {
    const { lsa, svc } = grantedService();
    const adjusted = adjustTokenPrivileges(
      svc.token,
      { privileges: [{ name: 'SeTcbPrivilege', enable: true }] },
      svc.token.modifiedId + 1,
    );
    expect(adjusted.status).toBe('ERROR_SUCCESS');
    const s4u = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'alice@corp.example',
      credential: { kind: 's4u' },
      caller: svc.session.logonId,
      callerToken: adjusted.token,
    });
    expect(s4u.ok && s4u.value.token.impersonationLevel).toBe('Impersonation');
  });

  it('a caller token from another logon session is a programmer error', () => {
    const lsa = web01();
    const system = logonSession(lsa, 0x3e7);
    expect(() =>
      lsaLogonUser(lsa, {
        logonType: 'Network',
        account: 'alice@corp.example',
        credential: { kind: 's4u' },
        caller: 0x3e4,
        ...(system === undefined ? {} : { callerToken: system.token }),
      }),
    ).toThrow(/lsaLogonUser: the caller's token belongs to logon session 0x3e7/);
  });

  it("a LocalSystem service runs with SYSTEM's privileges, SeTcbPrivilege enabled, though no policy grants it", () => {
    const r = lsaLogonUser(web01(), {
      logonType: 'Service',
      account: 'NT AUTHORITY\\SYSTEM',
      credential: { kind: 'none' },
    });
    expect(r.ok && hasEnabledPrivilege(r.value.token, 'SeTcbPrivilege')).toBe(true);
    expect(r.ok && hasEnabledPrivilege(r.value.token, 'SeDebugPrivilege')).toBe(true);
  });
});

describe('groups Windows adds ("Special Identities"; "Security identifiers")', () => {
  it('interactive Kerberos logon: INTERACTIVE, CONSOLE LOGON, LOCAL, Authenticated Users, This Organization, S-1-18-1, the logon SID, BUILTIN\\Users', () => {
    const r = lsaLogonUser(web01(), {
      logonType: 'Interactive',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const g = r.value.token.groups;
    for (const s of [
      W.INTERACTIVE,
      W.CONSOLE_LOGON,
      W.LOCAL,
      W.AUTHENTICATED_USERS,
      W.THIS_ORGANIZATION,
      W.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY,
      W.BUILTIN_USERS,
      W.EVERYONE,
    ]) {
      expect(has(g, s.sid)).toBe(true);
    }
    expect(has(g, W.NETWORK.sid) || has(g, W.NTLM_AUTHENTICATION.sid)).toBe(false);
    const logonSidEntry = g.find(
      (x) => (x.attributes & GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID) >>> 0 === GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID,
    );
    expect(logonSidEntry?.sid.text).toBe(`S-1-5-5-0-${r.value.session.logonId}`);
    expect(r.value.token.integrityLevel).toBe(W.MEDIUM_INTEGRITY.sid);
  });

  it('NTLM network logon: NETWORK and NTLM Authentication, no LOCAL or CONSOLE LOGON', () => {
    const r = lsaLogonUser(web01(), {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'ntlm', password: 'Billy-pw1' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const g = r.value.token.groups;
    expect([
      has(g, W.NETWORK.sid),
      has(g, W.NTLM_AUTHENTICATION.sid),
      has(g, W.LOCAL.sid),
      has(g, W.CONSOLE_LOGON.sid),
    ]).toEqual([true, true, false, false]);
  });

  it('Remote Desktop: INTERACTIVE and REMOTE INTERACTIVE LOGON, no CONSOLE LOGON, needs Remote Desktop Users', () => {
    const lsa = lsaFor({
      name: 'WEB01',
      domain: 'corp.example',
      localGroupMembers: { 'Remote Desktop Users': ['CORP\\billy'] },
    });
    const r = lsaLogonUser(lsa, {
      logonType: 'RemoteInteractive',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect([
      has(r.value.token.groups, W.REMOTE_INTERACTIVE_LOGON.sid),
      has(r.value.token.groups, W.CONSOLE_LOGON.sid),
    ]).toEqual([true, false]);
    expect(r.value.session.terminalSessionId).toBe(2);
    const pat = lsaLogonUser(web01(), {
      logonType: 'RemoteInteractive',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    expect(!pat.ok && pat.error.code).toBe('ERROR_LOGON_TYPE_NOT_GRANTED');
  });

  it('local accounts get Local account (S-1-5-113) and NTLM Authentication; local administrators also S-1-5-114', () => {
    const lsa = lsaFor({
      name: 'WEB01',
      domain: 'corp.example',
      localUsers: [{ name: 'ops', password: 'Ops-pw1' }],
      localGroupMembers: { Administrators: ['.\\ops'] },
      uac: false,
    });
    const r = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: '.\\ops',
      credential: { kind: 'password', password: 'Ops-pw1' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const g = r.value.token.groups;
    expect([
      has(g, W.LOCAL_ACCOUNT.sid),
      has(g, W.LOCAL_ACCOUNT_AND_ADMINISTRATOR.sid),
      has(g, W.NTLM_AUTHENTICATION.sid),
    ]).toEqual([true, true, true]);
    expect(r.value.token.integrityLevel).toBe(W.HIGH_INTEGRITY.sid); // UAC off: one full token
    expect(r.value.token.elevationType).toBe('default');
  });

  it('service logon of a virtual account: SERVICE, NT SERVICE\\ALL SERVICES, High integrity, the computer account on the network', () => {
    const lsa = web01();
    const r = lsaLogonUser(lsa, {
      logonType: 'Service',
      account: 'NT SERVICE\\MSSQLSERVER',
      credential: { kind: 'none' },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.token.user.sid.text).toBe(
      'S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003',
    );
    expect([has(r.value.token.groups, W.SERVICE.sid), has(r.value.token.groups, W.ALL_SERVICES.sid)]).toEqual(
      [true, true],
    );
    expect(hasEnabledPrivilege(r.value.token, 'SeImpersonatePrivilege')).toBe(true);
    expect(r.value.token.integrityLevel).toBe(W.HIGH_INTEGRITY.sid);
    expect(r.value.session.virtualAccount).toBe(true);
    expect(networkIdentity(r.value.session)).toMatchObject({ kind: 'computer', name: 'CORP\\WEB01$' });
  });
});

describe('refusals: Win32 code, NTSTATUS pair and 4625 ("4625(F)" Table 12)', () => {
  const last4625 = (lsa: ReturnType<typeof web01>) =>
    auditLog(lsa)
      .filter((e): e is Event4625 => e.eventId === 4625)
      .at(-1)?.data;

  it('wrong password: ERROR_LOGON_FAILURE 1326, 0xC000006D / 0xC000006A, %%2313', () => {
    const lsa = web01();
    const r = logonUser(lsa, {
      lpszUsername: 'billy',
      lpszDomain: 'CORP',
      lpszPassword: 'nope',
      dwLogonType: 'LOGON32_LOGON_INTERACTIVE',
    });
    expect(!r.ok && [r.error.code, r.error.win32]).toEqual(['ERROR_LOGON_FAILURE', 1326]);
    expect(last4625(lsa)).toMatchObject({
      Status: '0xc000006d',
      SubStatus: '0xc000006a',
      FailureReason: '%%2313',
      LogonType: 2,
    });
  });

  it('unknown user: ERROR_LOGON_FAILURE 1326 with sub-status 0xC0000064 and the NULL SID', () => {
    const lsa = web01();
    const r = logonUser(lsa, {
      lpszUsername: 'nobody',
      lpszDomain: 'CORP',
      lpszPassword: 'x',
      dwLogonType: 'LOGON32_LOGON_NETWORK',
    });
    expect(!r.ok && r.error.reason).toBe('unknown-user');
    expect(last4625(lsa)).toMatchObject({
      SubStatus: '0xc0000064',
      TargetUserSid: 'S-1-0-0',
      TargetUserName: 'nobody',
    });
  });

  it('disabled account: ERROR_ACCOUNT_DISABLED 1331 (LogonUser reports the sub-status of STATUS_ACCOUNT_RESTRICTION)', () => {
    const lsa = web01();
    const r = logonUser(lsa, {
      lpszUsername: 'gone',
      lpszDomain: 'CORP',
      lpszPassword: 'Gone-pw1',
      dwLogonType: 'LOGON32_LOGON_INTERACTIVE',
    });
    expect(!r.ok && [r.error.code, r.error.win32, r.error.ntStatus, r.error.subStatus]).toEqual([
      'ERROR_ACCOUNT_DISABLED',
      1331,
      0xc000006e,
      0xc0000072,
    ]);
    expect(last4625(lsa)).toMatchObject({
      Status: '0xc000006e',
      SubStatus: '0xc0000072',
      FailureReason: '%%2310',
    });
  });

  it('a deny right wins over the allow right held through Everyone (deny-access-to-this-computer-from-the-network)', () => {
    const lsa = lsaFor({
      name: 'WEB01',
      domain: 'corp.example',
      userRights: { SeDenyNetworkLogonRight: ['CORP\\Sales'] },
    });
    const r = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos' },
    });
    expect(!r.ok && [r.error.code, r.error.win32, r.error.reason, r.error.right]).toEqual([
      'ERROR_LOGON_TYPE_NOT_GRANTED',
      1385,
      'logon-right-denied',
      'SeDenyNetworkLogonRight',
    ]);
    expect(last4625(lsa)).toMatchObject({
      Status: '0xc000015b',
      SubStatus: '0x0',
      FailureReason: '%%2308',
      LogonType: 3,
    });
  });
});

describe('Protected Users ("Protected Users Security Group")', () => {
  it('no NTLM: ERROR_ACCOUNT_RESTRICTION 1327', () => {
    const r = lsaLogonUser(web01(), {
      logonType: 'Network',
      account: 'CORP\\pat',
      credential: { kind: 'ntlm', password: 'Pat-pw1' },
    });
    expect(!r.ok && [r.error.code, r.error.win32, r.error.reason]).toEqual([
      'ERROR_ACCOUNT_RESTRICTION',
      1327,
      'protected-users-ntlm',
    ]);
  });
  it('Kerberos works, but the TGT is not forwardable and neither password nor NT hash is kept', () => {
    const r = lsaLogonUser(web01(), {
      logonType: 'Interactive',
      account: 'CORP\\pat',
      credential: { kind: 'password', password: 'Pat-pw1' },
    });
    const c = r.ok ? r.value.session.credentials : null;
    expect(c?.kind === 'secrets' && [c.password, c.ntHash, c.tgt?.forwardable]).toEqual([
      false,
      false,
      false,
    ]);
  });
  it('no cached verifier: offline (CACHED_INTERACTIVE) sign-in fails with ERROR_NO_LOGON_SERVERS 1311', () => {
    const dir = corp();
    const lsa = lsaFor(
      {
        name: 'WS01',
        role: 'workstation',
        domain: 'corp.example',
        cachedLogons: ['CORP\\pat', 'CORP\\billy'],
        domainControllerReachable: false,
      },
      dir,
    );
    const pat = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\pat',
      credential: { kind: 'password', password: 'Pat-pw1' },
    });
    expect(!pat.ok && [pat.error.code, pat.error.win32, pat.error.reason]).toEqual([
      'ERROR_NO_LOGON_SERVERS',
      1311,
      'no-cached-credentials',
    ]);
    const billy = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    expect(billy.ok && billy.value.session.logonType).toBe('CachedInteractive');
  });
});

describe('sessions and their credentials (LogonUserW logon types)', () => {
  it('interactive logons keep the password and a forwardable TGT; Credential Guard isolates them; NOT_DELEGATED accounts get a non-forwardable TGT', () => {
    const lsa = lsaFor({ name: 'WS01', role: 'workstation', domain: 'corp.example', credentialGuard: true });
    const r = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    const c = r.ok ? r.value.session.credentials : null;
    expect(c?.kind === 'secrets' && [c.password, c.ntHash, c.tgt?.forwardable, c.isolated]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('NEW_CREDENTIALS keeps the local identity, changes only the outbound one, and does not check the password', () => {
    const lsa = web01();
    const billy = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\billy',
      credential: { kind: 'password', password: 'Billy-pw1' },
    });
    if (!billy.ok) throw new Error(billy.error.message);
    const r = lsaLogonUser(lsa, {
      logonType: 'NewCredentials',
      account: 'CORP\\svc-report',
      credential: { kind: 'password', password: 'wrong!' },
      caller: billy.value.session.logonId,
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.token.user.sid).toBe(billy.value.token.user.sid);
    expect(networkIdentity(r.value.session)).toMatchObject({ kind: 'account', name: 'CORP\\svc-report' });
    expect(r.value.session.credentials.kind === 'secrets' && r.value.session.credentials.valid).toBe(false);
    const e4624 = r.value.events.find((e) => e.eventId === 4624);
    expect(
      e4624?.eventId === 4624 && [
        e4624.data.LogonType,
        e4624.data.TargetUserName,
        e4624.data.TargetOutboundUserName,
        e4624.data.LogonProcessName,
      ],
    ).toEqual([9, 'billy', 'svc-report', 'seclogo']);
    expect(r.value.events.map((e) => e.eventId)).toEqual([4648, 4624]);
  });

  it('LOCAL SERVICE appears as ANONYMOUS LOGON on the network; a network logon session holds nothing to go onward with', () => {
    const lsa = web01();
    expect(networkIdentity(logonSession(lsa, 0x3e5) ?? (undefined as never)).kind).toBe('anonymous');
    const r = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos' },
    });
    expect(r.ok && networkIdentity(r.value.session)).toEqual({ kind: 'anonymous', reason: 'no-credentials' });
  });

  it('allocates LUIDs deterministically from 0x10000; the built-in sessions are 0x3e4, 0x3e5, 0x3e7', () => {
    const run = () => {
      const lsa = web01();
      lsaLogonUser(lsa, { logonType: 'Network', account: 'CORP\\billy', credential: { kind: 'kerberos' } });
      return logonSessions(lsa).map((s) => s.logonId);
    };
    expect(run()).toEqual([0x3e4, 0x3e5, 0x3e7, 0x10000]);
    expect(run()).toEqual(run());
  });
});

describe('UAC ("How User Account Control works")', () => {
  it("a local administrator's network logon gets the filtered token unless LocalAccountTokenFilterPolicy is set; RID 500 is exempt", () => {
    const init = {
      name: 'WEB01',
      domain: 'corp.example',
      localUsers: [{ name: 'ops', password: 'Ops-pw1' }],
      localGroupMembers: { Administrators: ['.\\ops'] },
    } as const;
    const ops = (extra: object) =>
      lsaLogonUser(lsaFor({ ...init, ...extra }), {
        logonType: 'Network',
        account: 'WEB01\\ops',
        credential: { kind: 'ntlm', password: 'Ops-pw1' },
      });
    const filtered = ops({});
    const admins = (r: typeof filtered) =>
      r.ok ? r.value.token.groups.find((g) => g.sid === W.BUILTIN_ADMINISTRATORS.sid)?.attributes : -1;
    expect(admins(filtered)).toBe(GROUP_ATTRIBUTES.SE_GROUP_USE_FOR_DENY_ONLY);
    expect(filtered.ok && filtered.value.token.integrityLevel).toBe(W.MEDIUM_INTEGRITY.sid);
    const full = ops({ localAccountTokenFilterPolicy: true });
    expect(full.ok && full.value.token.integrityLevel).toBe(W.HIGH_INTEGRITY.sid);
    const dir = corp();
    const builtin = lsaLogonUser(
      lsaFor(
        { name: 'WEB01', domain: 'corp.example', localUsers: [{ name: 'Administrator', password: 'A' }] },
        dir,
      ),
      {
        logonType: 'Network',
        account: '.\\Administrator',
        credential: { kind: 'ntlm', password: 'A' },
      },
    );
    expect(builtin.ok && builtin.value.token.integrityLevel).toBe(W.HIGH_INTEGRITY.sid);
  });
});
