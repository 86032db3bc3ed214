import { err, ok, type Result } from '@doublehop/core-token';
import { type KerberosDelegationDecision, kerberosDelegationDecision } from '@doublehop/impersonation-levels';
import type { KdcError } from '../errors.js';
import type { Kdc } from './kdc.js';
import { NO_REFERRALS } from './referrals/crossRealm.js';
import type { KdcReply } from './reply.js';
import type { ExplanationStep } from './rules.js';
import { tgsExchange } from './tgsExchange.js';
import type { Ticket } from './tickets.js';

/**
 * The client side of an AP-REQ to a service, as far as delegation goes.
 *
 * @example
 * ```ts
 * import type { ApReqRequest, Ticket } from '@doublehop/delegation';
 *
 * const browser = (alicesTgt: Ticket): ApReqRequest => ({ tgt: alicesTgt, service: 'HTTP/web01.corp.example', delegate: true });
 * ```
 * @see MS-KILE 3.2.5.1 (ISC_REQ_DELEGATE)
 */
export interface ApReqRequest {
  /** The client's TGT. */
  readonly tgt: Ticket;
  /** The SPN the client connects to. */
  readonly service: string;
  /** The client asked for delegation: ISC_REQ_DELEGATE (RPC_C_IMP_LEVEL_DELEGATE, SECURITY_DELEGATION). */
  readonly delegate: boolean;
  /** Credential Guard runs on the client. Default `false`. */
  readonly credentialGuard?: boolean;
  /** The service ticket, if the client already holds one; otherwise it is obtained with {@link tgsExchange}. */
  readonly serviceTicket?: Ticket;
}

/**
 * What the client sends: the service ticket, whether a forwarded TGT rides along (in the authenticator's
 * KRB-CRED), and the SSP's decision with its reason.
 *
 * @example
 * ```ts
 * import type { ApReqOutcome } from '@doublehop/delegation';
 *
 * const delegated = (o: ApReqOutcome): boolean => o.forwardedTgt !== null;
 * ```
 * @see RFC 4120 3.2.2, 3.6 (the AP-REQ authenticator's KRB-CRED)
 */
export interface ApReqOutcome extends KdcReply {
  /** The forwarded TGT (FORWARDED) the server receives, or `null`. */
  readonly forwardedTgt: Ticket | null;
  /** The decision of the client's Kerberos SSP (`@doublehop/impersonation-levels`' kerberosDelegationDecision). */
  readonly decision: KerberosDelegationDecision;
}

/**
 * Builds the client's AP-REQ with delegation: obtains the service ticket, lets the Kerberos SSP decide (with
 * `kerberosDelegationDecision` from `@doublehop/impersonation-levels`, the single copy of that rule) whether to
 * forward the TGT, and if so obtains the forwarded TGT from the KDC.
 *
 * @remarks
 * The SSP forwards the TGT only when delegation was requested, the service ticket has OK-AS-DELEGATE, the TGT is
 * FORWARDABLE and Credential Guard is off (MS-KILE 3.2.5.1). OK-AS-DELEGATE already folds in the KDC's rules:
 * TRUSTED_FOR_DELEGATION on the service account and, across a forest trust, TGT delegation enabled on it
 * (MS-KILE 3.3.5.7.5). The forwarded TGT is a TGS exchange with the FORWARDED option ({@link tgsExchange}), from
 * the KDC of the TGT's own realm — across a trust too (RFC 4120 2.6: a forwarded TGT is a TGT of the client's
 * realm). `referrals` are those the service ticket's exchange followed.
 * @param kdc - the KDC
 * @param request - the client's TGT, the service, and what the client asked for
 * @returns the service ticket, the forwarded TGT or `null`, the decision, and every rule applied; or the KDC's
 * refusal of the service ticket
 * @throws TypeError - `tgsExchange: …` when `tgt` is not a TGT
 * @example
 * ```ts
 * import { apReqDelegation, asExchange, createKdc } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'user', samAccountName: 'admin', accountNotDelegated: true },
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01'], trustedForDelegation: true },
 *   ],
 * }));
 * const connect = (client: string) => {
 *   const tgt = asExchange(kdc, { client });
 *   return tgt.ok ? apReqDelegation(kdc, { tgt: tgt.value.ticket, service: 'HTTP/web01', delegate: true }) : tgt;
 * };
 * const alice = connect('alice');
 * alice.ok && alice.value.forwardedTgt?.flags.includes('FORWARDED'); // true
 * const admin = connect('admin');
 * admin.ok && admin.value.decision.reason; // 'tgt-not-forwardable'
 * ```
 * @see MS-KILE 3.2.5.1; RFC 4120 3.6 (KRB-CRED), 2.6, 2.8; MS-KILE 3.3.5.7.5
 */
export function apReqDelegation(kdc: Kdc, request: ApReqRequest): Result<ApReqOutcome, KdcError> {
  const explanation: ExplanationStep[] = [];
  let serviceTicket = request.serviceTicket;
  let referrals = NO_REFERRALS;
  if (serviceTicket === undefined) {
    const st = tgsExchange(kdc, { tgt: request.tgt, service: request.service });
    if (!st.ok) return st;
    explanation.push(...st.value.explanation);
    serviceTicket = st.value.ticket;
    referrals = st.value.referrals ?? NO_REFERRALS;
  }
  const decision = kerberosDelegationDecision({
    requested: request.delegate,
    okAsDelegate: serviceTicket.flags.includes('OK-AS-DELEGATE'),
    tgtForwardable: request.tgt.flags.includes('FORWARDABLE'),
    credentialGuard: request.credentialGuard ?? false,
    protocol: 'kerberos',
  });
  explanation.push(
    Object.freeze({
      rule: 'apreq.delegation-decision',
      source: decision.source,
      outcome: decision.forwardedTgt ? 'applied' : 'passed',
      detail: decision.forwardedTgt
        ? `the client forwards its TGT to ${request.service} (${decision.reason})`
        : `no forwarded TGT to ${request.service}: ${decision.reason}`,
    } as const),
  );
  let forwardedTgt: Ticket | null = null;
  if (decision.forwardedTgt) {
    const realm = request.tgt.server.spn.slice(request.tgt.server.spn.indexOf('/') + 1);
    const fwd = tgsExchange(kdc, { tgt: request.tgt, service: `krbtgt/${realm}`, forwarded: true });
    if (!fwd.ok) return err(fwd.error);
    explanation.push(...fwd.value.explanation);
    forwardedTgt = fwd.value.ticket;
  }
  return ok(
    Object.freeze({
      ticket: serviceTicket,
      forwardedTgt,
      decision,
      explanation: Object.freeze(explanation),
      referrals,
    }),
  );
}
