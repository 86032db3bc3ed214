import { err, ok, type Result } from '@doublehop/core-token';
import type { Domain, PrincipalAccount } from '@doublehop/logon';
import { type KdcError, kdcError } from '../errors.js';
import type { Kdc } from './kdc.js';
import { clientAccount, domainOfRealm } from './principals.js';
import type { ExplanationStep } from './rules.js';
import type { Ticket } from './tickets.js';

/** @internal What the KDC learns from a TGT it accepts. */
export interface AcceptedTgt {
  /** The domain whose KDC the TGT is for (the realm in its `krbtgt/REALM` name). */
  readonly kdcDomain: Domain;
  /** The client's account. */
  readonly client: PrincipalAccount;
}

/**
 * @internal The KDC decrypts a TGT (or referral) presented in a TGS-REQ. A ticket that is not a TGT is a
 * programmer error; one changed after issue no longer decrypts with the krbtgt or inter-realm key.
 */
export function acceptTgt(
  kdc: Kdc,
  tgt: Ticket,
  fn: string,
  explanation: readonly ExplanationStep[],
): Result<AcceptedTgt, KdcError> {
  if (tgt === null || typeof tgt !== 'object' || (tgt.kind !== 'tgt' && tgt.kind !== 'referral')) {
    throw new TypeError(`${fn}: pass a TGT (kind 'tgt' or 'referral'), e.g. from asExchange()`);
  }
  if (tgt.origin === 'tampered') {
    return err(
      kdcError(
        'KRB_AP_ERR_BAD_INTEGRITY',
        'tgs.tgt-not-decryptable',
        `${tgt.server.spn} was changed after issue and no longer decrypts with the KDC's key`,
        explanation,
      ),
    );
  }
  const realm = tgt.server.spn.slice(tgt.server.spn.indexOf('/') + 1);
  const kdcDomain = domainOfRealm(kdc.directory, realm);
  if (kdcDomain === undefined)
    throw new TypeError(`${fn}: the TGT is for ${realm}, not a domain of the directory`);
  const client = clientAccount(kdc.directory, tgt);
  if (client === undefined) {
    return err(
      kdcError(
        'KDC_ERR_C_PRINCIPAL_UNKNOWN',
        'as.client-unknown',
        `the TGT's client ${tgt.client.name}@${tgt.client.realm} is not in the directory`,
        explanation,
      ),
    );
  }
  return ok({ kdcDomain, client });
}
