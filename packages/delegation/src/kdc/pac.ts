import {
  accessCheck,
  DOMAIN_RIDS,
  domainOf,
  OBJECT_TYPES,
  type ObjectTypeListEntry,
  type SecurityDescriptor,
  type Sid,
  type SidAndAttributes,
  sidWithRid,
  type Token,
  token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import {
  type Directory,
  directoryGroups,
  findDomain,
  type PrincipalAccount,
  USER_ACCOUNT_CONTROL,
} from '@doublehop/logon';

/**
 * S4U_DELEGATION_INFO: who the ticket was last delegated to, and every service it passed through.
 *
 * @example
 * ```ts
 * import type { S4uDelegationInfo } from '@doublehop/delegation';
 *
 * const info: S4uDelegationInfo = {
 *   s4u2proxyTarget: 'MSSQLSvc/sql01.corp.example:1433',
 *   transitedServices: ['HTTP/web01.corp.example@CORP.EXAMPLE'],
 * };
 * ```
 * @see MS-PAC 2.9 (S4U_DELEGATION_INFO); MS-SFU 3.2.5.2.4
 */
export interface S4uDelegationInfo {
  /** S4U2proxyTarget: the SPN the last S4U2Proxy request asked for. */
  readonly s4u2proxyTarget: string;
  /** S4UTransitedServices: each delegating service, as `sname@realm` of the ticket it presented, oldest first. */
  readonly transitedServices: readonly string[];
}

/**
 * The Privilege Attribute Certificate of a ticket, as far as delegation reads it.
 *
 * @remarks
 * `groups` are the account's domain groups for the domain of the ticket's server — GroupIds, ExtraSids and
 * ResourceGroupIds, expanded by `@doublehop/logon`'s directoryGroups (nesting, scope and SID filtering).
 * `assertedIdentity` is the ExtraSids entry saying how the identity was established. `notDelegated` is the
 * USER_NOT_DELEGATED bit of KERB_VALIDATION_INFO.UserAccountControl, which a KDC and an SFU client read to tell a
 * sensitive user. `ticketSignature` stands for the PAC_TICKET_CHECKSUM (type 0x10) a patched KDC computes with the
 * krbtgt key over the ticket's encrypted part: here, a digest of the client, server and flags.
 * @example
 * ```ts
 * import { asExchange, createKdc } from '@doublehop/delegation';
 * import { directory } from '@doublehop/logon';
 *
 * const kdc = createKdc(directory({ domains: [{ dnsName: 'corp.example' }], accounts: [{ kind: 'user', samAccountName: 'alice' }] }));
 * const tgt = asExchange(kdc, { client: 'alice' });
 * tgt.ok && tgt.value.ticket.pac.assertedIdentity.text; // 'S-1-18-1'
 * tgt.ok && tgt.value.ticket.pac.ticketSignature;       // null
 * ```
 * @see MS-PAC 2.5 (KERB_VALIDATION_INFO), 2.8.3 (ticket signature), 2.9 (S4U_DELEGATION_INFO); MS-DTYP 2.4.2.4
 */
export interface Pac {
  /** The user (or computer) SID. */
  readonly user: Sid;
  /** The domain groups, sorted by SID, with their attributes. */
  readonly groups: readonly SidAndAttributes[];
  /** S-1-18-1 (authentication authority asserted identity) or S-1-18-2 (service asserted identity, S4U2Self). */
  readonly assertedIdentity: Sid;
  /** Other Organization (S-1-5-1000) was added: the client crossed a selective-authentication trust. */
  readonly otherOrganization: boolean;
  /** USER_NOT_DELEGATED in KERB_VALIDATION_INFO.UserAccountControl: "Account is sensitive and cannot be delegated". */
  readonly notDelegated: boolean;
  /** S4U_DELEGATION_INFO, present once the ticket went through S4U2Proxy. */
  readonly delegationInfo: S4uDelegationInfo | null;
  /** The ticket signature a patched KDC adds to service tickets, or `null` (TGTs, and every ticket of an unpatched KDC). */
  readonly ticketSignature: string | null;
}

/** @internal ADS_RIGHT_DS_CONTROL_ACCESS: the right the KDC's access checks ask for (RBCD, selective authentication). */
export const ADS_RIGHT_DS_CONTROL_ACCESS = 0x100;

/** @internal What the KDC puts in a new PAC. */
export interface PacInit {
  readonly asserted: 'authority' | 'service';
  /** The domain of the ticket's server (the resource domain for domain-local groups and SID filtering). */
  readonly resourceDomain: string;
  readonly otherOrganization?: boolean;
  readonly delegationInfo?: S4uDelegationInfo | null;
}

/** @internal Builds the PAC of a ticket for `account` (the signature is added when the ticket is issued). */
export function buildPac(dir: Directory, account: PrincipalAccount, init: PacInit): Pac {
  return Object.freeze({
    user: account.sid,
    groups: directoryGroups(dir, account, { resourceDomain: init.resourceDomain }),
    assertedIdentity:
      init.asserted === 'authority'
        ? WELL_KNOWN_SIDS.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY.sid
        : WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid,
    otherOrganization: init.otherOrganization ?? false,
    notDelegated: (account.userAccountControl & USER_ACCOUNT_CONTROL.NOT_DELEGATED) !== 0,
    delegationInfo: init.delegationInfo ?? null,
    ticketSignature: null,
  });
}

/** @internal Whether the PAC's groups include the Protected Users group (RID 525) of the user's domain. */
export function pacHasProtectedUsers(pac: Pac): boolean {
  const domain = domainOf(pac.user);
  if (domain === undefined) return false;
  const protectedUsers = sidWithRid(domain, DOMAIN_RIDS.PROTECTED_USERS.rid);
  return pac.groups.some((g) => g.sid === protectedUsers);
}

/**
 * @internal The Token/Authorization Context the KDC builds from a PAC for an access check (MS-SFU 3.2.5.2.3,
 * MS-KILE 3.3.5.7.5): the user, the PAC's groups and ExtraSids, plus Everyone and Authenticated Users — the
 * default groups Samba's samba_kdc_check_s4u2proxy_rbcd adds (AUTH_SESSION_INFO_DEFAULT_GROUPS | AUTHENTICATED),
 * matching Windows.
 */
export function pacToken(pac: Pac): Token {
  // The token depends on four PAC fields, and the groups are the directory's own frozen list: built once.
  let byRest = pacTokens.get(pac.groups);
  if (byRest === undefined) {
    byRest = new Map();
    pacTokens.set(pac.groups, byRest);
  }
  const key = `${pac.user.text} ${pac.assertedIdentity.text} ${pac.otherOrganization}`;
  let built = byRest.get(key);
  if (built === undefined) {
    built = buildPacToken(pac);
    if (Object.isFrozen(pac.groups)) byRest.set(key, built);
  }
  return built;
}

const pacTokens = new WeakMap<Pac['groups'], Map<string, Token>>();

function buildPacToken(pac: Pac): Token {
  const extra: Sid[] = [
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    pac.assertedIdentity,
  ];
  if (pac.otherOrganization) extra.push(WELL_KNOWN_SIDS.OTHER_ORGANIZATION.sid);
  return token({ user: pac.user, groups: [...pac.groups, ...extra], impersonationLevel: 'Identification' });
}

/** @internal Whether the domain runs at functional level 2012 R2 (6) or higher, where Protected Users applies. */
export function protectedUsersEnforced(dir: Directory, account: PrincipalAccount): boolean {
  return (findDomain(dir, account.domain)?.functionalLevel ?? 0) >= 6;
}

/**
 * @internal The KDC's access check for control access (ADS_RIGHT_DS_CONTROL_ACCESS) with a token built from a
 * PAC. Windows' KDC uses AuthzAccessCheck, which accepts a descriptor without a primary group — as the
 * `O:BAD:(A;;…;;;SID)` descriptor Set-ADComputer writes into msDS-AllowedToActOnBehalfOfOtherIdentity is;
 * core-token's accessCheck models Win32 AccessCheck, which insists on an owner and a group, so a missing one is
 * filled in. The group never takes part in the decision, and a missing owner grants no implicit rights.
 */
export function controlAccessGranted(
  descriptor: SecurityDescriptor,
  pac: Pac,
  objectTypeList?: readonly ObjectTypeListEntry[],
): boolean {
  const check = accessCheck({
    securityDescriptor: withOwnerAndGroup(descriptor),
    token: pacToken(pac),
    desiredAccess: ADS_RIGHT_DS_CONTROL_ACCESS,
    objectType: OBJECT_TYPES.directoryService,
    ...(objectTypeList === undefined ? {} : { objectTypeList }),
  });
  return check.ok && check.value.granted;
}

/**
 * The descriptor as accessCheck needs it, with an owner and a group (S-1-0-0, in no token, where it has none) —
 * one frozen object per stored descriptor, so core-token's compiled-DACL cache serves every check against it.
 */
const completed = new WeakMap<SecurityDescriptor, SecurityDescriptor>();
function withOwnerAndGroup(descriptor: SecurityDescriptor): SecurityDescriptor {
  let sd = completed.get(descriptor);
  if (sd === undefined) {
    const filler = WELL_KNOWN_SIDS.NULL.sid; // S-1-0-0: in no token
    sd = Object.freeze({
      ...descriptor,
      owner: descriptor.owner ?? filler,
      group: descriptor.group ?? descriptor.owner ?? filler,
    });
    if (Object.isFrozen(descriptor)) completed.set(descriptor, sd);
  }
  return sd;
}
