import type { AccountInit } from '@doublehop/logon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEstateGraph,
  delegationActors,
  type EstateModel,
  evaluateFlow,
  lintEstate,
  reachableUsers,
} from '../../src/index.js';
import { estateArbitrary, estateReachOracle, type GeneratedEstate } from '../../src/testing/index.js';

const RUNS = { numRuns: 60 };

/** Every flow's verdict, the lint findings and each service's reachable users, as one JSON text. */
function everything(model: EstateModel): string {
  return JSON.stringify({
    flows: (model.flows ?? []).map((f) => evaluateFlow(model, f.name)),
    lint: lintEstate(model),
    reach: (model.services ?? [])
      .map((s) => s.name)
      .sort()
      .map((s) => [s, reachableUsers(model, s)]),
  });
}

/** A copy of the model with its lists reversed (a new object, so nothing cached is reused). */
function reordered(model: EstateModel): EstateModel {
  return JSON.parse(
    JSON.stringify({
      ...model,
      accounts: [...(model.accounts ?? [])].reverse(),
      machines: [...(model.machines ?? [])].reverse(),
      services: [...(model.services ?? [])]
        .reverse()
        .map((s) => ({ ...s, calls: [...(s.calls ?? [])].reverse() })),
    }),
  ) as EstateModel;
}

/** The model with one more delegation right on service account `i`. */
function withRight(
  g: GeneratedEstate,
  i: number,
  right: 'unconstrained' | 'kcd' | 'rbcd',
  j: number,
): EstateModel {
  const account = (g.serviceAccounts[i] as string).slice('CORP\\'.length).toLowerCase();
  const target = g.serviceAccounts[j] as string;
  const accounts = (g.model.accounts ?? []).map((a): AccountInit => {
    if (a.samAccountName.toLowerCase() !== account || a.kind === 'group') return a;
    if (right === 'unconstrained') return { ...a, trustedForDelegation: true };
    if (right === 'kcd')
      return { ...a, allowedToDelegateTo: [...(a.allowedToDelegateTo ?? []), g.spns[j] as string] };
    return a;
  });
  const withRbcd =
    right !== 'rbcd'
      ? accounts
      : accounts.map((a): AccountInit => {
          if (a.kind === 'group' || `CORP\\${a.samAccountName}` !== target) return a;
          return {
            ...a,
            principalsAllowedToDelegateToAccount: [
              ...(a.principalsAllowedToDelegateToAccount ?? []),
              g.serviceAccounts[i] as string,
            ],
          };
        });
  return { ...g.model, accounts: withRbcd };
}

describe('properties', () => {
  it('a flow reaching a hop implies every earlier hop reached; the why-not is the last hop evaluated', () => {
    fc.assert(
      fc.property(estateArbitrary(), (g) => {
        for (const f of g.model.flows ?? []) {
          const v = evaluateFlow(g.model, f.name);
          expect(v.hops.length).toBeLessThanOrEqual(f.path.length);
          v.hops.forEach((h, i) => {
            if (h.outcome === 'reached')
              expect(v.hops.slice(0, i).every((p) => p.outcome === 'reached')).toBe(true);
          });
          expect(v.reached).toBe(
            v.hops.length === f.path.length && v.hops.every((h) => h.outcome === 'reached'),
          );
          if (!v.reached) expect(v.whyNot?.hop).toBe(v.hops.at(-1)?.hop);
        }
      }),
      RUNS,
    );
  });

  it('adding a delegation right never makes a reaching flow fail', () => {
    const arb = estateArbitrary().chain((g) =>
      fc.record({
        g: fc.constant(g),
        i: fc.integer({ min: 0, max: g.services.length - 1 }),
        j: fc.integer({ min: 0, max: g.services.length - 1 }),
        right: fc.constantFrom<'unconstrained' | 'kcd' | 'rbcd'>('unconstrained', 'kcd', 'rbcd'),
      }),
    );
    fc.assert(
      fc.property(arb, ({ g, i, j, right }) => {
        const after = withRight(g, i, right, j);
        for (const f of g.model.flows ?? []) {
          if (evaluateFlow(g.model, f.name).reached) expect(evaluateFlow(after, f.name).reached).toBe(true);
        }
      }),
      RUNS,
    );
  });

  // LsaLogonUser (LsaHandle): a KERB_S4U_LOGON caller with SeTcbPrivilege gets an impersonation token; the
  // service enables the granted right with AdjustTokenPrivileges first.
  it('granting SeTcbPrivilege to a service identity never makes a reaching flow fail, and ends s4u-identification-token there', () => {
    const arb = estateArbitrary().chain((g) =>
      fc.record({ g: fc.constant(g), i: fc.integer({ min: 0, max: g.services.length - 1 }) }),
    );
    fc.assert(
      fc.property(arb, ({ g, i }) => {
        const service = (g.model.services ?? []).find((s) => s.name === g.services[i]);
        if (service === undefined) return;
        const holder = /^networkservice$/i.test(service.runsAs)
          ? 'NT AUTHORITY\\NETWORK SERVICE'
          : service.runsAs;
        const after: EstateModel = {
          ...g.model,
          machines: (g.model.machines ?? []).map((m) =>
            m.name !== service.machine
              ? m
              : { ...m, userRights: { add: { ...m.userRights?.add, SeTcbPrivilege: [holder] } } },
          ),
        };
        for (const f of g.model.flows ?? []) {
          const before = evaluateFlow(g.model, f.name);
          const now = evaluateFlow(after, f.name);
          if (before.reached) expect(now.reached).toBe(true);
          const at = (before.whyNot?.hop ?? 0) - 2;
          if (before.whyNot?.reason === 's4u-identification-token' && f.path[at] === service.name)
            expect(
              now.whyNot === null ||
                now.whyNot.hop > before.whyNot.hop ||
                now.whyNot.reason !== 's4u-identification-token',
            ).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('output is byte-identical for identical input, and independent of the order of accounts, machines and services', () => {
    fc.assert(
      fc.property(estateArbitrary(), (g) => {
        const once = everything(g.model);
        expect(everything(JSON.parse(JSON.stringify(g.model)) as EstateModel)).toBe(once);
        expect(everything(reordered(g.model))).toBe(once);
        expect(JSON.stringify(buildEstateGraph(reordered(g.model)).export())).toBe(
          JSON.stringify(buildEstateGraph(g.model).export()),
        );
      }),
      { numRuns: 30 },
    );
  });

  it('the graph analyses agree with a naive fixpoint over the exported edge lists (the oracle)', () => {
    fc.assert(
      fc.property(estateArbitrary({ maxServices: 6 }), (g) => {
        const graph = buildEstateGraph(g.model);
        const oracle = estateReachOracle(graph);
        for (const s of g.services) {
          expect(reachableUsers(graph, s)).toEqual(oracle.users[s]);
          expect(
            delegationActors(graph, s)
              .map((a) => `${a.account} ${a.mechanism}`)
              .sort(),
          ).toEqual(oracle.actors[s]);
        }
      }),
      RUNS,
    );
  });
});
