import {
  hasEnabledPrivilege,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  type Token,
  type TokenType,
} from '@doublehop/core-token';
import type { LogonCredential } from './logonRequest.js';
import type { LogonTypeName } from './logonType.js';

/**
 * @internal Step 6a of LsaLogonUser: the token's type and impersonation level. A network logon yields an
 * impersonation token at the level the client allowed, capped at Impersonation — Delegation when the client
 * forwarded its TGT; S4U without SeTcbPrivilege enabled in the caller's token yields an Identification token;
 * every other logon a primary token.
 * @see LogonUserW (LOGON32_LOGON_NETWORK: "an impersonation token"), https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw;
 * LsaLogonUser, LsaHandle (SeTcbPrivilege is needed when a KERB_S4U_LOGON caller wants an impersonation token;
 * without it LSA returns an identification token), https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser;
 * KERB_S4U_LOGON, https://learn.microsoft.com/windows/win32/api/ntsecapi/ns-ntsecapi-kerb_s4u_logon
 */
export function logonTokenType(
  logonType: LogonTypeName,
  cred: LogonCredential,
  callerToken: Token,
): { readonly type: TokenType; readonly level: ImpersonationLevel | null } {
  if (cred.kind === 's4u' && !hasEnabledPrivilege(callerToken, 'SeTcbPrivilege')) {
    return { type: 'impersonation', level: 'Identification' };
  }
  if (logonType !== 'Network') return { type: 'primary', level: null };
  const cap: ImpersonationLevel =
    cred.kind === 'kerberos' && cred.delegatedTgt === true ? 'Delegation' : 'Impersonation';
  const asked: ImpersonationLevel =
    cred.kind === 'kerberos' || cred.kind === 'ntlm' ? (cred.impersonationLevel ?? cap) : 'Impersonation';
  const level = IMPERSONATION_LEVELS.indexOf(asked) < IMPERSONATION_LEVELS.indexOf(cap) ? asked : cap;
  return { type: 'impersonation', level };
}
