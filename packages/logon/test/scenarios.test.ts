import { WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { auditLog, type Event4624, lsaLogonUser, networkIdentity, renderAuditEvent } from '../src/index.js';
import { lsaFor } from './fixtures.js';

const W = WELL_KNOWN_SIDS;

describe('scenario: IIS on WEB01, application pool IIS APPPOOL\\Sales (docs/recipes/logon-iis.md)', () => {
  const setUp = () => {
    const lsa = lsaFor({ name: 'WEB01', domain: 'corp.example', iis: true });
    const pool = lsaLogonUser(lsa, {
      logonType: 'Service',
      account: 'IIS APPPOOL\\Sales',
      credential: { kind: 'none' },
    });
    if (!pool.ok) throw new Error(pool.error.message);
    return { lsa, pool: pool.value };
  };

  it('the worker process runs as IIS APPPOOL\\Sales (S-1-5-82-…), a service logon with IIS_IUSRS, appearing as CORP\\WEB01$ on the network', () => {
    const { pool } = setUp();
    expect(pool.token.user.sid.text.startsWith('S-1-5-82-')).toBe(true);
    expect(pool.token.groups.some((g) => g.sid === W.IIS_IUSRS.sid)).toBe(true);
    expect(pool.session.virtualAccount).toBe(true);
    expect(networkIdentity(pool.session)).toMatchObject({ kind: 'computer', name: 'CORP\\WEB01$' });
  });

  it('anonymous authentication: the request runs as IUSR (S-1-5-17), whose session holds nothing for the network', () => {
    const { lsa } = setUp();
    const iusr = lsaLogonUser(lsa, {
      logonType: 'NetworkCleartext',
      account: 'NT AUTHORITY\\IUSR',
      credential: { kind: 'none' },
    });
    if (!iusr.ok) throw new Error(iusr.error.message);
    expect(iusr.value.token.user.sid).toBe(W.IUSR.sid);
    expect(iusr.value.session.logonId).toBe(0x3e3);
    expect(iusr.value.token.groups.some((g) => g.sid === W.IIS_IUSRS.sid)).toBe(true);
    expect(networkIdentity(iusr.value.session).kind).toBe('anonymous');
  });

  it("Windows authentication: Billy's Kerberos network logon (type 3) — an impersonation token at Impersonation level, and 4624 on WEB01", () => {
    const { lsa } = setUp();
    const billy = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos' },
      workstationName: 'WS01',
      ipAddress: '10.0.0.15',
      ipPort: '50123',
    });
    if (!billy.ok) throw new Error(billy.error.message);
    expect([billy.value.token.type, billy.value.token.impersonationLevel]).toEqual([
      'impersonation',
      'Impersonation',
    ]);
    const event = billy.value.events.find((e): e is Event4624 => e.eventId === 4624);
    expect(event?.data).toMatchObject({
      TargetUserName: 'billy',
      TargetDomainName: 'CORP',
      LogonType: 3,
      LogonProcessName: 'Kerberos',
      AuthenticationPackageName: 'Kerberos',
      ImpersonationLevel: '%%1833',
      IpAddress: '10.0.0.15',
      ElevatedToken: '%%1843',
    });
    // The pool thread impersonating Billy cannot reach SQL as Billy: the session has no credentials.
    expect(networkIdentity(billy.value.session).kind).toBe('anonymous');
    expect(renderAuditEvent(event as Event4624)).toContain('Impersonation Level:        Impersonation');
  });
});

describe('scenario: service logon vs batch logon without SeBatchLogonRight (docs/recipes/logon-rights.md)', () => {
  it('the service logon succeeds with Log on as a service; the batch logon is refused with 1385 and 4625 0xC000015B', () => {
    const lsa = lsaFor({
      name: 'APP01',
      domain: 'corp.example',
      userRights: {
        SeServiceLogonRight: [
          'NT AUTHORITY\\NETWORK SERVICE',
          'NT SERVICE\\ALL SERVICES',
          'CORP\\svc-report',
        ],
      },
    });
    const service = lsaLogonUser(lsa, {
      logonType: 'Service',
      account: 'CORP\\svc-report',
      credential: { kind: 'password', password: 'Report-pw1' },
      serviceName: 'ReportSvc',
    });
    expect(service.ok && service.value.events.map((e) => e.eventId)).toEqual([4648, 4624, 4672]);
    const batch = lsaLogonUser(lsa, {
      logonType: 'Batch',
      account: 'CORP\\svc-report',
      credential: { kind: 'password', password: 'Report-pw1' },
    });
    expect(!batch.ok && [batch.error.code, batch.error.win32, batch.error.right]).toEqual([
      'ERROR_LOGON_TYPE_NOT_GRANTED',
      1385,
      'SeBatchLogonRight',
    ]);
    const failure = auditLog(lsa).at(-1);
    expect(
      failure?.eventId === 4625 && [failure.data.Status, failure.data.FailureReason, failure.data.LogonType],
    ).toEqual(['0xc000015b', '%%2308', 4]);
  });
});

describe('scenario: an administrator with UAC (docs/recipes/logon-uac.md)', () => {
  it('two linked sessions and tokens: limited at Medium for the desktop, full at High for an elevated process', () => {
    const lsa = lsaFor({ name: 'WS01', role: 'workstation', domain: 'corp.example' });
    const alice = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\alice',
      credential: { kind: 'password', password: 'Alice-pw1' },
    });
    if (!alice.ok) throw new Error(alice.error.message);
    const { token: limited, linkedSession } = alice.value;
    const full = limited.linkedToken;
    expect([limited.elevationType, limited.integrityLevel]).toEqual(['limited', W.MEDIUM_INTEGRITY.sid]);
    expect([full?.elevationType, full?.integrityLevel]).toEqual(['full', W.HIGH_INTEGRITY.sid]);
    expect(linkedSession?.token).toBe(full);
    expect([alice.value.session.linkedLogonId, linkedSession?.linkedLogonId]).toEqual([
      linkedSession?.logonId,
      alice.value.session.logonId,
    ]);
    const e4624 = alice.value.events
      .filter((e): e is Event4624 => e.eventId === 4624)
      .map((e) => e.data.ElevatedToken);
    expect(e4624).toEqual(['%%1842', '%%1843']);
    expect(alice.value.events.map((e) => e.eventId)).toEqual([4648, 4624, 4672, 4624]);
  });

  it('with UAC off there is one full token (elevation type default) at High integrity', () => {
    const lsa = lsaFor({ name: 'WS01', role: 'workstation', domain: 'corp.example', uac: false });
    const alice = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\alice',
      credential: { kind: 'password', password: 'Alice-pw1' },
    });
    expect(
      alice.ok && [
        alice.value.token.elevationType,
        alice.value.token.integrityLevel,
        alice.value.linkedSession,
      ],
    ).toEqual(['default', W.HIGH_INTEGRITY.sid, null]);
  });
});
