/**
 * fast-check arbitraries for doublehop's core values — SIDs, access masks, ACEs, security descriptors and
 * tokens — for property tests of your own authorization code, and of ours.
 *
 * @remarks
 * Import from `@doublehop/core-token/testing`; `fast-check` (v4) is a peer dependency. Arbitraries draw
 * from small pools of SIDs by default so that generated tokens and ACLs actually overlap (a random
 * 15-sub-authority SID would almost never appear in both), which is where access-check bugs live.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { accessCheck } from '@doublehop/core-token';
 * import { securityDescriptorArbitrary, tokenArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(securityDescriptorArbitrary(), tokenArbitrary(), (sd, tok) => {
 *   // … a property of your code
 * }));
 * ```
 * @packageDocumentation
 */

import fc from 'fast-check';
import { ACCESS_RIGHTS, type AccessMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import { ACE_FLAGS, type Ace, type AceType, ace } from '../securityDescriptor/ace.js';
import {
  SD_CONTROL,
  type SecurityDescriptor,
  securityDescriptor,
} from '../securityDescriptor/securityDescriptor.js';
import { SID_MAX_SUB_AUTHORITIES, type Sid, sid, sidFromComponents } from '../sid/sid.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { PRIVILEGES, type PrivilegeName } from '../token/privileges.js';
import {
  GROUP_ATTRIBUTES,
  IMPERSONATION_LEVELS,
  type SidAndAttributes,
  TOKEN_MANDATORY_POLICY,
  type Token,
  token,
} from '../token/token.js';

/**
 * Any valid SID: an identifier authority up to 2⁴⁸−1 (small values favoured) and 0–15 sub-authorities.
 *
 * @returns an arbitrary of interned {@link Sid}s
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { parseSid } from '@doublehop/core-token';
 * import { anySidArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(anySidArbitrary(), (s) => parseSid(s.text).ok));
 * ```
 * @see MS-DTYP 2.4.2
 */
export function anySidArbitrary(): fc.Arbitrary<Sid> {
  return fc
    .tuple(
      fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2 ** 48 - 1 })),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 0xffff_ffff })), {
        maxLength: SID_MAX_SUB_AUTHORITIES,
      }),
    )
    .map(([authority, subs]) => sidFromComponents(authority, subs));
}

/** The domain whose accounts the pool-based arbitraries use. */
export const TEST_DOMAIN_SID: Sid = sid('S-1-5-21-1004336348-1177238915-682003330');

const POOL: readonly Sid[] = [
  WELL_KNOWN_SIDS.EVERYONE.sid,
  WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
  WELL_KNOWN_SIDS.SYSTEM.sid,
  WELL_KNOWN_SIDS.NETWORK.sid,
  WELL_KNOWN_SIDS.INTERACTIVE.sid,
  WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
  WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
  WELL_KNOWN_SIDS.ANONYMOUS_LOGON.sid,
  WELL_KNOWN_SIDS.RESTRICTED.sid,
  sid(`${TEST_DOMAIN_SID.text}-512`),
  sid(`${TEST_DOMAIN_SID.text}-513`),
  sid(`${TEST_DOMAIN_SID.text}-1104`),
  sid(`${TEST_DOMAIN_SID.text}-1105`),
  sid(`${TEST_DOMAIN_SID.text}-1106`),
];

/**
 * A SID from a small pool (well-known groups and a handful of accounts of {@link TEST_DOMAIN_SID}), so that
 * tokens and ACLs generated independently share SIDs.
 *
 * @returns an arbitrary of pool SIDs
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { pooledSidArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(pooledSidArbitrary(), 3); // e.g. [Sid(S-1-1-0), Sid(S-1-5-32-544), …]
 * ```
 */
export function pooledSidArbitrary(): fc.Arbitrary<Sid> {
  return fc.constantFrom(...POOL);
}

/**
 * A file access mask: mostly FILE_* specific and standard rights, sometimes a combination such as
 * FILE_GENERIC_READ, never GENERIC_* or MAXIMUM_ALLOWED (those are request-only or unmapped).
 *
 * @returns an arbitrary of masks
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { fileAccessMaskArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(fileAccessMaskArbitrary(), 1); // e.g. [0x120089]
 * ```
 * @see MS-DTYP 2.4.3
 */
export function fileAccessMaskArbitrary(): fc.Arbitrary<AccessMask> {
  const bits = [
    ...Object.values(OBJECT_TYPES.file.rights),
    ...[0x10000, 0x20000, 0x40000, 0x80000, 0x100000],
  ];
  return fc.oneof(
    fc.subarray(bits, { minLength: 1 }).map((chosen) => chosen.reduce((a, b) => a | b, 0) >>> 0),
    fc.constantFrom(...Object.values(OBJECT_TYPES.file.combinations)),
  );
}

/**
 * An ACE of the kinds a DACL holds (allowed and denied, sometimes inherit-only or inherited) over a pooled SID.
 *
 * @returns an arbitrary of DACL ACEs
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { daclAceArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(daclAceArbitrary(), 1); // e.g. [{ type: 'ACCESS_ALLOWED', sid: Sid(S-1-1-0), mask: 0x120089, … }]
 * ```
 * @see MS-DTYP 2.4.4.2, 2.4.4.4
 */
export function daclAceArbitrary(): fc.Arbitrary<Ace> {
  return fc
    .record({
      type: fc.constantFrom<AceType>('ACCESS_ALLOWED', 'ACCESS_ALLOWED', 'ACCESS_DENIED'),
      sid: fc.oneof(
        { weight: 6, arbitrary: pooledSidArbitrary() },
        {
          weight: 1,
          arbitrary: fc.constantFrom(WELL_KNOWN_SIDS.OWNER_RIGHTS.sid, WELL_KNOWN_SIDS.PRINCIPAL_SELF.sid),
        },
      ),
      mask: fileAccessMaskArbitrary(),
      flags: fc.constantFrom(
        0,
        0,
        0,
        ACE_FLAGS.INHERITED_ACE,
        ACE_FLAGS.OBJECT_INHERIT_ACE | ACE_FLAGS.CONTAINER_INHERIT_ACE,
        ACE_FLAGS.INHERIT_ONLY_ACE | ACE_FLAGS.OBJECT_INHERIT_ACE,
      ),
    })
    .map((r) => ace(r.type, r.sid, r.mask, { flags: r.flags }));
}

/**
 * A SYSTEM_MANDATORY_LABEL ACE: Low, Medium, High or System integrity, any combination of the NO_WRITE_UP,
 * NO_READ_UP and NO_EXECUTE_UP policy bits (none included), sometimes inherit-only — which the integrity
 * check must then ignore.
 *
 * @returns an arbitrary of mandatory label ACEs
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { mandatoryLabelAceArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(mandatoryLabelAceArbitrary(), 1)[0]?.type; // 'SYSTEM_MANDATORY_LABEL'
 * ```
 * @see MS-DTYP 2.4.4.13, 2.5.3.3
 */
export function mandatoryLabelAceArbitrary(): fc.Arbitrary<Ace> {
  return fc
    .record({
      level: fc.constantFrom(
        WELL_KNOWN_SIDS.LOW_INTEGRITY.sid,
        WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid,
        WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
        WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      ),
      policy: fc.integer({ min: 0, max: 7 }),
      inheritOnly: fc.boolean(),
    })
    .map(({ level, policy, inheritOnly }) =>
      ace('SYSTEM_MANDATORY_LABEL', level, policy, { flags: inheritOnly ? ACE_FLAGS.INHERIT_ONLY_ACE : 0 }),
    );
}

/**
 * Options for {@link securityDescriptorArbitrary}.
 *
 * @example
 * ```ts
 * import type { SecurityDescriptorArbitraryOptions } from '@doublehop/core-token/testing';
 * import { accessCheckAceArbitrary } from '@doublehop/core-token/testing';
 *
 * const options: SecurityDescriptorArbitraryOptions = { aces: accessCheckAceArbitrary() };
 * ```
 */
export interface SecurityDescriptorArbitraryOptions {
  /** The DACL's ACEs (default {@link daclAceArbitrary}; {@link accessCheckAceArbitrary} adds object, callback and special-SID ACEs). */
  readonly aces?: fc.Arbitrary<Ace>;
}

/**
 * A security descriptor for a file: an owner and group from the pool, a DACL of 0–8 ACEs (or, rarely,
 * no DACL), sometimes protected, and sometimes a SACL with one or two mandatory labels (the access check
 * must read the first).
 *
 * @param options - which ACEs the DACL is made of
 * @returns an arbitrary of security descriptors
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { formatSddl, parseSddl } from '@doublehop/core-token';
 * import { securityDescriptorArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.assert(fc.property(securityDescriptorArbitrary(), (sd) => parseSddl(formatSddl(sd)).ok));
 * ```
 * @see MS-DTYP 2.4.6
 */
export function securityDescriptorArbitrary(
  options: SecurityDescriptorArbitraryOptions = {},
): fc.Arbitrary<SecurityDescriptor> {
  return fc
    .record({
      owner: pooledSidArbitrary(),
      group: pooledSidArbitrary(),
      dacl: fc.oneof(
        { weight: 12, arbitrary: fc.array(options.aces ?? daclAceArbitrary(), { maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constant(null) },
      ),
      sacl: fc.option(fc.array(mandatoryLabelAceArbitrary(), { minLength: 1, maxLength: 2 }), { freq: 3 }),
      protectedDacl: fc.boolean(),
    })
    .map((r) =>
      securityDescriptor({
        owner: r.owner,
        group: r.group,
        dacl: r.dacl,
        sacl: r.sacl,
        control: r.protectedDacl && r.dacl !== null ? SD_CONTROL.SE_DACL_PROTECTED : 0,
      }),
    );
}

const PRIVILEGE_NAMES = Object.keys(PRIVILEGES) as PrivilegeName[];

/**
 * Options for {@link tokenArbitrary}.
 *
 * @example
 * ```ts
 * import type { TokenArbitraryOptions } from '@doublehop/core-token/testing';
 *
 * const options: TokenArbitraryOptions = { restricted: true };
 * ```
 */
export interface TokenArbitraryOptions {
  /** Always give the token restricting SIDs (default: sometimes). */
  readonly restricted?: boolean;
  /** Never give the token restricting SIDs (default: sometimes). */
  readonly unrestricted?: boolean;
}

/**
 * An impersonation token at Identification level or above, with a pooled user, pooled groups whose
 * attributes are enabled, disabled or deny-only, some privileges enabled or not, an integrity level, and
 * sometimes restricting SIDs (write-restricted or not).
 *
 * @param options - force or forbid restricting SIDs
 * @returns an arbitrary of tokens that AccessCheck accepts
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { tokenArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(tokenArbitrary({ unrestricted: true }), 1)[0]?.restrictedSids.length; // 0
 * ```
 * @see MS-DTYP 2.5.2
 */
export function tokenArbitrary(options: TokenArbitraryOptions = {}): fc.Arbitrary<Token> {
  const { SE_GROUP_ENABLED, SE_GROUP_ENABLED_BY_DEFAULT, SE_GROUP_MANDATORY, SE_GROUP_USE_FOR_DENY_ONLY } =
    GROUP_ATTRIBUTES;
  const groupAttributes = fc.constantFrom(
    SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_MANDATORY,
    SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_MANDATORY,
    SE_GROUP_ENABLED | SE_GROUP_ENABLED_BY_DEFAULT,
    SE_GROUP_USE_FOR_DENY_ONLY,
    0,
  );
  const group = fc.record({ sid: pooledSidArbitrary(), attributes: groupAttributes });
  const restricted: fc.Arbitrary<SidAndAttributes[]> = options.unrestricted
    ? fc.constant<SidAndAttributes[]>([])
    : options.restricted
      ? fc.array(pooledSidArbitrary(), { minLength: 1, maxLength: 4 }).map(asEnabled)
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant<SidAndAttributes[]>([]) },
          { weight: 1, arbitrary: fc.array(pooledSidArbitrary(), { maxLength: 4 }).map(asEnabled) },
        );
  return fc
    .record({
      user: pooledSidArbitrary(),
      groups: fc.uniqueArray(group, { maxLength: 8, selector: (g) => g.sid }),
      privileges: fc.uniqueArray(
        fc.record({
          name: fc.constantFrom(...PRIVILEGE_NAMES),
          attributes: fc.constantFrom(0, 2, 3),
        }),
        { maxLength: 5, selector: (p) => p.name },
      ),
      level: fc.constantFrom(...IMPERSONATION_LEVELS.slice(1)),
      integrityLevel: fc.constantFrom(
        WELL_KNOWN_SIDS.LOW_INTEGRITY.sid,
        WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid,
        WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
        WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      ),
      mandatoryPolicy: fc.constantFrom(
        TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NO_WRITE_UP |
          TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN,
        TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_OFF,
      ),
      restrictedSids: restricted,
      writeRestricted: fc.boolean(),
    })
    .map((r) =>
      token({
        user: r.user,
        groups: r.groups,
        privileges: r.privileges,
        impersonationLevel: r.level,
        integrityLevel: r.integrityLevel,
        mandatoryPolicy: r.mandatoryPolicy,
        restrictedSids: r.restrictedSids,
        writeRestricted: r.restrictedSids.length > 0 && r.writeRestricted,
      }),
    );
}

function asEnabled(sids: readonly Sid[]): SidAndAttributes[] {
  const unique = [...new Set(sids)];
  return unique.map((s) => ({
    sid: s,
    attributes:
      GROUP_ATTRIBUTES.SE_GROUP_ENABLED |
      GROUP_ATTRIBUTES.SE_GROUP_ENABLED_BY_DEFAULT |
      GROUP_ATTRIBUTES.SE_GROUP_MANDATORY,
  }));
}

/**
 * A request for a file: one to four specific or standard rights, or MAXIMUM_ALLOWED, sometimes with
 * ACCESS_SYSTEM_SECURITY.
 *
 * @returns an arbitrary of desired-access masks (already generic-mapped)
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { fileDesiredAccessArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(fileDesiredAccessArbitrary(), 1); // e.g. [0x1]
 * ```
 * @see MS-DTYP 2.5.3.2
 */
export function fileDesiredAccessArbitrary(): fc.Arbitrary<AccessMask> {
  return fc.oneof(
    { weight: 5, arbitrary: fileAccessMaskArbitrary() },
    { weight: 2, arbitrary: fc.constant(ACCESS_RIGHTS.MAXIMUM_ALLOWED) },
    {
      weight: 1,
      arbitrary: fileAccessMaskArbitrary().map((m) => (m | ACCESS_RIGHTS.ACCESS_SYSTEM_SECURITY) >>> 0),
    },
  );
}

export {
  accessCheckAceArbitrary,
  accessRequestArbitrary,
  objectTypeListArbitrary,
  TEST_OBJECT_TYPE_GUIDS,
} from './accessCheckArbitraries.js';
export {
  conditionArbitrary,
  guidArbitrary,
  mutatedSddlArbitrary,
  resourceAttributeArbitrary,
  sddlAceArbitrary,
  sddlSecurityDescriptorArbitrary,
  sddlVariantArbitrary,
} from './sddlArbitraries.js';
export {
  administratorTokenArbitrary,
  impersonationScenarioArbitrary,
  privilegeChangeArbitrary,
  processTokenArbitrary,
  restrictTokenOptionsArbitrary,
} from './tokenRuleArbitraries.js';
