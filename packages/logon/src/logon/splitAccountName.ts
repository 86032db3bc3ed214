/**
 * @internal Splits the account name of a request into the domain and user that event 4625 (and NEW_CREDENTIALS'
 * outbound identity) report when no account was resolved: `DOMAIN\name`, `.\name` (this machine),
 * `name@domain`, or a bare name (domain `-`). Source: "4625(F)" Account For Which Logon Failed.
 */
export function splitAccountName(account: string, machineName: string): [domain: string, user: string] {
  const slash = account.indexOf('\\');
  if (slash >= 0)
    return [
      account.slice(0, slash) === '.' ? machineName : account.slice(0, slash),
      account.slice(slash + 1),
    ];
  const at = account.lastIndexOf('@');
  if (at > 0) return [account.slice(at + 1), account.slice(0, at)];
  return ['-', account];
}
