import { type Directory, isProtectedUser, type PrincipalAccount } from '@doublehop/logon';
import { protectedUsersEnforced } from './pac.js';
import { displayName, hasUac } from './principals.js';
import { type ExplanationStep, step } from './rules.js';

/**
 * @internal MS-KILE 3.3.5.1: whether the KDC may set FORWARDABLE or PROXIABLE on tickets for this client — not when
 * it is NOT_DELEGATED, nor a Protected Users member once the domain runs at functional level 2012 R2 or higher.
 * Returns the verdict and the step explaining it.
 */
export function delegationAllowed(
  dir: Directory,
  account: PrincipalAccount,
): { readonly allowed: boolean; readonly step: ExplanationStep } {
  const name = displayName(dir, account);
  if (hasUac(account, 'NOT_DELEGATED')) {
    return {
      allowed: false,
      step: step(
        'kile.delegation-not-allowed',
        'applied',
        `${name} is NOT_DELEGATED ("Account is sensitive and cannot be delegated")`,
      ),
    };
  }
  if (isProtectedUser(dir, account)) {
    if (protectedUsersEnforced(dir, account)) {
      return {
        allowed: false,
        step: step('kile.delegation-not-allowed', 'applied', `${name} is a member of Protected Users`),
      };
    }
    return {
      allowed: true,
      step: step(
        'kile.delegation-not-allowed',
        'passed',
        `${name} is in Protected Users, but its domain is below functional level 2012 R2, where the KDC does not enforce it`,
      ),
    };
  }
  return {
    allowed: true,
    step: step(
      'kile.delegation-not-allowed',
      'passed',
      `${name} is neither NOT_DELEGATED nor in Protected Users`,
    ),
  };
}
