import { err, ok, type Result } from '@doublehop/core-token';
import { trustPath } from '../directory/trustPath.js';
import { type LogonError, logonError, NT_STATUS } from '../errors.js';
import type { Lsa } from './lsa.js';
import { machineMemo } from './machineMemo.js';
import { type Principal, resolvePrincipal } from './principal.js';

/** @internal The account a logon names, and whether it arrives as Other Organization. */
export interface ResolvedPrincipal {
  /** The account. */
  readonly principal: Principal;
  /** Selective authentication across the trust crossed: Other Organization instead of This Organization. */
  readonly otherOrganization: boolean;
}

/**
 * @internal Step 1 of LsaLogonUser: who the request names. An account this machine cannot resolve — unknown,
 * or in a domain its own domain does not trust — is STATUS_LOGON_FAILURE / STATUS_NO_SUCH_USER, whichever of
 * the two it is (the error names no account, so 4625 shows the name as typed).
 * @see LsaLogonUser, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser; "4625(F)"
 * Sub Status 0xC0000064; MS-ADTS 6.1.6 (trusts); "How Domain and Forest Trusts Work" (selective authentication)
 */
export function resolveLogonPrincipal(lsa: Lsa, account: string): Result<ResolvedPrincipal, LogonError> {
  // Every logon of an account asks again, and the answer depends only on the machine, the directory and the
  // name: worked out once (frozen, as it is shared).
  const known = resolutionsOf(lsa);
  let resolved = known.get(account);
  if (resolved === undefined) {
    resolved = Object.freeze(resolve(lsa, account));
    known.set(account, resolved);
  }
  return resolved;
}

const resolutionsOf = machineMemo<string, Result<ResolvedPrincipal, LogonError>>();

function resolve(lsa: Lsa, account: string): Result<ResolvedPrincipal, LogonError> {
  const { machine, directory } = lsa;
  const unknown = () =>
    err(
      logonError(
        'ERROR_LOGON_FAILURE',
        'unknown-user',
        NT_STATUS.STATUS_LOGON_FAILURE,
        NT_STATUS.STATUS_NO_SUCH_USER,
        `the user name "${account}" is unknown to ${machine.name}`,
        'LsaLogonUser: STATUS_LOGON_FAILURE / STATUS_NO_SUCH_USER (4625 Sub Status 0xC0000064)',
      ),
    );
  const principal = resolvePrincipal(lsa, account);
  if (principal === undefined) return unknown();
  Object.freeze(principal);
  if (principal.kind !== 'domain') return ok(Object.freeze({ principal, otherOrganization: false }));
  if (machine.domain === null || directory === null) return unknown();
  const path = trustPath(directory, machine.domain, principal.dnsDomain);
  if (path === undefined) return unknown();
  return ok(
    Object.freeze({
      principal,
      otherOrganization: path.kind === 'cross-forest' && path.trust.selectiveAuthentication,
    }),
  );
}
