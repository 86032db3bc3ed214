import { describe, expect, it } from 'vitest';
import { applyFix } from '../../src/index.js';
import { estate, files, serviceAccounts, sql, web } from '../estate/estateFixtures.js';
import { provenFix } from './fixSupport.js';

// client-requested-identify: the calling code asked for Identification (ISC_REQ_IDENTIFY) — a code change, not an
// AD change (InitializeSecurityContext; "Impersonation Levels").

const SQL_SPN = 'MSSQLSvc/sql01.corp.example:1433';

describe('client-requested-identify', () => {
  it('a service’s call: its request becomes impersonate, proven; the command only says where the code changes', () => {
    const model = estate({
      accounts: serviceAccounts(
        { allowedToDelegateTo: [SQL_SPN] },
        { allowedToDelegateTo: ['cifs/fs01.corp.example'] },
      ),
      services: [web({ calls: [{ service: 'sql', request: 'identify' }] }), sql(), files()],
    });
    const { reason, fixes, fix } = provenFix(model, 'impersonation-request');
    expect(reason).toBe('client-requested-identify');
    expect(fixes.map((f) => `${f.kind} ${f.proven}`)).toEqual(['impersonation-request true']);
    expect([fix.hop, fix.change]).toEqual([
      3,
      [{ op: 'request', service: 'web', calls: 'sql', value: 'impersonate' }],
    ]);
    expect(fix.summary).toMatch(
      /^change web's code calling sql to ask for Impersonation.*a code change, not an AD change$/,
    );
    expect(fix.commands).toEqual([
      '# web (code): call sql without ISC_REQ_IDENTIFY — .NET: TokenImpersonationLevel.Impersonation, not Identification',
    ]);
    expect(applyFix(model, fix.change).services?.find((s) => s.name === 'web')?.calls).toEqual([
      { service: 'sql', request: 'impersonate' },
    ]);
    expect(fix.exposure.triples).toBe(0);
  });

  it('the user’s client at hop 1: the flow’s request', () => {
    const base = estate({
      accounts: serviceAccounts({ allowedToDelegateTo: [SQL_SPN] }),
      services: [web(), sql({ calls: [] })],
    });
    const model = { ...base, flows: (base.flows ?? []).map((f) => ({ ...f, request: 'identify' as const })) };
    const { fix } = provenFix(model, 'impersonation-request');
    expect(fix.change).toEqual([{ op: 'request', flow: 'alice', value: 'impersonate' }]);
    expect(fix.summary).toMatch(/^have CORP\\alice's client on WS01 ask web for Impersonation/);
  });
});
