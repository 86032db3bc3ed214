import { err, ok, type Result } from '@doublehop/core-token';
import { type Directory, type Domain, type PrincipalAccount, trustPath } from '@doublehop/logon';
import { type KdcError, kdcError } from '../errors.js';
import { buildPac, controlAccessGranted } from './pac.js';
import { displayName } from './principals.js';
import { type ExplanationStep, step } from './rules.js';
import type { Ticket } from './tickets.js';

/** @internal The Allowed-To-Authenticate extended right (rightsGuid), which selective authentication checks. */
export const ALLOWED_TO_AUTHENTICATE = '68b1d179-0d15-4d4f-ab71-46152e79a7bc';

/**
 * @internal MS-KILE 3.3.5.7.5: across a trust with TRUST_ATTRIBUTE_CROSS_ORGANIZATION (selective authentication)
 * the PAC gets Other Organization (S-1-5-1000), and the KDC runs an access check of the service account's security
 * descriptor for control access (the Allowed-To-Authenticate right) with the client's token; a failure is
 * KDC_ERR_POLICY. Returns whether Other Organization was added.
 */
export function selectiveAuthentication(
  dir: Directory,
  client: PrincipalAccount,
  tgt: Ticket,
  service: PrincipalAccount,
  serviceDomain: Domain,
  explanation: ExplanationStep[],
): Result<boolean, KdcError> {
  const path = trustPath(dir, serviceDomain.dnsName, client.domain);
  if (path?.kind !== 'cross-forest' || !path.trust.selectiveAuthentication) return ok(false);
  const asserted = tgt.pac.assertedIdentity.text === 'S-1-18-2' ? 'service' : 'authority';
  const pac = buildPac(dir, client, {
    asserted,
    resourceDomain: serviceDomain.dnsName,
    otherOrganization: true,
  });
  const granted = controlAccessGranted(service.securityDescriptor, pac, [
    { level: 0, guid: ALLOWED_TO_AUTHENTICATE },
  ]);
  const who = `${displayName(dir, client)} → ${displayName(dir, service)}`;
  if (!granted) {
    return err(
      kdcError(
        'KDC_ERR_POLICY',
        'tgs.selective-authentication',
        `${who}: the ${path.trust.type} trust uses selective authentication and the client is not allowed to authenticate to the service account`,
        explanation,
        'STATUS_AUTHENTICATION_FIREWALL_FAILED',
      ),
    );
  }
  explanation.push(
    step(
      'tgs.selective-authentication',
      'passed',
      `${who}: Allowed-To-Authenticate granted; the PAC gets Other Organization`,
    ),
  );
  return ok(true);
}
