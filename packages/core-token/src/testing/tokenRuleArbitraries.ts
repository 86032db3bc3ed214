import fc from 'fast-check';
import { type Sid, sid } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { PRIVILEGES, type PrivilegeName } from '../token/privileges.js';
import {
  type ElevationType,
  GROUP_ATTRIBUTES,
  IMPERSONATION_LEVELS,
  type Luid,
  type Token,
  type TokenPrivilege,
  token,
} from '../token/token.js';
import type { AdjustTokenPrivilegesChange } from '../tokenRules/adjustTokenPrivileges.js';
import type { RestrictTokenOptions } from '../tokenRules/restrictToken.js';
import { pooledSidArbitrary, TEST_DOMAIN_SID, tokenArbitrary } from './index.js';

const PRIVILEGE_NAMES = Object.keys(PRIVILEGES) as PrivilegeName[];
/** A few logon-session LUIDs: SYSTEM's, NETWORK SERVICE's, ANONYMOUS LOGON's and two interactive ones. */
const LOGON_SESSIONS: readonly Luid[] = [0x3e7, 0x3e4, 0x3e6, 0x10_000, 0x20_000];
const ORIGINS: readonly Luid[] = [0, 0, 0x3e7, 0x10_000, 0x20_000];

/**
 * A process (primary) token for impersonation scenarios: a {@link tokenArbitrary} token made primary, in a
 * small pool of logon sessions, session 0 or 1, any elevation type, and — half the time — holding
 * SeImpersonatePrivilege enabled or disabled.
 *
 * @returns an arbitrary of primary tokens
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { processTokenArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(processTokenArbitrary(), 1)[0]?.type; // 'primary'
 * ```
 * @see ImpersonateLoggedOnUser, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-impersonateloggedonuser
 */
export function processTokenArbitrary(): fc.Arbitrary<Token> {
  return fc
    .record({
      base: tokenArbitrary(),
      authenticationId: fc.constantFrom(...LOGON_SESSIONS),
      sessionId: fc.constantFrom(0, 1),
      elevationType: fc.constantFrom<ElevationType>('default', 'limited', 'full'),
      impersonate: fc.constantFrom<number | null>(null, 0, 3),
    })
    .map(({ base, authenticationId, sessionId, elevationType, impersonate }) => {
      const privileges: TokenPrivilege[] = base.privileges.filter((p) => p.name !== 'SeImpersonatePrivilege');
      if (impersonate !== null) privileges.push({ name: 'SeImpersonatePrivilege', attributes: impersonate });
      return token({
        ...base,
        type: 'primary',
        impersonationLevel: null,
        privileges,
        authenticationId,
        sessionId,
        elevationType,
      });
    });
}

/**
 * A caller's process token and a token it tries to impersonate, sharing the user half the time (so the
 * same-user rules get exercised), with the candidate at any level — Anonymous included — or primary, from
 * any logon session, with an origin that is sometimes the caller's logon session.
 *
 * @returns an arbitrary of `{ caller, candidate }` pairs
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { impersonationCheck } from '@doublehop/core-token';
 * import { impersonationScenarioArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(impersonationScenarioArbitrary(), ({ caller, candidate }) =>
 *   impersonationCheck(caller, candidate).level !== 'Delegation' || candidate.impersonationLevel === 'Delegation'));
 * ```
 * @see SeTokenCanImpersonate (Forshaw, *Windows Security Internals* ch. 4)
 */
export function impersonationScenarioArbitrary(): fc.Arbitrary<{
  readonly caller: Token;
  readonly candidate: Token;
}> {
  return fc
    .record({
      caller: processTokenArbitrary(),
      base: tokenArbitrary(),
      sameUser: fc.boolean(),
      level: fc.constantFrom(...IMPERSONATION_LEVELS, null),
      authenticationId: fc.constantFrom(...LOGON_SESSIONS),
      origin: fc.constantFrom(...ORIGINS),
      originIsCaller: fc.boolean(),
      sessionId: fc.constantFrom(0, 1),
      elevationType: fc.constantFrom<ElevationType>('default', 'limited', 'full'),
    })
    .map(
      ({
        caller,
        base,
        sameUser,
        level,
        authenticationId,
        origin,
        originIsCaller,
        sessionId,
        elevationType,
      }) => ({
        caller,
        candidate: token({
          ...base,
          user: sameUser ? caller.user : base.user,
          type: level === null ? 'primary' : 'impersonation',
          impersonationLevel: level,
          authenticationId,
          origin: originIsCaller ? caller.authenticationId : origin,
          sessionId,
          elevationType,
        }),
      }),
    );
}

// Built on first use: testing/index.ts imports this module before it defines TEST_DOMAIN_SID.
const adminGroups = (): Sid[] => [
  WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
  WELL_KNOWN_SIDS.BACKUP_OPERATORS.sid,
  WELL_KNOWN_SIDS.LOCAL_ACCOUNT_AND_ADMINISTRATOR.sid,
  sid(`${TEST_DOMAIN_SID.text}-512`),
];

/**
 * An administrator's full token, as an impersonation token so the access check accepts it: a pooled user,
 * pooled groups plus one to four administrator-like groups (BUILTIN\Administrators, Backup Operators, Local
 * account and member of Administrators group, Domain Admins), often the owner; any privileges; High or
 * System integrity; unrestricted.
 *
 * @returns an arbitrary of full administrator tokens
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { isElevated } from '@doublehop/core-token';
 * import { administratorTokenArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(administratorTokenArbitrary(), (full) => isElevated(full)));
 * ```
 * @see How User Account Control works, https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works
 */
export function administratorTokenArbitrary(): fc.Arbitrary<Token> {
  const { SE_GROUP_ENABLED, SE_GROUP_ENABLED_BY_DEFAULT, SE_GROUP_MANDATORY, SE_GROUP_OWNER } =
    GROUP_ATTRIBUTES;
  return fc
    .record({
      base: tokenArbitrary({ unrestricted: true }),
      admins: fc.subarray(adminGroups(), { minLength: 1 }),
      ownerIsAdmins: fc.boolean(),
      integrityLevel: fc.constantFrom(
        WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
        WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      ),
    })
    .map(({ base, admins, ownerIsAdmins, integrityLevel }) => {
      const attributes = SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_MANDATORY | SE_GROUP_OWNER;
      const others = base.groups.filter((g) => !admins.includes(g.sid));
      const first = admins[0] as Sid;
      return token({
        ...base,
        groups: [...admins.map((s) => ({ sid: s, attributes })), ...others],
        owner: ownerIsAdmins ? first : base.user.sid,
        integrityLevel,
      });
    });
}

/**
 * CreateRestrictedToken options over pooled SIDs: any mix of DISABLE_MAX_PRIVILEGE, SIDs to disable,
 * privileges to delete, restricting SIDs, WRITE_RESTRICTED and LUA_TOKEN, each present or absent.
 *
 * @returns an arbitrary of {@link RestrictTokenOptions}
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { restrictTokenOptionsArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(restrictTokenOptionsArbitrary(), 1); // e.g. [{ disableMaxPrivilege: true, restrictingSids: [Sid(S-1-1-0)] }]
 * ```
 * @see CreateRestrictedToken, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-createrestrictedtoken
 */
export function restrictTokenOptionsArbitrary(): fc.Arbitrary<RestrictTokenOptions> {
  return fc.record(
    {
      disableMaxPrivilege: fc.boolean(),
      sidsToDisable: fc.array(pooledSidArbitrary(), { maxLength: 4 }),
      privilegesToDelete: fc.subarray(PRIVILEGE_NAMES, { maxLength: 4 }),
      restrictingSids: fc.array(pooledSidArbitrary(), { maxLength: 4 }),
      writeRestricted: fc.boolean(),
      luaToken: fc.boolean(),
    },
    { requiredKeys: [] },
  );
}

/**
 * An AdjustTokenPrivileges request: now and then DisableAllPrivileges, otherwise zero to five NewState
 * entries enabling, disabling or removing any privilege (held or not).
 *
 * @returns an arbitrary of {@link AdjustTokenPrivilegesChange}
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { privilegeChangeArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(privilegeChangeArbitrary(), 1); // e.g. [{ privileges: [{ name: 'SeDebugPrivilege', enable: true }] }]
 * ```
 * @see AdjustTokenPrivileges, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokenprivileges
 */
export function privilegeChangeArbitrary(): fc.Arbitrary<AdjustTokenPrivilegesChange> {
  const entry = fc.record(
    { name: fc.constantFrom(...PRIVILEGE_NAMES), enable: fc.boolean(), remove: fc.boolean() },
    { requiredKeys: ['name'] },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<AdjustTokenPrivilegesChange>({ disableAll: true }) },
    { weight: 6, arbitrary: fc.array(entry, { maxLength: 5 }).map((privileges) => ({ privileges })) },
  );
}
