import { type Account, type Directory, findAccount, type PrincipalAccount } from '@doublehop/logon';

/**
 * @internal The exact commands of each fix — the ActiveDirectory PowerShell module's Set-/Get- cmdlets,
 * Set-ADAccountControl, setspn and Enable-WSManCredSSP — for the accounts of a directory. `-Server` names the
 * account's domain when the estate has several.
 * @see Set-ADComputer, Set-ADUser, Set-ADServiceAccount, Set-ADAccountControl (ActiveDirectory module); setspn;
 * Enable-WSManCredSSP
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
    setspn: (op, spn, account) =>
      `setspn ${op} ${spn} ${netbios(account)}\\${account.kind === 'computer' ? account.samAccountName.replace(/\$$/, '') : account.samAccountName}`,
    credSsp: (role, machine, delegateComputer) =>
      `Enable-WSManCredSSP -Role ${role}${delegateComputer === undefined ? '' : ` -DelegateComputer ${psArgument(delegateComputer)}`} -Force  # on ${machine}`,
  };
}
