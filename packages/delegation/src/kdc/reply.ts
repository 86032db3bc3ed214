import type { ExplanationStep } from './rules.js';
import type { Ticket } from './tickets.js';

/**
 * A successful KDC exchange: the ticket issued, and the rules applied to issue it, in order.
 *
 * @example
 * ```ts
 * import type { KdcReply } from '@doublehop/delegation';
 *
 * const rules = (r: KdcReply): string[] => r.explanation.map((s) => s.rule);
 * ```
 * @see RFC 4120 3.1.5, 3.3.3 (the KDC's reply)
 */
export interface KdcReply {
  /** The ticket. */
  readonly ticket: Ticket;
  /** The rules applied, each with its source. */
  readonly explanation: readonly ExplanationStep[];
}
