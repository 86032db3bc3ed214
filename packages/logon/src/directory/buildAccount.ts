import { DOMAIN_RIDS, type SecurityDescriptor, type Sid, sddl } from '@doublehop/core-token';
import type { Account, GroupAccount, PrincipalAccount } from './account.js';
import type { Memberships } from './buildMemberships.js';
import { defaultObjectDescriptor } from './defaultObjectDescriptor.js';
import type { Domain } from './domain.js';
import type { AccountDraft } from './draftAccounts.js';
import { sortedByText, sortSids } from './order.js';
import { rbcdDescriptor } from './rbcdDescriptor.js';
import { USER_ACCOUNT_CONTROL } from './userAccountControl.js';

/** @internal What pass 3 needs besides the draft. */
export interface AccountContext {
  /** The membership edges (pass 2). */
  readonly memberships: Memberships;
  /** Resolves a name the declaration uses. */
  readonly resolveMember: (name: string, context: Domain) => Sid;
  /** The forest root's SID, which SDDL's forest-wide aliases (EA, SA) resolve against. */
  readonly forestRootSid: Sid;
}

/**
 * @internal Pass 3 of building a directory: one account's value. SDDL resolves domain aliases in the account's
 * domain; a missing descriptor gets {@link defaultObjectDescriptor}. For users, computers and gMSAs,
 * userAccountControl starts from NORMAL_ACCOUNT or WORKSTATION_TRUST_ACCOUNT and the PowerShell switches set or
 * clear their bits; PrincipalsAllowedToDelegateToAccount becomes the RBCD descriptor Set-ADComputer writes; the
 * primary group defaults to Domain Users or Domain Computers.
 * @see MS-ADTS 2.2.16 (userAccountControl), 3.1.1.4.5.19 (primaryGroupID); Set-ADComputer, Set-ADAccountControl
 */
export function buildAccount(d: AccountDraft, ctx: AccountContext): Account {
  const { memberships, resolveMember } = ctx;
  const toSd = (value: SecurityDescriptor | string): SecurityDescriptor =>
    typeof value === 'string'
      ? sddl(value, { domainSid: d.domain.sid, rootDomainSid: ctx.forestRootSid })
      : value;
  // Object literals written out key by key, in one order, and shared empty lists: a directory of 150 000
  // accounts builds each of them several times.
  const sid = d.sid;
  const samAccountName = d.samAccountName;
  const domain = d.domain.dnsName;
  const memberOf = frozenSids(memberships.memberOf.get(d.sid));
  const history = d.init.sidHistory;
  const sidHistory =
    history === undefined || history.length === 0
      ? NO_SIDS
      : Object.freeze(sortSids(history.map((s) => resolveMember(s, d.domain))));
  const securityDescriptor =
    d.init.securityDescriptor === undefined
      ? defaultObjectDescriptor(d.domain.sid)
      : toSd(d.init.securityDescriptor);
  if (d.init.kind === 'group') {
    const group: GroupAccount = {
      sid,
      samAccountName,
      domain,
      memberOf,
      sidHistory,
      securityDescriptor,
      kind: 'group',
      scope: d.init.scope ?? 'global',
      securityEnabled: d.init.securityEnabled ?? true,
      members: frozenSids(memberships.members.get(d.sid)),
    };
    return Object.freeze(group);
  }
  const p = d.init;
  let uac =
    p.userAccountControl ??
    (p.kind === 'user'
      ? USER_ACCOUNT_CONTROL.NORMAL_ACCOUNT
      : USER_ACCOUNT_CONTROL.WORKSTATION_TRUST_ACCOUNT);
  const flag = (value: boolean | undefined, bit: number): void => {
    if (value === true) uac |= bit;
    else if (value === false) uac &= ~bit;
  };
  flag(p.enabled === undefined ? undefined : !p.enabled, USER_ACCOUNT_CONTROL.ACCOUNTDISABLE);
  flag(p.trustedForDelegation, USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION);
  flag(p.trustedToAuthForDelegation, USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION);
  flag(p.accountNotDelegated, USER_ACCOUNT_CONTROL.NOT_DELEGATED);
  let rbcd: SecurityDescriptor | null = null;
  if (p.allowedToActOnBehalfOfOtherIdentity !== undefined) rbcd = toSd(p.allowedToActOnBehalfOfOtherIdentity);
  else if (p.principalsAllowedToDelegateToAccount !== undefined) {
    rbcd = rbcdDescriptor(p.principalsAllowedToDelegateToAccount.map((n) => resolveMember(n, d.domain)));
  }
  const principal: PrincipalAccount = {
    sid,
    samAccountName,
    domain,
    memberOf,
    sidHistory,
    securityDescriptor,
    kind: p.kind,
    userPrincipalName: p.userPrincipalName ?? null,
    userAccountControl: uac >>> 0,
    primaryGroupId:
      p.primaryGroupId ??
      (p.kind === 'user' ? DOMAIN_RIDS.DOMAIN_USERS.rid : DOMAIN_RIDS.DOMAIN_COMPUTERS.rid),
    servicePrincipalNames: sortedTexts(p.servicePrincipalNames),
    allowedToDelegateTo: sortedTexts(p.allowedToDelegateTo),
    allowedToDelegateToAccounts:
      p.allowedToDelegateToAccounts === undefined || p.allowedToDelegateToAccounts.length === 0
        ? NO_SIDS
        : Object.freeze(sortSids(p.allowedToDelegateToAccounts.map((n) => resolveMember(n, d.domain)))),
    allowedToActOnBehalfOfOtherIdentity: rbcd,
    password: p.password ?? null,
  };
  return Object.freeze(principal);
}

const NO_SIDS: readonly Sid[] = Object.freeze([]);
const NO_TEXTS: readonly string[] = Object.freeze([]);

function frozenSids(values: Iterable<Sid> | undefined): readonly Sid[] {
  if (values === undefined) return NO_SIDS;
  const sorted = sortSids(values);
  return sorted.length === 0 ? NO_SIDS : Object.freeze(sorted);
}

function sortedTexts(values: readonly string[] | undefined): readonly string[] {
  if (values === undefined || values.length === 0) return NO_TEXTS;
  return Object.freeze(values.length === 1 ? [...values] : sortedByText(values, (v) => v));
}
