// A synthetic Active Directory of any size, built deterministically from its user count, in two views of the same
// objects: the SharpHound v6 collection a collector would write (users, computers, groups and domains files, compact
// JSON as SharpHound writes it by default) and the model file `doublehop import` is to produce from it (domains,
// accounts with the AD attribute names, groups and memberships, a machine per computer account) with a layer of
// services over the servers, the part an architect writes by hand. The scale benchmark reads both; import tests can
// use the collection with its expected model.
//
// The shape, per 100 000 users: 50 000 computers (one in five a server, the rest workstations; one domain controller
// per 20 000 computers, at least two); a service account per web and SQL server; 400 department groups nested in 40
// divisions, 200 project groups; 100 Domain Admins (half marked sensitive, a quarter in Protected Users); one user in
// 40 disabled, one in 97 sensitive. Servers come in fours — web → SQL → file, and an application server — and so do
// their delegation settings: KCD from every web front end to its SQL Server (one in four with protocol transition and
// forms authentication), KCD or RBCD from SQL Server to the file server (one pair in ten left without), unconstrained
// delegation on one application server in fifty, write access to the delegation attributes for a helpdesk group on one
// server in twenty and for a user on one in a hundred.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const DNS = 'CORP.EXAMPLE';
const dns = DNS.toLowerCase();
const NETBIOS = 'CORP';
const DOMAIN_SID = 'S-1-5-21-2697957641-2271029196-387917394';
const WHEN = 1_700_000_000;

const pad = (n, width = 6) => String(n).padStart(width, '0');
const sidOf = (rid) => `${DOMAIN_SID}-${rid}`;
const typed = (sid, type) => ({ ObjectIdentifier: sid, ObjectType: type });

/** The plan: counts, names and RIDs of every object, and which settings each has; small at any size. */
export function directoryPlan(users) {
  if (!Number.isInteger(users) || users < 100) throw new TypeError('directoryPlan: at least 100 users');
  const computers = Math.floor(users / 2);
  const dcs = Math.max(2, Math.ceil(computers / 20_000));
  const departments = Math.max(4, Math.floor(users / 250));
  const divisions = Math.max(1, Math.floor(departments / 10));
  const projects = Math.max(2, Math.floor(users / 500));
  return { users, computers, dcs, departments, divisions, projects };
}

// RIDs: users from 10 000, computers from 400 000, service accounts from 700 000, groups from 900 000.
const userRid = (u) => 10_000 + u;
const computerRid = (c) => 400_000 + c;
const serviceAccountRid = (c) => 700_000 + c;
const groupRid = (g) => 900_000 + g;
const HELPDESK = 0; // groups[0]: the helpdesk group; then divisions, departments, projects.

const userName = (u) => `user${pad(u)}`;
const computerName = (plan, c) =>
  c < plan.dcs ? `DC${pad(c, 2)}` : c % 5 === 0 ? `SRV${pad(c)}` : `WS${pad(c)}`;
const fqdn = (plan, c) => `${computerName(plan, c).toLowerCase()}.${dns}`;
/** A server's tier: 0 web front end, 1 SQL Server, 2 file server, 3 application server; null for others. */
const tierOf = (plan, c) => (c >= plan.dcs && c % 5 === 0 ? (c / 5) % 4 : null);
/** The server of `tier` in the same group of four servers as server `c`. */
const sibling = (c, tier) => c - ((c / 5) % 4) * 5 + tier * 5;
const serviceAccountName = (plan, c) => `svc-${tierOf(plan, c) === 0 ? 'web' : 'sql'}-${pad(c)}`;
const hasServiceAccount = (plan, c) => {
  const t = tierOf(plan, c);
  return t === 0 || t === 1;
};
const sqlSpn = (plan, c) => `MSSQLSvc/${fqdn(plan, c)}:1433`;

/** Every group: the helpdesk, divisions, departments, projects (names, RIDs, the groups each is in). */
function groups(plan) {
  const out = [{ name: 'Helpdesk', rid: groupRid(HELPDESK), memberOf: [] }];
  for (let d = 0; d < plan.divisions; d++)
    out.push({ name: `div-${pad(d, 3)}`, rid: groupRid(1 + d), memberOf: [] });
  for (let d = 0; d < plan.departments; d++) {
    out.push({
      name: `dept-${pad(d, 4)}`,
      rid: groupRid(1 + plan.divisions + d),
      memberOf: [1 + (d % plan.divisions)],
    });
  }
  for (let p = 0; p < plan.projects; p++) {
    out.push({
      name: `proj-${pad(p, 4)}`,
      rid: groupRid(1 + plan.divisions + plan.departments + p),
      memberOf: [],
    });
  }
  return out;
}

/** A user's settings. */
function user(plan, u) {
  const admin = u % 1000 === 5;
  return {
    name: userName(u),
    rid: userRid(u),
    enabled: u % 40 !== 39,
    sensitive: u % 97 === 13 || (admin && u % 2000 === 5),
    protectedUser: admin && u % 4000 === 5,
    domainAdmin: admin,
    unconstrained: u % 20_000 === 77,
    groups: [
      1 + plan.divisions + (u % plan.departments),
      ...(u % 3 === 0 ? [1 + plan.divisions + plan.departments + (u % plan.projects)] : []),
      ...(u % 500 === 1 ? [HELPDESK] : []),
    ],
  };
}

/** A computer's settings (and, for a web or SQL server, its service account's). */
function computer(plan, c) {
  const tier = tierOf(plan, c);
  const name = computerName(plan, c);
  const dc = c < plan.dcs;
  const host = fqdn(plan, c);
  const spns = [`HOST/${name}`, `HOST/${host}`, `RestrictedKrbHost/${name}`, `RestrictedKrbHost/${host}`];
  if (dc) spns.push(`ldap/${host}`, `ldap/${host}/${dns}`, `GC/${host}/${dns}`, `DNS/${host}`);
  else if (tier !== null) spns.push(`TERMSRV/${name}`, `TERMSRV/${host}`, `WSMAN/${name}`, `WSMAN/${host}`);
  const group = Math.floor(c / 20);
  // The SQL → file hop: KCD (most), RBCD on the file server (one in three), nothing (one in ten).
  const sqlToFile = (sql) => ((sql / 5) % 10 === 9 ? 'none' : (sql / 5) % 3 === 0 ? 'rbcd' : 'kcd');
  const rbcdFrom =
    tier === 2 && sibling(c, 1) >= plan.dcs && sqlToFile(sibling(c, 1)) === 'rbcd' ? sibling(c, 1) : null;
  return {
    index: c,
    name,
    sam: `${name}$`,
    rid: computerRid(c),
    host,
    dc,
    tier,
    workstation: !dc && tier === null,
    spns,
    unconstrained: dc || (tier === 3 && group % 50 === 7),
    rbcdFrom,
    writers: [
      ...(tier !== null && group % 20 === 3
        ? [{ sid: sidOf(groupRid(HELPDESK)), type: 'Group', right: 'WriteAccountRestrictions' }]
        : []),
      ...(tier !== null && group % 100 === 11
        ? [{ sid: sidOf(userRid((c * 7) % plan.users)), type: 'User', right: 'GenericWrite' }]
        : []),
    ],
    serviceAccount:
      hasServiceAccount(plan, c) && c + 5 * (2 - tier) < plan.computers
        ? {
            name: serviceAccountName(plan, c),
            rid: serviceAccountRid(c),
            spn: tier === 0 ? `HTTP/${host}` : sqlSpn(plan, c),
            protocolTransition: tier === 0 && group % 4 === 1,
            delegatesTo:
              tier === 0
                ? [sqlSpn(plan, sibling(c, 1))]
                : sqlToFile(c) === 'kcd'
                  ? [`cifs/${fqdn(plan, sibling(c, 2))}`]
                  : [],
          }
        : null,
  };
}

/** The ACEs every object carries: its owner, Domain Admins, Enterprise Admins, Administrators, Account Operators. */
function standardAces(kind) {
  const aces = [
    { PrincipalSID: sidOf(512), PrincipalType: 'Group', RightName: 'Owns', IsInherited: false },
    { PrincipalSID: sidOf(512), PrincipalType: 'Group', RightName: 'GenericAll', IsInherited: false },
    { PrincipalSID: sidOf(519), PrincipalType: 'Group', RightName: 'GenericAll', IsInherited: true },
    {
      PrincipalSID: `${DNS}-S-1-5-32-544`,
      PrincipalType: 'Group',
      RightName: 'WriteDacl',
      IsInherited: true,
    },
    {
      PrincipalSID: `${DNS}-S-1-5-32-544`,
      PrincipalType: 'Group',
      RightName: 'WriteOwner',
      IsInherited: true,
    },
    {
      PrincipalSID: `${DNS}-S-1-5-32-544`,
      PrincipalType: 'Group',
      RightName: 'GenericWrite',
      IsInherited: true,
    },
  ];
  if (kind !== 'Group')
    aces.push({
      PrincipalSID: `${DNS}-S-1-5-32-548`,
      PrincipalType: 'Group',
      RightName: 'GenericAll',
      IsInherited: false,
    });
  return aces;
}

const dn = (cn, container) => `CN=${cn.toUpperCase()},${container},DC=CORP,DC=EXAMPLE`;

function userObject(u) {
  const spn = u.spn === undefined ? [] : [u.spn];
  return {
    Properties: {
      domain: DNS,
      name: `${u.name.toUpperCase()}@${DNS}`,
      distinguishedname: dn(u.name, u.container ?? 'OU=PEOPLE'),
      domainsid: DOMAIN_SID,
      samaccountname: u.name,
      isaclprotected: u.domainAdmin === true,
      description: null,
      whencreated: WHEN,
      sensitive: u.sensitive === true,
      dontreqpreauth: false,
      passwordnotreqd: false,
      unconstraineddelegation: u.unconstrained === true,
      pwdneverexpires: spn.length > 0,
      enabled: u.enabled !== false,
      trustedtoauth: u.protocolTransition === true,
      lastlogon: WHEN + 86_400,
      lastlogontimestamp: WHEN + 86_400,
      pwdlastset: WHEN,
      serviceprincipalnames: spn,
      hasspn: spn.length > 0,
      displayname: u.name,
      email: null,
      title: null,
      homedirectory: null,
      userpassword: null,
      unixpassword: null,
      unicodepassword: null,
      sfupassword: null,
      logonscript: null,
      admincount: u.domainAdmin === true,
      sidhistory: [],
      // SharpHound writes the SPNs of msDS-AllowedToDelegateTo only with protocol transition (SharpHoundCommon
      // LdapPropertyProcessor, before SpecterOps/SharpHoundCommon#304); this collector is a newer one, without the gate.
      ...(u.delegatesTo?.length ? { allowedtodelegate: u.delegatesTo } : {}),
    },
    AllowedToDelegate: (u.delegatesToComputers ?? []).map((sid) => typed(sid, 'Computer')),
    PrimaryGroupSID: sidOf(513),
    HasSIDHistory: [],
    SPNTargets: [],
    UnconstrainedDelegation: u.unconstrained === true,
    DomainSID: DOMAIN_SID,
    Aces: standardAces('User'),
    ObjectIdentifier: sidOf(u.rid),
    IsDeleted: false,
    IsACLProtected: u.domainAdmin === true,
    ContainedBy: null,
  };
}

function computerObject(m) {
  const sessions = { Results: [], Collected: false, FailureReason: null };
  return {
    Properties: {
      domain: DNS,
      name: `${m.name}.${DNS}`,
      distinguishedname: dn(
        m.name,
        m.dc ? 'OU=DOMAIN CONTROLLERS' : m.workstation ? 'OU=WORKSTATIONS' : 'OU=SERVERS',
      ),
      domainsid: DOMAIN_SID,
      samaccountname: m.sam,
      haslaps: !m.dc,
      isaclprotected: false,
      description: null,
      whencreated: WHEN,
      enabled: true,
      unconstraineddelegation: m.unconstrained,
      trustedtoauth: false,
      isdc: m.dc,
      lastlogon: WHEN + 3_600,
      lastlogontimestamp: WHEN + 3_600,
      pwdlastset: WHEN,
      serviceprincipalnames: m.spns,
      email: null,
      operatingsystem: m.workstation ? 'Windows 11 Enterprise' : 'Windows Server 2022 Standard',
      sidhistory: [],
    },
    PrimaryGroupSID: sidOf(m.dc ? 516 : 515),
    AllowedToDelegate: [],
    AllowedToAct: m.rbcdFrom === null ? [] : [typed(sidOf(serviceAccountRid(m.rbcdFrom)), 'User')],
    HasSIDHistory: [],
    DumpSMSAPassword: [],
    Sessions: sessions,
    PrivilegedSessions: sessions,
    RegistrySessions: sessions,
    LocalGroups: [],
    UserRights: [],
    Status: null,
    IsDC: m.dc,
    UnconstrainedDelegation: m.unconstrained,
    DomainSID: DOMAIN_SID,
    Aces: [
      ...standardAces('Computer'),
      ...m.writers.map((w) => ({
        PrincipalSID: w.sid,
        PrincipalType: w.type,
        RightName: w.right,
        IsInherited: false,
      })),
    ],
    ObjectIdentifier: sidOf(m.rid),
    IsDeleted: false,
    IsACLProtected: false,
    ContainedBy: null,
  };
}

function groupObject(g, members) {
  return {
    Properties: {
      domain: DNS,
      name: `${g.name.toUpperCase()}@${DNS}`,
      distinguishedname: dn(g.name, 'OU=GROUPS'),
      domainsid: DOMAIN_SID,
      samaccountname: g.name,
      isaclprotected: false,
      description: null,
      whencreated: WHEN,
      admincount: g.admin === true,
    },
    Members: members,
    Aces: standardAces('Group'),
    ObjectIdentifier: g.sid ?? sidOf(g.rid),
    IsDeleted: false,
    IsACLProtected: false,
    ContainedBy: null,
  };
}

/** Calls `emit(kind, object)` for every object of the collection, kind by kind, in SID order within a kind. */
function eachObject(plan, emit) {
  const allGroups = groups(plan);
  const members = allGroups.map(() => []);
  const domainAdmins = [];
  const protectedUsers = [];
  for (let u = 0; u < plan.users; u++) {
    const x = user(plan, u);
    emit('users', userObject(x));
    for (const g of x.groups) members[g].push(typed(sidOf(x.rid), 'User'));
    if (x.domainAdmin) domainAdmins.push(typed(sidOf(x.rid), 'User'));
    if (x.protectedUser) protectedUsers.push(typed(sidOf(x.rid), 'User'));
  }
  for (let c = 0; c < plan.computers; c++) {
    const m = computer(plan, c);
    const s = m.serviceAccount;
    if (s === null) continue;
    emit(
      'users',
      userObject({
        name: s.name,
        rid: s.rid,
        container: 'OU=SERVICE ACCOUNTS',
        spn: s.spn,
        protocolTransition: s.protocolTransition,
        delegatesTo: s.delegatesTo,
        delegatesToComputers: s.delegatesTo.map(() => sidOf(computerRid(sibling(c, m.tier + 1)))),
      }),
    );
  }
  for (let c = 0; c < plan.computers; c++) emit('computers', computerObject(computer(plan, c)));
  for (const g of allGroups) {
    for (const parent of g.memberOf) members[parent].push(typed(sidOf(g.rid), 'Group'));
  }
  for (const [i, g] of allGroups.entries()) emit('groups', groupObject(g, members[i]));
  emit('groups', groupObject({ name: 'Domain Admins', sid: sidOf(512), admin: true }, domainAdmins));
  emit('groups', groupObject({ name: 'Protected Users', sid: sidOf(525), admin: false }, protectedUsers));
  emit('domains', {
    Properties: {
      domain: DNS,
      name: DNS,
      distinguishedname: 'DC=CORP,DC=EXAMPLE',
      domainsid: DOMAIN_SID,
      collected: true,
      whencreated: WHEN,
      functionallevel: '2016',
    },
    Trusts: [],
    Links: [],
    ChildObjects: [],
    Aces: standardAces('Domain'),
    ObjectIdentifier: DOMAIN_SID,
    IsDeleted: false,
    IsACLProtected: false,
    ContainedBy: null,
  });
}

const KINDS = ['users', 'computers', 'groups', 'domains'];
const META = (type, count) => ({ methods: 46067, type, count, version: 6, collectorversion: '2.5.7' });

/**
 * The collection as objects, `{ users, computers, groups, domains }`, each `{ data, meta }` as SharpHound writes
 * it — for tests at small sizes.
 */
export function sharpHoundCollection(users) {
  const plan = directoryPlan(users);
  const data = Object.fromEntries(KINDS.map((k) => [k, []]));
  eachObject(plan, (kind, object) => data[kind].push(object));
  return Object.fromEntries(KINDS.map((k) => [k, { data: data[k], meta: META(k, data[k].length) }]));
}

/**
 * Writes the collection to `directory` as `YYYYMMDDhhmmss_<kind>.json` files, one object at a time (a 100 000-user
 * collection never exists in memory whole); returns the file paths and their total size in bytes.
 */
export function writeSharpHoundCollection(directory, users) {
  const plan = directoryPlan(users);
  mkdirSync(directory, { recursive: true });
  const files = {};
  const counts = {};
  for (const k of KINDS) {
    const path = join(directory, `20261207120000_${k}.json`);
    files[k] = { path, fd: openSync(path, 'w'), buffer: '', first: true, bytes: 0 };
    counts[k] = 0;
    writeSync(files[k].fd, '{"data":[');
  }
  const flush = (f) => {
    writeSync(f.fd, f.buffer);
    f.bytes += Buffer.byteLength(f.buffer);
    f.buffer = '';
  };
  eachObject(plan, (kind, object) => {
    const f = files[kind];
    f.buffer += (f.first ? '' : ',') + JSON.stringify(object);
    f.first = false;
    counts[kind]++;
    if (f.buffer.length > 1 << 20) flush(f);
  });
  let bytes = 0;
  for (const k of KINDS) {
    const f = files[k];
    f.buffer += `],"meta":${JSON.stringify(META(k, counts[k]))}}`;
    flush(f);
    closeSync(f.fd);
    bytes += f.bytes + 9;
  }
  return { files: KINDS.map((k) => files[k].path), bytes };
}

/**
 * The model file of the same directory (a plain object; write it with JSON.stringify or as YAML): domains, every
 * account with the attributes the model reads, a machine per computer account, and a service per server — web front
 * ends calling their SQL Server calling their file server, and application servers — running as the service
 * accounts or as LocalSystem. Keys are sorted, as `doublehop import` writes them.
 */
export function directoryModel(users) {
  const plan = directoryPlan(users);
  const allGroups = groups(plan);
  const accounts = {};
  const machines = {};
  const services = {};
  for (let u = 0; u < plan.users; u++) {
    const x = user(plan, u);
    accounts[x.name] = {
      rid: x.rid,
      ...(x.enabled ? {} : { enabled: false }),
      ...(x.sensitive ? { accountNotDelegated: true } : {}),
      ...(x.unconstrained ? { trustedForDelegation: true } : {}),
      memberOf: [
        ...x.groups.map((g) => allGroups[g].name),
        ...(x.domainAdmin ? ['Domain Admins'] : []),
        ...(x.protectedUser ? ['Protected Users'] : []),
      ].sort(),
    };
  }
  for (const g of allGroups) {
    accounts[g.name] = {
      kind: 'group',
      rid: g.rid,
      ...(g.memberOf.length > 0 ? { memberOf: g.memberOf.map((p) => allGroups[p].name) } : {}),
    };
  }
  for (let c = 0; c < plan.computers; c++) {
    const m = computer(plan, c);
    accounts[m.sam] = {
      kind: 'computer',
      rid: m.rid,
      servicePrincipalNames: m.spns,
      ...(m.unconstrained ? { trustedForDelegation: true } : {}),
      ...(m.dc ? { primaryGroupId: 516 } : {}),
      ...(m.rbcdFrom === null
        ? {}
        : { principalsAllowedToDelegateToAccount: [serviceAccountName(plan, m.rbcdFrom)] }),
    };
    machines[m.name] = { role: m.dc ? 'domainController' : m.workstation ? 'workstation' : 'server' };
    const s = m.serviceAccount;
    if (s !== null) {
      accounts[s.name] = {
        rid: s.rid,
        servicePrincipalNames: [s.spn],
        ...(s.protocolTransition ? { trustedToAuthForDelegation: true } : {}),
        ...(s.delegatesTo.length > 0 ? { allowedToDelegateTo: s.delegatesTo } : {}),
      };
    }
    if (m.tier === null) continue;
    const next = m.tier < 2 ? sibling(c, m.tier + 1) : null;
    const name = (tier, at) => `${['web', 'sql', 'files', 'app'][tier]}-${pad(at)}`;
    if (m.tier < 2 && s === null) continue;
    services[name(m.tier, c)] = {
      machine: m.name,
      runsAs: s === null ? (m.tier === 2 ? 'LocalSystem' : 'NetworkService') : `${NETBIOS}\\${s.name}`,
      endpoint:
        m.tier === 1
          ? { serviceClass: 'MSSQLSvc', host: m.host, port: 1433 }
          : { serviceClass: m.tier === 2 ? 'cifs' : 'HTTP', host: m.host },
      authentication: s?.protocolTransition ? ['forms'] : ['negotiate'],
      ...(next === null ? {} : { calls: [{ service: name(m.tier + 1, next) }] }),
    };
  }
  return {
    domains: { [dns]: { netbiosName: NETBIOS, sid: DOMAIN_SID } },
    accounts: sortKeys(accounts),
    machines: sortKeys(machines),
    services: sortKeys(services),
  };
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
