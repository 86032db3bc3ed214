import { describe, expect, it } from 'vitest';
import { evaluateFlow } from '../../src/index.js';
import { estate, serviceAccounts, web } from './estateFixtures.js';

// The engine keeps each machine's LSA across evaluations and replaces it once it has served a number of logons
// (src/estate/flow/estateRuntime.ts). Reports never show a LUID, so no evaluation may tell which LSA it ran on.
describe('evaluating flows again and again', () => {
  it('gives the same verdicts every time, also when a hop makes two logons (NTLM, then KERB_S4U_LOGON)', () => {
    // NTLM arrives with nothing to go onward with, so web transitions the user's identity itself: an S4U logon
    // whose caller is web's own process session, which must be in the LSA the S4U logon goes to. A client that
    // asks only to be identified gets no transition: one logon, so the two flows wear the LSA out at any logon.
    const model = estate({
      accounts: serviceAccounts({ trustedToAuthForDelegation: true }),
      services: [web({ authentication: ['ntlm'], protocolTransition: true, calls: [] })],
    });
    const identify = {
      name: 'identify',
      user: 'alice',
      start: { machine: 'WS01' },
      path: ['web'],
      request: 'identify',
    } as const;
    const both = (): string =>
      JSON.stringify([evaluateFlow(model, 'alice'), evaluateFlow(model, 'identify', { flow: identify })]);
    const first = evaluateFlow(model, 'alice');
    expect(first.hops.map((h) => [h.protocol, h.outcome])).toEqual([['ntlm', 'reached']]);
    const expected = both();
    for (let i = 0; i < 300; i++) expect(both()).toBe(expected);
  });
});
