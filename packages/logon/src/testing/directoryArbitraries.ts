import fc from 'fast-check';
import type { GroupScope } from '../directory/account.js';
import { type Directory, directory } from '../directory/directory.js';
import type { AccountInit, DirectoryInit } from '../directory/directoryInit.js';

/**
 * Options of {@link directoryInitArbitrary} and {@link directoryArbitrary}.
 *
 * @example
 * ```ts
 * import type { DirectoryArbitraryOptions } from '@doublehop/logon/testing';
 *
 * const small: DirectoryArbitraryOptions = { maxUsers: 2, maxGroups: 3 };
 * ```
 */
export interface DirectoryArbitraryOptions {
  /** Users `u0` … (1 to this many). Default 4. */
  readonly maxUsers?: number;
  /** Groups `g0` … (0 to this many). Default 6. */
  readonly maxGroups?: number;
  /** Also generate a child domain `emea.corp.example` with some of the accounts. Default `true`. */
  readonly childDomain?: boolean;
}

/**
 * A generated directory declaration with the names it used, so properties can pick accounts from it.
 *
 * @example
 * ```ts
 * import type { GeneratedDirectoryInit } from '@doublehop/logon/testing';
 *
 * const firstUser = (g: GeneratedDirectoryInit): string | undefined => g.users[0];
 * ```
 */
export interface GeneratedDirectoryInit {
  /** The declaration, for {@link directory}. */
  readonly init: DirectoryInit;
  /** The user names (`CORP\u0`, `EMEA\u3` …). */
  readonly users: readonly string[];
  /** The group names (`CORP\g0` …). */
  readonly groups: readonly string[];
}

/**
 * Directory declarations with users and groups of every scope, random nested memberships that respect AD's
 * nesting rules — **cycles included**, as AD allows them — occasionally distribution groups, disabled users and Protected Users members, in
 * `corp.example` (SID `S-1-5-21-1-2-3`, NetBIOS `CORP`) and optionally its child `emea.corp.example`. Every user
 * `uN` has the password `pw-uN`.
 *
 * @param options - sizes
 * @returns an arbitrary of declarations
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { directoryInitArbitrary } from '@doublehop/logon/testing';
 *
 * fc.assert(fc.property(directoryInitArbitrary(), (g) => g.users.length >= 1));
 * ```
 * @see MS-ADTS 3.1.1.4.5.19 (tokenGroups over nested memberships)
 */
export function directoryInitArbitrary(
  options: DirectoryArbitraryOptions = {},
): fc.Arbitrary<GeneratedDirectoryInit> {
  const maxUsers = options.maxUsers ?? 4;
  const maxGroups = options.maxGroups ?? 6;
  const child = options.childDomain ?? true;
  return fc
    .record({
      userCount: fc.integer({ min: 1, max: maxUsers }),
      groupCount: fc.integer({ min: 0, max: maxGroups }),
      withChild: child ? fc.boolean() : fc.constant(false),
    })
    .chain(({ userCount, groupCount, withChild }) => {
      const domainOf = (i: number): string => (withChild && i % 2 === 1 ? 'EMEA' : 'CORP');
      const users = Array.from({ length: userCount }, (_, i) => `${domainOf(i)}\\u${i}`);
      const groups = Array.from({ length: groupCount }, (_, i) => `${domainOf(i + 1)}\\g${i}`);
      const memberOf = (count: number) =>
        count === 0
          ? fc.constant<number[]>([])
          : fc.uniqueArray(fc.integer({ min: 0, max: count - 1 }), { maxLength: 3 });
      const scope = fc.constantFrom<GroupScope>('global', 'global', 'universal', 'domainLocal');
      return fc
        .record({
          users: fc.array(
            fc.record({
              memberOf: memberOf(groupCount),
              protectedUser: fc.oneof(
                { weight: 5, arbitrary: fc.constant(false) },
                { weight: 1, arbitrary: fc.constant(true) },
              ),
            }),
            { minLength: userCount, maxLength: userCount },
          ),
          groups: fc.array(
            fc.record({
              memberOf: memberOf(groupCount),
              scope,
              securityEnabled: fc.oneof(
                { weight: 6, arbitrary: fc.constant(true) },
                { weight: 1, arbitrary: fc.constant(false) },
              ),
            }),
            { minLength: groupCount, maxLength: groupCount },
          ),
          disabledUser: fc.integer({ min: -1, max: userCount - 1 }),
        })
        .map(({ users: u, groups: g, disabledUser }): GeneratedDirectoryInit => {
          // AD's nesting rules: a global group holds accounts and global groups of its own domain; a universal
          // group accounts, global and universal groups of the forest; a domain local group anything but domain
          // local groups of other domains. Edges that break them are dropped (AD refuses to write them).
          const legal = (
            child: { scope: GroupScope | 'account'; domain: string },
            parent: number,
          ): boolean => {
            const p = g[parent];
            if (p === undefined) return false;
            const parentDomain = domainOf(parent + 1);
            if (p.scope === 'global')
              return (child.scope === 'account' || child.scope === 'global') && child.domain === parentDomain;
            if (p.scope === 'universal') return child.scope !== 'domainLocal';
            return child.scope !== 'domainLocal' || child.domain === parentDomain;
          };
          const accounts: AccountInit[] = [
            ...u.map(
              (x, i): AccountInit => ({
                kind: 'user',
                samAccountName: `u${i}`,
                domain: domainOf(i),
                password: `pw-u${i}`,
                enabled: i !== disabledUser,
                memberOf: [
                  ...x.memberOf
                    .filter((j) => legal({ scope: 'account', domain: domainOf(i) }, j))
                    .map((j) => groups[j] as string),
                  ...(x.protectedUser ? [`${domainOf(i)}\\Protected Users`] : []),
                ],
              }),
            ),
            ...g.map(
              (x, i): AccountInit => ({
                kind: 'group',
                samAccountName: `g${i}`,
                domain: domainOf(i + 1),
                scope: x.scope,
                securityEnabled: x.securityEnabled,
                memberOf: x.memberOf
                  .filter((j) => legal({ scope: x.scope, domain: domainOf(i + 1) }, j))
                  .map((j) => groups[j] as string),
              }),
            ),
            { kind: 'computer', samAccountName: 'SRV01', domain: 'CORP' },
          ];
          return {
            init: {
              domains: [
                { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
                ...(withChild
                  ? [
                      {
                        dnsName: 'emea.corp.example',
                        netbiosName: 'EMEA',
                        parent: 'corp.example',
                        sid: 'S-1-5-21-4-5-6',
                      },
                    ]
                  : []),
              ],
              accounts,
            },
            users,
            groups,
          };
        });
    });
}

/**
 * Built directories ({@link directoryInitArbitrary} passed through {@link directory}).
 *
 * @param options - sizes
 * @returns an arbitrary of directories
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { directoryArbitrary } from '@doublehop/logon/testing';
 *
 * fc.assert(fc.property(directoryArbitrary({ childDomain: false }), (dir) => dir.domains.length === 1));
 * ```
 * @see MS-ADTS 3.1.1
 */
export function directoryArbitrary(options: DirectoryArbitraryOptions = {}): fc.Arbitrary<Directory> {
  return directoryInitArbitrary(options).map((g) => directory(g.init));
}
