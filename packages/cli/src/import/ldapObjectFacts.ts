import type { ObjectFacts } from './directoryFacts.js';

// userAccountControl bits (MS-ADTS 2.2.16).
const UF_ACCOUNTDISABLE = 0x2;
const UF_SERVER_TRUST_ACCOUNT = 0x2000;
const UF_TRUSTED_FOR_DELEGATION = 0x80000;
const UF_NOT_DELEGATED = 0x100000;
const UF_TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000;
const UF_PARTIAL_SECRETS_ACCOUNT = 0x4000000;

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
 * @internal An account's facts from its LDAP attributes: the delegation flags from userAccountControl, a domain
 * controller by SERVER_TRUST_ACCOUNT or PARTIAL_SECRETS_ACCOUNT (an RODC) or its primary group (516, 521).
 */
export function ldapObjectFacts(a: LdapAccount): ObjectFacts {
  const uac = a.userAccountControl;
  return {
    sid: a.sid,
    kind: a.kind,
    domainSid: a.domainSid,
    samAccountName: a.samAccountName,
    enabled: (uac & UF_ACCOUNTDISABLE) === 0 && a.disabled !== true,
    trustedForDelegation: (uac & UF_TRUSTED_FOR_DELEGATION) !== 0,
    trustedToAuthForDelegation: (uac & UF_TRUSTED_TO_AUTH_FOR_DELEGATION) !== 0,
    accountNotDelegated: (uac & UF_NOT_DELEGATED) !== 0,
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
      ((uac & (UF_SERVER_TRUST_ACCOUNT | UF_PARTIAL_SECRETS_ACCOUNT)) !== 0 ||
        a.primaryGroupId === 516 ||
        a.primaryGroupId === 521),
    operatingSystem: a.operatingSystem,
    writeAces: [],
    writeDescriptor: a.writeDescriptor,
    file: a.file,
    path: a.path,
  };
}
