import type { Result } from '@doublehop/core-token';
import {
  accountBySid,
  type DirectoryInit,
  directory,
  findAccount,
  type PrincipalInit,
} from '@doublehop/logon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  apReqDelegation,
  asExchange,
  createKdc,
  type Kdc,
  type KdcError,
  type KdcReply,
  s4u2proxy,
  s4u2self,
  tamperTicket,
  tgsExchange,
} from '../src/index.js';
import {
  type DelegationAttempt,
  delegationAttemptArbitrary,
  delegationDirectoryArbitrary,
  type GeneratedDelegationDirectory,
} from '../src/testing/index.js';

/** Runs one attempt: the front end gets evidence for the user, then asks S4U2Proxy for the target. */
function attempt(
  kdc: Kdc,
  g: GeneratedDelegationDirectory,
  a: DelegationAttempt,
): Result<KdcReply, KdcError> {
  const front = g.services[a.front] as string;
  const serviceTgt = asExchange(kdc, { client: front });
  if (!serviceTgt.ok) return serviceTgt;
  let evidence: Result<KdcReply, KdcError>;
  if (a.evidence === 'kerberos') {
    const userTgt = asExchange(kdc, { client: g.users[a.user] as string });
    if (!userTgt.ok) return userTgt;
    evidence = tgsExchange(kdc, { tgt: userTgt.value.ticket, service: g.spns[a.front] as string });
  } else {
    evidence = s4u2self(kdc, { serviceTgt: serviceTgt.value.ticket, user: g.users[a.user] as string });
    if (evidence.ok && a.evidence === 'bronze-bit')
      evidence = tamperTicket(evidence.value.ticket, { forwardable: true });
  }
  if (!evidence.ok) return evidence;
  return s4u2proxy(kdc, {
    serviceTgt: serviceTgt.value.ticket,
    evidence: evidence.value.ticket,
    target: a.target,
    resourceBased: a.resourceBased,
  });
}

const scenario = delegationDirectoryArbitrary().chain((g) =>
  fc.record({ g: fc.constant(g), a: delegationAttemptArbitrary(g) }),
);

/** Every attempt over a directory, with the RBCD bit set (clearing it only removes RBCD). */
function everyAttempt(g: GeneratedDelegationDirectory, user: number): DelegationAttempt[] {
  const targets = g.spns.flatMap((s, i) => [s, `cifs/s${i}`]);
  return g.services.flatMap((_, front) =>
    targets.flatMap((target) =>
      (['kerberos', 's4u2self', 'bronze-bit'] as const).map((evidence) => ({
        user,
        front,
        target,
        evidence,
        resourceBased: true,
      })),
    ),
  );
}

describe('properties', () => {
  it('the generated attempts include KCD and RBCD successes and refusals (the properties below are not vacuous)', () => {
    const outcomes = fc.sample(scenario, { numRuns: 300, seed: 42 }).map(({ g, a }) => {
      const r = attempt(createKdc(directory(g.init)), g, a);
      return r.ok
        ? r.value.explanation.some((s) => s.rule === 's4u2proxy.rbcd-allowed')
          ? 'rbcd'
          : 'kcd'
        : r.error.rule;
    });
    expect(outcomes).toContain('kcd');
    expect(outcomes).toContain('rbcd');
    expect(outcomes).toContain('s4u2proxy.rbcd-not-allowed');
    expect(outcomes).toContain('s4u2proxy.evidence-modified');
  });

  it("S4U2Proxy succeeds only if the target SPN is in the front end's msDS-AllowedToDelegateTo (same domain) or its RBCD descriptor names the front end or a group of it (MS-SFU 3.2.5.2)", () => {
    fc.assert(
      fc.property(scenario, ({ g, a }) => {
        const dir = directory(g.init);
        const r = attempt(createKdc(dir, { patched: false }), g, a);
        if (!r.ok) return;
        const front = findAccount(dir, g.services[a.front] as string);
        const target = dir.accounts.find(
          (x) =>
            x.kind !== 'group' &&
            x.servicePrincipalNames.some((s) => s.toLowerCase() === a.target.toLowerCase()),
        );
        if (front === undefined || front.kind === 'group' || target === undefined || target.kind === 'group')
          throw new Error('fixture');
        const kcd =
          front.domain === target.domain &&
          front.allowedToDelegateTo.some((s) => s.toLowerCase() === a.target.toLowerCase());
        const named = new Set((target.allowedToActOnBehalfOfOtherIdentity?.dacl ?? []).map((ace) => ace.sid));
        const rbcd =
          named.has(front.sid) ||
          [...named].some((s) => {
            const group = accountBySid(dir, s);
            return group?.kind === 'group' && group.members.includes(front.sid);
          });
        expect(kcd || rbcd).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('the S4U2Proxy result is always FORWARDABLE (MS-SFU 4.3), patched or not', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ({ g, a }, patched) => {
        const r = attempt(createKdc(directory(g.init), { patched }), g, a);
        if (r.ok) expect(r.value.ticket.flags).toContain('FORWARDABLE');
      }),
      { numRuns: 150 },
    );
  });

  it('on a patched KDC a sensitive or Protected Users account never reaches a second hop — KCD, RBCD, protocol transition, Bronze Bit or a forwarded TGT', () => {
    const isRestricted = (x: PrincipalInit): boolean =>
      x.kind === 'user' && (x.accountNotDelegated === true || (x.memberOf ?? []).length > 0);
    const restricted = delegationDirectoryArbitrary({ maxServices: 3 }).filter((g) =>
      (g.init.accounts ?? []).some((x) => x.kind !== 'group' && isRestricted(x)),
    );
    fc.assert(
      fc.property(restricted, (g) => {
        const kdc = createKdc(directory(g.init));
        g.users.forEach((name, user) => {
          const init = g.init.accounts?.find((x) => `CORP\\${x.samAccountName}` === name) as PrincipalInit;
          if (!isRestricted(init)) return;
          for (const a of everyAttempt(g, user)) expect(attempt(kdc, g, a).ok).toBe(false);
          const tgt = asExchange(kdc, { client: name });
          if (!tgt.ok) return;
          for (const service of g.spns) {
            const ap = apReqDelegation(kdc, { tgt: tgt.value.ticket, service, delegate: true });
            expect(ap.ok && ap.value.forwardedTgt).toBeFalsy();
          }
        });
      }),
      { numRuns: 25 },
    );
  });

  it('patching only removes successes: whatever a patched KDC grants, an unpatched one grants too', () => {
    fc.assert(
      fc.property(scenario, ({ g, a }) => {
        const dir = directory(g.init);
        if (attempt(createKdc(dir), g, a).ok)
          expect(attempt(createKdc(dir, { patched: false }), g, a).ok).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('adding a delegation right never turns a success into a failure', () => {
    const right = fc.constantFrom('kcd', 'rbcd', 'protocol-transition', 'unconstrained' as const);
    fc.assert(
      fc.property(scenario, right, fc.boolean(), ({ g, a }, kind, patched) => {
        const before = createKdc(directory(g.init), { patched });
        const frontName = (g.services[a.front] as string).split('\\')[1] as string;
        const targetIndex = Number(/(\d+)$/.exec(a.target)?.[1]);
        const granted: DirectoryInit = {
          ...g.init,
          accounts: (g.init.accounts ?? []).map((x) => {
            if (x.kind === 'group') return x;
            if (kind === 'kcd' && x.samAccountName === frontName)
              return { ...x, allowedToDelegateTo: [...(x.allowedToDelegateTo ?? []), a.target] };
            if (kind === 'protocol-transition' && x.samAccountName === frontName)
              return { ...x, trustedToAuthForDelegation: true };
            if (kind === 'unconstrained' && x.samAccountName === frontName)
              return { ...x, trustedForDelegation: true };
            if (kind === 'rbcd' && x.samAccountName === `S${targetIndex}`) {
              return {
                ...x,
                principalsAllowedToDelegateToAccount: [
                  ...(x.principalsAllowedToDelegateToAccount ?? []),
                  g.services[a.front] as string,
                ],
              };
            }
            return x;
          }),
        };
        const after = createKdc(directory(granted), { patched });
        if (attempt(before, g, a).ok) expect(attempt(after, g, a).ok).toBe(true);
        const tgt = asExchange(before, { client: g.users[a.user] as string });
        const tgtAfter = asExchange(after, { client: g.users[a.user] as string });
        if (!tgt.ok || !tgtAfter.ok) return;
        const service = g.spns[a.front] as string;
        const ap = apReqDelegation(before, { tgt: tgt.value.ticket, service, delegate: true });
        const apAfter = apReqDelegation(after, { tgt: tgtAfter.value.ticket, service, delegate: true });
        if (ap.ok && ap.value.forwardedTgt !== null)
          expect(apAfter.ok && apAfter.value.forwardedTgt !== null).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("every refusal names a Kerberos error, its number and the rule's source", () => {
    fc.assert(
      fc.property(scenario, ({ g, a }) => {
        const r = attempt(createKdc(directory(g.init)), g, a);
        if (r.ok) return;
        expect(r.error.krb).toBeGreaterThan(0);
        expect(r.error.source).toMatch(/MS-|RFC|KB|CVE/);
        expect(r.error.explanation.at(-1)?.outcome).toBe('refused');
      }),
      { numRuns: 100 },
    );
  });
});
