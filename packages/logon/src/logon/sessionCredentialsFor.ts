import type { PrincipalAccount } from '../directory/account.js';
import { USER_ACCOUNT_CONTROL } from '../directory/userAccountControl.js';
import type { LogonCredential } from './logonRequest.js';
import type { LogonTypeName } from './logonType.js';
import { type Lsa, lsaState } from './lsa.js';
import { netbiosDomainOf } from './netbiosDomainOf.js';
import type { Principal } from './principal.js';
import type { SessionCredentials, TicketGrantingTicket } from './sessionCredentials.js';

/**
 * @internal Step 7 of LsaLogonUser: what the new session keeps for authenticating onward. SYSTEM, NETWORK
 * SERVICE and virtual accounts use the computer account, LOCAL SERVICE anonymous credentials, IUSR and S4U
 * logons nothing; a network logon keeps nothing — unless the client forwarded its TGT; every other logon keeps
 * the secrets and, for a domain account authenticated by Kerberos, a TGT (from the `issueTgt` hook when given).
 * Protected Users keep neither password nor NT hash; Credential Guard isolates what is kept.
 * @see LogonUserW (LOGON32_LOGON_NETWORK "does not cache credentials"); "Service User Accounts"; "Protected Users
 * Security Group"; "Credential Guard considerations"; MS-KILE 3.3.5.7.5 (forwarded TGT)
 */
export function sessionCredentialsFor(
  lsa: Lsa,
  principal: Principal,
  logonType: LogonTypeName,
  cred: LogonCredential,
  protocol: 'Kerberos' | 'NTLM' | null,
  protectedUser: boolean,
): SessionCredentials {
  const { machine } = lsa;
  if (principal.kind === 'builtin') {
    return principal.which === 'LOCAL SERVICE'
      ? { kind: 'anonymous' }
      : principal.which === 'IUSR'
        ? { kind: 'none' }
        : computerCredentials(lsa);
  }
  if (principal.kind === 'virtual') return computerCredentials(lsa);
  if (cred.kind === 's4u') return { kind: 'none' };
  if (logonType === 'Network') {
    if (cred.kind === 'kerberos' && cred.delegatedTgt === true && principal.kind === 'domain') {
      return {
        kind: 'forwardedTgt',
        tgt: Object.freeze({
          ...defaultTgt(principal.account, protectedUser),
          forwardable: true,
          forwarded: true,
        }),
        isolated: false,
      };
    }
    return { kind: 'none' };
  }
  const tgt =
    principal.kind === 'domain' && protocol === 'Kerberos' && lsa.directory !== null
      ? (lsaState(lsa).options.issueTgt?.(principal.account, lsa.directory) ??
        defaultTgt(principal.account, protectedUser))
      : null;
  return {
    kind: 'secrets',
    account: principal.name,
    domain: principal.domain,
    sid: principal.sid,
    password: !protectedUser,
    ntHash: !protectedUser,
    tgt,
    valid: true,
    isolated: machine.credentialGuard,
  };
}

/**
 * @internal How SYSTEM, NETWORK SERVICE and virtual accounts authenticate on the network: as the computer
 * account (`CORP\WEB01$`), or anonymously on a machine that has none ("Service User Accounts").
 */
export function computerCredentials(lsa: Lsa): SessionCredentials {
  const { machine } = lsa;
  return machine.computerAccount === null
    ? { kind: 'anonymous' }
    : {
        kind: 'computerAccount',
        account: `${netbiosDomainOf(lsa) ?? machine.name}\\${machine.name}$`,
        sid: machine.computerAccount,
      };
}

/** The default AS exchange: forwardable unless NOT_DELEGATED or Protected Users (RFC 4120 2.6; MS-KILE). */
function defaultTgt(account: PrincipalAccount, protectedUser: boolean): TicketGrantingTicket {
  return Object.freeze({
    client: account.samAccountName,
    clientSid: account.sid,
    realm: account.domain.toUpperCase(),
    forwardable: !protectedUser && (account.userAccountControl & USER_ACCOUNT_CONTROL.NOT_DELEGATED) === 0,
    forwarded: false,
  });
}
