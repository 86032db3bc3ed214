import { formatSddl, sid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { builtinLocalGroupNames, DELEGATION_ATTRIBUTES, rbcdDescriptor } from '@doublehop/logon';
import { SPN_PATTERN } from '../directory/directorySchema.js';
import { NAME_PATTERN } from '../model/modelSchema.js';
import {
  type DirectoryFacts,
  type DomainFacts,
  domainOfSid,
  isSid,
  type ObjectFacts,
  ridOf,
  type TrustFacts,
} from './directoryFacts.js';
import type { ImportWarning } from './importProblems.js';

/** @internal A model document as `doublehop import` writes it: plain data in the key order it is written. */
export interface ImportedDocument {
  readonly domains: Record<string, Record<string, unknown>>;
  readonly trusts: Record<string, unknown>[];
  readonly accounts: Record<string, Record<string, unknown>>;
  readonly machines: Record<string, Record<string, unknown>>;
}

/** @internal How many of each thing the model holds. */
export interface ImportCounts {
  readonly domains: number;
  readonly trusts: number;
  readonly users: number;
  readonly computers: number;
  readonly gmsas: number;
  readonly groups: number;
}

// The well-known domain groups (MS-DTYP 2.4.2.4): Domain Admins … Protected Users, Key Admins, RAS and IAS
// Servers, the RODC password replication groups.
const WELL_KNOWN_GROUP_RIDS: ReadonlySet<number> = new Set([
  512, 513, 514, 515, 516, 517, 518, 519, 520, 521, 522, 525, 526, 527, 553, 571, 572,
]);
// The BUILTIN groups' names by SID (`Administrators`, `Account Operators` …).
const WELL_KNOWN_NAMES = new Map(
  Object.values(WELL_KNOWN_SIDS)
    .filter((w) => w.sid.text.startsWith('S-1-5-32-'))
    .map((w) => [w.sid.text, w.name.replace(/^BUILTIN\\/, '')]),
);

/**
 * Principals that control the domain already (MS-ADTS 6.1.1.2.x protected groups, "Appendix B: Privileged
 * Accounts and Groups in Active Directory"): an ACE granting one of them a write right adds no one who could not
 * act as anyone anyway, and every object carries several, so the model leaves them out.
 */
const PRIVILEGED_RIDS = new Set([500, 512, 516, 518, 519, 526, 527]);
const PRIVILEGED_WELL_KNOWN = new Set([
  'S-1-5-18', // SYSTEM
  'S-1-5-9', // Enterprise Domain Controllers
  'S-1-5-32-544', // Administrators
  'S-1-5-32-548', // Account Operators
  'S-1-5-32-549', // Server Operators
  'S-1-5-32-550', // Print Operators
  'S-1-5-32-551', // Backup Operators
]);

/** @internal Whether a SID is one of the privileged principals whose write ACEs the import leaves out. */
export function isPrivilegedPrincipal(sid: string): boolean {
  const rid = ridOf(sid);
  return rid !== undefined ? PRIVILEGED_RIDS.has(rid) : PRIVILEGED_WELL_KNOWN.has(sid);
}

// Object-specific write rights, by the schemaIDGUID of what they write (MS-ADA2 2.218 and 2.252; MS-ADTS 5.1.3.2.1
// property sets): msDS-AllowedToActOnBehalfOfOtherIdentity, the User-Account-Restrictions property set (which
// holds userAccountControl and the RBCD attribute), servicePrincipalName.
const RIGHT_ACE: Readonly<Record<string, (sid: string, flags: string) => string>> = {
  AddAllowedToAct: (sid, f) =>
    `(OA;${f};WP;${DELEGATION_ATTRIBUTES.allowedToActOnBehalfOfOtherIdentity};;${sid})`,
  WriteAccountRestrictions: (sid, f) =>
    `(OA;${f};WP;${DELEGATION_ATTRIBUTES.userAccountRestrictions};;${sid})`,
  WriteSPN: (sid, f) => `(OA;${f};WP;${DELEGATION_ATTRIBUTES.servicePrincipalName};;${sid})`,
  GenericWrite: (sid, f) => `(A;${f};GW;;;${sid})`,
  GenericAll: (sid, f) => `(A;${f};GA;;;${sid})`,
  WriteDacl: (sid, f) => `(A;${f};WD;;;${sid})`,
  WriteOwner: (sid, f) => `(A;${f};WO;;;${sid})`,
};

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byText = (a: string, b: string): number => compare(a.toLowerCase(), b.toLowerCase()) || compare(a, b);

/**
 * @internal The model document of a directory's facts: the domains (by DNS name, with SID and functional level),
 * the trusts the model can express, every user, computer, gMSA and group with the attributes delegation depends
 * on, and a machine per computer account. Sorted throughout, so the same facts give the same bytes. Every
 * reference to an object the facts lack becomes its SID (the model accepts foreign SIDs there) and a warning.
 */
export function modelFromFacts(
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): { readonly document: ImportedDocument; readonly counts: ImportCounts } {
  // Domains: those the objects and trusts name; a trust end without a SID is still declared by its name.
  // One domain per name: the collected one (then the lowest SID) when damaged data gives a name two SIDs.
  const domainsByName = new Map<string, DomainFacts>();
  for (const d of [...facts.domains.values()].sort((a, b) => compare(a.sid, b.sid))) {
    const known = domainsByName.get(d.dnsName);
    if (known === undefined || (d.collected && !known.collected)) domainsByName.set(d.dnsName, d);
  }
  for (const t of facts.trusts) {
    for (const name of [t.trusting, t.trusted]) {
      if (!domainsByName.has(name)) {
        domainsByName.set(name, {
          sid: '',
          dnsName: name,
          functionalLevel: undefined,
          machineAccountQuota: undefined,
          collected: false,
        });
      }
    }
  }
  const domainNames = [...domainsByName.keys()].sort(compare);
  // NetBIOS names: the model's default (the first DNS label) unless two domains would share it. SharpHound does
  // not collect NetBIOS names, so a second domain with the same label gets a made-up one, and a warning.
  const defaultNetbios = (dns: string) => (dns.split('.')[0] ?? dns).toUpperCase().slice(0, 15);
  const netbiosOf = new Map<string, string>();
  const netbiosTaken = new Set<string>();
  for (const name of domainNames) {
    let nb = domainsByName.get(name)?.netbiosName?.toUpperCase() ?? defaultNetbios(name);
    for (let n = 2; netbiosTaken.has(nb); n++)
      nb = `${defaultNetbios(name).slice(0, 15 - String(n).length)}${n}`;
    if (nb !== defaultNetbios(name) && domainsByName.get(name)?.netbiosName === undefined) {
      warn({
        code: 'duplicate-name',
        file: '',
        path: '',
        message: `${name} would have the NetBIOS name ${defaultNetbios(name)} of another domain, and the collection does not say its own: it is written as ${nb} (set netbiosName to the real one)`,
      });
    }
    netbiosTaken.add(nb);
    netbiosOf.set(name, nb);
  }
  const single = domainNames.length <= 1;
  const prefixOf = (dns: string) => netbiosOf.get(dns) ?? dns;
  const dnsBySid = new Map(
    [...domainsByName.values()].filter((d) => d.sid !== '').map((d) => [d.sid, d.dnsName]),
  );

  const domains: Record<string, Record<string, unknown>> = {};
  for (const name of domainNames) {
    const d = domainsByName.get(name) as DomainFacts;
    const nb = netbiosOf.get(name) as string;
    domains[name] = {
      ...(nb !== (name.split('.')[0] ?? name).toUpperCase() ? { netbiosName: nb } : {}),
      ...(d.sid === '' ? {} : { sid: d.sid }),
      // Values outside what the attributes can hold (msDS-Behavior-Version 0-10, a 32-bit quota) are left out.
      ...(d.functionalLevel === undefined || d.functionalLevel > 10
        ? {}
        : { functionalLevel: d.functionalLevel }),
      ...(d.machineAccountQuota === undefined || d.machineAccountQuota > 0x7fff_ffff
        ? {}
        : { machineAccountQuota: d.machineAccountQuota }),
    };
  }

  // Objects: left out when their domain is unknown, or when a name repeats (it cannot in one domain).
  const objects = [...facts.objects.values()]
    .filter((o) => {
      if (dnsBySid.has(o.domainSid)) return true;
      warn({
        code: 'unknown-domain',
        file: o.file,
        path: o.path,
        message: `${o.samAccountName} (${o.sid}) belongs to a domain the collection neither holds nor names; it is left out`,
      });
      return false;
    })
    // Sort keys made once per object, not once per comparison.
    .map((o) => ({ o, dns: dnsBySid.get(o.domainSid) ?? '', lower: o.samAccountName.toLowerCase() }))
    .sort(
      (a, b) =>
        compare(a.dns, b.dns) || compare(a.lower, b.lower) || compare(a.o.samAccountName, b.o.samAccountName),
    )
    .map((x) => x.o);
  const keyOf = new Map<string, string>();
  const taken = new Set<string>();
  const kept: ObjectFacts[] = [];
  for (const o of objects) {
    const dns = dnsBySid.get(o.domainSid) as string;
    const rid = ridOf(o.sid) ?? 0;
    const wellKnown = WELL_KNOWN_GROUP_RIDS.has(rid)
      ? 'group'
      : rid >= 500 && rid <= 502
        ? 'user'
        : undefined;
    if (wellKnown !== undefined && o.kind !== wellKnown) {
      warn({
        code: 'dropped-value',
        file: o.file,
        path: o.path,
        message: `${o.samAccountName} has the RID ${rid}, which is a built-in ${wellKnown}'s (MS-DTYP 2.4.2.4), but is a ${o.kind}; it is left out`,
      });
      continue;
    }
    if (!isSamAccountName(o.samAccountName)) {
      warn({
        code: 'dropped-value',
        file: o.file,
        path: o.path,
        message: `${JSON.stringify(o.samAccountName)} (${o.sid}) is not a sAMAccountName (MS-ADTS 3.1.1.5.2.2: none of " / \\ [ ] : ; | = , + * ? < > or control characters, no leading or trailing space); it is left out`,
      });
      continue;
    }
    const key = single ? o.samAccountName : `${prefixOf(dns)}\\${o.samAccountName}`;
    const lower = `${dns}\\${o.samAccountName.toLowerCase()}`;
    if (taken.has(lower)) {
      warn({
        code: 'duplicate-name',
        file: o.file,
        path: o.path,
        message: `${o.samAccountName} (${o.sid}) has the name of another account of ${dns}; it is left out`,
      });
      continue;
    }
    taken.add(lower);
    keyOf.set(o.sid, key);
    kept.push(o);
  }
  const unresolved = new Set<string>();
  const ref = (sid: string, o: ObjectFacts, path: string): string | undefined => {
    const key = keyOf.get(sid);
    // A name with `@` reads as a UPN in a reference (`name@domain`): such an account is referred to by its SID.
    if (key !== undefined) return key.includes('@') ? sid : key;
    if (!isSid(sid)) {
      // SharpHound writes the distinguished name of a member it could not resolve to a SID.
      warn({
        code: 'unresolved-sid',
        file: o.file,
        path: `${o.path}.${path}`,
        message: `${o.samAccountName} refers to "${sid}", which is not a SID of any object in the collection; the reference is left out`,
      });
      return undefined;
    }
    // A built-in account of a declared domain (Domain Admins, krbtgt …) exists in the model by its RID.
    const d = domainOfSid(sid);
    const builtin = d !== undefined && dnsBySid.has(d) && (ridOf(sid) ?? 1000) < 1000;
    if (!builtin && !sid.startsWith('S-1-5-32-') && !unresolved.has(`${o.sid}>${sid}`)) {
      unresolved.add(`${o.sid}>${sid}`);
      warn({
        code: 'unresolved-sid',
        file: o.file,
        path: `${o.path}.${path}`,
        message: `${sid} has no object in the collection; ${o.samAccountName} refers to it by SID`,
      });
    }
    return sid;
  };

  // SharpHound's SPNTargets name the computer an MSSQLSvc SPN points at (SPNProcessors.cs): the SPN again, for
  // a file that left serviceprincipalnames out.
  const spnsOfTargets = (o: ObjectFacts): string[] =>
    o.spnTargets.flatMap((t) => {
      const computer = facts.objects.get(t.computerSid);
      const dns = computer === undefined ? undefined : dnsBySid.get(computer.domainSid);
      if (computer === undefined || dns === undefined) return [];
      return [`${t.service}/${computer.samAccountName.replace(/\$$/, '').toLowerCase()}.${dns}:${t.port}`];
    });
  // The domain's BUILTIN groups are its domain controllers' local groups ("Active Directory security groups").
  const dcGroups = new Set(builtinLocalGroupNames('domainController'));
  const builtinGroupsOf = (dns: string, dc: ObjectFacts): Record<string, unknown> => {
    const groups = facts.builtinMembers.get(dns);
    if (groups === undefined) return {};
    const out: Record<string, string[]> = {};
    for (const [sid, g] of [...groups].sort(([a], [b]) => compare(a, b))) {
      const name = WELL_KNOWN_NAMES.get(sid);
      if (name === undefined || !dcGroups.has(name)) continue;
      const members = uniqueSorted(
        g.members.map((m, i) => ref(m, { ...dc, file: g.file, path: g.path }, `[${i}]`)),
      );
      if (members.length > 0) out[name] = members;
    }
    return Object.keys(out).length === 0 ? {} : { localGroupMembers: out };
  };
  const accounts: Record<string, Record<string, unknown>> = {};
  const machines: Record<string, Record<string, unknown>> = {};
  const machineOf = new Map<string, ObjectFacts>();
  const counts = { users: 0, computers: 0, gmsas: 0, groups: 0 };
  for (const o of kept) {
    const dns = dnsBySid.get(o.domainSid) as string;
    const a: Record<string, unknown> = {};
    if (o.kind !== 'user' && o.kind !== 'computer') a['kind'] = o.kind;
    if (o.kind === 'computer' && !o.samAccountName.endsWith('$')) a['kind'] = 'computer';
    a['rid'] = ridOf(o.sid);
    if (o.kind === 'group') {
      counts.groups++;
      const members = uniqueSorted(o.members.map((m, i) => ref(m, o, `Members[${i}]`)));
      if (members.length > 0) a['members'] = members;
    } else {
      counts[o.kind === 'user' ? 'users' : o.kind === 'gmsa' ? 'gmsas' : 'computers']++;
      if (!o.enabled) a['enabled'] = false;
      if (o.trustedForDelegation) a['trustedForDelegation'] = true;
      if (o.trustedToAuthForDelegation) a['trustedToAuthForDelegation'] = true;
      if (o.accountNotDelegated) a['accountNotDelegated'] = true;
      const spns = validSpns(
        o,
        o.servicePrincipalNames ?? spnsOfTargets(o),
        'Properties.serviceprincipalnames',
        warn,
      );
      if (spns.length > 0) a['servicePrincipalNames'] = spns;
      const targets = validSpns(o, o.allowedToDelegateTo, 'Properties.allowedtodelegate', warn);
      if (targets.length > 0) a['allowedToDelegateTo'] = targets;
      const targetAccounts = uniqueSorted(
        o.allowedToDelegateToAccounts.map((s, i) => ref(s, o, `AllowedToDelegate[${i}]`)),
      );
      if (targetAccounts.length > 0) a['allowedToDelegateToAccounts'] = targetAccounts;
      if (o.allowedToActSddl !== undefined) a['allowedToActOnBehalfOfOtherIdentity'] = o.allowedToActSddl;
      else if (o.allowedToAct.some((s) => facts.objects.get(s)?.kind === 'group')) {
        // A descriptor granting a group: the model's PrincipalsAllowedToDelegateToAccount lists principals only,
        // so the descriptor itself, as Set-ADComputer writes it.
        for (const [i, s] of o.allowedToAct.entries()) ref(s, o, `AllowedToAct[${i}]`);
        const granted = [...new Set(o.allowedToAct)].filter((s) => isSid(s)).map((s) => sid(s));
        a['allowedToActOnBehalfOfOtherIdentity'] = formatSddl(rbcdDescriptor(granted), { aliases: false });
      } else {
        const actors = uniqueSorted(o.allowedToAct.map((s, i) => ref(s, o, `AllowedToAct[${i}]`)));
        if (actors.length > 0) a['principalsAllowedToDelegateToAccount'] = actors;
      }
      const primary = o.primaryGroupSid === undefined ? undefined : ridOf(o.primaryGroupSid);
      if (primary !== undefined && primary !== (o.kind === 'user' ? 513 : 515) && primary <= 0xffff_ffff) {
        a['primaryGroupId'] = primary;
      }
    }
    const sddl = o.writeDescriptor ?? writeDescriptor(o);
    if (sddl !== undefined) a['securityDescriptor'] = sddl;
    accounts[keyOf.get(o.sid) as string] = a;

    if (o.kind === 'computer') {
      const name = o.samAccountName.replace(/\$$/, '').toUpperCase();
      if (!NAME_PATTERN.test(name)) {
        warn({
          code: 'dropped-value',
          file: o.file,
          path: o.path,
          message: `the computer ${o.samAccountName} has no machine: "${name}" is not a machine name the model takes (letters, digits, _, ., -); its account stays`,
        });
        continue;
      }
      const other = machineOf.get(name);
      if (other !== undefined) {
        warn({
          code: 'duplicate-name',
          file: o.file,
          path: o.path,
          message: `the machine ${name} of ${dns} has the name of ${other.samAccountName} of ${dnsBySid.get(other.domainSid)}; model machines are named by computer name, so it is left out of machines (its account stays)`,
        });
        continue;
      }
      machineOf.set(name, o);
      const role = o.isDomainController
        ? 'domainController'
        : o.operatingSystem !== undefined && !/server/i.test(o.operatingSystem)
          ? 'workstation'
          : undefined;
      machines[name] = {
        ...(single ? {} : { domain: dns }),
        ...(role === undefined ? {} : { role }),
        ...(role === 'domainController' ? builtinGroupsOf(dns, o) : {}),
      };
    }
  }

  // BUILTIN memberships with nowhere to go: no domain controller of the domain, or a group the model has not.
  for (const [dns, groups] of facts.builtinMembers) {
    const hasDc = Object.values(machines).some(
      (m) => m['role'] === 'domainController' && (single || m['domain'] === dns),
    );
    for (const [sid, g] of groups) {
      const name = WELL_KNOWN_NAMES.get(sid);
      if (hasDc && name !== undefined && dcGroups.has(name)) continue;
      if (g.members.length === 0) continue;
      warn({
        code: 'builtin-membership',
        file: g.file,
        path: g.path,
        message: `the members of ${name ?? sid} of ${dns} are left out: ${hasDc ? 'the model has no such local group' : `the collection has no domain controller of ${dns} to hold them`}`,
      });
    }
  }
  const trusts = modelTrusts(facts, domainsByName, warn);
  return {
    document: {
      domains,
      trusts,
      accounts,
      machines: Object.fromEntries(Object.entries(machines).sort(([x], [y]) => compare(x, y))),
    },
    counts: { domains: domainNames.length, trusts: trusts.length, ...counts },
  };
}

function uniqueSorted(values: readonly (string | undefined)[]): string[] {
  const unique = [...new Set(values.filter((v): v is string => v !== undefined))];
  return unique.length < 2 ? unique : unique.sort(byText);
}

function validSpns(
  o: ObjectFacts,
  spns: readonly string[],
  path: string,
  warn: (w: ImportWarning) => void,
): string[] {
  const out: string[] = [];
  spns.forEach((spn, i) => {
    if (SPN_PATTERN.test(spn)) out.push(spn);
    else
      warn({
        code: 'dropped-value',
        file: o.file,
        path: `${o.path}.${path}[${i}]`,
        message: `${o.samAccountName}: "${spn}" is not an SPN the model accepts (service/host[:port][/name], no spaces); it is left out`,
      });
  });
  if (out.length < 2) return out;
  // SPNs compare ignoring case (MS-ADTS 3.1.1.5.1.4): one of each, sorted by a key made once per SPN.
  const byLower = new Map<string, string>();
  for (const spn of out) {
    const k = spn.toLowerCase();
    if (!byLower.has(k)) byLower.set(k, spn);
  }
  return [...byLower].sort(([a, x], [b, y]) => compare(a, b) || compare(x, y)).map(([, spn]) => spn);
}

/**
 * The object's security descriptor as far as delegation goes: the ACEs that let someone other than the
 * privileged groups configure delegation on it, and its owner (who may always rewrite the DACL, MS-DTYP 2.5.3.2),
 * as SDDL; `undefined` when only privileged principals have such rights.
 */
function writeDescriptor(o: ObjectFacts): string | undefined {
  const aces = new Set<string>();
  let owner: string | undefined;
  for (const ace of o.writeAces) {
    if (ace.right === 'Owns') {
      owner = ace.principal;
      continue;
    }
    if (isPrivilegedPrincipal(ace.principal)) continue;
    aces.add(
      (RIGHT_ACE[ace.right] as (sid: string, flags: string) => string)(
        ace.principal,
        ace.inherited ? 'ID' : '',
      ),
    );
  }
  const ownerMatters = owner !== undefined && !isPrivilegedPrincipal(owner);
  if (aces.size === 0 && !ownerMatters) return undefined;
  const ownerSid = owner ?? `${o.domainSid}-512`;
  return `O:${ownerSid}D:${[...aces].sort(compare).join('')}`;
}

/**
 * The trusts as the model writes them: parent-child and tree-root trusts (which also place domains in forests),
 * shortcut, forest and external trusts with their direction, transitivity, SID filtering and TGT delegation —
 * each once, however many of its domains reported it, in the trusting side's words when both did.
 */
function modelTrusts(
  facts: DirectoryFacts,
  domains: ReadonlyMap<string, DomainFacts>,
  warn: (w: ImportWarning) => void,
): Record<string, unknown>[] {
  const roots = new Set(
    [...facts.forestRoots].flatMap((sid) =>
      [...domains.values()].filter((d) => d.sid === sid).map((d) => d.dnsName),
    ),
  );
  const chosen = new Map<string, TrustFacts>();
  for (const t of facts.trusts) {
    let { trusting, trusted } = t;
    if (t.type === 'parent-child') {
      const [parent, child] = trusting.endsWith(`.${trusted}`) ? [trusted, trusting] : [trusting, trusted];
      if (!child.endsWith(`.${parent}`)) {
        warn({
          code: 'skipped-trust',
          file: t.file,
          path: t.path,
          message: `the parent-child trust between ${t.trusting} and ${t.trusted} is left out: neither name is a child of the other`,
        });
        continue;
      }
      trusting = parent;
      trusted = child;
    } else if (t.type === 'tree-root') {
      const aRoot = roots.has(t.trusting);
      const bRoot = roots.has(t.trusted);
      if (aRoot === bRoot) {
        warn({
          code: 'skipped-trust',
          file: t.file,
          path: t.path,
          message: `the tree-root trust between ${t.trusting} and ${t.trusted} is left out: the collection does not show which is the forest root`,
        });
        continue;
      }
      [trusting, trusted] = aRoot ? [t.trusting, t.trusted] : [t.trusted, t.trusting];
    }
    const intraForest = t.type === 'parent-child' || t.type === 'tree-root';
    const key =
      intraForest || t.twoWay ? [trusting, trusted].sort(compare).join('|') : `${trusting}>${trusted}`;
    const mine = { ...t, trusting, trusted };
    const id = `${t.type}:${key}`;
    const known = chosen.get(id);
    // The trusting domain's own trusted-domain object holds the trust's settings for its direction; a trust
    // either side calls two-way is two-way.
    const preferMine =
      known === undefined || (known.reportedBy !== known.trusting && mine.reportedBy === mine.trusting);
    const kept = preferMine ? mine : known;
    chosen.set(id, { ...kept, twoWay: mine.twoWay || (known?.twoWay ?? false) });
  }
  return [...chosen.values()]
    .sort(
      (a, b) => compare(a.trusting, b.trusting) || compare(a.trusted, b.trusted) || compare(a.type, b.type),
    )
    .map((t) => {
      if (t.type === 'parent-child' || t.type === 'tree-root')
        return { between: [t.trusting, t.trusted], type: t.type };
      return {
        between: [t.trusting, t.trusted],
        type: t.type,
        direction: t.twoWay ? 'two-way' : 'one-way',
        ...(t.transitive === undefined ? {} : { transitive: t.transitive }),
        ...(t.sidFiltering === undefined ? {} : { sidFiltering: t.sidFiltering }),
        ...(t.tgtDelegation === undefined ? {} : { enableTgtDelegation: t.tgtDelegation }),
        ...(t.selectiveAuthentication === true ? { selectiveAuthentication: true } : {}),
      };
    });
}

/** MS-ADTS 3.1.1.5.2.2 ("Naming conventions in Active Directory"): what a sAMAccountName cannot hold. */
function isSamAccountName(name: string): boolean {
  if (name === '' || name.trim() !== name) return false;
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 || c === 0x7f || '"/\\[]:;|=,+*?<>'.includes(ch)) return false;
  }
  return true;
}
