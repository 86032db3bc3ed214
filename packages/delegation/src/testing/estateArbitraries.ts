import type { AccountInit } from '@doublehop/logon';
import fc from 'fast-check';
import type {
  EstateAuthentication,
  EstateCall,
  EstateFlow,
  EstateModel,
  EstateService,
} from '../estate/estateModel.js';

/**
 * Options of {@link estateArbitrary}.
 *
 * @example
 * ```ts
 * import type { EstateArbitraryOptions } from '@doublehop/delegation/testing';
 *
 * const small: EstateArbitraryOptions = { maxServices: 3, maxUsers: 2 };
 * ```
 * @see {@link estateArbitrary}
 */
export interface EstateArbitraryOptions {
  /** At most this many services (default 5, at least 1). */
  readonly maxServices?: number;
  /** At most this many users (default 3, at least 1). */
  readonly maxUsers?: number;
  /** At most this many flows (default 3). */
  readonly maxFlows?: number;
}

/**
 * A generated estate and the names it uses.
 *
 * @example
 * ```ts
 * import type { GeneratedEstate } from '@doublehop/delegation/testing';
 *
 * const flowNames = (g: GeneratedEstate): string[] => (g.model.flows ?? []).map((f) => f.name);
 * ```
 * @see {@link estateArbitrary}
 */
export interface GeneratedEstate {
  /** The estate. */
  readonly model: EstateModel;
  /** The users, `CORP\uN`. */
  readonly users: readonly string[];
  /** The services, `sN`, in call order (a service only calls services after it). */
  readonly services: readonly string[];
  /** The accounts the services run as, `CORP\svcN` or `CORP\SN$`, by service index. */
  readonly serviceAccounts: readonly string[];
  /** The SPN clients of each service ask for, by service index. */
  readonly spns: readonly string[];
}

const AUTHENTICATION: readonly (readonly EstateAuthentication[])[] = [
  ['negotiate'],
  ['negotiate'],
  ['negotiate'],
  ['kerberos'],
  ['negotiate', 'ntlm'],
  ['ntlm'],
  ['forms'],
  ['basic'],
  ['credssp'],
  ['anonymous'],
];

/**
 * Estates of one domain with random delegation: users (some sensitive, some in Protected Users), a workstation
 * (with or without Credential Guard), services each on its own server running as a domain account or as
 * NetworkService, with random accepted methods, impersonation, calls to later services (as the caller or as
 * themselves, asking to identify, impersonate or delegate), unconstrained delegation, KCD (with or without
 * protocol transition), RBCD grants — and flows along the calls.
 *
 * @param options - size limits
 * @returns an arbitrary of estates
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { estateArbitrary } from '@doublehop/delegation/testing';
 *
 * fc.assert(fc.property(estateArbitrary({ maxServices: 2 }), (g) => g.services.length >= 1), { numRuns: 5 });
 * ```
 * @see MS-SFU 3.2.5; MS-KILE 3.3.5.1
 */
export function estateArbitrary(options: EstateArbitraryOptions = {}): fc.Arbitrary<GeneratedEstate> {
  const maxServices = Math.max(1, options.maxServices ?? 5);
  const maxUsers = Math.max(1, options.maxUsers ?? 3);
  const maxFlows = options.maxFlows ?? 3;
  return fc
    .record({
      serviceCount: fc.integer({ min: 1, max: maxServices }),
      userCount: fc.integer({ min: 1, max: maxUsers }),
    })
    .chain(({ serviceCount, userCount }) => {
      const indexes = Array.from({ length: serviceCount }, (_, i) => i);
      const spns = indexes.map((i) => `HTTP/s${i}.corp.example`);
      const service = (i: number) =>
        fc.record({
          domainAccount: fc.boolean(),
          authentication: fc.constantFrom(...AUTHENTICATION),
          impersonates: fc.oneof(
            { weight: 5, arbitrary: fc.constant(true) },
            { weight: 1, arbitrary: fc.constant(false) },
          ),
          protocolTransition: fc.boolean(),
          unconstrained: fc.oneof(
            { weight: 4, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
          anyProtocol: fc.boolean(),
          kcd: fc.subarray(spns, { maxLength: Math.min(2, spns.length) }),
          rbcd: fc.subarray(
            indexes.filter((j) => j !== i),
            { maxLength: Math.min(2, indexes.length - 1) },
          ),
          calls: fc.subarray(
            indexes.filter((j) => j > i),
            { maxLength: Math.min(2, indexes.length - 1 - i) },
          ),
          callAs: fc.constantFrom<'caller' | 'self'>('caller', 'caller', 'caller', 'self'),
          request: fc.constantFrom<'identify' | 'impersonate' | 'delegate'>(
            'impersonate',
            'impersonate',
            'delegate',
            'identify',
          ),
        });
      const user = fc.record({
        sensitive: fc.oneof(
          { weight: 3, arbitrary: fc.constant(false) },
          { weight: 1, arbitrary: fc.constant(true) },
        ),
        protectedUser: fc.oneof(
          { weight: 3, arbitrary: fc.constant(false) },
          { weight: 1, arbitrary: fc.constant(true) },
        ),
      });
      return fc.record({
        services: fc.tuple(...indexes.map(service)),
        users: fc.array(user, { minLength: userCount, maxLength: userCount }),
        credentialGuard: fc.boolean(),
        flows: fc.array(
          fc.record({
            user: fc.integer({ min: 0, max: userCount - 1 }),
            start: fc.integer({ min: 0, max: serviceCount - 1 }),
            choices: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
            request: fc.constantFrom<'impersonate' | 'delegate'>('impersonate', 'delegate'),
          }),
          { minLength: 1, maxLength: Math.max(1, maxFlows) },
        ),
      });
    })
    .map(({ services, users, credentialGuard, flows }) => build(services, users, credentialGuard, flows));
}

interface ServiceDraft {
  readonly domainAccount: boolean;
  readonly authentication: readonly EstateAuthentication[];
  readonly impersonates: boolean;
  readonly protocolTransition: boolean;
  readonly unconstrained: boolean;
  readonly anyProtocol: boolean;
  readonly kcd: readonly string[];
  readonly rbcd: readonly number[];
  readonly calls: readonly number[];
  readonly callAs: 'caller' | 'self';
  readonly request: 'identify' | 'impersonate' | 'delegate';
}

function build(
  drafts: readonly ServiceDraft[],
  users: readonly { readonly sensitive: boolean; readonly protectedUser: boolean }[],
  credentialGuard: boolean,
  flows: readonly {
    readonly user: number;
    readonly start: number;
    readonly choices: readonly number[];
    readonly request: 'impersonate' | 'delegate';
  }[],
): GeneratedEstate {
  const accountName = (i: number): string =>
    (drafts[i] as ServiceDraft).domainAccount ? `svc${i}` : `S${i}$`;
  const accounts: AccountInit[] = users.map((u, i) => ({
    kind: 'user',
    samAccountName: `u${i}`,
    accountNotDelegated: u.sensitive,
    ...(u.protectedUser ? { memberOf: ['Protected Users'] } : {}),
  }));
  const services: EstateService[] = [];
  drafts.forEach((d, i) => {
    const delegation = {
      trustedForDelegation: d.unconstrained,
      trustedToAuthForDelegation: d.anyProtocol,
      allowedToDelegateTo: d.kcd,
      principalsAllowedToDelegateToAccount: d.rbcd.map(accountName),
    };
    accounts.push(
      d.domainAccount
        ? {
            kind: 'user',
            samAccountName: `svc${i}`,
            servicePrincipalNames: [`HTTP/s${i}.corp.example`],
            ...delegation,
          }
        : {
            kind: 'computer',
            samAccountName: `S${i}`,
            servicePrincipalNames: [`HOST/S${i}`, `HOST/s${i}.corp.example`],
            ...delegation,
          },
    );
    const calls: EstateCall[] = d.calls.map((j) => ({ service: `s${j}`, as: d.callAs, request: d.request }));
    services.push({
      name: `s${i}`,
      machine: `S${i}`,
      runsAs: d.domainAccount ? `CORP\\svc${i}` : 'NetworkService',
      endpoint: { serviceClass: 'HTTP', host: `s${i}.corp.example` },
      authentication: d.authentication,
      impersonates: d.impersonates,
      protocolTransition: d.protocolTransition,
      calls,
    });
  });
  const estateFlows: EstateFlow[] = flows.map((f, k) => {
    const path = [`s${f.start}`];
    let at = f.start;
    for (const c of f.choices) {
      const next = (drafts[at] as ServiceDraft).calls;
      if (next.length === 0) break;
      at = next[c % next.length] as number;
      path.push(`s${at}`);
    }
    return { name: `f${k}`, user: `u${f.user}`, start: { machine: 'WS01' }, path, request: f.request };
  });
  const model: EstateModel = {
    domains: [{ dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' }],
    accounts,
    machines: [
      { name: 'WS01', domain: 'corp.example', role: 'workstation', credentialGuard },
      ...drafts.map((_, i) => ({ name: `S${i}`, domain: 'corp.example' })),
    ],
    services,
    flows: estateFlows,
  };
  return {
    model,
    users: users.map((_, i) => `CORP\\u${i}`),
    services: services.map((s) => s.name),
    serviceAccounts: drafts.map((_, i) => `CORP\\${accountName(i)}`),
    spns: drafts.map((_, i) => `HTTP/s${i}.corp.example`),
  };
}
