import { type Sid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountBySid,
  accountsReaching,
  checkLogonRight,
  createLsa,
  type Directory,
  directMemberOf,
  directory,
  directoryGroups,
  findAccount,
  findDomain,
  isProtectedUser,
  lsaLogonUser,
  machine,
  type PrincipalAccount,
} from '../src/index.js';
import {
  directoryInitArbitrary,
  logonScenarioArbitrary,
  machineInitArbitrary,
} from '../src/testing/index.js';

const principal = (dir: Directory, name: string): PrincipalAccount => {
  const a = findAccount(dir, name);
  if (a === undefined || a.kind === 'group') throw new Error(name);
  return a;
};

/** The oracle: a naive fixpoint over the membership edges with the same visibility rules. */
function naiveGroups(dir: Directory, account: PrincipalAccount, resource: string): Set<Sid> {
  const forest = findDomain(dir, account.domain)?.forest;
  const visible = new Set<Sid>();
  const consider = (s: Sid, viaAccountSide: boolean): boolean => {
    const g = accountBySid(dir, s);
    if (g?.kind !== 'group' || !g.securityEnabled) return false;
    if (g.scope === 'domainLocal') return g.domain === resource;
    return viaAccountSide && findDomain(dir, g.domain)?.forest === forest;
  };
  const primary = dir.accounts.find(
    (a) => a.sid.text === `${findDomain(dir, account.domain)?.sid.text}-${account.primaryGroupId}`,
  );
  if (primary !== undefined) visible.add(primary.sid);
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of dir.accounts) {
      if (g.kind !== 'group' || visible.has(g.sid)) continue;
      const members = g.members;
      const accountSide = members.some(
        (m) =>
          m === account.sid ||
          (visible.has(m) &&
            accountBySid(dir, m)?.kind === 'group' &&
            (accountBySid(dir, m) as { scope?: string }).scope !== 'domainLocal'),
      );
      const anyMember = members.some((m) => m === account.sid || visible.has(m));
      if (
        consider(g.sid, accountSide) ||
        (g.scope === 'domainLocal' && anyMember && consider(g.sid, false))
      ) {
        if (anyMember) {
          visible.add(g.sid);
          changed = true;
        }
      }
    }
  }
  return visible;
}

/** A generated directory with sIDHistory values (group names, a Protected Users group) and primary groups added at random. */
const directoryWithHistory = directoryInitArbitrary().chain((g) =>
  fc
    .record({
      history: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      primary: fc.array(fc.tuple(fc.nat(), fc.constantFrom(513, 512, 525)), { maxLength: 2 }),
    })
    .map(({ history, primary }) => {
      const candidates = [...g.groups, 'CORP\\Protected Users', 'CORP\\Domain Admins'];
      const accounts = (g.init.accounts ?? []).map((a, i) => {
        const extra = history.filter(([at]) => at % (g.init.accounts?.length ?? 1) === i);
        const pg = primary.find(([at]) => at % (g.init.accounts?.length ?? 1) === i);
        return {
          ...a,
          ...(extra.length === 0
            ? {}
            : { sidHistory: extra.map(([, k]) => candidates[k % candidates.length] as string) }),
          ...(pg === undefined || a.kind === 'group' ? {} : { primaryGroupId: pg[1] }),
        };
      });
      return { ...g, init: { ...g.init, accounts } };
    }),
);

describe('properties', () => {
  it('accountsReaching holds every account whose token groups include one of the groups, on any resource domain', () => {
    fc.assert(
      fc.property(directoryWithHistory, fc.uniqueArray(fc.nat(), { maxLength: 3 }), (g, picks) => {
        const dir = directory(g.init);
        const groups = dir.accounts.filter((a) => a.kind === 'group');
        const wanted = picks.map((i) => (groups[i % groups.length] as (typeof groups)[number]).sid);
        const reaching = accountsReaching(dir, wanted);
        for (const a of dir.accounts) {
          if (a.kind === 'group') continue;
          for (const d of dir.domains) {
            const got = directoryGroups(dir, a, { resourceDomain: d.dnsName });
            if (got.some((x) => wanted.includes(x.sid))) expect(reaching.has(a.sid)).toBe(true);
          }
        }
      }),
    );
  });

  it('isProtectedUser is exactly "Protected Users is among the token groups" (its shortcut skips no member)', () => {
    fc.assert(
      fc.property(directoryWithHistory, (g) => {
        const dir = directory(g.init);
        for (const a of dir.accounts) {
          if (a.kind === 'group') continue;
          const home = findDomain(dir, a.domain);
          const naive = directoryGroups(dir, a).some((x) => x.sid.text === `${home?.sid.text}-525`);
          expect(isProtectedUser(dir, a)).toBe(naive);
        }
      }),
    );
  });

  it("token groups are closed under the directory's nesting, even with cycles (oracle: a naive fixpoint)", () => {
    fc.assert(
      fc.property(directoryInitArbitrary(), fc.boolean(), (g, onChild) => {
        const dir = directory(g.init);
        const resource =
          onChild && findDomain(dir, 'EMEA') !== undefined ? 'emea.corp.example' : 'corp.example';
        for (const name of g.users) {
          const account = principal(dir, name);
          const got = directoryGroups(dir, account, { resourceDomain: resource }).map((x) => x.sid);
          const set = new Set(got);
          expect(set).toEqual(naiveGroups(dir, account, resource));
          // closure: every visible parent of a member group is present
          for (const s of set) {
            for (const parent of directMemberOf(dir, s)) {
              const p = accountBySid(dir, parent);
              if (
                p?.kind === 'group' &&
                p.securityEnabled &&
                (p.scope === 'domainLocal' ? p.domain === resource : true)
              ) {
                expect(set.has(parent)).toBe(true);
              }
            }
          }
        }
      }),
    );
  });

  it('the groups of a logon never depend on the order accounts and memberships are declared', () => {
    fc.assert(
      fc.property(directoryInitArbitrary(), (g) => {
        const reversed = {
          ...g.init,
          accounts: [...(g.init.accounts ?? [])]
            .reverse()
            .map((a) => (a.memberOf === undefined ? a : { ...a, memberOf: [...a.memberOf].reverse() })),
        };
        const a = directory(g.init);
        const b = directory(reversed);
        const groupsOf = (dir: Directory, name: string) => {
          const lsa = createLsa(machine({ name: 'SRV01', domain: 'corp.example' }, dir), dir);
          const r = lsaLogonUser(lsa, {
            logonType: 'Network',
            account: name,
            credential: { kind: 'kerberos' },
          });
          return r.ok ? r.value.token.groups.map((x) => `${x.sid.text}:${x.attributes}`) : r.error.code;
        };
        for (const name of g.users) expect(groupsOf(b, name)).toEqual(groupsOf(a, name));
      }),
    );
  });

  it('a network logon never yields a primary token', () => {
    fc.assert(
      fc.property(logonScenarioArbitrary(), (s) => {
        const dir = directory(s.directory.init);
        const r = lsaLogonUser(createLsa(machine(s.machine, dir), dir), s.request);
        if (r.ok && s.request.logonType === 'Network') expect(r.value.token.type).toBe('impersonation');
        if (r.ok && r.value.token.type === 'primary') expect(r.value.token.impersonationLevel).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('a deny logon right always wins over allow: adding any token SID to the deny right refuses the logon', () => {
    fc.assert(
      fc.property(logonScenarioArbitrary(), fc.nat(), (s, pick) => {
        const dir = directory(s.directory.init);
        const first = lsaLogonUser(createLsa(machine(s.machine, dir), dir), s.request);
        if (!first.ok) return;
        const t = first.value.token;
        const sids = [t.user.sid, ...t.groups.map((x) => x.sid)];
        const victim = sids[pick % sids.length] as Sid;
        const right = {
          Interactive: 'SeDenyInteractiveLogonRight',
          Unlock: 'SeDenyInteractiveLogonRight',
          CachedInteractive: 'SeDenyInteractiveLogonRight',
          RemoteInteractive: 'SeDenyRemoteInteractiveLogonRight',
          Network: 'SeDenyNetworkLogonRight',
          NetworkCleartext: 'SeDenyNetworkLogonRight',
          Batch: 'SeDenyBatchLogonRight',
          Service: 'SeDenyServiceLogonRight',
        }[first.value.session.logonType as 'Network'];
        const denied = machine(
          { ...s.machine, userRights: { ...s.machine.userRights, [right]: [victim.text] } },
          dir,
        );
        const again = lsaLogonUser(createLsa(denied, dir), s.request);
        expect(!again.ok && again.error.code).toBe('ERROR_LOGON_TYPE_NOT_GRANTED');
        expect(checkLogonRight(denied, first.value.session.logonType, sids, true).granted).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('checkLogonRight: whatever the allow list, a matching deny entry refuses', () => {
    const pool = [
      WELL_KNOWN_SIDS.EVERYONE.sid,
      WELL_KNOWN_SIDS.NETWORK.sid,
      WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
      WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    ];
    fc.assert(
      fc.property(
        fc.subarray(pool),
        fc.subarray(pool, { minLength: 1 }),
        machineInitArbitrary([]),
        (allow, deny, init) => {
          const m = machine({
            ...init,
            domain: undefined as never,
            userRights: {
              SeNetworkLogonRight: allow.map((s) => s.text),
              SeDenyNetworkLogonRight: deny.map((s) => s.text),
            },
          } as never);
          const r = checkLogonRight(m, 'Network', pool);
          expect(r.granted).toBe(false);
          expect(!r.granted && r.right).toBe('SeDenyNetworkLogonRight');
        },
      ),
    );
  });
});
