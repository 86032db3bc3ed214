import { describe, expect, it } from 'vitest';
import { estate, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { provenFix } from './fixSupport.js';

// ntlm-cannot-delegate after an NTLM-only front end: NTLM leaves it no credential to go onward with (MS-NLMP has no
// delegation), so the fix is Negotiate at the front end (MS-SPNG), with the SPN registered where it is missing.

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';

describe('an NTLM-only front end', () => {
  it('accepts Negotiate instead of NTLM, proven with the KCD it already has', () => {
    const model = estate({
      accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
      services: [web({ authentication: ['ntlm', 'basic'] }), sql({ calls: [] })],
    });
    const { reason, fix } = provenFix(model, 'negotiate');
    expect(reason).toBe('ntlm-cannot-delegate');
    expect(fix.change).toEqual([{ op: 'authentication', service: 'web', value: ['negotiate', 'basic'] }]);
    expect(fix.proof.mechanisms).toEqual(['logon-session', 'kcd']);
    expect(fix.rank).toBe(1);
  });

  it('registers the SPN in the same step when none is on the account it runs as (the HOST/ alias is WEB01$’s)', () => {
    const model = estate({
      accounts: serviceAccounts({ servicePrincipalNames: [], allowedToDelegateTo: [SQL_SPN] }),
      services: [web({ authentication: ['ntlm'] }), sql({ calls: [] })],
    });
    const { fix } = provenFix(model, 'negotiate');
    expect(fix.change).toEqual([
      { op: 'authentication', service: 'web', value: ['negotiate'] },
      {
        op: 'add',
        account: 'CORP\\svc-web',
        attribute: 'servicePrincipalNames',
        value: 'HTTP/web01.corp.example',
      },
    ]);
    expect(fix.commands).toEqual([
      '# web on WEB01: offer Negotiate (SPNEGO) rather than NTLM alone — IIS: the Negotiate provider of Windows Authentication, before NTLM',
      'setspn -S HTTP/web01.corp.example CORP\\svc-web',
    ]);
    // Kerberos arrivals make svc-web's KCD carry the users who reach it: the exposure says so.
    expect(fix.exposure.grants.map((g) => `${g.actor} ${g.mechanisms.join('+')} ${g.target}`)).toEqual([
      'CORP\\svc-web kcd CORP\\svc-sql',
    ]);
  });
});
