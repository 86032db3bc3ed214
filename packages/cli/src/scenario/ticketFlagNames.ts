import { TICKET_FLAGS } from '@doublehop/delegation';

/**
 * @internal A ticket flag's name as `ticketFlagsRecord` spells it: `OK-AS-DELEGATE` → `okAsDelegate`.
 */
export function flagKey(flag: string): string {
  return flag.toLowerCase().replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * @internal The ticket flags a scenario's `expect.flags` may name: the KDC model's flags (RFC 4120 5.3),
 * camelCased as `ticketFlagsRecord` names them.
 * @see RFC 4120 5.3 (TicketFlags)
 */
export const TICKET_FLAG_NAMES: readonly string[] = Object.keys(TICKET_FLAGS).map(flagKey);
