import type { Sid } from '@doublehop/core-token';
import { type Account, type Directory, type PrincipalAccount, USER_ACCOUNT_CONTROL } from '@doublehop/logon';

/**
 * One SharpHound JSON file: `meta` and `data`, as SharpHound v6 writes `YYYYMMDDhhmmss_<kind>.json`.
 *
 * @example
 * ```ts
 * import type { SharpHoundFile } from '@doublehop/delegation/testing';
 *
 * const empty: SharpHoundFile = { meta: { methods: 46067, type: 'users', count: 0, version: 6 }, data: [] };
 * ```
 * @see SharpHoundCommon OutputTypes; BloodHound CE packages/go/ein/incoming_models.go
 */
export interface SharpHoundFile {
  /** The collection's metadata. */
  readonly meta: {
    readonly methods: number;
    readonly type: 'users' | 'computers' | 'groups' | 'domains';
    readonly count: number;
    readonly version: 5 | 6;
  };
  /** The objects. */
  readonly data: readonly Record<string, unknown>[];
}

/**
 * The four files of a collection.
 *
 * @example
 * ```ts
 * import type { SharpHoundCollection } from '@doublehop/delegation/testing';
 *
 * const userCount = (c: SharpHoundCollection) => c.users.data.length;
 * ```
 */
export interface SharpHoundCollection {
  /** Users and gMSAs. */
  readonly users: SharpHoundFile;
  /** Computer accounts. */
  readonly computers: SharpHoundFile;
  /** Groups with their members. */
  readonly groups: SharpHoundFile;
  /** Domains with their trusts. */
  readonly domains: SharpHoundFile;
}

/**
 * What SharpHound would write for a directory: users, computers, groups and domains files in the v6 layout (or
 * v5: no top-level `UnconstrainedDelegation`/`IsDC`), with SharpHound's own conventions — upper-case names
 * (`ALICE@CORP.EXAMPLE`), `Properties.allowedtodelegate` for msDS-AllowedToDelegateTo, `AllowedToAct` only on
 * computers and listing every principal of the RBCD descriptor, `sensitive` only on users, group `Members`
 * as typed principals, and each domain's trusts in its own words (Inbound, Outbound, Bidirectional). For import
 * tests: a random directory becomes a collection whose import must give the same delegation facts back.
 *
 * @param dir - the directory (`directory()` of `@doublehop/logon`)
 * @param version - the layout, 6 (default) or 5
 * @returns the four files
 * @example
 * ```ts
 * import { directory } from '@doublehop/logon';
 * import { sharpHoundCollection } from '@doublehop/delegation/testing';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example' }], accounts: [{ kind: 'user', samAccountName: 'alice', accountNotDelegated: true }] });
 * const c = sharpHoundCollection(dir);
 * const alice = c.users.data.find((u) => (u['Properties'] as { samaccountname: string }).samaccountname === 'alice');
 * (alice?.['Properties'] as { sensitive: boolean }).sensitive; // true
 * ```
 * @see SharpHoundCommon LdapPropertyProcessor.cs (the properties), ACLProcessor (AllowedToAct); MS-ADTS 6.1.6.7.12
 */
export function sharpHoundCollection(dir: Directory, version: 5 | 6 = 6): SharpHoundCollection {
  const domainOf = new Map(dir.domains.map((d) => [d.dnsName, d]));
  const bySid = new Map(dir.accounts.map((a) => [a.sid, a]));
  const typed = (sid: Sid) => ({ ObjectIdentifier: sid.text, ObjectType: objectType(bySid.get(sid)) });
  const users: Record<string, unknown>[] = [];
  const computers: Record<string, unknown>[] = [];
  const groups: Record<string, unknown>[] = [];
  for (const a of dir.accounts) {
    const domain = domainOf.get(a.domain);
    const dns = a.domain.toUpperCase();
    const common = {
      ObjectIdentifier: a.sid.text,
      Aces: [],
      IsDeleted: false,
      IsACLProtected: false,
      ContainedBy: null,
    };
    const props = {
      domain: dns,
      name:
        a.kind === 'computer'
          ? `${a.samAccountName.replace(/\$$/, '')}.${dns}`.toUpperCase()
          : `${a.samAccountName}@${dns}`.toUpperCase(),
      domainsid: domain?.sid.text,
      samaccountname: a.samAccountName,
    };
    if (a.kind === 'group') {
      groups.push({ ...common, Properties: props, Members: a.members.map(typed) });
      continue;
    }
    const uac = a.userAccountControl;
    const unconstrained = (uac & USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION) !== 0;
    const principalProps = {
      ...props,
      enabled: (uac & USER_ACCOUNT_CONTROL.ACCOUNTDISABLE) === 0,
      unconstraineddelegation: unconstrained,
      trustedtoauth: (uac & USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION) !== 0,
      serviceprincipalnames: [...a.servicePrincipalNames],
      ...(a.allowedToDelegateTo.length > 0 ? { allowedtodelegate: [...a.allowedToDelegateTo] } : {}),
    };
    const primaryGroup = `${domain?.sid.text}-${a.primaryGroupId}`;
    if (a.kind === 'computer') {
      computers.push({
        ...common,
        Properties: { ...principalProps, isdc: a.primaryGroupId === 516 },
        PrimaryGroupSID: primaryGroup,
        AllowedToDelegate: [],
        AllowedToAct: rbcdPrincipals(a).map(typed),
        ...(version === 6 ? { UnconstrainedDelegation: unconstrained, IsDC: a.primaryGroupId === 516 } : {}),
      });
    } else {
      users.push({
        ...common,
        Properties: {
          ...principalProps,
          // SharpHound collects NOT_DELEGATED for users only (LdapPropertyProcessor: `sensitive`).
          sensitive: (uac & USER_ACCOUNT_CONTROL.NOT_DELEGATED) !== 0,
          ...(a.kind === 'gmsa' ? { gmsa: true } : {}),
        },
        PrimaryGroupSID: primaryGroup,
        AllowedToDelegate: [],
        SPNTargets: [],
        HasSIDHistory: [],
        ...(version === 6 ? { UnconstrainedDelegation: unconstrained } : {}),
      });
    }
  }
  const domains = dir.domains.map((d) => {
    const reported = new Map<
      string,
      { other: string; direction: string; trust: (typeof dir.trusts)[number] }
    >();
    for (const t of dir.trusts) {
      if (t.trusting !== d.dnsName && t.trusted !== d.dnsName) continue;
      const other = t.trusting === d.dnsName ? t.trusted : t.trusting;
      // MS-ADTS 6.1.6.7.12: outbound — this domain trusts the other; inbound — the other trusts this one.
      const direction = t.twoWay ? 'Bidirectional' : t.trusting === d.dnsName ? 'Outbound' : 'Inbound';
      if (!reported.has(other)) reported.set(other, { other, direction, trust: t });
    }
    return {
      ObjectIdentifier: d.sid.text,
      Properties: {
        domain: d.dnsName.toUpperCase(),
        name: d.dnsName.toUpperCase(),
        domainsid: d.sid.text,
        functionallevel: FUNCTIONAL_LEVEL_NAMES[d.functionalLevel] ?? 'Unknown',
        collected: true,
      },
      Trusts: [...reported.values()].map(({ other, direction, trust }) => ({
        TargetDomainSid: domainOf.get(other)?.sid.text ?? null,
        TargetDomainName: other.toUpperCase(),
        IsTransitive: trust.transitive,
        SidFilteringEnabled: trust.sidFiltering,
        TGTDelegationEnabled: trust.enableTgtDelegation,
        TrustDirection: direction,
        TrustType: TRUST_TYPE_NAMES[trust.type],
      })),
      Links: [],
      ChildObjects: [],
      Aces: [],
      IsDeleted: false,
      IsACLProtected: false,
      ContainedBy: null,
    };
  });
  const file = (type: SharpHoundFile['meta']['type'], data: Record<string, unknown>[]): SharpHoundFile => ({
    meta: { methods: 46067, type, count: data.length, version },
    data,
  });
  return {
    users: file('users', users),
    computers: file('computers', computers),
    groups: file('groups', groups),
    domains: file('domains', domains),
  };
}

/** SharpHound lists every principal of the RBCD descriptor's DACL, allowed or denied (ACLProcessor, as read). */
function rbcdPrincipals(a: PrincipalAccount): Sid[] {
  const sd = a.allowedToActOnBehalfOfOtherIdentity;
  if (sd === null || sd.dacl === null) return [];
  return [...new Set(sd.dacl.map((ace) => ace.sid))];
}

function objectType(a: Account | undefined): string {
  if (a === undefined) return 'Base';
  return a.kind === 'group' ? 'Group' : a.kind === 'computer' ? 'Computer' : 'User';
}

const FUNCTIONAL_LEVEL_NAMES: Readonly<Record<number, string>> = {
  0: '2000 Mixed/Native',
  2: '2003',
  3: '2008',
  4: '2008 R2',
  5: '2012',
  6: '2012 R2',
  7: '2016',
  10: '2025',
};

const TRUST_TYPE_NAMES: Readonly<Record<string, string>> = {
  'parent-child': 'ParentChild',
  'tree-root': 'TreeRoot',
  shortcut: 'Shortcut',
  forest: 'Forest',
  external: 'External',
};
