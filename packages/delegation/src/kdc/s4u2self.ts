import { err, ok, type Result } from '@doublehop/core-token';
import { findAccount, findDomain, type PrincipalAccount } from '@doublehop/logon';
import { type KdcError, kdcError } from '../errors.js';
import { acceptTgt } from './acceptTgt.js';
import { issueTicket } from './bronzeBit.js';
import { delegationAllowed } from './delegationAllowed.js';
import type { Kdc } from './kdc.js';
import { buildPac } from './pac.js';
import { displayName, hasUac, lookupServer, realmOf, ticketClient, ticketServer } from './principals.js';
import { afterReferrals, chaseReferrals, NO_REFERRALS, referralPath } from './referrals/crossRealm.js';
import type { KdcReply } from './reply.js';
import { type ExplanationStep, step } from './rules.js';
import { sortFlags, type Ticket, type TicketFlag } from './tickets.js';

/**
 * An S4U2Self request (protocol transition): a service asks for a ticket to itself on behalf of a user.
 *
 * @example
 * ```ts
 * import type { S4u2selfRequest, Ticket } from '@doublehop/delegation';
 *
 * const forAlice = (web01Tgt: Ticket): S4u2selfRequest => ({ serviceTgt: web01Tgt, user: 'alice@corp.example' });
 * ```
 * @see MS-SFU 2.2.1 (PA-FOR-USER), 3.1.5.1.1
 */
export interface S4u2selfRequest {
  /** The service's own TGT (from {@link asExchange} for the service account). */
  readonly serviceTgt: Ticket;
  /** The user to impersonate (PA-FOR-USER): `alice`, `CORP\alice`, `alice@corp.example`. */
  readonly user: string;
  /** Ask for a FORWARDABLE ticket. Default `true`, as the Windows SSP asks. */
  readonly forwardable?: boolean;
  /** The sname: one of the service's SPNs or its sAMAccountName. Default: its first SPN. */
  readonly service?: string;
}

/**
 * Runs S4U2Self: the KDC issues the service a ticket to itself for a user who did not authenticate with Kerberos
 * (protocol transition), as a Windows domain controller does.
 *
 * @remarks
 * Whether the ticket is FORWARDABLE — and so usable as evidence for classic constrained delegation — is decided
 * by MS-SFU 3.2.5.1.2, as Samba's s4u_tests confirm against Windows: it is when FORWARDABLE was asked for, the
 * service's TGT is forwardable, the user may be delegated (not NOT_DELEGATED, not in Protected Users — MS-KILE
 * 3.3.5.1) and the service either has TRUSTED_TO_AUTH_FOR_DELEGATION ("use any authentication protocol") or an
 * *empty* msDS-AllowedToDelegateTo. A service configured for "Kerberos only" constrained delegation gets a
 * non-forwardable ticket. The PAC asserts S-1-18-2 (service asserted identity) instead of S-1-18-1.
 *
 * The requesting account needs an SPN; the sname must be the requesting account (KRB_AP_ERR_BADMATCH otherwise);
 * an unknown user is KDC_ERR_C_PRINCIPAL_UNKNOWN. A user of another domain is reached through referrals
 * (MS-SFU 3.1.5.1.1.2, 4.2): the service's KDC, and each on the way, refers the service (asking for
 * `krbtgt/USER.REALM`) to the user's realm; the user's KDC builds the PAC — or refuses a disabled user — and answers
 * the S4U2Self request with a referral TGT for the service that carries the user's PAC (3.2.5.1.1), and so on back
 * until the service's KDC issues the ticket. The reply's `referrals` lists those referral TGTs in order, each with
 * the realm of the KDC that issued it; the user's KDC's refusal carries the ones before it.
 * @param kdc - the KDC
 * @param request - the service's TGT, the user, and the options
 * @returns the service ticket for the user, the rules applied and the referrals followed; or the KDC's refusal
 * @throws TypeError - `s4u2self: …` when `serviceTgt` is not a TGT
 * @example
 * ```ts
 * import { asExchange, createKdc, s4u2self, ticketFlagsRecord } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01'], allowedToDelegateTo: ['cifs/fs01'] },
 *     { kind: 'computer', samAccountName: 'WEB02', servicePrincipalNames: ['HTTP/web02'], allowedToDelegateTo: ['cifs/fs01'], trustedToAuthForDelegation: true },
 *   ],
 * }));
 * const forUser = (service: string) => {
 *   const tgt = asExchange(kdc, { client: service });
 *   return tgt.ok ? s4u2self(kdc, { serviceTgt: tgt.value.ticket, user: 'alice' }) : tgt;
 * };
 * const kerberosOnly = forUser('WEB01$');
 * kerberosOnly.ok && ticketFlagsRecord(kerberosOnly.value.ticket).forwardable; // false
 * const anyProtocol = forUser('WEB02$');
 * anyProtocol.ok && ticketFlagsRecord(anyProtocol.value.ticket).forwardable; // true
 * anyProtocol.ok && anyProtocol.value.ticket.pac.assertedIdentity.text; // 'S-1-18-2'
 * ```
 * @see MS-SFU 3.2.5.1, 3.2.5.1.1, 3.2.5.1.2, 3.1.5.1.1.2, 4.2; RFC 6806 8; MS-KILE 3.3.5.1; MS-DTYP 2.4.2.4 (SERVICE_ASSERTED_IDENTITY)
 */
export function s4u2self(kdc: Kdc, request: S4u2selfRequest): Result<KdcReply, KdcError> {
  const dir = kdc.directory;
  const explanation: ExplanationStep[] = [];
  const accepted = acceptTgt(kdc, request.serviceTgt, 's4u2self', explanation);
  if (!accepted.ok) return accepted;
  const service = accepted.value.client;
  const serviceName = displayName(dir, service);
  const sname = request.service ?? service.servicePrincipalNames[0];
  if (service.servicePrincipalNames.length === 0 || sname === undefined) {
    return err(
      kdcError(
        'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        's4u2self.requester-has-no-spn',
        `${serviceName} has no servicePrincipalName, so it cannot be the server of a ticket`,
        explanation,
      ),
    );
  }
  const target = lookupServer(dir, sname);
  if (target.kind !== 'found' || target.account !== service) {
    return err(
      kdcError(
        'KRB_AP_ERR_BADMATCH',
        's4u2self.wrong-sname',
        `S4U2Self by ${serviceName} for ${sname}, which is not ${serviceName}`,
        explanation,
      ),
    );
  }
  const serviceDomain = target.domain;
  const found = findAccount(dir, request.user, service.domain);
  if (found === undefined || found.kind === 'group') {
    return err(
      kdcError(
        'KDC_ERR_C_PRINCIPAL_UNKNOWN',
        's4u2self.user-unknown',
        `no account "${request.user}"`,
        explanation,
      ),
    );
  }
  const user: PrincipalAccount = found;
  const userName = displayName(dir, user);
  const userDomain = findDomain(dir, user.domain);
  const hops = userDomain === undefined ? undefined : referralPath(dir, serviceDomain, userDomain);
  const back = userDomain === undefined ? undefined : referralPath(dir, userDomain, serviceDomain);
  if (userDomain === undefined || hops === undefined || back === undefined) {
    return err(
      kdcError(
        'KDC_ERR_C_PRINCIPAL_UNKNOWN',
        's4u2self.user-unknown',
        `${userName} is in ${user.domain}, which ${serviceDomain.dnsName} has no trust path to`,
        explanation,
      ),
    );
  }
  const asked = request.forwardable ?? true;
  let referrals = NO_REFERRALS;
  if (hops.length > 0) {
    explanation.push(
      step(
        's4u2self.cross-realm',
        'applied',
        `${serviceName} follows referrals to ${userDomain.dnsName}, whose KDC builds ${userName}'s PAC and refers the request back`,
      ),
    );
    // MS-SFU 4.2 steps 1–2: the service's own referral TGTs to the user's realm, asked for without S4U2Self data.
    referrals = chaseReferrals(
      kdc,
      request.serviceTgt,
      hops,
      { client: service, forwardable: true, sname: `krbtgt/${realmOf(userDomain.dnsName)}` },
      explanation,
    );
  }
  // From here on the user's KDC decides (the account and its PAC are there).
  if (hasUac(user, 'ACCOUNTDISABLE')) {
    const e = kdcError(
      'KDC_ERR_CLIENT_REVOKED',
      's4u2self.user-disabled',
      `${userName} is disabled`,
      explanation,
      'STATUS_ACCOUNT_DISABLED',
    );
    return err(afterReferrals(e, referrals));
  }
  if (back.length > 0) {
    // MS-SFU 3.2.5.1.1, 4.2 steps 3–5: the user's KDC, then each on the way back, answers the S4U2Self request
    // with a referral TGT for the service (cname) carrying the user's PAC (S-1-18-2), until the service's KDC
    // issues the ticket.
    const last = referrals.at(-1)?.ticket ?? request.serviceTgt;
    const home = chaseReferrals(
      kdc,
      last,
      back,
      { client: user, forwardable: asked, sname, asserted: 'service' },
      explanation,
    );
    referrals = Object.freeze([...referrals, ...home]);
  }

  const flags = new Set<TicketFlag>(['NAME-CANONICALIZE']);
  for (const f of ['RENEWABLE', 'PRE-AUTHENT'] as const)
    if (request.serviceTgt.flags.includes(f)) flags.add(f);
  const verdict = delegationAllowed(dir, user);
  explanation.push(verdict.step);
  const reasons: string[] = [];
  if (!asked) reasons.push('FORWARDABLE was not requested');
  if (!request.serviceTgt.flags.includes('FORWARDABLE'))
    reasons.push(`${serviceName}'s TGT is not forwardable`);
  if (!verdict.allowed) reasons.push(`${userName} may not be delegated`);
  const t2a4d = hasUac(service, 'TRUSTED_TO_AUTH_FOR_DELEGATION');
  const a2d2Empty = service.allowedToDelegateTo.length === 0;
  if (!t2a4d && !a2d2Empty) {
    reasons.push(
      `${serviceName} has msDS-AllowedToDelegateTo but not TRUSTED_TO_AUTH_FOR_DELEGATION (constrained delegation "Kerberos only")`,
    );
  }
  const forwardable = reasons.length === 0;
  if (forwardable) flags.add('FORWARDABLE');
  explanation.push(
    step(
      's4u2self.forwardable',
      'applied',
      forwardable
        ? `FORWARDABLE: ${t2a4d ? `${serviceName} is TRUSTED_TO_AUTH_FOR_DELEGATION` : `${serviceName}'s msDS-AllowedToDelegateTo is empty`} and ${userName} may be delegated`
        : `not FORWARDABLE: ${reasons.join('; ')}`,
    ),
  );
  if (hasUac(service, 'TRUSTED_FOR_DELEGATION')) {
    flags.add('OK-AS-DELEGATE');
    explanation.push(
      step('tgs.ok-as-delegate', 'applied', `${serviceName} is TRUSTED_FOR_DELEGATION: OK-AS-DELEGATE`),
    );
  }
  explanation.push(
    step(
      'pac.asserted-identity',
      'applied',
      'the PAC asserts S-1-18-2 (service asserted identity), not S-1-18-1',
    ),
  );
  if (kdc.patched)
    explanation.push(
      step('pac.ticket-signature', 'applied', 'the KDC signs the ticket (PAC_TICKET_CHECKSUM)'),
    );
  const ticket = issueTicket(
    {
      kind: 'service',
      client: ticketClient(user),
      server: ticketServer(service, sname),
      flags: sortFlags(flags),
      pac: buildPac(dir, user, { asserted: 'service', resourceDomain: serviceDomain.dnsName }),
      origin: 's4u2self',
    },
    kdc.patched,
  );
  return ok(Object.freeze({ ticket, explanation: Object.freeze(explanation), referrals }));
}
