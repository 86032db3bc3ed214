/**
 * What a fix changes. In Active Directory: registering an SPN on the right account (`spn-register`) or removing a
 * duplicate (`spn-remove`); resource-based constrained delegation on the back end's account (`rbcd`); classic
 * constrained delegation on the front end's account — Kerberos only (`kcd`) or with protocol transition
 * (`kcd-protocol-transition`) —; unconstrained delegation (`unconstrained`); Allowed-To-Authenticate on a service
 * account across a selective-authentication trust (`allowed-to-authenticate`); TGT delegation across a forest
 * trust (`trust-tgt-delegation`). On a machine (User Rights Assignment): a logon right granted or a deny entry
 * removed (`logon-right`), SeImpersonatePrivilege (`impersonate-privilege`) or SeTcbPrivilege (`tcb-privilege`)
 * granted to a service's identity. On a service: Negotiate instead of NTLM (`negotiate`), CredSSP on a WinRM
 * front end (`credssp`). In the calling code: Impersonation instead of Identification (`impersonation-request`).
 * Or nothing (`not-fixable`: the user is sensitive or in Protected Users, and no configuration should change that).
 */
export type FixKind =
  | 'spn-register'
  | 'spn-remove'
  | 'negotiate'
  | 'impersonation-request'
  | 'logon-right'
  | 'impersonate-privilege'
  | 'allowed-to-authenticate'
  | 'rbcd'
  | 'kcd'
  | 'kcd-protocol-transition'
  | 'credssp'
  | 'unconstrained'
  | 'trust-tgt-delegation'
  | 'tcb-privilege'
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

const URA = 'https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings';

/**
 * Every kind of fix {@link proposeFixes} proposes, with what it does, its tie-break order and its sources.
 *
 * @remarks
 * Fixes are ranked by the exposure they add — a fix that hands a whole machine over (SeTcbPrivilege) after every
 * fix that does not, then by (actor, user, SPN) triples; among equals the order is: SPN fixes and Negotiate
 * (they add no delegation), the calling code's Impersonation request, a logon right, Allowed-To-Authenticate and
 * SeImpersonatePrivilege (each lets one identity do one thing on one machine or account), RBCD (scoped by the
 * resource owner to one front-end account, no SeEnableDelegationPrivilege needed), KCD, KCD with protocol
 * transition (any user, without their password or ticket), CredSSP (the user's password on the front end),
 * unconstrained delegation (the user's TGT on the front end: any service, as the user), TGT delegation across a
 * forest trust (every unconstrained front end of the trusting forest gets the other forest's TGTs), and last
 * SeTcbPrivilege (the holder can create any token: the machine is its).
 * @example
 * ```ts
 * import { FIX_KINDS } from '@doublehop/delegation';
 *
 * FIX_KINDS.rbcd.order < FIX_KINDS.kcd.order;                          // true
 * FIX_KINDS.unconstrained.order < FIX_KINDS['trust-tgt-delegation'].order; // true
 * FIX_KINDS['spn-register'].source;                                    // 'RFC 4120 7.5.9; MS-KILE 3.3.5.7; setspn'
 * ```
 * @see MS-SFU 3.2.5.1.2, 3.2.5.2; MS-KILE 3.3.5.1, 3.3.5.7.5; MS-CSSP 1.3; "User Rights Assignment"
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
  negotiate: info(
    2,
    'accept Negotiate instead of NTLM alone (with the SPN registered): callers then arrive with a Kerberos ticket the service can delegate, where NTLM leaves it nothing to go onward with',
    'MS-SPNG 3.2.5; "Microsoft Negotiate", https://learn.microsoft.com/windows/win32/secauthn/microsoft-negotiate',
  ),
  'impersonation-request': info(
    3,
    'change the calling code to ask for Impersonation instead of Identification (no ISC_REQ_IDENTIFY; .NET TokenImpersonationLevel.Impersonation): a code change, not an AD one',
    'InitializeSecurityContext (Kerberos), ISC_REQ_IDENTIFY; "Impersonation Levels", https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels',
  ),
  'logon-right': info(
    4,
    'grant the logon right the logon type needs (SeNetworkLogonRight …) to the identity alone, or take the entry naming it off the deny right, on that machine (User Rights Assignment): LsaLogonUser answered ERROR_LOGON_TYPE_NOT_GRANTED',
    `"User Rights Assignment", ${URA}/user-rights-assignment; LogonUser (ERROR_LOGON_TYPE_NOT_GRANTED)`,
  ),
  'allowed-to-authenticate': info(
    5,
    "grant the user Allowed-To-Authenticate (68b1d179-0d15-4d4f-ab71-46152e79a7bc) on the service's account, across a selective-authentication trust (dsacls … /G user:CA;Allowed to Authenticate)",
    'MS-KILE 3.3.5.7.5 (KDC_ERR_POLICY); MS-ADTS 6.1.1.2.7.41 Allowed-To-Authenticate; dsacls',
  ),
  'impersonate-privilege': info(
    6,
    'grant SeImpersonatePrivilege ("Impersonate a client after authentication") to the service\'s identity alone on its machine, as services hold it by default through NT AUTHORITY\\SERVICE',
    `"Impersonate a client after authentication", ${URA}/impersonate-a-client-after-authentication`,
  ),
  rbcd: info(
    7,
    "resource-based constrained delegation: the back end's account lets the front end's account in (msDS-AllowedToActOnBehalfOfOtherIdentity, Set-ADComputer -PrincipalsAllowedToDelegateToAccount)",
    'MS-SFU 3.2.5.2.3; "Kerberos constrained delegation overview", https://learn.microsoft.com/windows-server/security/kerberos/kerberos-constrained-delegation-overview',
  ),
  kcd: info(
    8,
    "classic constrained delegation, Kerberos only: the back end's SPN in the front end's msDS-AllowedToDelegateTo",
    'MS-SFU 3.2.5.2.1',
  ),
  'kcd-protocol-transition': info(
    9,
    "classic constrained delegation with protocol transition (TRUSTED_TO_AUTH_FOR_DELEGATION): the front end may act as any user, without the user's ticket",
    'MS-SFU 3.2.5.1.2, 3.2.5.2.1',
  ),
  credssp: info(
    10,
    "CredSSP on a WinRM front end (Enable-WSManCredSSP): the user's password travels to the front end, which can then authenticate as the user anywhere",
    'MS-CSSP 1.3; "Making the second hop in PowerShell Remoting", https://learn.microsoft.com/powershell/scripting/security/remoting/ps-remoting-second-hop',
  ),
  unconstrained: info(
    11,
    'unconstrained delegation (TRUSTED_FOR_DELEGATION): clients forward their TGT to the front end, which can then act as them at any service',
    'MS-KILE 3.3.5.1 (OK-AS-DELEGATE); MS-SFU 1.3',
  ),
  'trust-tgt-delegation': info(
    12,
    "enable TGT delegation across the forest trust (netdom trust <trusting> /domain:<trusted> /EnableTGTDelegation:Yes, set by the trusted forest): every unconstrained front end of the trusting forest then receives the trusted forest's users' TGTs",
    'MS-KILE 3.3.5.7.5 (CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION); KB4490425 "Updates to TGT delegation across incoming trusts in Windows Server"; netdom trust',
  ),
  'tcb-privilege': info(
    13,
    'grant SeTcbPrivilege ("Act as part of the operating system") to the identity that makes protocol-transition tokens: it can then create a token for any user with any groups — the machine is its',
    `"Act as part of the operating system", ${URA}/act-as-part-of-the-operating-system; LsaLogonUser (LsaHandle)`,
  ),
  'not-fixable': info(
    14,
    'not fixable by configuration: the user is sensitive or in Protected Users, so no delegation may carry them — use the service’s own identity',
    'MS-KILE 3.3.5.1; "Protected Users Security Group", https://learn.microsoft.com/windows-server/security/credentials-protection-and-management/protected-users-security-group',
  ),
});
