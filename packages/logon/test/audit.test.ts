import { describe, expect, it } from 'vitest';
import {
  auditLog,
  type Event4672,
  logoff,
  lsaLogonUser,
  renderAuditEvent,
  SENSITIVE_PRIVILEGES,
} from '../src/index.js';
import { lsaFor } from './fixtures.js';

describe('audit events ("Audit logon events"; 4624, 4634, 4648, 4672)', () => {
  it('4672 lists exactly the sensitive privileges the token holds, in LUID order', () => {
    const lsa = lsaFor({ name: 'WS01', role: 'workstation', domain: 'corp.example' });
    const r = lsaLogonUser(lsa, {
      logonType: 'Interactive',
      account: 'CORP\\alice',
      credential: { kind: 'password', password: 'Alice-pw1' },
    });
    const e = r.ok ? r.value.events.find((x): x is Event4672 => x.eventId === 4672) : undefined;
    expect(e?.data.PrivilegeList.split('\n')).toEqual([
      'SeSecurityPrivilege',
      'SeTakeOwnershipPrivilege',
      'SeLoadDriverPrivilege',
      'SeBackupPrivilege',
      'SeRestorePrivilege',
      'SeDebugPrivilege',
      'SeSystemEnvironmentPrivilege',
      'SeImpersonatePrivilege',
    ]);
    expect(e?.data.PrivilegeList.split('\n').every((p) => SENSITIVE_PRIVILEGES.includes(p as never))).toBe(
      true,
    );
  });

  it("a standard user's logon writes no 4672; logoff writes 4634 with the session's logon type", () => {
    const lsa = lsaFor({ name: 'WEB01', domain: 'corp.example' });
    const r = lsaLogonUser(lsa, {
      logonType: 'Network',
      account: 'CORP\\billy',
      credential: { kind: 'kerberos' },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.events.map((e) => e.eventId)).toEqual([4624]);
    const off = logoff(lsa, r.value.session.logonId);
    expect(off.ok && off.value[0]?.data).toEqual({
      TargetUserSid: 'S-1-5-21-1004336348-1177238915-682003330-1104',
      TargetUserName: 'billy',
      TargetDomainName: 'CORP',
      TargetLogonId: '0x10000',
      LogonType: 3,
    });
  });

  it('renders deterministically: the same calls give byte-identical text', () => {
    const run = () => {
      const lsa = lsaFor({ name: 'WEB01', domain: 'corp.example' });
      lsaLogonUser(lsa, {
        logonType: 'Interactive',
        account: 'CORP\\alice',
        credential: { kind: 'password', password: 'Alice-pw1' },
      });
      lsaLogonUser(lsa, {
        logonType: 'Batch',
        account: 'CORP\\billy',
        credential: { kind: 'password', password: 'Billy-pw1' },
      });
      return auditLog(lsa).map(renderAuditEvent).join('\n\n');
    };
    const text = run();
    expect(text).toBe(run());
    expect(text).toContain(
      'Failure Reason:             The user has not been granted the requested logon type at this machine.',
    );
    expect(text).toContain('Sub Status:                 0x0');
  });
});
