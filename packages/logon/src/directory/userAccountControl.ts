/**
 * The userAccountControl bits (ADS_USER_FLAG_ENUM), with their real values.
 *
 * @remarks
 * Delegation reads four of them: TRUSTED_FOR_DELEGATION (unconstrained delegation — PowerShell
 * `TrustedForDelegation`), TRUSTED_TO_AUTH_FOR_DELEGATION (constrained delegation with protocol
 * transition — `TrustedToAuthForDelegation`), NOT_DELEGATED ("Account is sensitive and cannot be
 * delegated" — `AccountNotDelegated`) and ACCOUNTDISABLE (`Enabled` is its negation).
 * @example
 * ```ts
 * import { USER_ACCOUNT_CONTROL } from '@doublehop/logon';
 *
 * USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION;         // 0x80000
 * USER_ACCOUNT_CONTROL.NOT_DELEGATED;                  // 0x100000
 * USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION; // 0x1000000
 * ```
 * @see MS-ADTS 2.2.16 userAccountControl Bits; "Use the UserAccountControl flags to manipulate user account
 * properties", https://learn.microsoft.com/troubleshoot/windows-server/active-directory/useraccountcontrol-manipulate-account-properties
 */
export const USER_ACCOUNT_CONTROL = {
  /** The logon script runs. */
  SCRIPT: 0x1,
  /** The account is disabled. */
  ACCOUNTDISABLE: 0x2,
  /** A home folder is required. */
  HOMEDIR_REQUIRED: 0x8,
  /** The account is locked out. */
  LOCKOUT: 0x10,
  /** No password is required. */
  PASSWD_NOTREQD: 0x20,
  /** The user cannot change the password. */
  PASSWD_CANT_CHANGE: 0x40,
  /** The password is stored with reversible encryption. */
  ENCRYPTED_TEXT_PWD_ALLOWED: 0x80,
  /** A local account for a user whose primary account is in another domain. */
  TEMP_DUPLICATE_ACCOUNT: 0x100,
  /** A default account type that represents a typical user. */
  NORMAL_ACCOUNT: 0x200,
  /** A trust account for a domain that trusts other domains. */
  INTERDOMAIN_TRUST_ACCOUNT: 0x800,
  /** A computer account for a workstation or member server. */
  WORKSTATION_TRUST_ACCOUNT: 0x1000,
  /** A computer account for a domain controller. */
  SERVER_TRUST_ACCOUNT: 0x2000,
  /** The password never expires. */
  DONT_EXPIRE_PASSWORD: 0x10000,
  /** A Majority Node Set logon account. */
  MNS_LOGON_ACCOUNT: 0x20000,
  /** Interactive logon requires a smart card. */
  SMARTCARD_REQUIRED: 0x40000,
  /** Unconstrained delegation: services of this account receive forwarded TGTs (TrustedForDelegation). */
  TRUSTED_FOR_DELEGATION: 0x80000,
  /** The account's identity is never delegated: "Account is sensitive and cannot be delegated" (AccountNotDelegated). */
  NOT_DELEGATED: 0x100000,
  /** Only DES keys. */
  USE_DES_KEY_ONLY: 0x200000,
  /** Kerberos pre-authentication is not required. */
  DONT_REQ_PREAUTH: 0x400000,
  /** The password has expired. */
  PASSWORD_EXPIRED: 0x800000,
  /** Protocol transition: S4U2Self tickets are forwardable, for constrained delegation (TrustedToAuthForDelegation). */
  TRUSTED_TO_AUTH_FOR_DELEGATION: 0x1000000,
  /** A read-only domain controller's computer account. */
  PARTIAL_SECRETS_ACCOUNT: 0x4000000,
} as const;

/** The name of a userAccountControl bit, e.g. `'NOT_DELEGATED'`. */
export type UserAccountControlFlag = keyof typeof USER_ACCOUNT_CONTROL;

/**
 * The groupType bits of a group object: its scope and whether it is a security group.
 *
 * @example
 * ```ts
 * import { GROUP_TYPE } from '@doublehop/logon';
 *
 * (GROUP_TYPE.GLOBAL_GROUP | GROUP_TYPE.SECURITY_ENABLED) >>> 0; // 2147483650
 * ```
 * @see MS-ADTS 2.2.12 Group Type Flags
 */
export const GROUP_TYPE = {
  /** A group created by the system (BUILTIN). */
  BUILTIN_LOCAL_GROUP: 0x1,
  /** Global scope: members from its own domain; usable in any trusting domain. */
  GLOBAL_GROUP: 0x2,
  /** Domain local scope: members from any trusted domain; usable only in its own domain. */
  DOMAIN_LOCAL_GROUP: 0x4,
  /** Universal scope: members from any domain of the forest; usable across the forest. */
  UNIVERSAL_GROUP: 0x8,
  /** A security group (it appears in tokens); without it, a distribution group (it never does). */
  SECURITY_ENABLED: 0x8000_0000,
} as const;
