import type { KdcReferral } from './kdc/reply.js';
import { type ExplanationStep, KDC_RULES, type KdcRuleId, step } from './kdc/rules.js';

/**
 * The Kerberos error codes the KDC model answers with, by their RFC 4120 names, with their numbers.
 *
 * @example
 * ```ts
 * import { KRB_ERROR_CODES } from '@doublehop/delegation';
 *
 * KRB_ERROR_CODES.KDC_ERR_BADOPTION;   // 13
 * KRB_ERROR_CODES.KRB_AP_ERR_MODIFIED; // 41
 * ```
 * @see RFC 4120 7.5.9 (Error Codes)
 */
export const KRB_ERROR_CODES = Object.freeze({
  /** The client is not in the database. */
  KDC_ERR_C_PRINCIPAL_UNKNOWN: 6,
  /** The server is not in the database (Windows also answers this for a duplicate SPN). */
  KDC_ERR_S_PRINCIPAL_UNKNOWN: 7,
  /** KDC policy rejects the request (selective authentication). */
  KDC_ERR_POLICY: 12,
  /** The KDC cannot accommodate a requested option (every S4U2Proxy policy refusal). */
  KDC_ERR_BADOPTION: 13,
  /** The client's credentials have been revoked (a disabled account). */
  KDC_ERR_CLIENT_REVOKED: 18,
  /** Integrity check on a decrypted field failed: a ticket that no longer decrypts with its key. */
  KRB_AP_ERR_BAD_INTEGRITY: 31,
  /** The ticket and the authenticator (or request) do not match: an S4U2Self request for another account. */
  KRB_AP_ERR_BADMATCH: 36,
  /** The message was modified: a ticket whose ticket signature does not verify. */
  KRB_AP_ERR_MODIFIED: 41,
});

/** The name of a Kerberos error code in {@link KRB_ERROR_CODES}. */
export type KrbErrorName = keyof typeof KRB_ERROR_CODES;

/**
 * The NTSTATUS codes a Windows KDC puts in the KERB-ERROR-DATA (e-data) of its refusals.
 *
 * @example
 * ```ts
 * import { KDC_NT_STATUS } from '@doublehop/delegation';
 *
 * KDC_NT_STATUS.STATUS_ACCOUNT_RESTRICTION.toString(16); // 'c000006e'
 * ```
 * @see MS-ERREF 2.3.1; MS-KILE 2.2.1 (KERB-EXT-ERROR); MS-SFU 3.2.5.2.1–3.2.5.2.3
 */
export const KDC_NT_STATUS = Object.freeze({
  /** An account restriction prevents it: a non-forwardable evidence ticket. */
  STATUS_ACCOUNT_RESTRICTION: 0xc000006e,
  /** The account is disabled. */
  STATUS_ACCOUNT_DISABLED: 0xc0000072,
  /** Not supported: the service's msDS-AllowedToDelegateTo is empty. */
  STATUS_NOT_SUPPORTED: 0xc00000bb,
  /** Not found: the RBCD access check failed. */
  STATUS_NOT_FOUND: 0xc0000225,
  /** No match: the target SPN is not in a non-empty msDS-AllowedToDelegateTo. */
  STATUS_NO_MATCH: 0xc0000272,
  /** The machine is protected by an authentication firewall: selective authentication refused. */
  STATUS_AUTHENTICATION_FIREWALL_FAILED: 0xc0000413,
});

/** The name of an NTSTATUS code in {@link KDC_NT_STATUS}. */
export type KdcNtStatusName = keyof typeof KDC_NT_STATUS;

/**
 * A refusal by the KDC (or a ticket the KDC cannot accept): the Kerberos error name and number, the NTSTATUS
 * Windows puts in the e-data where known, the rule that fired with its source, a message, and the steps
 * applied up to the refusal.
 *
 * @remarks
 * Match on `code` (and `rule` for the precise cause), never on `message`.
 * @example
 * ```ts
 * import type { KdcError } from '@doublehop/delegation';
 *
 * function why(e: KdcError): string {
 *   return `${e.code} (${e.krb})${e.ntstatus ? ` ${e.ntstatus}` : ''}: ${e.rule}, ${e.source}`;
 * }
 * ```
 * @see RFC 4120 7.5.9; MS-KILE 2.2.1 (KERB-ERROR-DATA); MS-SFU 3.2.5.2
 */
export interface KdcError {
  /** The Kerberos error name, e.g. `'KDC_ERR_BADOPTION'`. */
  readonly code: KrbErrorName;
  /** Its number, e.g. 13. */
  readonly krb: number;
  /** The NTSTATUS in the e-data, when Windows sends one and it is known. */
  readonly ntstatus?: KdcNtStatusName;
  /** The rule that refused, e.g. `'s4u2proxy.kcd-evidence-not-forwardable'`. */
  readonly rule: KdcRuleId;
  /** The document section of that rule, e.g. `'MS-SFU 3.2.5.2.1'`. */
  readonly source: string;
  /** What happened, in words. */
  readonly message: string;
  /** The rules applied before the refusal, ending with the refusing one. */
  readonly explanation: readonly ExplanationStep[];
  /**
   * The referral TGTs the client obtained before the refusal, in order ({@link KdcReferral}): the refusal comes
   * from the KDC of the realm the last one names — e.g. `KDC_ERR_POLICY` from the KDC of a selective-authentication
   * trust's resource domain. Absent when the KDC of the presented TGT's realm refused.
   */
  readonly referrals?: readonly KdcReferral[];
}

/** @internal Builds a {@link KdcError}, appending the refusing step to the explanation so far. */
export function kdcError(
  code: KrbErrorName,
  rule: KdcRuleId,
  message: string,
  explanation: readonly ExplanationStep[],
  ntstatus?: KdcNtStatusName,
): KdcError {
  const steps = Object.freeze([...explanation, step(rule, 'refused', message)]);
  const base = { code, krb: KRB_ERROR_CODES[code], rule, source: KDC_RULES[rule].source, message };
  return Object.freeze(
    ntstatus === undefined ? { ...base, explanation: steps } : { ...base, ntstatus, explanation: steps },
  );
}
