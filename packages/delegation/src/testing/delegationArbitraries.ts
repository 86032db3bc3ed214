import type { AccountInit, DirectoryInit, PrincipalInit } from '@doublehop/logon';
import fc from 'fast-check';

/**
 * Options of {@link delegationDirectoryArbitrary}.
 *
 * @example
 * ```ts
 * import type { DelegationDirectoryOptions } from '@doublehop/delegation/testing';
 *
 * const small: DelegationDirectoryOptions = { maxUsers: 2, maxServices: 3, childDomain: false };
 * ```
 * @see MS-SFU 3.2.1
 */
export interface DelegationDirectoryOptions {
  /** Users `u0` … (1 to this many). Default 3. */
  readonly maxUsers?: number;
  /** Service computers `S0$` … (2 to this many). Default 4. */
  readonly maxServices?: number;
  /** Put every other service in the child domain `emea.corp.example`. Default: sometimes. */
  readonly childDomain?: boolean;
}

/**
 * A generated directory declaration with delegation settings, and the names it used.
 *
 * @example
 * ```ts
 * import type { GeneratedDelegationDirectory } from '@doublehop/delegation/testing';
 *
 * const firstSpn = (g: GeneratedDelegationDirectory): string | undefined => g.spns[0];
 * ```
 * @see MS-SFU 3.2.1
 */
export interface GeneratedDelegationDirectory {
  /** The declaration, for `directory()` from `@doublehop/logon`. */
  readonly init: DirectoryInit;
  /** The users, as `CORP\u0` …; some sensitive (NOT_DELEGATED), some in Protected Users. */
  readonly users: readonly string[];
  /** The service accounts, as `CORP\S0$` or `EMEA\S1$` …, index-aligned with {@link GeneratedDelegationDirectory.spns}. */
  readonly services: readonly string[];
  /** Each service's SPN, `HTTP/s0` …; every service also holds `cifs/sN`. */
  readonly spns: readonly string[];
}

/**
 * Directory declarations for KDC properties: users (ordinary, NOT_DELEGATED, Protected Users), service computers
 * `S0$` … each holding `HTTP/sN` and `cifs/sN`, with random TRUSTED_FOR_DELEGATION, TRUSTED_TO_AUTH_FOR_DELEGATION,
 * msDS-AllowedToDelegateTo (SPNs of any service) and RBCD descriptors (other services, or the group
 * `Front Ends`), in `corp.example` and optionally its child `emea.corp.example`.
 *
 * @param options - sizes, and whether to use the child domain
 * @returns an arbitrary of declarations
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { directory } from '@doublehop/logon';
 * import { delegationDirectoryArbitrary } from '@doublehop/delegation/testing';
 *
 * fc.assert(fc.property(delegationDirectoryArbitrary(), (g) => directory(g.init).accounts.length > g.services.length), { numRuns: 5 });
 * ```
 * @see MS-SFU 3.2.1 (the delegation settings an account carries); MS-ADTS 2.2.16 (userAccountControl)
 */
export function delegationDirectoryArbitrary(
  options: DelegationDirectoryOptions = {},
): fc.Arbitrary<GeneratedDelegationDirectory> {
  const maxUsers = Math.max(1, options.maxUsers ?? 3);
  const maxServices = Math.max(2, options.maxServices ?? 4);
  return fc
    .record({
      userCount: fc.integer({ min: 1, max: maxUsers }),
      serviceCount: fc.integer({ min: 2, max: maxServices }),
      withChild: options.childDomain === undefined ? fc.boolean() : fc.constant(options.childDomain),
    })
    .chain(({ userCount, serviceCount, withChild }) => {
      const services = Array.from(
        { length: serviceCount },
        (_, i) => `${withChild && i % 2 === 1 ? 'EMEA' : 'CORP'}\\S${i}$`,
      );
      const allSpns = services.flatMap((_, i) => [`HTTP/s${i}`, `cifs/s${i}`]);
      const user = fc.record({ sensitive: fc.boolean(), protectedUser: fc.boolean() });
      const service = fc.record({
        trustedForDelegation: fc.boolean(),
        trustedToAuthForDelegation: fc.boolean(),
        allowedToDelegateTo: fc.subarray(allSpns, { maxLength: 3 }),
        rbcd: fc.subarray([...services, 'CORP\\Front Ends'], { maxLength: 3 }),
      });
      return fc.record({
        services: fc.constant(services),
        users: fc.array(user, { minLength: userCount, maxLength: userCount }),
        settings: fc.array(service, { minLength: serviceCount, maxLength: serviceCount }),
        frontEnds: fc.subarray(services),
      });
    })
    .map(({ services, users, settings, frontEnds }) => {
      const accounts: AccountInit[] = [
        ...users.map(
          (u, i): PrincipalInit => ({
            kind: 'user',
            samAccountName: `u${i}`,
            domain: 'corp.example',
            accountNotDelegated: u.sensitive,
            ...(u.protectedUser ? { memberOf: ['CORP\\Protected Users'] } : {}),
          }),
        ),
        ...settings.map(
          (s, i): PrincipalInit => ({
            kind: 'computer',
            samAccountName: `S${i}`,
            domain: services[i]?.startsWith('EMEA') ? 'emea.corp.example' : 'corp.example',
            servicePrincipalNames: [`HTTP/s${i}`, `cifs/s${i}`],
            trustedForDelegation: s.trustedForDelegation,
            trustedToAuthForDelegation: s.trustedToAuthForDelegation,
            allowedToDelegateTo: s.allowedToDelegateTo,
            principalsAllowedToDelegateToAccount: s.rbcd,
          }),
        ),
        {
          kind: 'group',
          samAccountName: 'Front Ends',
          domain: 'corp.example',
          scope: 'domainLocal',
          members: frontEnds,
        },
      ];
      return {
        init: {
          domains: [
            { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
            {
              dnsName: 'emea.corp.example',
              netbiosName: 'EMEA',
              sid: 'S-1-5-21-1-2-4',
              parent: 'corp.example',
            },
          ],
          accounts,
        },
        users: users.map((_, i) => `CORP\\u${i}`),
        services,
        spns: services.map((_, i) => `HTTP/s${i}`),
      };
    });
}

/**
 * How a generated S4U2Proxy attempt gets its evidence ticket: the user authenticated to the front end with Kerberos,
 * the front end used S4U2Self, or it used S4U2Self and flipped FORWARDABLE (the Bronze Bit).
 */
export type EvidenceSource = 'kerberos' | 's4u2self' | 'bronze-bit';

/**
 * One generated delegation attempt over a {@link GeneratedDelegationDirectory}: a user, a front-end service, a
 * target SPN, how the evidence is obtained, and the PA-PAC-OPTIONS RBCD bit.
 *
 * @example
 * ```ts
 * import type { DelegationAttempt } from '@doublehop/delegation/testing';
 *
 * const attempt: DelegationAttempt = { user: 0, front: 0, target: 'cifs/s1', evidence: 's4u2self', resourceBased: true };
 * ```
 * @see MS-SFU 3.1.5.2.1
 */
export interface DelegationAttempt {
  /** Index into {@link GeneratedDelegationDirectory.users}. */
  readonly user: number;
  /** Index into {@link GeneratedDelegationDirectory.services}: the front end. */
  readonly front: number;
  /** The target SPN (`HTTP/sN` or `cifs/sN`). */
  readonly target: string;
  /** Where the evidence ticket comes from. */
  readonly evidence: EvidenceSource;
  /** The PA-PAC-OPTIONS resource-based constrained delegation bit. */
  readonly resourceBased: boolean;
}

/**
 * Delegation attempts over a generated directory.
 *
 * @param generated - the directory the attempts refer to
 * @returns an arbitrary of attempts
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { delegationAttemptArbitrary, delegationDirectoryArbitrary } from '@doublehop/delegation/testing';
 *
 * fc.assert(
 *   fc.property(delegationDirectoryArbitrary().chain((g) => delegationAttemptArbitrary(g)), (a) => a.front >= 0),
 *   { numRuns: 5 },
 * );
 * ```
 * @see MS-SFU 3.1.5.2.1 (how a front end obtains evidence); CVE-2020-17049
 */
export function delegationAttemptArbitrary(
  generated: GeneratedDelegationDirectory,
): fc.Arbitrary<DelegationAttempt> {
  const targets = generated.spns.flatMap((s, i) => [s, `cifs/s${i}`]);
  return fc.record({
    user: fc.integer({ min: 0, max: generated.users.length - 1 }),
    front: fc.integer({ min: 0, max: generated.services.length - 1 }),
    target: fc.constantFrom(...targets),
    evidence: fc.constantFrom<EvidenceSource>('kerberos', 's4u2self', 'bronze-bit'),
    resourceBased: fc.boolean(),
  });
}
