import type { Sid } from '@doublehop/core-token';
import type { Pac } from './pac.js';

/**
 * The ticket flags doublehop models, with the values `klist` prints for them (RFC 4120 5.3 numbers the bits
 * from the most significant one: FORWARDABLE is bit 1, `0x40000000`).
 *
 * @remarks
 * A Windows TGT typically shows `0x40e10000` (forwardable renewable initial pre_authent name_canonicalize),
 * a service ticket `0x40a10000`, or `0x40a50000` with ok_as_delegate, and a forwarded TGT `0x60a10000`.
 * @example
 * ```ts
 * import { TICKET_FLAGS } from '@doublehop/delegation';
 *
 * TICKET_FLAGS.FORWARDABLE;      // 0x40000000
 * TICKET_FLAGS['OK-AS-DELEGATE']; // 0x40000
 * ```
 * @see RFC 4120 5.3 (TicketFlags); MS-KILE 3.1.5.4 (ticket flag details)
 */
export const TICKET_FLAGS = Object.freeze({
  /** The TGT may be forwarded to a service, or the service ticket used as S4U2Proxy evidence (RFC 4120 2.6). */
  FORWARDABLE: 0x4000_0000,
  /** The ticket was forwarded, or issued from a forwarded TGT (RFC 4120 2.6). */
  FORWARDED: 0x2000_0000,
  /** A proxy ticket may be issued from it (RFC 4120 2.5); Windows clients never ask for one. */
  PROXIABLE: 0x1000_0000,
  /** The ticket is a proxy (RFC 4120 2.5). */
  PROXY: 0x0800_0000,
  /** The ticket can be renewed (RFC 4120 2.3). */
  RENEWABLE: 0x0080_0000,
  /** Issued by the AS exchange, not from a TGT (RFC 4120 2.1). */
  INITIAL: 0x0040_0000,
  /** The client pre-authenticated (RFC 4120 2.1). */
  'PRE-AUTHENT': 0x0020_0000,
  /** Realm policy says the server may be trusted with delegated credentials (RFC 4120 2.8). */
  'OK-AS-DELEGATE': 0x0004_0000,
  /** The KDC canonicalized the names (RFC 6806). */
  'NAME-CANONICALIZE': 0x0001_0000,
});

/** The name of a ticket flag, e.g. `'FORWARDABLE'` or `'OK-AS-DELEGATE'`. */
export type TicketFlag = keyof typeof TICKET_FLAGS;

/** What a ticket is: a TGT for the client's own realm, a cross-realm referral TGT, or a service ticket. */
export type TicketKind = 'tgt' | 'referral' | 'service';

/**
 * The exchange that produced a ticket: `as-req`, `tgs-req`, `s4u2self`, `s4u2proxy`, a `forwarded` TGT, a
 * `referral`, or `tampered` for a ticket changed by {@link tamperTicket} after the KDC issued it.
 */
export type TicketOrigin =
  | 'as-req'
  | 'tgs-req'
  | 's4u2self'
  | 's4u2proxy'
  | 'forwarded'
  | 'referral'
  | 'tampered';

/**
 * The client of a ticket (cname and crealm), with the account's SID.
 *
 * @example
 * ```ts
 * import type { TicketClient } from '@doublehop/delegation';
 *
 * const show = (c: TicketClient): string => `${c.name}@${c.realm}`;
 * ```
 * @see RFC 4120 5.3 (cname, crealm)
 */
export interface TicketClient {
  /** The client principal name: the sAMAccountName (`alice`, `WEB01$`). */
  readonly name: string;
  /** The client's realm: its domain's DNS name in upper case. */
  readonly realm: string;
  /** The account's objectSid. */
  readonly sid: Sid;
}

/**
 * The server of a ticket (sname and realm), with the account the KDC encrypted it for.
 *
 * @example
 * ```ts
 * import type { TicketServer } from '@doublehop/delegation';
 *
 * const isKrbtgt = (s: TicketServer): boolean => s.spn.toLowerCase().startsWith('krbtgt/');
 * ```
 * @see RFC 4120 5.3 (sname, realm); MS-KILE 3.3.5.7.5 (inter-realm keys)
 */
export interface TicketServer {
  /** The server name as requested: an SPN (`cifs/fs01.corp.example`), `krbtgt/REALM`, or a sAMAccountName. */
  readonly spn: string;
  /** The realm of the KDC that issued the ticket (the server's realm; for a referral, the issuing realm). */
  readonly realm: string;
  /** The sAMAccountName of the account whose key encrypts the ticket (`WEB01$`, `krbtgt`), or for a referral TGT the inter-realm trust account (`RES$`). */
  readonly account: string;
  /** That account's objectSid; `null` for the inter-realm trust account of a referral. */
  readonly sid: Sid | null;
}

/**
 * A Kerberos ticket as a value: who it is for, which server it is for, its flags and its PAC.
 *
 * @remarks
 * Tickets are frozen; exchanges return new ones. The flags are sorted in RFC 4120 bit order. The PAC carries
 * the ticket signature a patched KDC adds ({@link Pac.ticketSignature}); changing a ticket after issue
 * ({@link tamperTicket}) leaves that signature stale, which is how a patched KDC spots the Bronze Bit.
 * @example
 * ```ts
 * import { asExchange, createKdc } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({ domains: [{ dnsName: 'corp.example' }], accounts: [{ kind: 'user', samAccountName: 'alice' }] }));
 * const tgt = asExchange(kdc, { client: 'alice' });
 * tgt.ok && tgt.value.ticket.server.spn; // 'krbtgt/CORP.EXAMPLE'
 * tgt.ok && tgt.value.ticket.flags;      // ['FORWARDABLE', 'RENEWABLE', 'INITIAL', 'PRE-AUTHENT', 'NAME-CANONICALIZE']
 * ```
 * @see RFC 4120 5.3 (Ticket, EncTicketPart); MS-PAC 2.4 (the PAC in the ticket's authorization data)
 */
export interface Ticket {
  /** A TGT, a referral TGT or a service ticket. */
  readonly kind: TicketKind;
  /** cname and crealm. */
  readonly client: TicketClient;
  /** sname and realm, and the account the ticket is encrypted for. */
  readonly server: TicketServer;
  /** The ticket flags, in RFC 4120 bit order. */
  readonly flags: readonly TicketFlag[];
  /** The PAC: the client's groups, asserted identity, NOT_DELEGATED state and delegation info. */
  readonly pac: Pac;
  /** The exchange that produced the ticket. */
  readonly origin: TicketOrigin;
}

/**
 * A ticket's flags as booleans, for JSON output.
 *
 * @example
 * ```ts
 * import type { TicketFlagsRecord } from '@doublehop/delegation';
 *
 * const delegable = (f: TicketFlagsRecord): boolean => f.forwardable && f.okAsDelegate;
 * ```
 * @see RFC 4120 2 (ticket flag meanings)
 */
export interface TicketFlagsRecord {
  /** FORWARDABLE. */
  readonly forwardable: boolean;
  /** FORWARDED. */
  readonly forwarded: boolean;
  /** PROXIABLE. */
  readonly proxiable: boolean;
  /** PROXY. */
  readonly proxy: boolean;
  /** RENEWABLE. */
  readonly renewable: boolean;
  /** INITIAL. */
  readonly initial: boolean;
  /** PRE-AUTHENT. */
  readonly preAuthent: boolean;
  /** OK-AS-DELEGATE. */
  readonly okAsDelegate: boolean;
  /** NAME-CANONICALIZE. */
  readonly nameCanonicalize: boolean;
}

/**
 * A ticket's flags as a record of booleans (`{ forwardable, forwarded, proxiable, proxy, okAsDelegate, … }`),
 * for reports and JSON.
 *
 * @param ticket - the ticket
 * @returns one boolean per modelled flag
 * @example
 * ```ts
 * import { asExchange, createKdc, ticketFlagsRecord } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({ domains: [{ dnsName: 'corp.example' }], accounts: [{ kind: 'user', samAccountName: 'alice' }] }));
 * const tgt = asExchange(kdc, { client: 'alice', forwardable: false });
 * tgt.ok && ticketFlagsRecord(tgt.value.ticket).forwardable; // false
 * tgt.ok && ticketFlagsRecord(tgt.value.ticket).initial;     // true
 * ```
 * @see RFC 4120 2 (ticket flag meanings)
 */
export function ticketFlagsRecord(ticket: Ticket): TicketFlagsRecord {
  const has = (f: TicketFlag): boolean => ticket.flags.includes(f);
  return Object.freeze({
    forwardable: has('FORWARDABLE'),
    forwarded: has('FORWARDED'),
    proxiable: has('PROXIABLE'),
    proxy: has('PROXY'),
    renewable: has('RENEWABLE'),
    initial: has('INITIAL'),
    preAuthent: has('PRE-AUTHENT'),
    okAsDelegate: has('OK-AS-DELEGATE'),
    nameCanonicalize: has('NAME-CANONICALIZE'),
  });
}

/**
 * @internal Flags sorted in RFC 4120 bit order (most significant first), without duplicates. A handful of
 * combinations occur, so each is one shared frozen list (tickets are frozen values).
 */
export function sortFlags(flags: Iterable<TicketFlag>): readonly TicketFlag[] {
  let bits = 0;
  for (const f of flags) bits |= TICKET_FLAGS[f];
  let sorted = byBits.get(bits);
  if (sorted === undefined) {
    sorted = Object.freeze(BIT_ORDER.filter((f) => (bits & TICKET_FLAGS[f]) !== 0));
    byBits.set(bits, sorted);
  }
  return sorted;
}

const byBits = new Map<number, readonly TicketFlag[]>();

/** Every flag, in RFC 4120 bit order (the highest TICKET_FLAGS value first). */
const BIT_ORDER = (Object.keys(TICKET_FLAGS) as TicketFlag[]).sort(
  (a, b) => TICKET_FLAGS[b] - TICKET_FLAGS[a],
);
