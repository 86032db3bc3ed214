import {
  type Account,
  type Directory,
  findAccount,
  type PrincipalAccount,
  type UserRight,
} from '@doublehop/logon';
import { userRightCommands } from './userRightCommands.js';

/**
 * @internal The exact commands of each fix — the ActiveDirectory PowerShell module's Set-/Get- cmdlets,
 * Set-ADAccountControl, setspn, Enable-WSManCredSSP, dsacls, netdom trust and, for User Rights Assignment, the
 * Group Policy setting and secedit — for the accounts of a directory. `-Server` names the account's domain when the
 * estate has several.
 * @see Set-ADComputer, Set-ADUser, Set-ADServiceAccount, Set-ADAccountControl (ActiveDirectory module); setspn;
 * Enable-WSManCredSSP; dsacls; netdom trust; secedit
 */
export interface FixCommands {
  rbcd(back: PrincipalAccount, principals: readonly string[]): string;
  addAllowedToDelegateTo(front: PrincipalAccount, spn: string): string;
  accountControl(
    account: PrincipalAccount,
    flag: 'TrustedForDelegation' | 'TrustedToAuthForDelegation',
    value: boolean,
  ): string;
  setspn(op: '-S' | '-D', spn: string, account: PrincipalAccount): string;
  credSsp(role: 'Server' | 'Client', machine: string, delegateComputer?: string): string;
  userRight(machine: string, right: UserRight, op: 'grant' | 'revoke', holder: string, sid: string): string[];
  allowedToAuthenticate(account: PrincipalAccount, grantee: string): string;
  tgtDelegation(trusting: string, trusted: string): string;
}

const SET: Readonly<Record<PrincipalAccount['kind'], string>> = {
  user: 'Set-ADUser',
  computer: 'Set-ADComputer',
  gmsa: 'Set-ADServiceAccount',
};
const GET: Readonly<Record<Account['kind'], string>> = {
  user: 'Get-ADUser',
  computer: 'Get-ADComputer',
  gmsa: 'Get-ADServiceAccount',
  group: 'Get-ADGroup',
};

/** @internal A PowerShell argument: bare when it is a plain word, else single-quoted. */
export function psArgument(text: string): string {
  return /^[A-Za-z0-9._/:-]+$/.test(text) ? text : `'${text.replace(/'/g, "''")}'`;
}

/** @internal The commands for a directory's accounts. */
export function fixCommands(dir: Directory): FixCommands {
  const multiDomain = dir.domains.length > 1;
  const server = (a: Account): string => (multiDomain ? ` -Server ${a.domain}` : '');
  const netbios = (a: Account): string =>
    dir.domains.find((d) => d.dnsName === a.domain)?.netbiosName ?? a.domain;
  // The AD cmdlets take a computer's or gMSA's name without its `$`; Set-ADAccountControl its sAMAccountName.
  const name = (a: Account): string =>
    psArgument(
      a.kind === 'computer' || a.kind === 'gmsa' ? a.samAccountName.replace(/\$$/, '') : a.samAccountName,
    );
  const principal = (text: string, domain: string): string => {
    const a = findAccount(dir, text, domain);
    return a === undefined ? psArgument(text) : `(${GET[a.kind]} -Identity ${name(a)}${server(a)})`;
  };
  return {
    rbcd: (back, principals) =>
      `${SET[back.kind]} -Identity ${name(back)}${server(back)} -PrincipalsAllowedToDelegateToAccount ${principals
        .map((p) => principal(p, back.domain))
        .join(',')}`,
    addAllowedToDelegateTo: (front, spn) =>
      `${SET[front.kind]} -Identity ${name(front)}${server(front)} -Add @{'msDS-AllowedToDelegateTo'='${spn.replace(/'/g, "''")}'}`,
    accountControl: (account, flag, value) =>
      `Set-ADAccountControl -Identity ${psArgument(account.samAccountName)}${server(account)} -${flag} $${value}`,
    // setspn takes "the computer name or domain\name of the target computer or a user account", and "interprets
    // accountname as a computer name if such a computer exists" (without -C or -U): `CORP\WEB01`, not `WEB01$`;
    // its example: `setspn -S http/myserver.mydomain.com myDomain\myServer` ("setspn", Windows Commands,
    // https://learn.microsoft.com/windows-server/administration/windows-commands/setspn).
    setspn: (op, spn, account) =>
      `setspn ${op} ${spn} ${netbios(account)}\\${account.kind === 'computer' ? account.samAccountName.replace(/\$$/, '') : account.samAccountName}`,
    credSsp: (role, machine, delegateComputer) =>
      `Enable-WSManCredSSP -Role ${role}${delegateComputer === undefined ? '' : ` -DelegateComputer ${psArgument(delegateComputer)}`} -Force  # on ${machine}`,
    userRight: userRightCommands,
    // dsacls "ObjectDN" /G {User | Group}:Permissions[;{ObjectType | Property}]: CA is control access, the object
    // type the extended right's display name ("Dsacls Syntax"); the DN comes from the AD cmdlet, so the command
    // holds wherever the account lives. Quoted: `;` ends a PowerShell statement.
    allowedToAuthenticate: (account, grantee) =>
      `dsacls (${GET[account.kind]} -Identity ${name(account)}${server(account)}).DistinguishedName /G '${grantee.replace(/'/g, "''")}:CA;Allowed to Authenticate'`,
    // netdom trust <TrustingDomainName> /domain:<TrustedDomainName> /EnableTGTDelegation:Yes — set by the trusted
    // (the users') forest, whose KDC issues the referral ("netdom trust"; KB4490425; ADV190006's example
    // `netdom trust fabrikam.com /domain:contoso.com /EnableTGTDelegation:No`, run in the trusted contoso.com).
    tgtDelegation: (trusting, trusted) =>
      `netdom trust ${trusting} /domain:${trusted} /EnableTGTDelegation:Yes  # by an administrator of ${trusted}`,
  };
}
