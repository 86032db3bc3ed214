/**
 * What a fix changes: resource-based constrained delegation on the back end's account (`rbcd`), classic
 * constrained delegation on the front end's account — Kerberos only (`kcd`) or with protocol transition
 * (`kcd-protocol-transition`) —, unconstrained delegation (`unconstrained`), registering an SPN on the right
 * account (`spn-register`) or removing a duplicate (`spn-remove`), CredSSP on a WinRM front end (`credssp`), or
 * nothing (`not-fixable`: the user is sensitive or in Protected Users, and no configuration should change that).
 */
export type FixKind =
  | 'spn-register'
  | 'spn-remove'
  | 'rbcd'
  | 'kcd'
  | 'kcd-protocol-transition'
  | 'credssp'
  | 'unconstrained'
  | 'not-fixable';

/**
 * One entry of {@link FIX_KINDS}: what the kind of fix does, the tie-break order among fixes of equal exposure
 * (lower first), and the documents it follows.
 *
 * @example
 * ```ts
 * import type { FixKindInfo } from '@doublehop/delegation';
 *
 * const cite = (k: FixKindInfo): string => `${k.summary} (${k.source})`;
 * ```
 * @see {@link FIX_KINDS}
 */
export interface FixKindInfo {
  /** What the fix does, in a sentence. */
  readonly summary: string;
  /** Among fixes adding the same exposure, lower comes first. */
  readonly order: number;
  /** The documents it follows. */
  readonly source: string;
}

const info = (order: number, summary: string, source: string): FixKindInfo =>
  Object.freeze({ summary, order, source });

/**
 * Every kind of fix {@link proposeFixes} proposes, with what it does, its tie-break order and its sources.
 *
 * @remarks
 * Fixes are ranked by the exposure they add; among equals the order is: SPN fixes (they add no delegation), RBCD
 * (scoped by the resource owner to one front-end account, no SeEnableDelegationPrivilege needed), KCD, KCD with
 * protocol transition (any user, without their password or ticket), CredSSP (the user's password on the front
 * end), unconstrained delegation (the user's TGT on the front end: any service, as the user).
 * @example
 * ```ts
 * import { FIX_KINDS } from '@doublehop/delegation';
 *
 * FIX_KINDS.rbcd.order < FIX_KINDS.kcd.order;  // true
 * FIX_KINDS['spn-register'].source;             // 'RFC 4120 7.5.9; MS-KILE 3.3.5.7; setspn'
 * ```
 * @see MS-SFU 3.2.5.1.2, 3.2.5.2; MS-KILE 3.3.5.1; MS-CSSP 1.3
 */
export const FIX_KINDS: Readonly<Record<FixKind, FixKindInfo>> = Object.freeze({
  'spn-register': info(
    0,
    'register the SPN clients ask for on the account the service runs as (setspn -S), so that the KDC finds it and the service can decrypt the ticket',
    'RFC 4120 7.5.9; MS-KILE 3.3.5.7; setspn',
  ),
  'spn-remove': info(
    1,
    'remove a duplicate SPN from the accounts that do not run the service (setspn -D): a duplicate makes the KDC answer KDC_ERR_S_PRINCIPAL_UNKNOWN',
    'KDCEVENT_NAME_NOT_UNIQUE (event 11); setspn',
  ),
  rbcd: info(
    2,
    "resource-based constrained delegation: the back end's account lets the front end's account in (msDS-AllowedToActOnBehalfOfOtherIdentity, Set-ADComputer -PrincipalsAllowedToDelegateToAccount)",
    'MS-SFU 3.2.5.2.3; "Kerberos constrained delegation overview", https://learn.microsoft.com/windows-server/security/kerberos/kerberos-constrained-delegation-overview',
  ),
  kcd: info(
    3,
    "classic constrained delegation, Kerberos only: the back end's SPN in the front end's msDS-AllowedToDelegateTo",
    'MS-SFU 3.2.5.2.1',
  ),
  'kcd-protocol-transition': info(
    4,
    "classic constrained delegation with protocol transition (TRUSTED_TO_AUTH_FOR_DELEGATION): the front end may act as any user, without the user's ticket",
    'MS-SFU 3.2.5.1.2, 3.2.5.2.1',
  ),
  credssp: info(
    5,
    "CredSSP on a WinRM front end (Enable-WSManCredSSP): the user's password travels to the front end, which can then authenticate as the user anywhere",
    'MS-CSSP 1.3; "Making the second hop in PowerShell Remoting", https://learn.microsoft.com/powershell/scripting/security/remoting/ps-remoting-second-hop',
  ),
  unconstrained: info(
    6,
    'unconstrained delegation (TRUSTED_FOR_DELEGATION): clients forward their TGT to the front end, which can then act as them at any service',
    'MS-KILE 3.3.5.1 (OK-AS-DELEGATE); MS-SFU 1.3',
  ),
  'not-fixable': info(
    7,
    'not fixable by configuration: the user is sensitive or in Protected Users, so no delegation may carry them — use the service’s own identity',
    'MS-KILE 3.3.5.1; "Protected Users Security Group", https://learn.microsoft.com/windows-server/security/credentials-protection-and-management/protected-users-security-group',
  ),
});
