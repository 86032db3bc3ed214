import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFlow, proposeFixes, verdictAtLevel } from '../../src/index.js';
import { estateArbitrary } from '../../src/testing/index.js';
import { estate, MACHINES, serviceAccounts, web } from '../estate/estateFixtures.js';

// A flow can reach its last service and still fall short: the identity arrives at Identification, which lets the
// service look at the token but not act with it ("Impersonation Levels"). Fixes then address the level's reason
// at that hop.
describe('verdictAtLevel and fixes for a level shortfall at the last hop', () => {
  const identify = estate({
    accounts: serviceAccounts(),
    services: [web({ calls: [] })],
    flows: [{ name: 'peek', user: 'alice', start: { machine: 'WS01' }, path: ['web'], request: 'identify' }],
  });

  it('a client asking only to identify (ISC_REQ_IDENTIFY) reaches at Identification: short of Impersonation', () => {
    expect(evaluateFlow(identify, 'peek')).toMatchObject({ reached: true, whyNot: null });
    const v = verdictAtLevel(identify, 'peek');
    expect(v.reached).toBe(false);
    expect(v.whyNot).toMatchObject({
      hop: 1,
      service: 'web',
      reason: 'client-requested-identify',
      causes: [],
    });
    expect(verdictAtLevel(identify, 'peek', 'Identification')).toEqual(evaluateFlow(identify, 'peek'));
  });

  it('the fix is the client asking for Impersonation, proven; none when Identification is all that is needed', () => {
    const fixes = proposeFixes(identify, 'peek');
    expect(fixes.map((f) => [f.kind, f.proven, f.proof.level])).toEqual([
      ['impersonation-request', true, 'Impersonation'],
    ]);
    expect(proposeFixes(identify, 'peek', { atLeast: 'Identification' })).toEqual([]);
    // The model's reaches assertion about the last service sets the level when no option does.
    const satisfied = {
      ...identify,
      assertions: [{ reaches: { flow: 'peek', service: 'web', atLeast: 'Identification' } }],
    } as const;
    expect(proposeFixes(satisfied, 'peek')).toEqual([]);
  });

  it('a last service without SeImpersonatePrivilege is downgraded to Identification; the grant for its identity is proven', () => {
    const model = estate({
      accounts: serviceAccounts(),
      machines: MACHINES.map((m) =>
        m.name === 'WEB01'
          ? { ...m, userRights: { remove: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] } } }
          : m,
      ),
      services: [web({ calls: [] })],
    });
    expect(verdictAtLevel(model, 'alice').whyNot?.reason).toBe('no-impersonate-privilege');
    const fix = proposeFixes(model, 'alice').find((f) => f.proven);
    expect(fix?.kind).toBe('impersonate-privilege');
    expect(fix?.change).toEqual([
      { op: 'grant', machine: 'WEB01', right: 'SeImpersonatePrivilege', holder: 'CORP\\svc-web' },
    ]);
  });

  it('a flow reaching at the required level is evaluateFlow’s verdict, unchanged', () => {
    const model = estate({ accounts: serviceAccounts(), services: [web({ calls: [] })] });
    expect(verdictAtLevel(model, 'alice')).toEqual(evaluateFlow(model, 'alice'));
  });

  it('property: a higher required level never turns a shortfall into a reach; a reach there implies evaluateFlow reaches', () => {
    fc.assert(
      fc.property(estateArbitrary(), ({ model }) => {
        for (const f of model.flows ?? []) {
          const plain = evaluateFlow(model, f.name);
          const [identification, impersonation, delegation] = (
            ['Identification', 'Impersonation', 'Delegation'] as const
          ).map((level) => verdictAtLevel(model, f.name, level).reached);
          if (delegation) expect(impersonation).toBe(true);
          if (impersonation) expect(identification).toBe(true);
          if (identification) expect(plain.reached).toBe(true);
          if (!plain.reached) expect(verdictAtLevel(model, f.name, 'Impersonation')).toEqual(plain);
        }
      }),
      { numRuns: 40 },
    );
  });
});
