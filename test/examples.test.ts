import { describe, expect, it } from 'vitest';
import { duplicatedTokenReport, runDuplicatedToken } from '../examples/duplicatedToken.mjs';
import { fileServerReport, runFileServer } from '../examples/fileServerImpersonation.mjs';
import { identificationDowngradeReport, runReportService } from '../examples/identificationDowngrade.mjs';
import { runUac, uacLinkedTokenReport } from '../examples/uacLinkedToken.mjs';

describe('examples/fileServerImpersonation.mjs (What’s in a Token, Part 2: the file server)', () => {
  const report: string = fileServerReport();

  it('grants SYSTEM, acting as itself, read access through its own ACE', () => {
    expect(report).toContain('GRANTED FILE_GENERIC_READ to NT AUTHORITY\\SYSTEM.');
  });

  it('denies the thread impersonating Billy, because the DACL denies Billy — although SYSTEM would be granted', () => {
    expect(report).toContain(
      'DENIED FILE_GENERIC_READ to WTIP\\Billy: ACE #1 (ACCESS_DENIED, WTIP\\Billy) denies FILE_GENERIC_READ.',
    );
  });

  it('runs on the machine: impersonate, open (denied, as Billy), revert — and the trace says whom the thread was', () => {
    const machine = runFileServer();
    expect(machine.trace.map((e) => [e.operation, e.result])).toEqual([
      ['CreateFile', 'ERROR_SUCCESS'],
      ['ImpersonateLoggedOnUser', 'ERROR_SUCCESS'],
      ['CreateFile', 'ERROR_ACCESS_DENIED'],
      ['RevertToSelf', 'ERROR_SUCCESS'],
      ['CloseHandle', 'ERROR_SUCCESS'],
    ]);
    expect(report).toContain('Impersonating: WTIP\\Billy (impersonation token 0x10001, Impersonation level)');
    expect(machine.threads.get(8)?.impersonationToken).toBeNull();
  });

  it('is deterministic: the same input gives a byte-identical report', () => {
    expect(fileServerReport()).toBe(report);
  });
});

describe('examples/duplicatedToken.mjs (Raymond Chen: the duplicated token that cannot open itself)', () => {
  it('without SECURITY_ATTRIBUTES the duplicate gets NETWORK SERVICE’s default DACL and COM activation fails', () => {
    const run = runDuplicatedToken(false);
    expect([run.first, run.second]).toEqual(['S_OK', 'E_ACCESSDENIED']);
    expect(run.duplicateSddl).toMatch(/^O:NSG:NSD:\(A;;[A-Z]+;;;NS\)\(A;;[A-Z]+;;;SY\)$/);
  });

  it('with the original DACL from GetSecurityInfo, COM activation succeeds', () => {
    const run = runDuplicatedToken(true);
    expect([run.first, run.second]).toEqual(['S_OK', 'S_OK']);
  });

  it('is deterministic', () => {
    expect(duplicatedTokenReport()).toBe(duplicatedTokenReport());
  });
});

describe('examples/identificationDowngrade.mjs (the silent downgrade to Identification)', () => {
  it('without SeImpersonatePrivilege: impersonation succeeds, the open fails with ERROR_BAD_IMPERSONATION_LEVEL', () => {
    const run = runReportService(false);
    expect([run.impersonated, run.opened, run.isNetwork]).toEqual([
      'TRUE',
      'ERROR_BAD_IMPERSONATION_LEVEL (1346)',
      'true',
    ]);
  });

  it('with SeImpersonatePrivilege the open succeeds as Billy', () => {
    expect(runReportService(true).opened).toBe('ERROR_SUCCESS');
  });

  it('is deterministic and names the rule that downgraded', () => {
    const report = identificationDowngradeReport();
    expect(report).toBe(identificationDowngradeReport());
    expect(report).toContain('differentUser — silently downgraded');
  });
});

describe('examples/uacLinkedToken.mjs (UAC: the filtered token and its linked full token)', () => {
  it('the filtered token is refused; the linked token is an Identification copy; SYSTEM with SeTcbPrivilege elevates', () => {
    expect(runUac().results).toEqual({
      filteredOpen: 'ERROR_ACCESS_DENIED (5)',
      linkedLevel: 'Identification',
      isAdmin: true,
      asPrimary: 'ERROR_BAD_IMPERSONATION_LEVEL (1346)',
      elevatedOpen: 'ERROR_SUCCESS',
    });
  });

  it('is deterministic', () => {
    expect(uacLinkedTokenReport()).toBe(uacLinkedTokenReport());
  });
});
