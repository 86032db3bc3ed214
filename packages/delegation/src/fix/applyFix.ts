import { ACCESS_RIGHTS } from '@doublehop/core-token';
import {
  type AccountInit,
  accountBySid,
  type Directory,
  findAccount,
  findDomain,
  type PrincipalAccount,
  type PrincipalInit,
} from '@doublehop/logon';
import { cmp, compileEstate } from '../estate/compileEstate.js';
import type { EstateAuthentication, EstateModel, EstateService } from '../estate/estateModel.js';
import { ADS_RIGHT_DS_CONTROL_ACCESS } from '../kdc/pac.js';
import { displayName } from '../kdc/principals.js';

/**
 * One edit of an estate model, in the Active Directory / PowerShell attribute names of `accounts` (an account is
 * named `DOMAIN\sAMAccountName`, as the estate's results name it):
 * `add` a value to an account's servicePrincipalNames, msDS-AllowedToDelegateTo or
 * PrincipalsAllowedToDelegateToAccount (the RBCD grant); `remove` an SPN; `set` TrustedForDelegation or
 * TrustedToAuthForDelegation; or replace a service's accepted `authentication` methods.
 *
 * @example
 * ```ts
 * import type { FixEdit } from '@doublehop/delegation';
 *
 * const grant: FixEdit = { op: 'add', account: 'CORP\\svc-sql', attribute: 'principalsAllowedToDelegateToAccount', value: 'CORP\\svc-web' };
 * const spn: FixEdit = { op: 'remove', account: 'CORP\\svc-old', attribute: 'servicePrincipalNames', value: 'HTTP/web01.corp.example' };
 * ```
 * @see {@link applyFix}
 */
export type FixEdit =
  | {
      /** Add a value to a multi-valued attribute (no-op when present). */
      readonly op: 'add';
      /** The account, `DOMAIN\sAMAccountName`. */
      readonly account: string;
      /** The attribute. */
      readonly attribute:
        | 'servicePrincipalNames'
        | 'allowedToDelegateTo'
        | 'principalsAllowedToDelegateToAccount';
      /** The SPN, or for an RBCD grant the front end's account (`DOMAIN\sAMAccountName`). */
      readonly value: string;
    }
  | {
      /** Remove an SPN (compared case-insensitively). */
      readonly op: 'remove';
      /** The account, `DOMAIN\sAMAccountName`. */
      readonly account: string;
      /** The attribute. */
      readonly attribute: 'servicePrincipalNames';
      /** The SPN, as the account holds it. */
      readonly value: string;
    }
  | {
      /** Set a userAccountControl switch. */
      readonly op: 'set';
      /** The account, `DOMAIN\sAMAccountName`. */
      readonly account: string;
      /** The PowerShell switch. */
      readonly attribute: 'trustedForDelegation' | 'trustedToAuthForDelegation';
      /** Its new value. */
      readonly value: boolean;
    }
  | {
      /** Replace the methods a service accepts, in the order it offers them. */
      readonly op: 'authentication';
      /** The service's name. */
      readonly service: string;
      /** The methods. */
      readonly value: readonly EstateAuthentication[];
    };

/**
 * A fix's change to the model: its edits, applied in order by {@link applyFix}.
 *
 * @example
 * ```ts
 * import type { FixChange } from '@doublehop/delegation';
 *
 * const kcd: FixChange = [
 *   { op: 'set', account: 'CORP\\svc-web', attribute: 'trustedToAuthForDelegation', value: false },
 *   { op: 'add', account: 'CORP\\svc-web', attribute: 'allowedToDelegateTo', value: 'MSSQLSvc/sql01.corp.example:1433' },
 * ];
 * ```
 * @see {@link FixEdit}
 */
export type FixChange = readonly FixEdit[];

/**
 * Applies a fix's change to a copy of an estate model: a pure function — the input model, its lists and their
 * entries are never modified; entries the change does not touch are shared with the input.
 *
 * @remarks
 * An account the model does not declare — a machine's computer account, which domain join creates — is declared
 * first, exactly as the estate would add it (its SPNs, userAccountControl, primary group and RID), so the change
 * alters nothing else. An RBCD grant is written as Set-ADComputer writes it: PrincipalsAllowedToDelegateToAccount
 * replaces msDS-AllowedToActOnBehalfOfOtherIdentity by a descriptor allowing exactly the listed principals, so the
 * existing grantees (the allow ACEs granting control access) are listed with the new one.
 * @param model - the estate
 * @param change - the edits, or a fix proposal carrying them in `change`
 * @returns a new model with the change applied
 * @throws TypeError - `applyFix: …` for an account or service the model does not have
 * @example
 * ```ts
 * import { applyFix, type EstateModel } from '@doublehop/delegation';
 *
 * const model: EstateModel = {
 *   domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }],
 *   accounts: [{ kind: 'user', samAccountName: 'svc-web' }],
 * };
 * const fixed = applyFix(model, [
 *   { op: 'add', account: 'CORP\\svc-web', attribute: 'servicePrincipalNames', value: 'HTTP/web01.corp.example' },
 * ]);
 * fixed.accounts?.[0];      // { samAccountName: 'svc-web', servicePrincipalNames: ['HTTP/web01.corp.example'] }
 * model.accounts?.[0];      // { kind: 'user', samAccountName: 'svc-web' }
 * fixed === model;          // false
 * ```
 * @see Set-ADComputer, Set-ADUser (-PrincipalsAllowedToDelegateToAccount), Set-ADAccountControl, setspn
 */
export function applyFix(
  model: EstateModel,
  change: FixChange | { readonly change: FixChange },
): EstateModel {
  const edits: FixChange = isChange(change) ? change : change.change;
  const dir = compileEstate(model, 'applyFix').directory;
  const defaultDomain = dir.domains[0]?.dnsName ?? '';
  const accounts: AccountInit[] = [...(model.accounts ?? [])];
  const index = new Map<string, number>();
  accounts.forEach((a, i) => {
    const found = findAccount(dir, `${a.domain ?? defaultDomain}\\${a.samAccountName}`);
    if (found !== undefined && !index.has(found.sid.text)) index.set(found.sid.text, i);
  });
  let services: readonly EstateService[] | undefined = model.services;
  let touchedAccounts = false;

  for (const edit of edits) {
    if (edit.op === 'authentication') {
      const list = services ?? [];
      if (!list.some((s) => s.name === edit.service))
        throw new TypeError(`applyFix: the estate has no service named "${edit.service}"`);
      services = list.map((s) => (s.name === edit.service ? { ...s, authentication: [...edit.value] } : s));
      continue;
    }
    const account = findAccount(dir, edit.account);
    if (account === undefined || account.kind === 'group')
      throw new TypeError(`applyFix: the estate has no user, computer or gMSA named "${edit.account}"`);
    let i = index.get(account.sid.text);
    if (i === undefined) {
      i = accounts.push(declared(account)) - 1;
      index.set(account.sid.text, i);
    }
    const entry = accounts[i] as PrincipalInit;
    accounts[i] = edited(dir, account, entry, edit);
    touchedAccounts = true;
  }
  return {
    ...model,
    ...(touchedAccounts ? { accounts } : {}),
    ...(services === undefined ? {} : { services }),
  };
}

function isChange(change: FixChange | { readonly change: FixChange }): change is FixChange {
  return Array.isArray(change);
}

/** The account as domain join (or the model) made it, declared explicitly. */
function declared(account: PrincipalAccount): PrincipalInit {
  const rid = Number(account.sid.text.slice(account.sid.text.lastIndexOf('-') + 1));
  return {
    kind: account.kind,
    samAccountName: account.samAccountName,
    domain: account.domain,
    rid,
    userAccountControl: account.userAccountControl,
    primaryGroupId: account.primaryGroupId,
    servicePrincipalNames: [...account.servicePrincipalNames],
    ...(account.allowedToDelegateTo.length > 0
      ? { allowedToDelegateTo: [...account.allowedToDelegateTo] }
      : {}),
  };
}

function edited(
  dir: Directory,
  account: PrincipalAccount,
  entry: PrincipalInit,
  edit: Exclude<FixEdit, { op: 'authentication' }>,
): PrincipalInit {
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  switch (edit.op) {
    case 'set':
      return { ...entry, [edit.attribute]: edit.value };
    case 'remove':
      return {
        ...entry,
        servicePrincipalNames: (entry.servicePrincipalNames ?? []).filter((s) => !same(s, edit.value)),
      };
    default:
      break;
  }
  if (edit.attribute !== 'principalsAllowedToDelegateToAccount') {
    const list = entry[edit.attribute] ?? [];
    return list.some((s) => same(s, edit.value))
      ? entry
      : { ...entry, [edit.attribute]: [...list, edit.value] };
  }
  // RBCD: Set-ADComputer -PrincipalsAllowedToDelegateToAccount writes a descriptor allowing exactly the list.
  const granted =
    entry.principalsAllowedToDelegateToAccount !== undefined &&
    entry.allowedToActOnBehalfOfOtherIdentity === undefined
      ? [...entry.principalsAllowedToDelegateToAccount]
      : rbcdPrincipals(dir, account);
  const sidOf = (name: string): string | undefined => findAccount(dir, name, account.domain)?.sid.text;
  const wanted = sidOf(edit.value);
  const list = granted.some((g) => g === edit.value || (wanted !== undefined && sidOf(g) === wanted))
    ? granted
    : [...granted, edit.value];
  const { allowedToActOnBehalfOfOtherIdentity: _replaced, ...rest } = entry;
  return { ...rest, principalsAllowedToDelegateToAccount: list };
}

/**
 * @internal The principals an account's RBCD descriptor allows (allow ACEs granting control access or
 * GENERIC_ALL), as `DOMAIN\name` or, for a SID no directory account has, the SID — sorted.
 */
export function rbcdPrincipals(dir: Directory, account: PrincipalAccount): string[] {
  const descriptor = account.allowedToActOnBehalfOfOtherIdentity;
  if (descriptor === null || descriptor.dacl === null) return [];
  const out = new Set<string>();
  for (const ace of descriptor.dacl) {
    if (ace.type !== 'ACCESS_ALLOWED' && ace.type !== 'ACCESS_ALLOWED_OBJECT') continue;
    if ((ace.mask & (ADS_RIGHT_DS_CONTROL_ACCESS | ACCESS_RIGHTS.GENERIC_ALL)) === 0) continue;
    const grantee = accountBySid(dir, ace.sid);
    out.add(
      grantee === undefined
        ? ace.sid.text
        : grantee.kind === 'group'
          ? `${findDomain(dir, grantee.domain)?.netbiosName ?? grantee.domain}\\${grantee.samAccountName}`
          : displayName(dir, grantee),
    );
  }
  return [...out].sort(cmp);
}
