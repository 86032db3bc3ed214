import { isNtlm, type NegotiatedProtocol } from './protocol.js';
import { SOURCES } from './sources.js';

/**
 * What {@link kerberosDelegationDecision} needs to know about one connection, from the client's side.
 *
 * @example
 * ```ts
 * import type { KerberosDelegationInput } from '@doublehop/impersonation-levels';
 *
 * const browserToIntranet: KerberosDelegationInput = {
 *   requested: true, okAsDelegate: true, tgtForwardable: true, credentialGuard: false, protocol: 'kerberos',
 * };
 * ```
 * @see MS-KILE 3.2.5.1; MS-KILE 3.3.5.1
 */
export interface KerberosDelegationInput {
  /** The client asked for delegation: ISC_REQ_DELEGATE, RPC_C_IMP_LEVEL_DELEGATE or SECURITY_DELEGATION. */
  readonly requested: boolean;
  /**
   * The service ticket's OK-AS-DELEGATE flag: the KDC sets it when the service's account is trusted for
   * (unconstrained) delegation — TRUSTED_FOR_DELEGATION in userAccountControl (MS-KILE 3.3.5.1).
   */
  readonly okAsDelegate: boolean;
  /** The client's TGT is FORWARDABLE (not so for accounts marked sensitive, or in Protected Users). */
  readonly tgtForwardable: boolean;
  /** Credential Guard runs on the client: its TGT lives in LSAIso and cannot be forwarded. */
  readonly credentialGuard: boolean;
  /** The protocol the connection negotiated; only Kerberos can carry a TGT. */
  readonly protocol: NegotiatedProtocol;
}

/**
 * Why {@link kerberosDelegationDecision} decided as it did — stable codes, checked in this order:
 *
 * - `'ntlm-cannot-delegate'` — NTLM (asked for, or Negotiate's fallback) has no ticket to forward.
 * - `'not-kerberos'` — Basic, CredSSP or anonymous: no Kerberos AP-REQ at all (Basic and CredSSP give the
 *   server the password instead — see the connection machine).
 * - `'client-did-not-request'` — no ISC_REQ_DELEGATE (or RPC_C_IMP_LEVEL_DELEGATE, SECURITY_DELEGATION).
 * - `'ok-as-delegate-not-set'` — the service is not trusted for unconstrained delegation, and Windows' Kerberos
 *   client honours the flag.
 * - `'tgt-not-forwardable'` — the account is sensitive (NOT_DELEGATED) or in Protected Users, so its TGT is
 *   not FORWARDABLE and the KDC will not issue a forwarded one.
 * - `'credential-guard-blocks-tgt-delegation'` — Credential Guard on the client.
 * - `'forwarded'` — the AP-REQ carries a forwarded TGT in a KRB_CRED.
 */
export type KerberosDelegationReason =
  | 'ntlm-cannot-delegate'
  | 'not-kerberos'
  | 'client-did-not-request'
  | 'ok-as-delegate-not-set'
  | 'tgt-not-forwardable'
  | 'credential-guard-blocks-tgt-delegation'
  | 'forwarded';

/**
 * The answer of {@link kerberosDelegationDecision}: whether a forwarded TGT travels with the AP-REQ, why,
 * and the document the deciding rule comes from.
 *
 * @example
 * ```ts
 * import type { KerberosDelegationDecision } from '@doublehop/impersonation-levels';
 *
 * const no: KerberosDelegationDecision = { forwardedTgt: false, reason: 'ok-as-delegate-not-set', source: 'MS-KILE 3.2.5.1' };
 * ```
 */
export interface KerberosDelegationDecision {
  /** Whether the client's Kerberos SSP puts a forwarded TGT (KRB_CRED) in the AP-REQ's authenticator. */
  readonly forwardedTgt: boolean;
  /** The deciding rule, as a stable code. */
  readonly reason: KerberosDelegationReason;
  /** Where the rule is documented. */
  readonly source: string;
}

const decisions = new Map<KerberosDelegationReason, KerberosDelegationDecision>();
function decision(reason: KerberosDelegationReason, source: string): KerberosDelegationDecision {
  let d = decisions.get(reason);
  if (d === undefined) {
    d = Object.freeze({ forwardedTgt: reason === 'forwarded', reason, source });
    decisions.set(reason, d);
  }
  return d;
}

/**
 * Decides whether the client's Kerberos SSP puts a forwarded TGT in the AP-REQ — the client half of
 * unconstrained Kerberos delegation, and the only way a server receives Delegation-level credentials
 * without constrained delegation.
 *
 * @remarks
 * Windows' Kerberos client (MS-KILE 3.2.5.1) forwards the TGT only when **all** of these hold; the first that
 * fails, in this order, is the reason:
 * 1. the connection uses Kerberos — NTLM cannot delegate (`'ntlm-cannot-delegate'`); Basic, CredSSP and
 *    anonymous have no AP-REQ (`'not-kerberos'`);
 * 2. the client asked for delegation (ISC_REQ_DELEGATE; RPC_C_IMP_LEVEL_DELEGATE; SECURITY_DELEGATION);
 * 3. the service ticket carries OK-AS-DELEGATE, which the KDC sets for services whose account is
 *    TRUSTED_FOR_DELEGATION (MS-KILE 3.3.5.1) — Windows honours the flag, unlike MIT's default;
 * 4. the TGT is FORWARDABLE: the KDC never sets it for accounts with NOT_DELEGATED ("Account is sensitive and
 *    cannot be delegated") or in Protected Users (MS-KILE 3.3.5.1), and a FORWARDED TGT can only be issued
 *    from a FORWARDABLE one (RFC 4120 2.6);
 * 5. Credential Guard is off on the client: with it, "you can no longer use Kerberos unconstrained
 *    delegation" (Credential Guard considerations).
 *
 * The KDC's own conditions (a forest trust's EnableTGTDelegation, the TGS exchange for the forwarded TGT)
 * belong to the KDC model in `@doublehop/delegation`. Constrained delegation (S4U2proxy) needs no forwarded
 * TGT and is not decided here.
 *
 * @param input - what the client asked for, the ticket flags, Credential Guard and the protocol
 * @returns whether a forwarded TGT is sent, the reason code and its source
 * @example
 * ```ts
 * import { kerberosDelegationDecision } from '@doublehop/impersonation-levels';
 *
 * const base = { requested: true, okAsDelegate: true, tgtForwardable: true, credentialGuard: false } as const;
 * kerberosDelegationDecision({ ...base, protocol: 'kerberos' }).forwardedTgt; // true
 * kerberosDelegationDecision({ ...base, protocol: 'negotiate-ntlm' }).reason; // 'ntlm-cannot-delegate'
 * kerberosDelegationDecision({ ...base, protocol: 'kerberos', okAsDelegate: false }).reason; // 'ok-as-delegate-not-set'
 * kerberosDelegationDecision({ ...base, protocol: 'kerberos', credentialGuard: true }); // { forwardedTgt: false, reason: 'credential-guard-blocks-tgt-delegation' }
 * ```
 * @see MS-KILE 3.2.5.1 Request Flags Details, https://learn.microsoft.com/openspecs/windows_protocols/ms-kile/3affa503-59b5-47b6-92aa-ec4b9cf04982;
 * MS-KILE 3.3.5.1 Request Flag Ticket-issuing Behavior; RFC 4120 2.6 and 2.8 (OK-AS-DELEGATE);
 * Credential Guard considerations, https://learn.microsoft.com/windows/security/identity-protection/credential-guard/considerations-known-issues
 */
export function kerberosDelegationDecision(input: KerberosDelegationInput): KerberosDelegationDecision {
  if (input.protocol !== 'kerberos') {
    return isNtlm(input.protocol)
      ? decision('ntlm-cannot-delegate', SOURCES.ntlm)
      : decision(
          'not-kerberos',
          input.protocol === 'anonymous' ? SOURCES.anonymousLogon : SOURCES.kileClientDelegate,
        );
  }
  if (!input.requested) return decision('client-did-not-request', SOURCES.iscDelegate);
  if (!input.okAsDelegate) return decision('ok-as-delegate-not-set', SOURCES.kileClientDelegate);
  if (!input.tgtForwardable) {
    return decision('tgt-not-forwardable', `${SOURCES.kileKdcFlags}; ${SOURCES.rfc4120Forwardable}`);
  }
  if (input.credentialGuard)
    return decision('credential-guard-blocks-tgt-delegation', SOURCES.credentialGuard);
  return decision('forwarded', SOURCES.kileClientDelegate);
}
