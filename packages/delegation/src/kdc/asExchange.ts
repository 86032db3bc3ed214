import { err, ok, type Result } from '@doublehop/core-token';
import { findAccount, findDomain } from '@doublehop/logon';
import { type KdcError, kdcError } from '../errors.js';
import { issueTicket } from './bronzeBit.js';
import { delegationAllowed } from './delegationAllowed.js';
import type { Kdc } from './kdc.js';
import { buildPac } from './pac.js';
import { displayName, hasUac, krbtgtServer, ticketClient } from './principals.js';
import type { KdcReply } from './reply.js';
import { type ExplanationStep, step } from './rules.js';
import { sortFlags, type TicketFlag } from './tickets.js';

/**
 * An AS-REQ: who asks for a TGT, and the KDC options that matter for delegation.
 *
 * @example
 * ```ts
 * import type { AsRequest } from '@doublehop/delegation';
 *
 * const request: AsRequest = { client: 'CORP\\alice', forwardable: true };
 * ```
 * @see RFC 4120 5.4.1 (KDC-REQ, kdc-options); MS-KILE 3.2.5.1
 */
export interface AsRequest {
  /** The account: `alice`, `CORP\alice`, `alice@corp.example`, `WEB01$`, or a SID string. */
  readonly client: string;
  /** Ask for a FORWARDABLE TGT. Default `true`, as the Windows Kerberos SSP asks. */
  readonly forwardable?: boolean;
  /** Ask for a PROXIABLE TGT. Default `false`: Windows clients never set PROXIABLE (MS-KILE 3.2.5.1). */
  readonly proxiable?: boolean;
}

/**
 * Runs the AS exchange: the KDC of the client's domain issues it a TGT — as a Windows domain controller does,
 * after pre-authentication — with the flags Windows sets for an ordinary, a sensitive or a Protected Users
 * account.
 *
 * @remarks
 * The password is not checked: the model starts after pre-authentication succeeded. A TGT is INITIAL, RENEWABLE,
 * NAME-CANONICALIZE and PRE-AUTHENT (unless the account has DONT_REQ_PREAUTH); it is FORWARDABLE when asked for,
 * unless the account is NOT_DELEGATED or, at domain functional level 2012 R2 or higher, in Protected Users
 * (MS-KILE 3.3.5.1 — Samba's protected_users_tests show Windows returning a non-forwardable TGT rather than an
 * error). Its PAC carries the account's groups and S-1-18-1, and no ticket signature (MS-PAC 2.8.3 signs only
 * tickets not encrypted to a krbtgt account).
 * @param kdc - the KDC
 * @param request - the client and the options
 * @returns the TGT and the rules applied, or KDC_ERR_C_PRINCIPAL_UNKNOWN (6) / KDC_ERR_CLIENT_REVOKED (18)
 * @example
 * ```ts
 * import { asExchange, createKdc, ticketFlagsRecord } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'user', samAccountName: 'admin', memberOf: ['Protected Users'] },
 *   ],
 * }));
 * const alice = asExchange(kdc, { client: 'alice' });
 * alice.ok && ticketFlagsRecord(alice.value.ticket).forwardable; // true
 * const admin = asExchange(kdc, { client: 'admin' });
 * admin.ok && ticketFlagsRecord(admin.value.ticket).forwardable; // false
 * const nobody = asExchange(kdc, { client: 'nobody' });
 * nobody.ok || nobody.error.code; // 'KDC_ERR_C_PRINCIPAL_UNKNOWN'
 * ```
 * @see RFC 4120 3.1; MS-KILE 3.3.5.1, 3.3.5.6; MS-PAC 2.5
 */
export function asExchange(kdc: Kdc, request: AsRequest): Result<KdcReply, KdcError> {
  const dir = kdc.directory;
  const explanation: ExplanationStep[] = [];
  const account = findAccount(dir, request.client);
  if (account === undefined || account.kind === 'group') {
    return err(
      kdcError(
        'KDC_ERR_C_PRINCIPAL_UNKNOWN',
        'as.client-unknown',
        `no user, computer or gMSA named "${request.client}"`,
        explanation,
      ),
    );
  }
  const name = displayName(dir, account);
  if (hasUac(account, 'ACCOUNTDISABLE')) {
    return err(
      kdcError(
        'KDC_ERR_CLIENT_REVOKED',
        'as.client-disabled',
        `${name} is disabled`,
        explanation,
        'STATUS_ACCOUNT_DISABLED',
      ),
    );
  }
  const domain = findDomain(dir, account.domain);
  if (domain === undefined) throw new TypeError(`asExchange: ${name} has no domain in the directory`);

  const flags: TicketFlag[] = ['INITIAL', 'RENEWABLE', 'NAME-CANONICALIZE'];
  const preauth = !hasUac(account, 'DONT_REQ_PREAUTH');
  if (preauth) flags.push('PRE-AUTHENT');
  explanation.push(
    step(
      'as.tgt-flags',
      'applied',
      `TGT for ${name}: INITIAL, RENEWABLE, NAME-CANONICALIZE${preauth ? ', PRE-AUTHENT' : ' (DONT_REQ_PREAUTH: no PRE-AUTHENT)'}`,
    ),
  );
  const verdict = delegationAllowed(dir, account);
  explanation.push(verdict.step);
  const wanted = [
    ...((request.forwardable ?? true) ? (['FORWARDABLE'] as const) : []),
    ...((request.proxiable ?? false) ? (['PROXIABLE'] as const) : []),
  ];
  if (wanted.length > 0) {
    if (verdict.allowed) flags.push(...wanted);
    explanation.push(
      step(
        'kile.forwardable-granted',
        'applied',
        verdict.allowed
          ? `${wanted.join(' and ')} requested and granted`
          : `${wanted.join(' and ')} requested but not set: the account may not be delegated`,
      ),
    );
  }
  explanation.push(
    step(
      'pac.asserted-identity',
      'applied',
      'the PAC asserts S-1-18-1 (authentication authority asserted identity)',
    ),
  );
  const ticket = issueTicket(
    {
      kind: 'tgt',
      client: ticketClient(account),
      server: krbtgtServer(dir, domain, domain),
      flags: sortFlags(flags),
      pac: buildPac(dir, account, { asserted: 'authority', resourceDomain: domain.dnsName }),
      origin: 'as-req',
    },
    kdc.patched,
  );
  return ok(Object.freeze({ ticket, explanation: Object.freeze(explanation) }));
}
