import type { AccessMask } from '../access/accessMask.js';
import type { Win32Error } from '../errors.js';
import type { AceType } from '../securityDescriptor/ace.js';
import type { Sid } from '../sid/sid.js';
import type { PrivilegeName } from '../token/privileges.js';

/**
 * The access status of a completed check — what `GetLastError` reports after AccessCheck returned TRUE
 * with AccessStatus FALSE, or `'ERROR_SUCCESS'` when access is granted.
 *
 * @see AccessCheck, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-accesscheck
 */
export type AccessCheckStatus = 'ERROR_SUCCESS' | 'ERROR_ACCESS_DENIED' | 'ERROR_PRIVILEGE_NOT_HELD';

/**
 * Why AccessCheck itself failed (returned FALSE) — the call was wrong, so there is no access decision.
 *
 * @remarks
 * ERROR_GENERIC_NOT_MAPPED: the desired access still has GENERIC_* bits. ERROR_NO_IMPERSONATION_TOKEN: the
 * token is a primary token. ERROR_BAD_IMPERSONATION_LEVEL: an Anonymous-level token. ERROR_INVALID_SECURITY_DESCR:
 * the descriptor lacks an owner or a group. ERROR_INVALID_PARAMETER: a malformed object type list.
 * @see AccessCheck and AccessCheckByType, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-accesscheck
 */
export type AccessCheckError = Win32Error<
  | 'ERROR_GENERIC_NOT_MAPPED'
  | 'ERROR_NO_IMPERSONATION_TOKEN'
  | 'ERROR_BAD_IMPERSONATION_LEVEL'
  | 'ERROR_INVALID_SECURITY_DESCR'
  | 'ERROR_INVALID_PARAMETER'
>;

/** Which list of the token's SIDs a DACL pass matched ACEs against. */
export type AccessCheckPass = 'normal' | 'restricted';

/**
 * The object's mandatory label took rights away from a lower-integrity token (MS-DTYP 2.5.3.3).
 *
 * @see https://learn.microsoft.com/windows/win32/secauthz/mandatory-integrity-control
 */
export interface MandatoryLabelStep {
  /** Discriminant. */
  readonly kind: 'mandatoryLabel';
  /** `'deny'`: requested rights outside the allowed set failed the request; `'trim'`: removed from a MAXIMUM_ALLOWED result. */
  readonly effect: 'deny' | 'trim';
  /** The rights denied or trimmed. */
  readonly access: AccessMask;
  /** The object's integrity level (Medium when it has no label). */
  readonly label: Sid;
  /** The label's NO_WRITE_UP / NO_READ_UP / NO_EXECUTE_UP bits. */
  readonly policy: number;
  /** `true` when the object has no (effective) label and the default Medium + NO_WRITE_UP applied. */
  readonly defaulted: boolean;
  /** The token's integrity level. */
  readonly tokenIntegrityLevel: Sid;
  /** Every right the label lets the token have. */
  readonly allowedAccess: AccessMask;
}

/** A privilege granted a right, or a right that needs one was refused (MS-DTYP 2.5.3.2). */
export interface PrivilegeStep {
  /** Discriminant. */
  readonly kind: 'privilege';
  /** `'grant'`: the enabled privilege granted `access`; `'deny'`: it is not held enabled (ERROR_PRIVILEGE_NOT_HELD). */
  readonly effect: 'grant' | 'deny';
  /** The rights concerned (ACCESS_SYSTEM_SECURITY or WRITE_OWNER). */
  readonly access: AccessMask;
  /** The privilege. */
  readonly privilege: PrivilegeName;
}

/** The owner's implicit READ_CONTROL | WRITE_DAC were granted, or withheld because of an OWNER RIGHTS ACE. */
export interface OwnerStep {
  /** Discriminant. */
  readonly kind: 'owner';
  /** `'grant'`, or `'withheld'` when the DACL has an OWNER RIGHTS (S-1-3-4) ACE. */
  readonly effect: 'grant' | 'withheld';
  /** The rights granted or withheld. */
  readonly access: AccessMask;
  /** The descriptor's owner. */
  readonly owner: Sid;
  /** For `'withheld'`: the index (0-based) of the first OWNER RIGHTS ACE; otherwise `null`. */
  readonly aceIndex: number | null;
}

/** The descriptor has no DACL (or a NULL DACL), which grants everything. */
export interface NullDaclStep {
  /** Discriminant. */
  readonly kind: 'nullDacl';
  /** The rights granted. */
  readonly access: AccessMask;
}

/**
 * One ACE of the DACL that decided some rights, or that a reader would otherwise wonder about.
 *
 * @remarks
 * `effect`: `'grant'` and `'deny'` are the ACE deciding rights; `'conditionUnknown'`, an allow-callback
 * ACE whose condition doublehop cannot evaluate (no claims) and which therefore grants nothing
 * (MS-DTYP 2.4.4.17.3); `'genericNotMapped'`, an ACE that applies to the token but carries GENERIC_*
 * bits, which the access check compares as stored, never mapping them (MS-DTYP 2.4.3).
 */
export interface AceStep {
  /** Discriminant. */
  readonly kind: 'ace';
  /** What the ACE did. */
  readonly effect: 'grant' | 'deny' | 'conditionUnknown' | 'genericNotMapped';
  /** The rights it granted, denied, would have granted, or the GENERIC_* bits it carries. */
  readonly access: AccessMask;
  /** Which SID list matched it. */
  readonly pass: AccessCheckPass;
  /** Its position in the DACL, 0-based (explanations number ACEs from 1). */
  readonly aceIndex: number;
  /** Its type. */
  readonly aceType: AceType;
  /** The SID written in the ACE. */
  readonly sid: Sid;
  /** The SID matched in its place: the owner for OWNER RIGHTS, the principal for PRINCIPAL SELF; else `sid`. */
  readonly matchedSid: Sid;
  /** For an object ACE, the object type GUID of the node it applied to; otherwise `null`. */
  readonly objectType: string | null;
}

/** The restricted-SID pass refused rights the normal pass granted (Restricted Tokens). */
export interface RestrictedPassStep {
  /** Discriminant. */
  readonly kind: 'restrictedPass';
  /** The rights the second pass removed. */
  readonly access: AccessMask;
  /** `true` for a write-restricted token, whose second pass covers write rights only. */
  readonly writeRestricted: boolean;
}

/** Requested rights that nothing granted (MS-DTYP 2.5.3.2: "implicitly denied"). */
export interface NotGrantedStep {
  /** Discriminant. */
  readonly kind: 'notGranted';
  /** The rights still wanted; 0 when MAXIMUM_ALLOWED found no right at all to grant. */
  readonly access: AccessMask;
}

/** The request asked for no rights at all, which SeAccessCheck refuses. */
export interface EmptyRequestStep {
  /** Discriminant. */
  readonly kind: 'emptyRequest';
}

/**
 * One decisive step of an access check: a rule or an ACE that granted, denied or trimmed rights.
 *
 * @see MS-DTYP 2.5.3.2, 2.5.3.3
 */
export type AccessCheckStep =
  | MandatoryLabelStep
  | PrivilegeStep
  | OwnerStep
  | NullDaclStep
  | AceStep
  | RestrictedPassStep
  | NotGrantedStep
  | EmptyRequestStep;

/**
 * The answer of a completed access check: whether access is granted, which rights, and the steps that
 * decided it.
 *
 * @remarks
 * As Win32 AccessCheck: `grantedAccess` is exactly `desiredAccess` when a specific request is granted,
 * every grantable right for a MAXIMUM_ALLOWED request, and 0 whenever access is denied.
 * @example
 * ```ts
 * import { accessCheck, OBJECT_TYPES, securityDescriptor, sid, token } from '@doublehop/core-token';
 *
 * const r = accessCheck({
 *   securityDescriptor: securityDescriptor({ owner: sid('S-1-5-18'), group: sid('S-1-5-18'), dacl: [] }),
 *   token: token({ user: sid('S-1-5-21-1-2-3-1104') }),
 *   desiredAccess: 0x1,
 *   objectType: OBJECT_TYPES.file,
 * });
 * if (r.ok) r.value.status; // 'ERROR_ACCESS_DENIED'
 * ```
 * @see AccessCheck, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-accesscheck
 */
export interface AccessCheckResult {
  /** AccessStatus: `true` when the requested access is granted. */
  readonly granted: boolean;
  /** GrantedAccess: the rights granted, 0 when denied. */
  readonly grantedAccess: AccessMask;
  /** The request as passed in. */
  readonly desiredAccess: AccessMask;
  /** `'ERROR_SUCCESS'`, `'ERROR_ACCESS_DENIED'` or `'ERROR_PRIVILEGE_NOT_HELD'`. */
  readonly status: AccessCheckStatus;
  /** The token's user, for explanations. */
  readonly user: Sid;
  /** The decisive steps, in the order the check took them. */
  readonly steps: readonly AccessCheckStep[];
}
