import type { ExplanationStep } from './rules.js';
import type { Ticket } from './tickets.js';

/**
 * A referral TGT a KDC issued on the way to the KDC that answered: `krbtgt/TO@REALM`, the realm of the KDC that
 * issued it, the realm it sends the client to next, and the rules applied.
 *
 * @remarks
 * A KDC asked for a principal of another realm does not issue its ticket: it answers with a TGT for the next realm
 * on the trust path, and the client sends the request again, with that TGT, to that realm's KDC — until the KDC
 * of the principal's realm answers (RFC 4120 1.2, 3.3; RFC 6806 8; MS-KILE 3.3.5.7.5). The S4U extensions chase
 * referrals the same way: S4U2Proxy to a service of another domain (MS-SFU 3.1.5.2.2, 3.2.5.2.3), S4U2Self for a
 * user of another domain — first the service's own referrals to the user's realm, then the user's KDC's referral
 * back, carrying the user's PAC (MS-SFU 3.1.5.1.1.2, 3.2.5.1.1, 4.2). The KDC model returns these tickets with
 * its answer ({@link KdcReply}) or refusal ({@link KdcError}), so that a caller drawing the exchanges does not
 * repeat the referral rules: one request and reply per referral, then the request the answer replies to.
 * @example
 * ```ts
 * import type { KdcReferral } from '@doublehop/delegation';
 *
 * const arrow = (r: KdcReferral): string => `KDC ${r.realm} → ${r.ticket.server.spn}@${r.ticket.server.realm} → KDC ${r.to}`;
 * ```
 * @see RFC 4120 1.2, 3.3; RFC 6806 8; MS-KILE 3.3.5.7.5; MS-SFU 3.1.5.1.1.2, 3.1.5.2.2, 3.2.5.1.1
 */
export interface KdcReferral {
  /** The realm of the KDC that issued it — the KDC the request went to — e.g. `PARTNER.EXAMPLE`. */
  readonly realm: string;
  /** The realm whose KDC the client asks next, e.g. `CORP.EXAMPLE`. */
  readonly to: string;
  /**
   * The sname of the request it answers: the service asked for, or `krbtgt/REALM` when the client asked for a TGT
   * to that realm (a cross-realm S4U2Self, before it sends the S4U2Self data to the user's KDC).
   */
  readonly sname: string;
  /** The referral TGT (kind `'referral'`): its flags say whether it carries OK-AS-DELEGATE. */
  readonly ticket: Ticket;
  /** The rules the KDC applied to issue it (also in the reply's or refusal's explanation). */
  readonly explanation: readonly ExplanationStep[];
}

/**
 * A successful KDC exchange: the ticket issued, the rules applied to issue it, in order, and the referral TGTs
 * the client obtained on the way from the KDCs of other realms.
 *
 * @example
 * ```ts
 * import type { KdcReply } from '@doublehop/delegation';
 *
 * const rules = (r: KdcReply): string[] => r.explanation.map((s) => s.rule);
 * const kdcs = (r: KdcReply): string[] => [...(r.referrals ?? []).map((x) => x.realm), r.ticket.server.realm];
 * ```
 * @see RFC 4120 3.1.5, 3.3.3 (the KDC's reply); RFC 6806 8 (referrals)
 */
export interface KdcReply {
  /** The ticket. */
  readonly ticket: Ticket;
  /** The rules applied, each with its source. */
  readonly explanation: readonly ExplanationStep[];
  /**
   * The referral TGTs issued before the ticket, in the order the client obtained them, each by the KDC of the realm
   * the previous one names ({@link KdcReferral}); the ticket is then issued by the KDC of the realm the last one
   * names. Set by the TGS exchanges ({@link tgsExchange}, {@link apReqDelegation}, {@link s4u2self},
   * {@link s4u2proxy}) — empty when the KDC of the presented TGT's realm answered alone; absent from AS replies.
   */
  readonly referrals?: readonly KdcReferral[];
}
