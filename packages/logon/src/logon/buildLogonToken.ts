import {
  DOMAIN_RIDS,
  isElevated,
  type Luid,
  type Sid,
  type SidAndAttributes,
  sidWithRid,
  type Token,
  type TokenSource,
  token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { findDomain } from '../directory/findDomain.js';
import { logonPrivileges, systemPrivileges } from './logonPrivileges.js';
import type { LogonCredential } from './logonRequest.js';
import type { LogonSession } from './logonSession.js';
import { logonTokenType } from './logonTokenType.js';
import type { LogonTypeName } from './logonType.js';
import type { Lsa } from './lsa.js';
import { isIusr, type Principal } from './principal.js';

/** @internal Everything the token of a logon is built from. */
export interface LogonTokenInput {
  /** The account. */
  readonly principal: Principal;
  /** The token groups ({@link logonGroups}). */
  readonly groups: readonly SidAndAttributes[];
  /** The user's SID and the groups' SIDs. */
  readonly sids: readonly Sid[];
  /** The logon type (after the cache fallback). */
  readonly logonType: LogonTypeName;
  /** The request's credential. */
  readonly credential: LogonCredential;
  /** The calling process's logon session. */
  readonly caller: LogonSession;
  /** The calling thread's token: LSA checks the S4U caller's SeTcbPrivilege in it. */
  readonly callerToken: Token;
  /** The logon session's LUID (TokenStatistics.AuthenticationId). */
  readonly logonId: Luid;
  /** The new token's TokenId (and ModifiedId). */
  readonly tokenId: Luid;
  /** The Terminal Services session. */
  readonly sessionId: number;
  /** The logon process, which becomes the token source. */
  readonly logonProcessName: string;
}

/**
 * @internal Step 6 of LsaLogonUser: the token before UAC. Privileges from User Rights Assignment for the user
 * and its groups ({@link logonPrivileges}); type and level ({@link logonTokenType}); integrity System for the
 * built-in service accounts, High when the token is elevated (core-token's `isElevated`), Medium otherwise; the
 * primary group from the account's primaryGroupID (513, "None", for local accounts); the caller's session as
 * origin when the caller supplied the credential itself (password, S4U, service identities). Returns whether
 * the token is elevated, which the UAC step needs.
 * @see LsaLogonUser, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser;
 * "Mandatory Integrity Control"; TOKEN_ORIGIN, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_origin;
 * MS-ADTS 3.1.1.4.5.19 (primaryGroupID)
 */
export function buildLogonToken(
  lsa: Lsa,
  input: LogonTokenInput,
): { readonly token: Token; readonly elevated: boolean } {
  const { principal, groups, credential } = input;
  // SYSTEM holds every privilege intrinsically, not through User Rights Assignment (whose "Act as part of the
  // operating system" list is empty by default): a LocalSystem service runs with SYSTEM's privileges.
  const privileges =
    principal.sid === WELL_KNOWN_SIDS.SYSTEM.sid
      ? systemPrivileges()
      : logonPrivileges(lsa.machine, input.sids);
  const type = logonTokenType(input.logonType, credential, input.callerToken);
  const build = (integrityLevel: Sid): Token =>
    token({
      user: principal.sid,
      groups,
      privileges,
      type: type.type,
      impersonationLevel: type.level,
      integrityLevel,
      primaryGroup: primaryGroupOf(lsa, principal),
      tokenId: input.tokenId,
      authenticationId: input.logonId,
      modifiedId: input.tokenId,
      origin:
        credential.kind === 'password' || credential.kind === 's4u' || credential.kind === 'none'
          ? input.caller.logonId
          : 0,
      sessionId: input.sessionId,
      source: tokenSource(input.logonProcessName),
    });
  // Elevation depends on the user, groups and privileges, never on the integrity level (core-token's
  // isElevated): build with the level an unelevated token gets, and again only if it turns out elevated.
  const provisional = build(integrityLevelOf(principal, false));
  const elevated = isElevated(provisional);
  const full =
    integrityLevelOf(principal, elevated) === provisional.integrityLevel
      ? provisional
      : build(integrityLevelOf(principal, elevated));
  return { token: full, elevated };
}

/** The token source of a logon process (`Kerberos`, `User32` …): a few frozen values, shared by tokens. */
function tokenSource(name: string): TokenSource {
  let source = sources.get(name);
  if (source === undefined) {
    source = Object.freeze({ name, identifier: 0 });
    sources.set(name, source);
  }
  return source;
}

const sources = new Map<string, TokenSource>();

/** SYSTEM, LOCAL SERVICE and NETWORK SERVICE run at System integrity whatever they hold; others by elevation. */
function integrityLevelOf(principal: Principal, elevated: boolean): Sid {
  if (principal.kind === 'builtin' && !isIusr(principal)) return WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid;
  return elevated ? WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid : WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid;
}

/** The domain account's primaryGroupID; a local account's is the SAM's "None" (RID 513, as Domain Users). */
function primaryGroupOf(lsa: Lsa, principal: Principal): Sid {
  if (principal.kind === 'domain') {
    const domainSid =
      lsa.directory === null ? undefined : findDomain(lsa.directory, principal.dnsDomain)?.sid;
    return domainSid === undefined ? principal.sid : sidWithRid(domainSid, principal.account.primaryGroupId);
  }
  if (principal.kind === 'local') return sidWithRid(lsa.machine.machineSid, DOMAIN_RIDS.DOMAIN_USERS.rid);
  return principal.sid;
}
