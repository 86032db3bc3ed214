import {
  type Account,
  accountBySid,
  type Directory,
  type Domain,
  findAccount,
  findDomain,
  type PrincipalAccount,
  USER_ACCOUNT_CONTROL,
} from '@doublehop/logon';
import type { Ticket, TicketClient, TicketServer } from './tickets.js';

/**
 * @internal The service classes a `HOST/` SPN stands for: the default sPNMappings value of
 * CN=Directory Service,CN=Windows NT,CN=Services,CN=Configuration, which lets `cifs/fs01` find the account
 * holding `HOST/fs01`.
 */
export const HOST_ALIASES: ReadonlySet<string> = new Set(
  (
    'alerter,appmgmt,cisvc,clipsrv,browser,dhcp,dnscache,replicator,eventlog,eventsystem,policyagent,oakley,' +
    'dmserver,dns,mcsvc,fax,msiserver,ias,messenger,netlogon,netman,netdde,netddedsm,nmagent,plugplay,' +
    'protectedstorage,rasman,rpclocator,rpc,rpcss,remoteaccess,rsvp,samss,scardsvr,scesrv,seclogon,scm,dcom,' +
    'cifs,spooler,snmp,schedule,tapisrv,trksvr,trkwks,ups,time,wins,www,http,w3svc,iisadmin,msdtc'
  ).split(','),
);

/** @internal The result of looking a server name up in the forest's global catalog. */
export type ServerLookup =
  | { readonly kind: 'found'; readonly account: PrincipalAccount; readonly domain: Domain }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'duplicate'; readonly accounts: readonly PrincipalAccount[] };

/** @internal The Kerberos realm of a domain: its DNS name in upper case. */
export function realmOf(dnsName: string): string {
  return dnsName.toUpperCase();
}

/** @internal The domain of a realm name. */
export function domainOfRealm(dir: Directory, realm: string): Domain | undefined {
  return findDomain(dir, realm.toLowerCase());
}

/** @internal Whether an account has the userAccountControl bit. */
export function hasUac(account: PrincipalAccount, flag: keyof typeof USER_ACCOUNT_CONTROL): boolean {
  return (account.userAccountControl & USER_ACCOUNT_CONTROL[flag]) !== 0;
}

/** @internal `name`, without an `@REALM` suffix. */
function withoutRealm(name: string): string {
  const at = name.lastIndexOf('@');
  return at > 0 && name.includes('/') ? name.slice(0, at) : name;
}

/**
 * @internal Finds the account a server name designates: an SPN (case-insensitive; when no account has it, through
 * the `HOST/` sPNMappings aliases — MS-DRSR 4.1.4.2.14 LookupSPN, 4.1.4.2.19 MapSPN),
 * or a sAMAccountName of an account that has at least one SPN (an account without one is no Kerberos service).
 */
export function lookupServer(dir: Directory, name: string): ServerLookup {
  // A pure function of the frozen directory and the name, asked several times per hop: answered once.
  let known = lookups.get(dir);
  if (known === undefined) {
    known = new Map();
    lookups.set(dir, known);
  }
  let found = known.get(name);
  if (found === undefined) {
    found = Object.freeze(findServer(dir, name));
    known.set(name, found);
  }
  return found;
}

const lookups = new WeakMap<Directory, Map<string, ServerLookup>>();

/**
 * @internal {@link lookupServer} without its memo, for a caller that asks once per name (the estate graph asks
 * for each of hundreds of thousands of SPNs once: remembering them costs more than it saves).
 */
export function findServer(dir: Directory, name: string): ServerLookup {
  const wanted = withoutRealm(name).toLowerCase();
  const slash = wanted.indexOf('/');
  let matches: PrincipalAccount[];
  if (slash < 0) {
    const found = findAccount(dir, wanted);
    matches =
      found !== undefined && found.kind !== 'group' && found.servicePrincipalNames.length > 0 ? [found] : [];
  } else {
    const index = spnIndex(dir);
    const serviceClass = wanted.slice(0, slash);
    const exact = index.get(wanted) ?? [];
    const viaHost = HOST_ALIASES.has(serviceClass) ? (index.get(`host${wanted.slice(slash)}`) ?? []) : [];
    // MS-DRSR 4.1.4.2.14 LookupSPN: the SPN itself first; the sPNMappings alias only when no account has it.
    matches = exact.length > 0 ? exact : viaHost;
  }
  if (matches.length === 0) return { kind: 'unknown' };
  if (matches.length > 1) return { kind: 'duplicate', accounts: Object.freeze(matches) };
  const account = matches[0] as PrincipalAccount;
  const domain = findDomain(dir, account.domain);
  return domain === undefined ? { kind: 'unknown' } : { kind: 'found', account, domain };
}

/** @internal Every SPN of the directory (lower case) → the accounts holding it, in directory order; built once. */
const spnIndexes = new WeakMap<Directory, Map<string, PrincipalAccount[]>>();
function spnIndex(dir: Directory): Map<string, PrincipalAccount[]> {
  let index = spnIndexes.get(dir);
  if (index === undefined) {
    index = new Map();
    for (const a of dir.accounts) {
      if (a.kind === 'group') continue;
      for (const s of new Set(a.servicePrincipalNames.map((x) => x.toLowerCase()))) {
        const list = index.get(s);
        if (list === undefined) index.set(s, [a]);
        else list.push(a);
      }
    }
    spnIndexes.set(dir, index);
  }
  return index;
}

/** @internal The account a ticket's client is (looked up by SID). */
export function clientAccount(dir: Directory, ticket: Ticket): PrincipalAccount | undefined {
  const a = accountBySid(dir, ticket.client.sid);
  return a === undefined || a.kind === 'group' ? undefined : a;
}

/** @internal The cname/crealm of a ticket for `account`. */
export function ticketClient(account: PrincipalAccount): TicketClient {
  return Object.freeze({ name: account.samAccountName, realm: realmOf(account.domain), sid: account.sid });
}

/** @internal The server of a ticket for `account` under the name `spn`, issued in the account's realm. */
export function ticketServer(account: PrincipalAccount, spn: string): TicketServer {
  return Object.freeze({
    spn,
    realm: realmOf(account.domain),
    account: account.samAccountName,
    sid: account.sid,
  });
}

/** @internal The krbtgt server of a TGT for `target`'s realm issued by `issuer`'s KDC (a referral when they differ). */
export function krbtgtServer(dir: Directory, issuer: Domain, target: Domain): TicketServer {
  const spn = `krbtgt/${realmOf(target.dnsName)}`;
  const realm = realmOf(issuer.dnsName);
  if (issuer !== target) return Object.freeze({ spn, realm, account: `${target.netbiosName}$`, sid: null });
  const krbtgt = findAccount(dir, `${issuer.dnsName}\\krbtgt`);
  if (krbtgt === undefined || krbtgt.kind === 'group') {
    throw new TypeError(`krbtgtServer: the directory has no krbtgt account in ${issuer.dnsName}`);
  }
  return Object.freeze({ spn, realm, account: krbtgt.samAccountName, sid: krbtgt.sid });
}

/** @internal A short display name of an account (or group): `CORP\alice`, as the estate graph names its nodes. */
export function displayName(dir: Directory, account: Account): string {
  // Every explanation names accounts many times over: each name is made once per (frozen) directory.
  let names = displayNames.get(dir);
  if (names === undefined) {
    names = new WeakMap();
    displayNames.set(dir, names);
  }
  let name = names.get(account);
  if (name === undefined) {
    name = `${findDomain(dir, account.domain)?.netbiosName ?? account.domain}\\${account.samAccountName}`;
    names.set(account, name);
  }
  return name;
}

const displayNames = new WeakMap<Directory, WeakMap<Account, string>>();
