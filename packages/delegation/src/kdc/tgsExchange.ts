import { err, ok, type Result, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { type Domain, findDomain, trustPath } from '@doublehop/logon';
import { type KdcError, kdcError } from '../errors.js';
import { acceptTgt } from './acceptTgt.js';
import { issueTicket } from './bronzeBit.js';
import type { Kdc } from './kdc.js';
import { buildPac } from './pac.js';
import { displayName, hasUac, krbtgtServer, lookupServer, ticketServer } from './principals.js';
import { afterReferrals, chaseReferrals, NO_REFERRALS, referralPath } from './referrals/crossRealm.js';
import type { KdcReply } from './reply.js';
import { type ExplanationStep, step } from './rules.js';
import { selectiveAuthentication } from './selectiveAuthentication.js';
import { sortFlags, type Ticket, type TicketFlag } from './tickets.js';

/**
 * A TGS-REQ: the TGT presented, the service wanted, and the KDC options that matter for delegation.
 *
 * @example
 * ```ts
 * import type { Ticket, TgsRequest } from '@doublehop/delegation';
 *
 * const forSql = (tgt: Ticket): TgsRequest => ({ tgt, service: 'MSSQLSvc/sql01.corp.example:1433' });
 * const forwardedTgt = (tgt: Ticket): TgsRequest => ({ tgt, service: 'krbtgt/CORP.EXAMPLE', forwarded: true });
 * ```
 * @see RFC 4120 5.4.1 (KDC-REQ, kdc-options FORWARDED, FORWARDABLE)
 */
export interface TgsRequest {
  /** The client's TGT, or a referral TGT from an earlier step. */
  readonly tgt: Ticket;
  /** The SPN (`HTTP/web01.corp.example`), a service account's sAMAccountName, or `krbtgt/REALM` with `forwarded`. */
  readonly service: string;
  /** Ask for a FORWARDABLE ticket. Default `true`, as Windows clients ask. */
  readonly forwardable?: boolean;
  /** Ask for a forwarded TGT (KDC option FORWARDED) — `service` must then be the TGT's own `krbtgt/REALM`. */
  readonly forwarded?: boolean;
  /** Follow referrals to a service in another domain and return its service ticket (default), or stop at the first referral TGT. */
  readonly followReferrals?: boolean;
}

/**
 * Runs the TGS exchange: the KDC issues a service ticket (following referrals across trusts), or a forwarded TGT
 * for unconstrained delegation — as a Windows domain controller does.
 *
 * @remarks
 * - The service is found by SPN in the whole directory (the global catalog and forest-trust name routing):
 *   unknown → KDC_ERR_S_PRINCIPAL_UNKNOWN (7); on two accounts → also KDC_ERR_S_PRINCIPAL_UNKNOWN, with KDC event 11
 *   (Windows does not answer RFC 4120's KDC_ERR_PRINCIPAL_NOT_UNIQUE). `cifs/…`, `http/…` and the other
 *   sPNMappings classes also find an account holding `HOST/…`.
 * - Flags come from the TGT (RFC 4120 3.3.3): FORWARDABLE only if asked for and the TGT is forwardable — which is
 *   how NOT_DELEGATED and Protected Users, decided at the AS exchange, reach service tickets; FORWARDED, RENEWABLE
 *   and PRE-AUTHENT are copied. OK-AS-DELEGATE marks a service account with TRUSTED_FOR_DELEGATION (MS-KILE
 *   3.3.5.1); across a trust it also needs an OK-AS-DELEGATE referral, which a forest trust gives only with
 *   TGT delegation enabled (MS-KILE 3.3.5.7.5).
 * - Across a selective-authentication trust the client needs Allowed-To-Authenticate on the service account
 *   (an access check for control access) or gets KDC_ERR_POLICY (12).
 * - `forwarded: true` returns a forwarded TGT (FORWARDED, FORWARDABLE) from a forwardable TGT, or
 *   KDC_ERR_BADOPTION (13).
 * - For a service of another realm the client asks its own KDC, which answers with a referral TGT
 *   (`krbtgt/NEXT@HOME`), then asks the next KDC with it, until the KDC of the service's realm issues the ticket
 *   (RFC 4120 1.2, 3.3; RFC 6806 8). The reply's `referrals` lists those referral TGTs in order, each with the
 *   realm of the KDC that issued it, so that the exchanges can be shown per KDC without repeating these rules; a
 *   refusal by the service's realm's KDC (selective authentication) carries them too.
 * @param kdc - the KDC
 * @param request - the TGT, the service and the options
 * @returns the ticket (service ticket, forwarded TGT or referral), the rules applied and the referrals followed,
 * or the KDC's refusal
 * @throws TypeError - `tgsExchange: …` when `tgt` is not a TGT, or `forwarded` names another service than the TGT's realm
 * @example
 * ```ts
 * import { asExchange, createKdc, tgsExchange, ticketFlagsRecord } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01'], trustedForDelegation: true },
 *   ],
 * }));
 * const tgt = asExchange(kdc, { client: 'alice' });
 * const st = tgt.ok ? tgsExchange(kdc, { tgt: tgt.value.ticket, service: 'HTTP/web01' }) : tgt;
 * st.ok && ticketFlagsRecord(st.value.ticket).okAsDelegate; // true
 * const none = tgt.ok ? tgsExchange(kdc, { tgt: tgt.value.ticket, service: 'HTTP/nowhere' }) : tgt;
 * none.ok || none.error.code; // 'KDC_ERR_S_PRINCIPAL_UNKNOWN'
 * ```
 * @example
 * ```ts
 * // Across a forest trust: a referral TGT from paul's KDC, then the service ticket from corp.example's.
 * import { asExchange, createKdc, tgsExchange } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({
 *   domains: [{ dnsName: 'corp.example' }, { dnsName: 'partner.example' }],
 *   trusts: [{ between: ['corp.example', 'partner.example'], type: 'forest' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'paul', domain: 'partner.example' },
 *     { kind: 'user', samAccountName: 'svc-web', domain: 'corp.example', servicePrincipalNames: ['HTTP/web01.corp.example'] },
 *   ],
 * }));
 * const tgt = asExchange(kdc, { client: 'PARTNER\\paul' });
 * const st = tgt.ok ? tgsExchange(kdc, { tgt: tgt.value.ticket, service: 'HTTP/web01.corp.example' }) : tgt;
 * st.ok && st.value.referrals?.map((r) => `${r.ticket.server.spn}@${r.realm}`); // ['krbtgt/CORP.EXAMPLE@PARTNER.EXAMPLE']
 * st.ok && st.value.ticket.server.realm; // 'CORP.EXAMPLE'
 * ```
 * @see RFC 4120 3.3; MS-KILE 3.3.5.1, 3.3.5.7, 3.3.5.7.5; RFC 6806 8
 */
export function tgsExchange(kdc: Kdc, request: TgsRequest): Result<KdcReply, KdcError> {
  const dir = kdc.directory;
  const explanation: ExplanationStep[] = [];
  const accepted = acceptTgt(kdc, request.tgt, 'tgsExchange', explanation);
  if (!accepted.ok) return accepted;
  const { kdcDomain, client } = accepted.value;
  const tgt = request.tgt;
  const wantForwardable = request.forwardable ?? true;

  if (request.forwarded === true) return forwardedTgt(kdc, tgt, request.service, kdcDomain, explanation);
  if (/^krbtgt\//i.test(request.service)) {
    throw new TypeError('tgsExchange: a TGS-REQ for krbtgt/… is modelled only with forwarded: true');
  }

  const found = lookupServer(dir, request.service);
  if (found.kind === 'unknown') {
    return err(
      kdcError(
        'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        'tgs.service-unknown',
        `no account has the SPN ${request.service}`,
        explanation,
      ),
    );
  }
  if (found.kind === 'duplicate') {
    const holders = found.accounts.map((a) => displayName(dir, a)).join(', ');
    return err(
      kdcError(
        'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        'tgs.spn-not-unique',
        `${request.service} is on ${holders}: KDC event 11 (KDCEVENT_NAME_NOT_UNIQUE)`,
        explanation,
      ),
    );
  }
  const { account: service, domain: serviceDomain } = found;
  const clientDomain = findDomain(dir, client.domain) as Domain;
  const hops = referralPath(dir, kdcDomain, serviceDomain);
  if (hops === undefined || trustPath(dir, serviceDomain.dnsName, clientDomain.dnsName) === undefined) {
    return err(
      kdcError(
        'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        'tgs.no-trust-path',
        `no trust lets accounts of ${clientDomain.dnsName} use ${serviceDomain.dnsName}, where ${request.service} is`,
        explanation,
      ),
    );
  }
  // RFC 6806 8: each KDC on the path refers the client to the next; `followReferrals: false` stops at the first.
  const stop = request.followReferrals === false && hops.length > 0;
  const referrals = chaseReferrals(
    kdc,
    tgt,
    stop ? hops.slice(0, 1) : hops,
    { client, forwardable: wantForwardable, sname: request.service },
    explanation,
  );
  const current = referrals.at(-1)?.ticket ?? tgt;
  if (stop)
    return ok(
      Object.freeze({ ticket: current, explanation: Object.freeze(explanation), referrals: NO_REFERRALS }),
    );

  // From here on the KDC of the service's realm answers: its refusals carry the referrals that led to it.
  const gate = selectiveAuthentication(dir, client, current, service, serviceDomain, explanation);
  if (!gate.ok) return err(afterReferrals(gate.error, referrals));
  const flags = new Set<TicketFlag>(['NAME-CANONICALIZE']);
  for (const f of ['FORWARDED', 'RENEWABLE', 'PRE-AUTHENT'] as const)
    if (current.flags.includes(f)) flags.add(f);
  const forwardable = wantForwardable && current.flags.includes('FORWARDABLE');
  if (forwardable) flags.add('FORWARDABLE');
  explanation.push(
    step(
      'tgs.flags-from-tgt',
      'applied',
      forwardable
        ? 'FORWARDABLE: requested, and the TGT is forwardable'
        : wantForwardable
          ? 'not FORWARDABLE: the TGT is not forwardable'
          : 'not FORWARDABLE: not requested',
    ),
  );
  const trusted = hasUac(service, 'TRUSTED_FOR_DELEGATION');
  const viaReferral = current.kind === 'referral';
  const okAsDelegate = trusted && (!viaReferral || current.flags.includes('OK-AS-DELEGATE'));
  if (okAsDelegate) flags.add('OK-AS-DELEGATE');
  explanation.push(
    step(
      viaReferral && trusted ? 'tgs.ok-as-delegate-cross-realm' : 'tgs.ok-as-delegate',
      okAsDelegate ? 'applied' : 'passed',
      !trusted
        ? `${displayName(dir, service)} is not TRUSTED_FOR_DELEGATION: no OK-AS-DELEGATE`
        : okAsDelegate
          ? `${displayName(dir, service)} is TRUSTED_FOR_DELEGATION: OK-AS-DELEGATE`
          : `${displayName(dir, service)} is TRUSTED_FOR_DELEGATION, but the referral into ${serviceDomain.dnsName} has no OK-AS-DELEGATE`,
    ),
  );
  const asserted =
    current.pac.assertedIdentity === WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid ? 'service' : 'authority';
  const pac = buildPac(dir, client, {
    asserted,
    resourceDomain: serviceDomain.dnsName,
    otherOrganization: gate.value,
  });
  explanation.push(
    step(
      'pac.groups',
      'applied',
      `PAC for ${displayName(dir, client)} in ${serviceDomain.dnsName}: ${pac.groups.length} group SIDs`,
    ),
  );
  if (kdc.patched)
    explanation.push(
      step('pac.ticket-signature', 'applied', 'the KDC signs the ticket (PAC_TICKET_CHECKSUM)'),
    );
  const ticket = issueTicket(
    {
      kind: 'service',
      client: tgt.client,
      server: ticketServer(service, request.service),
      flags: sortFlags(flags),
      pac,
      origin: 'tgs-req',
    },
    kdc.patched,
  );
  return ok(Object.freeze({ ticket, explanation: Object.freeze(explanation), referrals }));
}

/** @internal RFC 4120 2.6, 3.3.3: a forwarded TGT from a forwardable TGT. */
function forwardedTgt(
  kdc: Kdc,
  tgt: Ticket,
  service: string,
  kdcDomain: Domain,
  explanation: ExplanationStep[],
): Result<KdcReply, KdcError> {
  const own = krbtgtServer(kdc.directory, kdcDomain, kdcDomain);
  if (service.toLowerCase() !== own.spn.toLowerCase()) {
    throw new TypeError(`tgsExchange: a forwarded TGT is requested for ${own.spn}, not ${service}`);
  }
  if (!tgt.flags.includes('FORWARDABLE')) {
    return err(
      kdcError(
        'KDC_ERR_BADOPTION',
        'tgs.forwarded-tgt',
        `FORWARDED requested, but the TGT of ${tgt.client.name}@${tgt.client.realm} is not forwardable`,
        explanation,
      ),
    );
  }
  explanation.push(
    step('tgs.forwarded-tgt', 'applied', 'forwarded TGT: FORWARDED and FORWARDABLE, INITIAL dropped'),
  );
  const flags = new Set<TicketFlag>(tgt.flags.filter((f) => f !== 'INITIAL'));
  flags.add('FORWARDED');
  const ticket = issueTicket(
    { ...tgt, server: tgt.kind === 'tgt' ? own : tgt.server, flags: sortFlags(flags), origin: 'forwarded' },
    kdc.patched,
  );
  return ok(Object.freeze({ ticket, explanation: Object.freeze(explanation), referrals: NO_REFERRALS }));
}
