import type { PrincipalAccount } from './account.js';
import { USER_ACCOUNT_CONTROL } from './userAccountControl.js';

/**
 * An account's delegation-related properties under the names the ActiveDirectory PowerShell module uses
 * (`Get-ADUser`/`Get-ADComputer -Properties *`), for people who know them from there.
 *
 * @example
 * ```ts
 * import type { PowerShellProperties } from '@doublehop/logon';
 *
 * const p: Pick<PowerShellProperties, 'TrustedForDelegation'> = { TrustedForDelegation: false };
 * ```
 * @see Get-ADComputer, https://learn.microsoft.com/powershell/module/activedirectory/get-adcomputer
 */
export interface PowerShellProperties {
  /** sAMAccountName. */
  readonly SamAccountName: string;
  /** objectSid, as text. */
  readonly SID: string;
  /** `true` unless ACCOUNTDISABLE is set. */
  readonly Enabled: boolean;
  /** TRUSTED_FOR_DELEGATION: unconstrained delegation. */
  readonly TrustedForDelegation: boolean;
  /** TRUSTED_TO_AUTH_FOR_DELEGATION: constrained delegation with protocol transition. */
  readonly TrustedToAuthForDelegation: boolean;
  /** NOT_DELEGATED: "Account is sensitive and cannot be delegated". */
  readonly AccountNotDelegated: boolean;
  /** servicePrincipalName. */
  readonly ServicePrincipalNames: readonly string[];
  /** msDS-AllowedToDelegateTo (PowerShell keeps the LDAP name for this one). */
  readonly 'msDS-AllowedToDelegateTo': readonly string[];
  /** The SIDs granted access by msDS-AllowedToActOnBehalfOfOtherIdentity (allow ACEs), sorted. */
  readonly PrincipalsAllowedToDelegateToAccount: readonly string[];
}

/**
 * Reads an account's delegation settings under their PowerShell names.
 *
 * @param account - a user, computer or gMSA
 * @returns the properties
 * @example
 * ```ts
 * import { directory, findAccount, powerShellProperties } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'WEB01', trustedToAuthForDelegation: true, allowedToDelegateTo: ['MSSQLSvc/sql01:1433'] }],
 * });
 * const web01 = findAccount(dir, 'WEB01');
 * web01?.kind === 'computer' && powerShellProperties(web01).TrustedToAuthForDelegation; // true
 * ```
 * @see Set-ADComputer (-TrustedForDelegation, -PrincipalsAllowedToDelegateToAccount),
 * https://learn.microsoft.com/powershell/module/activedirectory/set-adcomputer; Set-ADAccountControl
 * (-TrustedToAuthForDelegation, -AccountNotDelegated)
 */
export function powerShellProperties(account: PrincipalAccount): PowerShellProperties {
  const uac = account.userAccountControl;
  const has = (bit: number): boolean => (uac & bit) !== 0;
  const allowed = (account.allowedToActOnBehalfOfOtherIdentity?.dacl ?? [])
    .filter((a) => a.type === 'ACCESS_ALLOWED')
    .map((a) => a.sid.text);
  return Object.freeze({
    SamAccountName: account.samAccountName,
    SID: account.sid.text,
    Enabled: !has(USER_ACCOUNT_CONTROL.ACCOUNTDISABLE),
    TrustedForDelegation: has(USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION),
    TrustedToAuthForDelegation: has(USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION),
    AccountNotDelegated: has(USER_ACCOUNT_CONTROL.NOT_DELEGATED),
    ServicePrincipalNames: account.servicePrincipalNames,
    'msDS-AllowedToDelegateTo': account.allowedToDelegateTo,
    PrincipalsAllowedToDelegateToAccount: Object.freeze([...new Set(allowed)].sort()),
  });
}
