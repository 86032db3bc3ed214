import { USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import type { ObjectFacts } from './directoryFacts.js';

/** @internal The LDAP attributes of an account, as a source that reads them from the directory gives them. */
export interface LdapAccount {
  readonly sid: string;
  readonly kind: ObjectFacts['kind'];
  readonly domainSid: string;
  readonly samAccountName: string;
  readonly userAccountControl: number;
  /** Whether the source says the account is disabled apart from userAccountControl (Get-ADUser's Enabled). */
  readonly disabled?: boolean;
  readonly primaryGroupId: number | undefined;
  readonly servicePrincipalNames: readonly string[];
  readonly allowedToDelegateTo: readonly string[];
  readonly allowedToActSddl: string | undefined;
  readonly operatingSystem: string | undefined;
  readonly writeDescriptor: string | undefined;
  readonly file: string;
  readonly path: string;
}

/**
 * @internal An account's facts from its LDAP attributes: the delegation flags from userAccountControl (MS-ADTS 2.2.16), a domain
 * controller by SERVER_TRUST_ACCOUNT or PARTIAL_SECRETS_ACCOUNT (an RODC) or its primary group (516, 521).
 */
export function ldapObjectFacts(a: LdapAccount): ObjectFacts {
  const uac = a.userAccountControl;
  return {
    sid: a.sid,
    kind: a.kind,
    domainSid: a.domainSid,
    samAccountName: a.samAccountName,
    enabled: (uac & USER_ACCOUNT_CONTROL.ACCOUNTDISABLE) === 0 && a.disabled !== true,
    trustedForDelegation: (uac & USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION) !== 0,
    trustedToAuthForDelegation: (uac & USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION) !== 0,
    accountNotDelegated: (uac & USER_ACCOUNT_CONTROL.NOT_DELEGATED) !== 0,
    servicePrincipalNames: a.servicePrincipalNames,
    spnTargets: [],
    allowedToDelegateTo: a.allowedToDelegateTo,
    allowedToDelegateToAccounts: [],
    allowedToAct: [],
    allowedToActSddl: a.allowedToActSddl,
    primaryGroupSid: a.primaryGroupId === undefined ? undefined : `${a.domainSid}-${a.primaryGroupId}`,
    members: [],
    isDomainController:
      a.kind === 'computer' &&
      ((uac & (USER_ACCOUNT_CONTROL.SERVER_TRUST_ACCOUNT | USER_ACCOUNT_CONTROL.PARTIAL_SECRETS_ACCOUNT)) !==
        0 ||
        a.primaryGroupId === 516 ||
        a.primaryGroupId === 521),
    operatingSystem: a.operatingSystem,
    writeAces: [],
    writeDescriptor: a.writeDescriptor,
    file: a.file,
    path: a.path,
  };
}
