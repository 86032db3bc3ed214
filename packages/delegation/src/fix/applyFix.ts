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
import type { EstateFlow, EstateModel, EstateRequest, EstateService } from '../estate/estateModel.js';
import { ADS_RIGHT_DS_CONTROL_ACCESS } from '../kdc/pac.js';
import { displayName } from '../kdc/principals.js';
import { withAllowedToAuthenticate } from './allowedToAuthenticateEdit.js';
import type { FixChange, FixEdit } from './fixEdit.js';
import { editTrusts } from './trustEdit.js';
import { editUserRights } from './userRightEdit.js';

/**
 * Applies a fix's change to a copy of an estate model: a pure function — the input model, its lists and their
 * entries are never modified; entries the change does not touch are shared with the input.
 *
 * @remarks
 * An account the model does not declare — a machine's computer account, which domain join creates — is declared
 * first, exactly as the estate would add it (its SPNs, userAccountControl, primary group and RID), so the change
 * alters nothing else. An RBCD grant is written as Set-ADComputer writes it: PrincipalsAllowedToDelegateToAccount
 * replaces msDS-AllowedToActOnBehalfOfOtherIdentity by a descriptor allowing exactly the listed principals, so the
 * existing grantees (the allow ACEs granting control access) are listed with the new one. An Allowed-To-Authenticate
 * grant is the allow object ACE `dsacls /G user:CA;Allowed to Authenticate` adds, written into the account's
 * nTSecurityDescriptor as SDDL. A user right is changed in the machine's `userRights`, which state changes on top of
 * Windows' defaults: a grant takes the holder off the removals and adds it, a revocation takes the model's own
 * addition off, else lists the holder in the removals. A trust setting applies to one direction: a two-way trust
 * whose other direction differs is written as its two one-way trusts.
 * @param model - the estate
 * @param change - the edits, or a fix proposal carrying them in `change`
 * @returns a new model with the change applied
 * @throws TypeError - `applyFix: …` for an account, service, call, flow, machine or trust the model does not have
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
 * @see Set-ADComputer, Set-ADUser (-PrincipalsAllowedToDelegateToAccount), Set-ADAccountControl, setspn; dsacls;
 * "User Rights Assignment"; netdom trust (/EnableTGTDelegation)
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
  let services = model.services;
  let flows = model.flows;
  let machines = model.machines;
  let trusts = model.trusts;
  let touchedAccounts = false;

  for (const edit of edits) {
    switch (edit.op) {
      case 'authentication':
        services = editService(services, edit.service, (s) => ({ ...s, authentication: [...edit.value] }));
        continue;
      case 'request':
        if ('flow' in edit) flows = editFlow(flows, edit.flow, edit.value);
        else services = editService(services, edit.service, (s) => withRequest(s, edit.calls, edit.value));
        continue;
      case 'grant':
      case 'revoke':
        machines = editUserRights(machines, edit);
        continue;
      case 'trust':
        trusts = editTrusts(dir, trusts, edit);
        continue;
      default:
        break;
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
  const changed = <K extends keyof EstateModel>(key: K, value: EstateModel[K]): Partial<EstateModel> =>
    value === model[key] ? {} : { [key]: value };
  return {
    ...model,
    ...(touchedAccounts ? { accounts } : {}),
    ...changed('services', services),
    ...changed('flows', flows),
    ...changed('machines', machines),
    ...changed('trusts', trusts),
  };
}

/** The services with one replaced by `edit` of it. */
function editService(
  services: readonly EstateService[] | undefined,
  name: string,
  edit: (s: EstateService) => EstateService,
): EstateService[] {
  const list = services ?? [];
  if (!list.some((s) => s.name === name))
    throw new TypeError(`applyFix: the estate has no service named "${name}"`);
  return list.map((s) => (s.name === name ? edit(s) : s));
}

/** The service with what its call to `callee` asks for replaced. */
function withRequest(s: EstateService, callee: string, request: EstateRequest): EstateService {
  const calls = s.calls ?? [];
  if (!calls.some((c) => c.service === callee))
    throw new TypeError(`applyFix: service ${s.name} does not call "${callee}"`);
  return { ...s, calls: calls.map((c) => (c.service === callee ? { ...c, request } : c)) };
}

/** The flows with what one flow's client asks for at hop 1 replaced. */
function editFlow(
  flows: readonly EstateFlow[] | undefined,
  name: string,
  request: EstateRequest,
): EstateFlow[] {
  const list = flows ?? [];
  if (!list.some((f) => f.name === name))
    throw new TypeError(`applyFix: the estate has no flow named "${name}"`);
  return list.map((f) => (f.name === name ? { ...f, request } : f));
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
  edit: Extract<FixEdit, { account: string }>,
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
  if (edit.attribute === 'allowedToAuthenticate')
    return withAllowedToAuthenticate(dir, account, entry, edit.value);
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
