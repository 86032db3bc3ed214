/**
 * The schemaIDGUIDs (and the property set's rightsGuid) of what configures Kerberos delegation on an account —
 * the object types an ACE names to grant a write of just that: msDS-AllowedToActOnBehalfOfOtherIdentity (RBCD),
 * msDS-AllowedToDelegateTo (KCD), servicePrincipalName (also the Validated-SPN write), userAccountControl (the
 * delegation flags), and the User-Account-Restrictions property set, which holds userAccountControl and the RBCD
 * attribute. Lower case, as core-token keeps object types.
 *
 * @example
 * ```ts
 * import { DELEGATION_ATTRIBUTES } from '@doublehop/logon';
 *
 * DELEGATION_ATTRIBUTES.allowedToActOnBehalfOfOtherIdentity; // '3f78c3e5-f79a-46bd-a0b8-9d18116ddc79'
 * ```
 * @see MS-ADA2 2.218 (msDS-AllowedToActOnBehalfOfOtherIdentity), 2.219 (msDS-AllowedToDelegateTo); MS-ADA3
 * 2.252 (servicePrincipalName), 2.342 (userAccountControl); MS-ADTS 5.1.3.2.1 (property sets:
 * User-Account-Restrictions), 5.1.3.2.2 (validated writes: Validated-SPN)
 */
export const DELEGATION_ATTRIBUTES = Object.freeze({
  /** msDS-AllowedToActOnBehalfOfOtherIdentity. */
  allowedToActOnBehalfOfOtherIdentity: '3f78c3e5-f79a-46bd-a0b8-9d18116ddc79',
  /** msDS-AllowedToDelegateTo. */
  allowedToDelegateTo: '800d94d7-b7a1-42a1-b14d-7cae1423d07f',
  /** servicePrincipalName, and the Validated-SPN write. */
  servicePrincipalName: 'f3a64788-5306-11d1-a9c5-0000f80367c1',
  /** userAccountControl. */
  userAccountControl: 'bf967a68-0de6-11d0-a285-00aa003049e2',
  /** The User-Account-Restrictions property set. */
  userAccountRestrictions: '4c164200-20c0-11d0-a768-00aa006e0529',
} as const);
