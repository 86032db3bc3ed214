import { err, ok, type Result } from '@doublehop/core-token';
import type { Domain, PrincipalAccount } from '@doublehop/logon';
import { type KdcError, kdcError } from '../errors.js';
import type { Kdc } from './kdc.js';
import { buildPac, controlAccessGranted } from './pac.js';
import { displayName } from './principals.js';
import { type ExplanationStep, step } from './rules.js';
import type { Ticket } from './tickets.js';

/**
 * @internal MS-SFU 3.2.5.2.3: the target's KDC builds a token for Service 1 from the PAC of its TGT (groups as
 * seen in the target's domain, plus Everyone and Authenticated Users) and runs the real access check on the
 * target account's msDS-AllowedToActOnBehalfOfOtherIdentity for ADS_RIGHT_DS_CONTROL_ACCESS — the right
 * Windows requires (Samba: "Windows … KDC only requires SEC_ADS_CONTROL_ACCESS"). No descriptor, or no grant:
 * KDC_ERR_BADOPTION with STATUS_NOT_FOUND.
 */
export function rbcdCheck(
  kdc: Kdc,
  serviceTgt: Ticket,
  service: PrincipalAccount,
  resource: PrincipalAccount,
  resourceDomain: Domain,
  explanation: ExplanationStep[],
): Result<true, KdcError> {
  const dir = kdc.directory;
  const who = `${displayName(dir, service)} → ${displayName(dir, resource)}`;
  const descriptor = resource.allowedToActOnBehalfOfOtherIdentity;
  if (descriptor === null) {
    return err(
      kdcError(
        'KDC_ERR_BADOPTION',
        's4u2proxy.rbcd-not-allowed',
        `${who}: ${displayName(dir, resource)} has no msDS-AllowedToActOnBehalfOfOtherIdentity`,
        explanation,
        'STATUS_NOT_FOUND',
      ),
    );
  }
  const asserted = serviceTgt.pac.assertedIdentity.text === 'S-1-18-2' ? 'service' : 'authority';
  const pac = buildPac(dir, service, { asserted, resourceDomain: resourceDomain.dnsName });
  if (!controlAccessGranted(descriptor, pac)) {
    return err(
      kdcError(
        'KDC_ERR_BADOPTION',
        's4u2proxy.rbcd-not-allowed',
        `${who}: the access check of ${displayName(dir, resource)}'s msDS-AllowedToActOnBehalfOfOtherIdentity denies ${displayName(dir, service)}`,
        explanation,
        'STATUS_NOT_FOUND',
      ),
    );
  }
  explanation.push(
    step(
      's4u2proxy.rbcd-allowed',
      'passed',
      `${who}: ${displayName(dir, resource)}'s msDS-AllowedToActOnBehalfOfOtherIdentity grants ${displayName(dir, service)} control access`,
    ),
  );
  return ok(true);
}
