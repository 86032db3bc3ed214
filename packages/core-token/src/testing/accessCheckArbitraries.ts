import fc from 'fast-check';
import { ACCESS_RIGHTS, type AccessMask } from '../access/accessMask.js';
import type { ObjectTypeListEntry } from '../accessCheck/objectTypeTree.js';
import { ACE_FLAGS, type Ace, type AceType, ace } from '../securityDescriptor/ace.js';
import { WELL_KNOWN_SIDS } from '../sid/wellKnownSids.js';
import { fileAccessMaskArbitrary, fileDesiredAccessArbitrary, pooledSidArbitrary } from './index.js';

/**
 * The object type GUIDs the access-check arbitraries draw from: an Active Directory user class, two of its
 * property sets and three properties, so that object ACEs and object type lists overlap.
 *
 * @example
 * ```ts
 * import { TEST_OBJECT_TYPE_GUIDS } from '@doublehop/core-token/testing';
 *
 * TEST_OBJECT_TYPE_GUIDS.length; // 6
 * ```
 */
export const TEST_OBJECT_TYPE_GUIDS: readonly string[] = Object.freeze([
  'bf967aba-0de6-11d0-a285-00aa003049e2', // user (class)
  '77b5b886-944a-11d1-aebd-0000f80367c1', // Personal-Information (property set)
  'bf967a49-0de6-11d0-a285-00aa003049e2', // telephoneNumber
  'bf967a4c-0de6-11d0-a285-00aa003049e2', // streetAddress
  'e45795b2-9455-11d1-aebd-0000f80367c1', // Email-Information (property set)
  'bf967961-0de6-11d0-a285-00aa003049e2', // mail
]);

const DACL_TYPES: readonly AceType[] = [
  'ACCESS_ALLOWED',
  'ACCESS_DENIED',
  'ACCESS_ALLOWED_OBJECT',
  'ACCESS_DENIED_OBJECT',
  'ACCESS_ALLOWED_CALLBACK',
  'ACCESS_DENIED_CALLBACK',
  'ACCESS_ALLOWED_CALLBACK_OBJECT',
  'SYSTEM_AUDIT',
];

/**
 * An ACE of any kind the access check meets in a DACL — plain, object (with or without an ObjectType
 * from {@link TEST_OBJECT_TYPE_GUIDS}), callback, even a stray audit ACE — over pooled SIDs and the special
 * SIDs OWNER RIGHTS, PRINCIPAL SELF and CREATOR OWNER, sometimes inherit-only, sometimes with unmapped
 * GENERIC_* bits in its mask. Plain allow and deny ACEs dominate.
 *
 * @returns an arbitrary of DACL ACEs
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { accessCheckAceArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(accessCheckAceArbitrary(), 1)[0]?.type; // e.g. 'ACCESS_ALLOWED'
 * ```
 * @see MS-DTYP 2.4.4, 2.5.3.2
 */
export function accessCheckAceArbitrary(): fc.Arbitrary<Ace> {
  const type = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom<AceType>('ACCESS_ALLOWED', 'ACCESS_DENIED') },
    { weight: 3, arbitrary: fc.constantFrom(...DACL_TYPES) },
  );
  const who = fc.oneof(
    { weight: 8, arbitrary: pooledSidArbitrary() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        WELL_KNOWN_SIDS.OWNER_RIGHTS.sid,
        WELL_KNOWN_SIDS.PRINCIPAL_SELF.sid,
        WELL_KNOWN_SIDS.CREATOR_OWNER.sid,
      ),
    },
  );
  const mask = fc.oneof(
    { weight: 8, arbitrary: fileAccessMaskArbitrary() },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fileAccessMaskArbitrary(),
          fc.constantFrom(ACCESS_RIGHTS.GENERIC_READ, ACCESS_RIGHTS.GENERIC_ALL, 0),
        )
        .map(([m, g]) => (m | g) >>> 0),
    },
    { weight: 1, arbitrary: fc.constant(0) },
  );
  return fc
    .record({
      type,
      sid: who,
      mask,
      flags: fc.constantFrom(
        0,
        0,
        0,
        ACE_FLAGS.INHERITED_ACE,
        ACE_FLAGS.INHERIT_ONLY_ACE | ACE_FLAGS.OBJECT_INHERIT_ACE,
      ),
      objectType: fc.option(fc.constantFrom(...TEST_OBJECT_TYPE_GUIDS), { freq: 4 }),
    })
    .map((r) => {
      const isObject = r.type.includes('OBJECT');
      const conditional = r.type.includes('CALLBACK');
      return ace(r.type, r.sid, r.mask, {
        flags: r.flags,
        objectType: isObject ? r.objectType : null,
        applicationData: conditional ? '(@User.Project == "Apollo")' : null,
      });
    });
}

/**
 * A valid object type list (AccessCheckByType): the user class at level 0, then property sets and
 * properties from {@link TEST_OBJECT_TYPE_GUIDS} in pre-order, each level at most one below the previous.
 *
 * @returns an arbitrary of object type lists with 1–6 entries
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { objectTypeListArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(objectTypeListArbitrary(), 1)[0]?.[0]?.level; // 0
 * ```
 * @see OBJECT_TYPE_LIST, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-object_type_list
 */
export function objectTypeListArbitrary(): fc.Arbitrary<ObjectTypeListEntry[]> {
  const rest = TEST_OBJECT_TYPE_GUIDS.slice(1);
  return fc
    .tuple(
      fc.shuffledSubarray(rest),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rest.length, maxLength: rest.length }),
    )
    .map(([guids, wanted]) => {
      const list: ObjectTypeListEntry[] = [{ level: 0, guid: TEST_OBJECT_TYPE_GUIDS[0] as string }];
      guids.forEach((guid, i) => {
        const previous = (list[list.length - 1] as ObjectTypeListEntry).level;
        list.push({ level: Math.min(wanted[i] ?? 1, previous + 1), guid });
      });
      return list;
    });
}

/**
 * A desired access for a file: {@link fileDesiredAccessArbitrary}, plus MAXIMUM_ALLOWED combined with
 * specific rights, WRITE_OWNER or ACCESS_SYSTEM_SECURITY requests, and now and then no rights at all.
 *
 * @returns an arbitrary of desired-access masks (never with GENERIC_* bits)
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { accessRequestArbitrary } from '@doublehop/core-token/testing';
 *
 * fc.sample(accessRequestArbitrary(), 5).every((m) => (m & 0xf0000000) === 0); // true
 * ```
 * @see MS-DTYP 2.5.3.2; AccessCheck DesiredAccess
 */
export function accessRequestArbitrary(): fc.Arbitrary<AccessMask> {
  const { MAXIMUM_ALLOWED, WRITE_OWNER, ACCESS_SYSTEM_SECURITY } = ACCESS_RIGHTS;
  return fc.oneof(
    { weight: 8, arbitrary: fileDesiredAccessArbitrary() },
    { weight: 2, arbitrary: fileAccessMaskArbitrary().map((m) => (m | MAXIMUM_ALLOWED) >>> 0) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        WRITE_OWNER,
        WRITE_OWNER | MAXIMUM_ALLOWED,
        ACCESS_SYSTEM_SECURITY | MAXIMUM_ALLOWED,
      ),
    },
    { weight: 1, arbitrary: fc.constant(0) },
  );
}
