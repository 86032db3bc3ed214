import type { UserRight } from '@doublehop/logon';
import type { EstateAuthentication, EstateRequest } from '../estate/estateModel.js';

/**
 * One edit of an estate model, in the Active Directory / PowerShell attribute names of `accounts` (an account is
 * named `DOMAIN\sAMAccountName`, as the estate's results name it):
 * `add` a value to an account's servicePrincipalNames, msDS-AllowedToDelegateTo or
 * PrincipalsAllowedToDelegateToAccount (the RBCD grant), or an Allowed-To-Authenticate grant to its
 * nTSecurityDescriptor; `remove` an SPN; `set` TrustedForDelegation or TrustedToAuthForDelegation; `grant` or
 * `revoke` a user right on a machine (User Rights Assignment); replace a service's accepted `authentication`
 * methods; change what a call (or a flow's client) `request`s; set a `trust`'s TGT delegation.
 *
 * @example
 * ```ts
 * import type { FixEdit } from '@doublehop/delegation';
 *
 * const grant: FixEdit = { op: 'add', account: 'CORP\\svc-sql', attribute: 'principalsAllowedToDelegateToAccount', value: 'CORP\\svc-web' };
 * const spn: FixEdit = { op: 'remove', account: 'CORP\\svc-old', attribute: 'servicePrincipalNames', value: 'HTTP/web01.corp.example' };
 * const right: FixEdit = { op: 'grant', machine: 'WEB01', right: 'SeImpersonatePrivilege', holder: 'CORP\\svc-web' };
 * const code: FixEdit = { op: 'request', service: 'web', calls: 'sql', value: 'impersonate' };
 * ```
 * @see {@link applyFix}
 */
export type FixEdit =
  | {
      /** Add a value to a multi-valued attribute (no-op when present). */
      readonly op: 'add';
      /** The account, `DOMAIN\sAMAccountName`. */
      readonly account: string;
      /**
       * The attribute; `allowedToAuthenticate` is an allow object ACE for the Allowed-To-Authenticate extended
       * right (control access) in the account's nTSecurityDescriptor, as `dsacls /G user:CA;Allowed to Authenticate`
       * writes it.
       */
      readonly attribute:
        | 'servicePrincipalNames'
        | 'allowedToDelegateTo'
        | 'principalsAllowedToDelegateToAccount'
        | 'allowedToAuthenticate';
      /** The SPN, or for an RBCD or Allowed-To-Authenticate grant the grantee (`DOMAIN\sAMAccountName`). */
      readonly value: string;
    }
  | {
      /** Remove an SPN (compared case-insensitively). */
      readonly op: 'remove';
      /** The account, `DOMAIN\sAMAccountName`. */
      readonly account: string;
      /** The attribute. */
      readonly attribute: 'servicePrincipalNames';
      /** The SPN, as the account holds it. */
      readonly value: string;
    }
  | {
      /** Set a userAccountControl switch. */
      readonly op: 'set';
      /** The account, `DOMAIN\sAMAccountName`. */
      readonly account: string;
      /** The PowerShell switch. */
      readonly attribute: 'trustedForDelegation' | 'trustedToAuthForDelegation';
      /** Its new value. */
      readonly value: boolean;
    }
  | {
      /**
       * `grant`: the holder gets the right on the machine (taken off the model's removals, added to its additions);
       * `revoke`: the holder loses it (taken off the model's additions, else added to its removals).
       */
      readonly op: 'grant' | 'revoke';
      /** The machine's name. */
      readonly machine: string;
      /** The user right (`SeNetworkLogonRight`, `SeDenyNetworkLogonRight`, `SeImpersonatePrivilege` …). */
      readonly right: UserRight;
      /** The holder, as User Rights Assignment names it (`CORP\svc-web`, `IIS APPPOOL\Sales`, a SID). */
      readonly holder: string;
    }
  | {
      /** Replace the methods a service accepts, in the order it offers them. */
      readonly op: 'authentication';
      /** The service's name. */
      readonly service: string;
      /** The methods. */
      readonly value: readonly EstateAuthentication[];
    }
  | {
      /** Change what the calling code of one of a service's calls asks for. */
      readonly op: 'request';
      /** The calling service's name. */
      readonly service: string;
      /** The service it calls. */
      readonly calls: string;
      /** The new request. */
      readonly value: EstateRequest;
    }
  | {
      /** Change what a flow's client asks for at hop 1. */
      readonly op: 'request';
      /** The flow's name. */
      readonly flow: string;
      /** The new request. */
      readonly value: EstateRequest;
    }
  | {
      /**
       * Set an attribute of the trust in which `trusting` trusts `trusted`, that direction only (a two-way trust
       * is written as its two directions when they then differ, as netdom sets the flag per direction).
       */
      readonly op: 'trust';
      /** The trusting domain (the resources'), DNS or NetBIOS name. */
      readonly trusting: string;
      /** The trusted domain (the accounts'), DNS or NetBIOS name. */
      readonly trusted: string;
      /** CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION (netdom trust /EnableTGTDelegation). */
      readonly attribute: 'enableTgtDelegation';
      /** Its new value. */
      readonly value: boolean;
    };

/**
 * A fix's change to the model: its edits, applied in order by {@link applyFix}.
 *
 * @example
 * ```ts
 * import type { FixChange } from '@doublehop/delegation';
 *
 * const kcd: FixChange = [
 *   { op: 'set', account: 'CORP\\svc-web', attribute: 'trustedToAuthForDelegation', value: false },
 *   { op: 'add', account: 'CORP\\svc-web', attribute: 'allowedToDelegateTo', value: 'MSSQLSvc/sql01.corp.example:1433' },
 * ];
 * ```
 * @see {@link FixEdit}
 */
export type FixChange = readonly FixEdit[];
