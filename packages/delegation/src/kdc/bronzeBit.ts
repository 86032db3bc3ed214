import { ok, type Result } from '@doublehop/core-token';
import { type KdcError, kdcError } from '../errors.js';
import type { Pac } from './pac.js';
import type { KdcReply } from './reply.js';
import { type ExplanationStep, step } from './rules.js';
import { sortFlags, type Ticket, type TicketFlag } from './tickets.js';

/**
 * What {@link tamperTicket} changes in a ticket.
 *
 * @example
 * ```ts
 * import type { TamperChanges } from '@doublehop/delegation';
 *
 * const bronzeBit: TamperChanges = { forwardable: true };
 * ```
 * @see CVE-2020-17049
 */
export interface TamperChanges {
  /** Set (`true`) or clear (`false`) the FORWARDABLE flag. */
  readonly forwardable?: boolean;
}

/**
 * @internal The text a ticket signature is computed over — the EncTicketPart less the signature itself — as
 * its parts, which {@link digest} reads as if joined with `|`.
 */
function signedContent(ticket: Ticket): readonly string[] {
  const { pac } = ticket;
  const info = pac.delegationInfo;
  return [
    ticket.kind,
    `${ticket.client.name}@${ticket.client.realm}`,
    ticket.client.sid.text,
    `${ticket.server.spn}@${ticket.server.realm}`,
    ticket.server.account,
    joined(ticket.flags),
    pac.user.text,
    groupsText(pac.groups),
    pac.assertedIdentity.text,
    String(pac.otherOrganization),
    String(pac.notDelegated),
    info === null ? '' : `${info.s4u2proxyTarget}<${info.transitedServices.join(',')}`,
  ];
}

/** Flags as signed; the lists are sortFlags' few shared frozen arrays, so each is written out once. */
const flagTexts = new WeakMap<readonly string[], string>();
function joined(flags: readonly string[]): string {
  let text = flagTexts.get(flags);
  if (text === undefined) {
    text = flags.join(',');
    if (Object.isFrozen(flags)) flagTexts.set(flags, text);
  }
  return text;
}

/** A PAC's groups as signed; the lists are the directory's own frozen arrays, so each is written out once. */
const groupTexts = new WeakMap<Pac['groups'], string>();
function groupsText(groups: Pac['groups']): string {
  let text = groupTexts.get(groups);
  if (text === undefined) {
    text = groups.map((g) => `${g.sid.text}:${g.attributes}`).join(',');
    if (Object.isFrozen(groups)) groupTexts.set(groups, text);
  }
  return text;
}

/**
 * @internal FNV-1a (32 bit) of `parts.join('|')`, standing for the keyed checksum the KDC computes with the
 * krbtgt key. It hashes the parts in place: the joined text is never built.
 */
function digest(parts: readonly string[]): string {
  let h = 0x811c9dc5;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) h = Math.imul(h ^ SEPARATOR, 0x01000193) >>> 0;
    const text = parts[p] as string;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

const SEPARATOR = '|'.charCodeAt(0);

/**
 * @internal Issues a ticket: a patched KDC adds the ticket signature (PAC_TICKET_CHECKSUM) to every ticket not
 * encrypted to a krbtgt or trust account (MS-PAC 2.8.3); an unpatched one adds none.
 */
export function issueTicket(ticket: Ticket, patched: boolean): Ticket {
  const signed = patched && ticket.kind === 'service';
  // The signed content leaves the signature out, so it is computed over the ticket as given.
  const ticketSignature = signed ? digest(signedContent(ticket)) : null;
  // Written out field by field (in the order tickets and PACs are declared): spread copies cost V8 more
  // than the rest of issuing a ticket.
  const p = ticket.pac;
  const pac: Pac = Object.freeze({
    user: p.user,
    groups: p.groups,
    assertedIdentity: p.assertedIdentity,
    otherOrganization: p.otherOrganization,
    notDelegated: p.notDelegated,
    delegationInfo: p.delegationInfo,
    ticketSignature,
  });
  const issued: Ticket = Object.freeze({
    kind: ticket.kind,
    client: ticket.client,
    server: ticket.server,
    flags: ticket.flags,
    pac,
    origin: ticket.origin,
  });
  if (ticketSignature !== null) {
    recentlySigned[nextSlot] = issued;
    nextSlot = (nextSlot + 1) % recentlySigned.length;
  }
  return issued;
}

/**
 * The last tickets signed here. A ticket is frozen through and through (flags, client, server, PAC), so when
 * one comes back as S4U2Proxy evidence — a flow's next hop presents the ticket its previous hop obtained — its
 * signature still matches, without hashing it again. A changed copy ({@link tamperTicket}) is another object,
 * and is checked. (A few strong references, not a WeakSet: V8's minor GC is slow with many short-lived weak keys.)
 */
const recentlySigned: (Ticket | undefined)[] = new Array(8).fill(undefined);
let nextSlot = 0;

/** @internal Whether a ticket's signature is present and matches its content. */
export function ticketSignatureValid(ticket: Ticket): boolean {
  if (recentlySigned.includes(ticket)) return true;
  const signature = ticket.pac.ticketSignature;
  // The signed content leaves the signature itself out.
  return signature !== null && signature === digest(signedContent(ticket));
}

/**
 * Models a compromised front-end service rewriting a service ticket issued to it — the Bronze Bit
 * (CVE-2020-17049): it decrypts the ticket with its own key, sets (or clears) FORWARDABLE and re-encrypts it.
 *
 * @remarks
 * Only the server of a service ticket can do this: a TGT or referral is encrypted with a krbtgt or inter-realm
 * key the service does not hold, so changing one is refused with KRB_AP_ERR_BAD_INTEGRITY. The PAC's server and
 * KDC signatures cover only the PAC, so an unpatched KDC accepts the changed ticket as S4U2Proxy evidence; a patched
 * KDC's ticket signature (MS-PAC 2.8.3) covers the flags, and {@link s4u2proxy} refuses the ticket with
 * KRB_AP_ERR_MODIFIED.
 * @param ticket - a service ticket whose server is the tampering service (typically its S4U2Self ticket)
 * @param changes - the flags to change
 * @returns the changed ticket (origin `'tampered'`, its ticket signature left as the KDC computed it)
 * @example
 * ```ts
 * import { asExchange, createKdc, s4u2proxy, s4u2self, tamperTicket } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'admin', accountNotDelegated: true },
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01'], allowedToDelegateTo: ['cifs/fs01'] },
 *     { kind: 'computer', samAccountName: 'FS01', servicePrincipalNames: ['cifs/fs01'] },
 *   ],
 * });
 * const bronzeBit = (patched: boolean) => {
 *   const kdc = createKdc(dir, { patched });
 *   const tgt = asExchange(kdc, { client: 'WEB01$' });
 *   const self = tgt.ok ? s4u2self(kdc, { serviceTgt: tgt.value.ticket, user: 'admin' }) : tgt;
 *   const forged = self.ok ? tamperTicket(self.value.ticket, { forwardable: true }) : self;
 *   const proxy = tgt.ok && forged.ok ? s4u2proxy(kdc, { serviceTgt: tgt.value.ticket, evidence: forged.value.ticket, target: 'cifs/fs01' }) : forged;
 *   return proxy.ok ? 'accepted' : proxy.error.code;
 * };
 * bronzeBit(false); // 'accepted'
 * bronzeBit(true);  // 'KRB_AP_ERR_MODIFIED'
 * ```
 * @see CVE-2020-17049; MS-PAC 2.8.3; KB4598347; Karnes, "CVE-2020-17049: Kerberos Bronze Bit Attack – Theory" (NetSPI)
 */
export function tamperTicket(ticket: Ticket, changes: TamperChanges): Result<KdcReply, KdcError> {
  if (ticket.kind !== 'service') {
    return {
      ok: false,
      error: kdcError(
        'KRB_AP_ERR_BAD_INTEGRITY',
        'tgs.tgt-not-decryptable',
        `${ticket.server.spn} is encrypted with a krbtgt or inter-realm key no service holds: a changed copy no longer decrypts`,
        [],
      ),
    };
  }
  const flags = new Set<TicketFlag>(ticket.flags);
  const explanation: ExplanationStep[] = [];
  if (changes.forwardable !== undefined) {
    if (changes.forwardable) flags.add('FORWARDABLE');
    else flags.delete('FORWARDABLE');
    explanation.push(
      step(
        'bronze-bit.tamper',
        'applied',
        `${ticket.server.account} re-encrypted its ticket for ${ticket.client.name} with FORWARDABLE ${changes.forwardable ? 'set' : 'cleared'}; ` +
          (ticket.pac.ticketSignature === null
            ? 'the ticket carries no ticket signature, so nothing covers the flags'
            : 'the ticket signature the KDC computed no longer matches'),
      ),
    );
  }
  return ok(
    Object.freeze({
      ticket: Object.freeze({ ...ticket, flags: sortFlags(flags), origin: 'tampered' as const }),
      explanation: Object.freeze(explanation),
    }),
  );
}
