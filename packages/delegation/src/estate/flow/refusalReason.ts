import type { LogonError } from '@doublehop/logon';
import {
  type Directory,
  isProtectedUser,
  type PrincipalAccount,
  USER_ACCOUNT_CONTROL,
} from '@doublehop/logon';
import type { KdcError } from '../../errors.js';
import { protectedUsersEnforced } from '../../kdc/pac.js';
import { lookupServer } from '../../kdc/principals.js';
import type { WhyNotReason } from '../whyNotReasons.js';

/**
 * @internal Why the KDC will not delegate this user at all (MS-KILE 3.3.5.1): NOT_DELEGATED, or Protected Users
 * where the KDC enforces it — `null` when the user may be delegated. Uses the same directory facts the KDC's
 * delegationAllowed reads.
 */
export function undelegableReason(dir: Directory, user: PrincipalAccount): WhyNotReason | null {
  if ((user.userAccountControl & USER_ACCOUNT_CONTROL.NOT_DELEGATED) !== 0) return 'account-not-delegated';
  if (isProtectedUser(dir, user) && protectedUsersEnforced(dir, user)) return 'protected-users';
  return null;
}

/** @internal What the KDC's lookup of an SPN finds (its own lookupServer). */
export function spnLookup(dir: Directory, spn: string): 'found' | 'missing' | 'duplicate' {
  const r = lookupServer(dir, spn);
  return r.kind === 'found' ? 'found' : r.kind === 'unknown' ? 'missing' : 'duplicate';
}

/**
 * @internal The why-not reason of a KDC refusal, read from the rule that refused and the rules applied before
 * it: with the PA-PAC-OPTIONS RBCD bit a failed KCD check goes on to RBCD, so the final refusal
 * (`s4u2proxy.rbcd-not-allowed`) hides the KCD step that failed first.
 */
export function kdcRefusalReason(
  dir: Directory,
  error: KdcError,
  user: PrincipalAccount | null,
  frontEnd: PrincipalAccount | null,
  resourceSpn: string | null,
): WhyNotReason {
  const had = (rule: string): boolean => error.explanation.some((s) => s.rule === rule);
  const notForwardable = (): WhyNotReason =>
    (user === null ? null : undelegableReason(dir, user)) ?? 'evidence-not-forwardable';
  switch (error.rule) {
    case 'tgs.service-unknown':
      return 'spn-missing';
    case 'tgs.spn-not-unique':
      return 'spn-duplicate';
    case 's4u2proxy.target-unknown':
      return resourceSpn !== null && spnLookup(dir, resourceSpn) === 'duplicate'
        ? 'spn-duplicate'
        : 'spn-missing';
    case 'tgs.no-trust-path':
      return 'no-trust-path';
    case 'tgs.selective-authentication':
      return 'selective-authentication';
    case 'as.client-disabled':
    case 's4u2self.user-disabled':
      return 'account-disabled';
    case 's4u2proxy.kcd-evidence-not-forwardable':
    case 's4u2proxy.rbcd-evidence-not-forwardable':
      return notForwardable();
    case 's4u2proxy.kcd-cross-domain':
      return 'kcd-cross-domain';
    case 's4u2proxy.kcd-target-not-allowed':
      return frontEnd !== null && frontEnd.allowedToDelegateTo.length === 0
        ? 'delegation-not-configured'
        : 'kcd-target-not-allowed';
    case 's4u2proxy.rbcd-not-allowed': {
      if (had('s4u2proxy.kcd-evidence-not-forwardable')) return notForwardable();
      if (had('s4u2proxy.kcd-cross-domain')) return 'kcd-cross-domain';
      if (frontEnd !== null && frontEnd.allowedToDelegateTo.length > 0) return 'kcd-target-not-allowed';
      const resource = resourceSpn === null ? undefined : lookupServer(dir, resourceSpn);
      return resource?.kind === 'found' && resource.account.allowedToActOnBehalfOfOtherIdentity !== null
        ? 'rbcd-not-allowed'
        : 'delegation-not-configured';
    }
    default:
      return 'kdc-refused';
  }
}

/** @internal The why-not reason of an LsaLogonUser refusal on a service's machine. */
export function logonRefusalReason(error: LogonError): WhyNotReason {
  switch (error.reason) {
    case 'protected-users-ntlm':
      return 'protected-users';
    case 'account-disabled':
      return 'account-disabled';
    default:
      return 'logon-refused';
  }
}
