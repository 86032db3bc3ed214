import type { AccountInit } from '@doublehop/logon';
import { expect } from 'vitest';
import {
  type EstateMachine,
  type EstateModel,
  type EstateService,
  evaluateFlow,
  type FlowVerdict,
} from '../../src/index.js';

/**
 * corp.example (CORP) with a workstation, a web server, a SQL Server and a file server:
 * - alice, bob, billy: ordinary users; admin: Domain Admins, "Account is sensitive and cannot be delegated";
 *   pu: Protected Users;
 * - svc-web runs the web site (HTTP/web01.corp.example), svc-sql the SQL Server
 *   (MSSQLSvc/sql01.corp.example:1433); the file server's Server service runs as LocalSystem (cifs/fs01 → HOST/FS01).
 * Each test adds the delegation settings it is about.
 */
export const USERS: readonly AccountInit[] = [
  { kind: 'user', samAccountName: 'alice' },
  { kind: 'user', samAccountName: 'bob' },
  { kind: 'user', samAccountName: 'billy' },
  { kind: 'user', samAccountName: 'admin', accountNotDelegated: true, memberOf: ['Domain Admins'] },
  { kind: 'user', samAccountName: 'pu', memberOf: ['Protected Users'] },
];

export const MACHINES: readonly EstateMachine[] = [
  { name: 'WS01', domain: 'corp.example', role: 'workstation' },
  { name: 'WEB01', domain: 'corp.example' },
  { name: 'SQL01', domain: 'corp.example' },
  { name: 'FS01', domain: 'corp.example' },
];

export const web = (over: Partial<EstateService> = {}): EstateService => ({
  name: 'web',
  machine: 'WEB01',
  runsAs: 'CORP\\svc-web',
  endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' },
  authentication: ['negotiate'],
  calls: [{ service: 'sql' }],
  ...over,
});

export const sql = (over: Partial<EstateService> = {}): EstateService => ({
  name: 'sql',
  machine: 'SQL01',
  runsAs: 'CORP\\svc-sql',
  endpoint: { serviceClass: 'MSSQLSvc', host: 'sql01.corp.example', port: 1433 },
  authentication: ['negotiate'],
  calls: [{ service: 'files' }],
  ...over,
});

export const files = (over: Partial<EstateService> = {}): EstateService => ({
  name: 'files',
  machine: 'FS01',
  runsAs: 'LocalSystem',
  endpoint: { serviceClass: 'cifs', host: 'fs01.corp.example' },
  authentication: ['negotiate'],
  ...over,
});

/** The service accounts, with extra settings. */
export function serviceAccounts(
  webExtra: Partial<AccountInit> = {},
  sqlExtra: Partial<AccountInit> = {},
): AccountInit[] {
  return [
    {
      kind: 'user',
      samAccountName: 'svc-web',
      servicePrincipalNames: ['HTTP/web01.corp.example'],
      ...webExtra,
    } as AccountInit,
    {
      kind: 'user',
      samAccountName: 'svc-sql',
      servicePrincipalNames: ['MSSQLSvc/sql01.corp.example:1433', 'MSSQLSvc/sql01.corp.example'],
      ...sqlExtra,
    } as AccountInit,
  ];
}

/** An estate of the base machines and users plus `accounts`, `services` and flows over `paths`. */
export function estate(parts: {
  readonly accounts?: readonly AccountInit[];
  readonly services: readonly EstateService[];
  readonly machines?: readonly EstateMachine[];
  readonly flows?: EstateModel['flows'];
  readonly trusts?: EstateModel['trusts'];
  readonly domains?: EstateModel['domains'];
  readonly kdc?: EstateModel['kdc'];
  readonly assertions?: EstateModel['assertions'];
}): EstateModel {
  return {
    ...(parts.kdc === undefined ? {} : { kdc: parts.kdc }),
    domains: parts.domains ?? [{ dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' }],
    ...(parts.trusts === undefined ? {} : { trusts: parts.trusts }),
    accounts: [...USERS, ...(parts.accounts ?? [])],
    machines: parts.machines ?? MACHINES,
    services: parts.services,
    flows: parts.flows ?? [
      { name: 'alice', user: 'alice', start: { machine: 'WS01' }, path: parts.services.map((s) => s.name) },
    ],
    ...(parts.assertions === undefined ? {} : { assertions: parts.assertions }),
  };
}

/**
 * Two forests: corp.example (the base estate) and partner.example, which trusts it one way (a forest trust, TGT
 * delegation as given). In partner.example, svc-pweb runs a web site (HTTP/pweb.partner.example) with
 * unconstrained delegation, calling svc-psql's SQL Server (MSSQLSvc/psql.partner.example:1433).
 */
export function twoForests(enableTgtDelegation: boolean): EstateModel {
  return estate({
    domains: [
      { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
      { dnsName: 'partner.example', netbiosName: 'PARTNER', sid: 'S-1-5-21-7-8-9' },
    ],
    trusts: [
      {
        between: ['partner.example', 'corp.example'],
        type: 'forest',
        direction: 'one-way',
        enableTgtDelegation,
      },
    ],
    machines: [
      ...MACHINES,
      { name: 'PWEB', domain: 'partner.example' },
      { name: 'PSQL', domain: 'partner.example' },
    ],
    accounts: [
      {
        kind: 'user',
        samAccountName: 'svc-pweb',
        domain: 'partner.example',
        servicePrincipalNames: ['HTTP/pweb.partner.example'],
        trustedForDelegation: true,
      },
      {
        kind: 'user',
        samAccountName: 'svc-psql',
        domain: 'partner.example',
        servicePrincipalNames: ['MSSQLSvc/psql.partner.example:1433'],
      },
    ],
    services: [
      web({
        name: 'pweb',
        machine: 'PWEB',
        runsAs: 'PARTNER\\svc-pweb',
        endpoint: { serviceClass: 'HTTP', host: 'pweb.partner.example' },
        calls: [{ service: 'psql' }],
      }),
      sql({
        name: 'psql',
        machine: 'PSQL',
        runsAs: 'PARTNER\\svc-psql',
        endpoint: { serviceClass: 'MSSQLSvc', host: 'psql.partner.example', port: 1433 },
        calls: [],
      }),
    ],
  });
}

/** A flow of `user` over `path` in `model`, evaluated. */
export function run(model: EstateModel, user: string, path: readonly string[], start = 'WS01'): FlowVerdict {
  return evaluateFlow(model, `${user}:${path.join('>')}`, {
    flow: { name: 'probe', user, start: { machine: start }, path },
  });
}

/** The hops' mechanisms, identities, levels and outcomes, for compact assertions. */
export function summary(v: FlowVerdict): string[] {
  return v.hops.map(
    (h) => `${h.to}: ${h.mechanism} ${h.identity.name ?? '-'} ${h.level ?? '-'} ${h.outcome}`,
  );
}

/** Asserts the flow stops at `hop` for `reason`. */
export function expectWhyNot(v: FlowVerdict, hop: number, reason: string): void {
  expect(v.reached).toBe(false);
  expect({ hop: v.whyNot?.hop, reason: v.whyNot?.reason }).toEqual({ hop, reason });
}
