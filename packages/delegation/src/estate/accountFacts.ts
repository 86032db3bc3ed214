import { type Account, type Directory, isProtectedUser, USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import { protectedUsersEnforced } from '../kdc/pac.js';
import { displayName, findServer, lookupServer } from '../kdc/principals.js';
import type { CompiledEstate } from './compileEstate.js';
import type { AccountNodeAttributes, SpnNodeAttributes } from './estateGraphTypes.js';

/**
 * @internal What the analyses read of an account — its node in the estate graph, and what the lints check —
 * worked out from the directory alone, so the lints need no graph: a fresh value each call.
 */
export function accountFacts(estate: CompiledEstate, a: Account): AccountNodeAttributes {
  const dir = estate.directory;
  const principal = a.kind === 'group' ? null : a;
  const uac = principal?.userAccountControl ?? 0;
  return {
    kind: 'account',
    name: displayName(dir, a),
    sid: a.sid.text,
    accountKind: a.kind,
    domain: a.domain,
    declared: estate.declared.has(a.sid.text),
    enabled: (uac & USER_ACCOUNT_CONTROL.ACCOUNTDISABLE) === 0,
    trustedForDelegation: (uac & USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION) !== 0,
    trustedToAuthForDelegation: (uac & USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION) !== 0,
    notDelegated: (uac & USER_ACCOUNT_CONTROL.NOT_DELEGATED) !== 0,
    protectedUser:
      principal !== null && isProtectedUser(dir, principal) && protectedUsersEnforced(dir, principal),
    domainController:
      principal !== null &&
      ((uac & USER_ACCOUNT_CONTROL.SERVER_TRUST_ACCOUNT) !== 0 ||
        principal.primaryGroupId === 516 ||
        domainControllerAccounts(estate).has(a.sid.text)),
  };
}

/**
 * @internal What the KDC finds for an SPN (through the `HOST/` sPNMappings aliases): its graph node. `once`: the
 * caller asks for this SPN once only, so the answer is not remembered.
 */
export function spnFacts(dir: Directory, spn: string, once = false): SpnNodeAttributes {
  const found = once ? findServer(dir, spn) : lookupServer(dir, spn);
  return {
    kind: 'spn',
    spn,
    lookup: found.kind === 'found' ? 'found' : found.kind === 'unknown' ? 'missing' : 'duplicate',
    account: found.kind === 'found' ? found.account.sid.text : null,
  };
}

const dcAccounts = new WeakMap<CompiledEstate, ReadonlySet<string>>();

/** The computer accounts (SID text) of the estate's machines in the domain controller role. */
function domainControllerAccounts(estate: CompiledEstate): ReadonlySet<string> {
  let set = dcAccounts.get(estate);
  if (set === undefined) {
    set = new Set(
      [...estate.machines.values()]
        .filter((m) => m.role === 'domainController' && m.computerAccount !== null)
        .map((m) => m.computerAccount?.text ?? ''),
    );
    dcAccounts.set(estate, set);
  }
  return set;
}
