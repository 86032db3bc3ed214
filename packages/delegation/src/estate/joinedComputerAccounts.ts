import { directory, findDomain, type PrincipalInit, USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import type { EstateMachine, EstateModel } from './estateModel.js';
import { sortedBy } from './ordinal.js';

/**
 * A computer account that domain join creates for a machine of an estate model, which the model's `accounts` do
 * not declare.
 *
 * @example
 * ```ts
 * import type { JoinedComputerAccount } from '@doublehop/delegation';
 *
 * const line = (j: JoinedComputerAccount): string => `${j.machine}: ${j.account.domain}\\${j.account.samAccountName}`;
 * ```
 * @see {@link joinedComputerAccounts}
 */
export interface JoinedComputerAccount {
  /** The machine's name, as the model spells it. */
  readonly machine: string;
  /** The account, as the estate adds it to the directory. */
  readonly account: PrincipalInit;
}

/**
 * The computer accounts that domain join creates for the model's joined machines whose account (`NAME$` in the
 * machine's domain) the model does not declare — exactly the accounts every analysis of the model adds, so that
 * a loader can resolve names such as `SRV03$` in an RBCD list before it has a complete model.
 *
 * @remarks
 * Domain join names the account after the computer's NetBIOS name with a trailing `$`, and registers
 * `HOST/NAME`, `HOST/name.domain`, `RestrictedKrbHost/NAME` and `RestrictedKrbHost/name.domain` on it; a domain
 * controller's account is a SERVER_TRUST_ACCOUNT, trusted for delegation, in Domain Controllers (primary group
 * 516). An account declared with the same sAMAccountName in the machine's domain (with or without the `$`) is
 * the machine's own, and nothing is added. Workgroup machines (no `domain`) and machines joined to a domain the
 * model does not have are skipped — the analyses refuse the latter. The result is in the machines' name order.
 * @param model - the estate (only its domains, trusts, accounts and machines are read)
 * @returns the accounts to add, each with the machine it belongs to
 * @example
 * ```ts
 * import { joinedComputerAccounts } from '@doublehop/delegation';
 *
 * const joined = joinedComputerAccounts({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'computer', samAccountName: 'SQL01$' }],
 *   machines: [{ name: 'web01', domain: 'corp.example' }, { name: 'SQL01', domain: 'CORP' }, { name: 'LAB' }],
 * });
 * joined.map((j) => j.account.samAccountName);     // ['WEB01$']
 * joined[0]?.account.servicePrincipalNames?.[1];   // 'HOST/web01.corp.example'
 * ```
 * @see MS-ADTS 6.1.1.2.1 (computer objects); "Service Principal Names",
 * https://learn.microsoft.com/windows/win32/ad/service-principal-names (HOST SPNs registered at join);
 * MS-ADTS 6.1.1.2.2 (domain controller accounts)
 */
export function joinedComputerAccounts(model: EstateModel): readonly JoinedComputerAccount[] {
  const probe = directory({ domains: model.domains, ...(model.trusts ? { trusts: model.trusts } : {}) });
  // directory(): an account without a domain goes in the first domain by DNS name.
  const defaultDomain = probe.domains[0]?.dnsName ?? '';
  const dnsNames = new Map<string | undefined, string>();
  const dnsName = (domain: string | undefined): string => {
    let name = dnsNames.get(domain);
    if (name === undefined) {
      name = findDomain(probe, domain ?? defaultDomain)?.dnsName ?? '';
      dnsNames.set(domain, name);
    }
    return name;
  };
  const declared = new Set<string>();
  for (const a of model.accounts ?? [])
    declared.add(`${dnsName(a.domain)}\\${withoutDollar(a.samAccountName)}`);
  const machines = sortedBy(model.machines ?? [], (m) => m.name.toUpperCase());
  const out: JoinedComputerAccount[] = [];
  for (const m of machines) {
    const domain = m.domain === undefined ? undefined : findDomain(probe, m.domain);
    if (domain === undefined) continue;
    const sam = `${m.name.toUpperCase()}$`;
    if (declared.has(`${domain.dnsName}\\${withoutDollar(sam)}`)) continue;
    out.push(
      Object.freeze({ machine: m.name, account: Object.freeze(joinedAccount(m, sam, domain.dnsName)) }),
    );
  }
  return Object.freeze(out);
}

function withoutDollar(sam: string): string {
  return (sam.endsWith('$') ? sam.slice(0, -1) : sam).toLowerCase();
}

function joinedAccount(m: EstateMachine, sam: string, domain: string): PrincipalInit {
  const short = m.name.toUpperCase();
  const fqdn = `${m.name.toLowerCase()}.${domain}`;
  return {
    kind: 'computer',
    samAccountName: sam,
    domain,
    servicePrincipalNames: [
      `HOST/${short}`,
      `HOST/${fqdn}`,
      `RestrictedKrbHost/${short}`,
      `RestrictedKrbHost/${fqdn}`,
    ],
    ...(m.role === 'domainController'
      ? {
          userAccountControl:
            USER_ACCOUNT_CONTROL.SERVER_TRUST_ACCOUNT | USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION,
          primaryGroupId: 516,
        }
      : {}),
  };
}
