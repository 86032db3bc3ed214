import { appPoolSid } from '@doublehop/core-token';
import type { AccountInit } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { applyFix, type EstateModel, evaluateFlow, type FixKind, type FixProposal } from '../../src/index.js';
import { estate, MACHINES, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { of, provenFix } from './fixSupport.js';

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';
/** The proven fix of `kind` for a flow stopping with `reason`, asserted to grant `right` to `holder` on WEB01 alone. */
function grantOnWeb01(
  model: EstateModel,
  kind: FixKind,
  reason: string,
  right: string,
  holder: string,
): FixProposal {
  const found = provenFix(model, kind);
  expect([found.reason, found.fix.change]).toEqual([
    reason,
    [{ op: 'grant', machine: 'WEB01', right, holder }],
  ]);
  return found.fix;
}

describe('no-impersonate-privilege: SeImpersonatePrivilege for the service’s identity alone', () => {
  // WEB01's policy took "Impersonate a client after authentication" from NT AUTHORITY\SERVICE: svc-web's token
  // lacks it, and its impersonation of alice falls to Identification (ImpersonateLoggedOnUser's rule).
  const model = estate({
    accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
    machines: MACHINES.map((m) =>
      m.name === 'WEB01'
        ? { ...m, userRights: { remove: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] } } }
        : m,
    ),
    services: [web(), sql({ calls: [] })],
  });

  it('is granted to CORP\\svc-web on WEB01, not back to SERVICE, and proven', () => {
    const fix = grantOnWeb01(
      model,
      'impersonate-privilege',
      'no-impersonate-privilege',
      'SeImpersonatePrivilege',
      'CORP\\svc-web',
    );
    expect(fix.commands[0]).toBe(
      '# on WEB01, Group Policy (the GPO that defines the right, else secpol.msc): Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\User Rights Assignment\\Impersonate a client after authentication — add CORP\\svc-web',
    );
    expect(fix.proof.mechanisms).toEqual(['logon-session', 'kcd']);
    expect(fix.exposure).toMatchObject({ triples: 0, machines: [] });
  });
});

describe('s4u-identification-token: SeTcbPrivilege, which hands the machine over', () => {
  // A forms site in the Claims application pool makes Windows tokens with KERB_S4U_LOGON; without SeTcbPrivilege LSA
  // returns an Identification token (LsaLogonUser, LsaHandle), and the KCD-with-protocol-transition hop to SQL fails.
  const web01: AccountInit = {
    kind: 'computer',
    samAccountName: 'WEB01',
    servicePrincipalNames: ['HOST/WEB01', 'HOST/web01.corp.example'],
    trustedToAuthForDelegation: true,
    allowedToDelegateTo: [SQL_SPN],
  };
  const model = estate({
    accounts: [...serviceAccounts(), web01],
    services: [
      web({
        runsAs: 'IIS AppPool\\Claims',
        authentication: ['forms'],
        endpoint: { serviceClass: 'HTTP', host: 'claims.corp.example' },
      }),
      sql({ calls: [] }),
    ],
  });

  it('grants "Act as part of the operating system" to the pool on WEB01, proven, and says what that gives away', () => {
    const fix = grantOnWeb01(
      model,
      'tcb-privilege',
      's4u-identification-token',
      'SeTcbPrivilege',
      'IIS APPPOOL\\Claims',
    );
    expect(fix.commands[2]).toBe(
      `# rights.inf, [Privilege Rights]: SeTcbPrivilege = … — add *${appPoolSid('Claims').text}`,
    );
    expect(fix.proof.mechanisms).toEqual(['logon-session', 'kcd-protocol-transition']);
    expect(fix.summary).toContain('can then create a token for any user with any groups: WEB01 is its');
    expect(fix.summary).toContain('Claims to Windows Token Service');
    // The exposure: WEB01 handed over, and the pool can act as every user — sensitive ones too — at WEB01$'s SPNs.
    expect(fix.exposure.machines).toEqual(['WEB01 (IIS APPPOOL\\Claims)']);
    const grant = fix.exposure.grants.find((g) => g.mechanisms.includes('operating-system'));
    expect(grant).toMatchObject({ actor: 'IIS APPPOOL\\Claims', target: 'CORP\\WEB01$', services: ['web'] });
    expect(grant?.users).toEqual(expect.arrayContaining(['CORP\\admin', 'CORP\\alice', 'CORP\\pu']));
    expect(fix.exposure.unaffected).toEqual([]);
  });

  it('never ranks ahead of a fix that does not hand a machine over, whatever the triples', () => {
    // svc-web accepts NTLM first and turns it into a token with protocol transition: Negotiate (callers bring a
    // Kerberos ticket, no token to make) works too — and here adds more triples (svc-web is also unconstrained).
    const ntlm = estate({
      accounts: serviceAccounts({
        trustedForDelegation: true,
        trustedToAuthForDelegation: true,
        allowedToDelegateTo: [SQL_SPN],
      }),
      services: [web({ authentication: ['ntlm'], protocolTransition: true }), sql({ calls: [] })],
    });
    const { reason, fixes } = provenFix(ntlm, 'tcb-privilege');
    expect(reason).toBe('s4u-identification-token');
    const negotiate = of(fixes, 'negotiate');
    const tcb = of(fixes, 'tcb-privilege');
    expect(negotiate.proven).toBe(true);
    expect(negotiate.exposure.triples).toBeGreaterThan(tcb.exposure.triples);
    expect([negotiate.exposure.machines, tcb.exposure.machines]).toEqual([[], ['WEB01 (CORP\\svc-web)']]);
    expect(negotiate.rank).toBeLessThan(tcb.rank);
    expect(evaluateFlow(applyFix(ntlm, negotiate.change), 'alice').hops[0]?.protocol).toBe('kerberos');
  });
});
