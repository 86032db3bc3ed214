import { err, ok, type Result, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { type Domain, findDomain, type PrincipalAccount, trustPath } from '@doublehop/logon';
import { type KdcError, type KdcNtStatusName, kdcError } from '../errors.js';
import { acceptTgt } from './acceptTgt.js';
import { issueTicket, ticketSignatureValid } from './bronzeBit.js';
import type { Kdc } from './kdc.js';
import { buildPac, pacHasProtectedUsers } from './pac.js';
import { clientAccount, displayName, hasUac, lookupServer, ticketServer } from './principals.js';
import { rbcdCheck } from './rbcdCheck.js';
import { afterReferrals, chaseReferrals, NO_REFERRALS, referralPath } from './referrals/crossRealm.js';
import type { KdcReferral, KdcReply } from './reply.js';
import { type ExplanationStep, step } from './rules.js';
import { sortFlags, type Ticket, type TicketFlag } from './tickets.js';

/**
 * An S4U2Proxy request (constrained delegation): a service presents a user's ticket to itself (the evidence) and
 * asks for a ticket to another service in that user's name.
 *
 * @example
 * ```ts
 * import type { S4u2proxyRequest, Ticket } from '@doublehop/delegation';
 *
 * const toFs01 = (web01Tgt: Ticket, alicesTicketToWeb01: Ticket): S4u2proxyRequest => ({
 *   serviceTgt: web01Tgt,
 *   evidence: alicesTicketToWeb01,
 *   target: 'cifs/fs01.corp.example',
 * });
 * ```
 * @see MS-SFU 2.2.3 (CNAME-IN-ADDL-TKT), 2.2.5 (PA-PAC-OPTIONS), 3.1.5.2.1
 */
export interface S4u2proxyRequest {
  /** The requesting service's own TGT. */
  readonly serviceTgt: Ticket;
  /** The evidence (additional ticket): the user's service ticket to the requesting service — from a TGS-REQ, S4U2Self or an earlier S4U2Proxy. */
  readonly evidence: Ticket;
  /** The SPN of the target service (sname). */
  readonly target: string;
  /** The resource-based constrained delegation bit of PA-PAC-OPTIONS. Default `true`: Windows 2012+ clients set it. */
  readonly resourceBased?: boolean;
}

/**
 * Runs S4U2Proxy as a Windows domain controller does: classic constrained delegation (KCD) first, then
 * resource-based constrained delegation (RBCD), with the evidence-ticket rules, the Bronze Bit check and
 * S4U_DELEGATION_INFO.
 *
 * @remarks
 * The order (MS-SFU 3.2.5.2), with the refusals Windows sends (Samba's s4u_tests, written against Windows):
 * 1. the evidence must be a service ticket to the requesting account, else KDC_ERR_BADOPTION; an unknown or
 *    duplicate target SPN is KDC_ERR_S_PRINCIPAL_UNKNOWN;
 * 2. **KCD** (3.2.5.2.1): the target SPN, exactly as requested, is in the service's msDS-AllowedToDelegateTo and
 *    both are in the same domain — the list is per SPN;
 * 3. the evidence ticket's signature (MS-PAC 2.8.3) on a patched KDC: a changed or unsigned ticket is
 *    KRB_AP_ERR_MODIFIED (41) — this is what stops the Bronze Bit;
 * 4. KCD needs a FORWARDABLE evidence ticket: KDC_ERR_BADOPTION with STATUS_ACCOUNT_RESTRICTION (MS-SFU says
 *    STATUS_NO_MATCH; Windows sends ACCOUNT_RESTRICTION). When the SPN is not in the list, or the evidence is not
 *    forwardable, and the PA-PAC-OPTIONS RBCD bit is clear: KDC_ERR_BADOPTION with STATUS_NOT_SUPPORTED (empty list)
 *    or STATUS_NO_MATCH;
 * 5. with the RBCD bit, **RBCD** (3.2.5.2.3), in the target's domain (reached by a referral across trusts): an access
 *    check of the target account's msDS-AllowedToActOnBehalfOfOtherIdentity for control access, with a token built
 *    from the service's TGT PAC — the grant is per account, so every SPN of the target account is reachable; a
 *    denial is KDC_ERR_BADOPTION with STATUS_NOT_FOUND;
 * 6. RBCD also wants a FORWARDABLE evidence ticket (STATUS_ACCOUNT_RESTRICTION), except a non-forwardable
 *    S4U2Self ticket (S-1-18-2, no S4U_DELEGATION_INFO) for a user who is not NOT_DELEGATED — and, on a KDC patched
 *    for CVE-2020-16996, not in Protected Users.
 * The result is FORWARDABLE (MS-SFU 4.3) — even from a non-forwardable S4U2Self evidence ticket, which is what lets a
 * ticket from RBCD feed a further hop — and carries S4U_DELEGATION_INFO: the target, and the transited services
 * with the evidence ticket's server appended.
 *
 * Steps 1–4 are the service's KDC's; for a target in another domain that KDC, and each on the trust path, answers
 * with the user's referral TGT, which the service presents as the additional ticket to the next KDC (MS-SFU
 * 3.2.5.2.3, 3.1.5.2.2), and steps 5–6 and the ticket are the target's KDC's. The reply's `referrals` lists those
 * referral TGTs in order, each with the realm of the KDC that issued it; a refusal from step 5 on carries them too.
 * (The service's own referral TGT, which it sends that last request with, comes from its own TGS exchange for the
 * target — MS-SFU 3.1.5.2.2 — and is not part of this reply.)
 * @param kdc - the KDC
 * @param request - the service's TGT, the evidence ticket, the target SPN, the RBCD bit
 * @returns the user's ticket to the target, the rules applied and the referrals followed; or the KDC's refusal
 * @throws TypeError - `s4u2proxy: …` when `serviceTgt` is not a TGT
 * @example
 * ```ts
 * import { asExchange, createKdc, s4u2proxy, s4u2self } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web01'] },
 *     { kind: 'computer', samAccountName: 'FS01', servicePrincipalNames: ['cifs/fs01'], principalsAllowedToDelegateToAccount: ['WEB01$'] },
 *     { kind: 'computer', samAccountName: 'SQL01', servicePrincipalNames: ['MSSQLSvc/sql01:1433'] },
 *   ],
 * }));
 * const tgt = asExchange(kdc, { client: 'WEB01$' });
 * if (tgt.ok) {
 *   const self = s4u2self(kdc, { serviceTgt: tgt.value.ticket, user: 'alice' });
 *   if (self.ok) {
 *     const fs = s4u2proxy(kdc, { serviceTgt: tgt.value.ticket, evidence: self.value.ticket, target: 'cifs/fs01' });
 *     fs.ok && fs.value.ticket.pac.delegationInfo?.transitedServices; // ['HTTP/web01@CORP.EXAMPLE']
 *     const sql = s4u2proxy(kdc, { serviceTgt: tgt.value.ticket, evidence: self.value.ticket, target: 'MSSQLSvc/sql01:1433' });
 *     sql.ok || [sql.error.code, sql.error.ntstatus]; // ['KDC_ERR_BADOPTION', 'STATUS_NOT_FOUND']
 *   }
 * }
 * ```
 * @see MS-SFU 3.2.5.2, 3.2.5.2.1–3.2.5.2.4, 3.1.5.2.2, 4.3; RFC 6806 8; MS-PAC 2.8.3, 2.9; KB4598347 (CVE-2020-17049); KB4577252 (CVE-2020-16996)
 */
export function s4u2proxy(kdc: Kdc, request: S4u2proxyRequest): Result<KdcReply, KdcError> {
  const dir = kdc.directory;
  const explanation: ExplanationStep[] = [];
  const accepted = acceptTgt(kdc, request.serviceTgt, 's4u2proxy', explanation);
  if (!accepted.ok) return accepted;
  const service = accepted.value.client;
  const serviceName = displayName(dir, service);
  const serviceDomain = findDomain(dir, service.domain) as Domain;
  const { evidence, target } = request;
  const rbcdBit = request.resourceBased ?? true;

  if (evidence.kind !== 'service' || evidence.server.sid !== service.sid) {
    return err(
      kdcError(
        'KDC_ERR_BADOPTION',
        's4u2proxy.evidence-not-for-requester',
        `the additional ticket is for ${evidence.server.spn}@${evidence.server.realm}, not a service ticket to ${serviceName}`,
        explanation,
      ),
    );
  }
  const found = lookupServer(dir, target);
  if (found.kind !== 'found') {
    return err(
      kdcError(
        'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        's4u2proxy.target-unknown',
        found.kind === 'unknown'
          ? `no account has the SPN ${target}`
          : `${target} is on more than one account`,
        explanation,
      ),
    );
  }
  const { account: resource, domain: resourceDomain } = found;
  const resourceName = displayName(dir, resource);
  const user = `${evidence.client.name}@${evidence.client.realm}`;
  const forwardable = evidence.flags.includes('FORWARDABLE');

  // 1. Classic constrained delegation (MS-SFU 3.2.5.2.1).
  const listed = listedIn(service.allowedToDelegateTo, target);
  const sameDomain = resourceDomain === serviceDomain;
  let kcdStatus: KdcNtStatusName | undefined;
  if (listed && sameDomain) {
    explanation.push(
      step('s4u2proxy.kcd-allowed', 'passed', `${target} is in ${serviceName}'s msDS-AllowedToDelegateTo`),
    );
    const integrity = checkEvidence(kdc, evidence, explanation, undefined);
    if (!integrity.ok) return integrity;
    if (forwardable) return issue(kdc, request, resource, resourceDomain, 'KCD', explanation, NO_REFERRALS);
    if (!rbcdBit) {
      return err(
        kdcError(
          'KDC_ERR_BADOPTION',
          's4u2proxy.kcd-evidence-not-forwardable',
          `${user}'s ticket to ${serviceName} is not forwardable`,
          explanation,
          'STATUS_ACCOUNT_RESTRICTION',
        ),
      );
    }
    explanation.push(
      step(
        's4u2proxy.kcd-evidence-not-forwardable',
        'passed',
        `${user}'s ticket to ${serviceName} is not forwardable, so KCD does not apply; the RBCD bit is set: trying RBCD`,
      ),
    );
    kcdStatus = 'STATUS_NO_MATCH';
  } else {
    kcdStatus = service.allowedToDelegateTo.length === 0 ? 'STATUS_NOT_SUPPORTED' : 'STATUS_NO_MATCH';
    const why = listed
      ? `${target} is in ${serviceName}'s msDS-AllowedToDelegateTo, but ${resourceName} is in ${resourceDomain.dnsName} and ${serviceName} in ${serviceDomain.dnsName}`
      : service.allowedToDelegateTo.length === 0
        ? `${serviceName}'s msDS-AllowedToDelegateTo is empty`
        : `${target} is not in ${serviceName}'s msDS-AllowedToDelegateTo (${service.allowedToDelegateTo.join(', ')})`;
    const rule = listed ? 's4u2proxy.kcd-cross-domain' : 's4u2proxy.kcd-target-not-allowed';
    if (!rbcdBit) return err(kdcError('KDC_ERR_BADOPTION', rule, why, explanation, kcdStatus));
    explanation.push(step(rule, 'passed', `${why}; the PA-PAC-OPTIONS RBCD bit is set: trying RBCD`));
  }

  // 2. Resource-based constrained delegation (MS-SFU 3.2.5.2.2, 3.2.5.2.3).
  const integrity = checkEvidence(kdc, evidence, explanation, kcdStatus);
  if (!integrity.ok) return integrity;
  let referrals = NO_REFERRALS;
  if (!sameDomain) {
    const hops = referralPath(dir, serviceDomain, resourceDomain);
    const userDomain = findDomain(dir, evidence.client.realm.toLowerCase());
    if (
      hops === undefined ||
      userDomain === undefined ||
      trustPath(dir, resourceDomain.dnsName, userDomain.dnsName) === undefined
    ) {
      return err(
        kdcError(
          'KDC_ERR_S_PRINCIPAL_UNKNOWN',
          'tgs.no-trust-path',
          `no trust path from ${serviceDomain.dnsName} (and ${evidence.client.realm}) to ${resourceDomain.dnsName}`,
          explanation,
        ),
      );
    }
    const userAccount = clientAccount(dir, evidence);
    if (userAccount === undefined) return err(unknownUser(evidence, explanation));
    explanation.push(
      step(
        's4u2proxy.rbcd-referral',
        'applied',
        `${serviceDomain.dnsName}'s KDC refers the request to ${resourceDomain.dnsName} (${hops.map((h) => h.to.dnsName).join(' → ')})`,
      ),
    );
    // MS-SFU 3.2.5.2.3, 3.1.5.2.2: each KDC on the way answers with the user's referral TGT, which the service
    // presents as the additional ticket to the next; the resource's KDC decides from here on.
    referrals = chaseReferrals(
      kdc,
      evidence,
      hops,
      { client: userAccount, forwardable: true, sname: target },
      explanation,
    );
  }
  const rbcd = rbcdCheck(kdc, request.serviceTgt, service, resource, resourceDomain, explanation);
  if (!rbcd.ok) return err(afterReferrals(rbcd.error, referrals));
  if (!forwardable) {
    const exception = s4u2selfException(kdc, evidence);
    if (exception !== null) {
      const e = kdcError(
        'KDC_ERR_BADOPTION',
        's4u2proxy.rbcd-evidence-not-forwardable',
        `${user}'s ticket to ${serviceName} is not forwardable${exception}`,
        explanation,
        'STATUS_ACCOUNT_RESTRICTION',
      );
      return err(afterReferrals(e, referrals));
    }
    explanation.push(
      step(
        's4u2proxy.rbcd-s4u2self-exception',
        'passed',
        `${user}'s ticket to ${serviceName} is a non-forwardable S4U2Self ticket for a user who may be delegated: RBCD accepts it`,
      ),
    );
  }
  return issue(kdc, request, resource, resourceDomain, 'RBCD', explanation, referrals);
}

/**
 * Whether the SPN is in the (frozen) list, ignoring case; an index loop, as V8 has no fast path for `.some()`
 * or for…of over frozen arrays.
 */
function listedIn(spns: readonly string[], spn: string): boolean {
  const wanted = spn.toLowerCase();
  for (let i = 0; i < spns.length; i++) if (spns[i]?.toLowerCase() === wanted) return true;
  return false;
}

/** @internal MS-PAC 2.8.3: a patched KDC verifies the evidence ticket's signature. */
function checkEvidence(
  kdc: Kdc,
  evidence: Ticket,
  explanation: ExplanationStep[],
  status: KdcNtStatusName | undefined,
): Result<true, KdcError> {
  if (!kdc.patched) return ok(true);
  if (!ticketSignatureValid(evidence)) {
    return err(
      kdcError(
        'KRB_AP_ERR_MODIFIED',
        's4u2proxy.evidence-modified',
        evidence.pac.ticketSignature === null
          ? 'the evidence ticket has no ticket signature'
          : 'the evidence ticket does not match its ticket signature: it was changed after the KDC issued it',
        explanation,
        status,
      ),
    );
  }
  explanation.push(
    step('s4u2proxy.evidence-modified', 'passed', "the evidence ticket's ticket signature verifies"),
  );
  return ok(true);
}

/**
 * @internal Why RBCD refuses a non-forwardable evidence ticket (`null` when the S4U2Self exception accepts it):
 * it must come from S4U2Self (S-1-18-2, no S4U_DELEGATION_INFO), for a user without USER_NOT_DELEGATED, and — on a
 * KDC patched for CVE-2020-16996 — without Protected Users in its PAC.
 */
function s4u2selfException(kdc: Kdc, evidence: Ticket): string | null {
  const fromS4u2self =
    evidence.pac.assertedIdentity === WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid &&
    evidence.pac.delegationInfo === null;
  if (!fromS4u2self) return ' and did not come from S4U2Self';
  if (evidence.pac.notDelegated) return ' and its PAC marks the user NOT_DELEGATED';
  if (kdc.patched && pacHasProtectedUsers(evidence.pac))
    return ' and its PAC puts the user in Protected Users';
  return null;
}

/** @internal MS-SFU 3.2.5.2.4 and 4.3: the S4U2Proxy ticket. */
function issue(
  kdc: Kdc,
  request: S4u2proxyRequest,
  resource: PrincipalAccount,
  resourceDomain: Domain,
  mechanism: 'KCD' | 'RBCD',
  explanation: ExplanationStep[],
  referrals: readonly KdcReferral[],
): Result<KdcReply, KdcError> {
  const dir = kdc.directory;
  const { evidence, target } = request;
  const user = clientAccount(dir, evidence);
  if (user === undefined) return err(afterReferrals(unknownUser(evidence, explanation), referrals));
  const flags = new Set<TicketFlag>(['FORWARDABLE', 'NAME-CANONICALIZE']);
  for (const f of ['RENEWABLE', 'PRE-AUTHENT'] as const) if (evidence.flags.includes(f)) flags.add(f);
  explanation.push(
    step(
      's4u2proxy.result-forwardable',
      'applied',
      `${mechanism}: the ticket for ${evidence.client.name} to ${target} is FORWARDABLE${evidence.flags.includes('FORWARDABLE') ? '' : ', although the evidence was not'}`,
    ),
  );
  if (hasUac(resource, 'TRUSTED_FOR_DELEGATION')) {
    flags.add('OK-AS-DELEGATE');
    explanation.push(
      step(
        'tgs.ok-as-delegate',
        'applied',
        `${displayName(dir, resource)} is TRUSTED_FOR_DELEGATION: OK-AS-DELEGATE`,
      ),
    );
  }
  const transited = `${evidence.server.spn}@${evidence.server.realm}`;
  const previous = evidence.pac.delegationInfo?.transitedServices ?? [];
  const delegationInfo = Object.freeze({
    s4u2proxyTarget: target,
    transitedServices: Object.freeze([...previous, transited]),
  });
  explanation.push(
    step(
      's4u2proxy.delegation-info',
      'applied',
      `S4U_DELEGATION_INFO: S4U2proxyTarget ${target}, S4UTransitedServices ${delegationInfo.transitedServices.join(', ')}`,
    ),
  );
  if (kdc.patched)
    explanation.push(
      step('pac.ticket-signature', 'applied', 'the KDC signs the ticket (PAC_TICKET_CHECKSUM)'),
    );
  const asserted =
    evidence.pac.assertedIdentity === WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid ? 'service' : 'authority';
  const ticket = issueTicket(
    {
      kind: 'service',
      client: evidence.client,
      server: ticketServer(resource, target),
      flags: sortFlags(flags),
      pac: buildPac(dir, user, { asserted, resourceDomain: resourceDomain.dnsName, delegationInfo }),
      origin: 's4u2proxy',
    },
    kdc.patched,
  );
  return ok(Object.freeze({ ticket, explanation: Object.freeze(explanation), referrals }));
}

/** @internal The evidence ticket's client is not in the directory. */
function unknownUser(evidence: Ticket, explanation: readonly ExplanationStep[]): KdcError {
  return kdcError(
    'KDC_ERR_C_PRINCIPAL_UNKNOWN',
    'as.client-unknown',
    `${evidence.client.name} is not in the directory`,
    explanation,
  );
}
