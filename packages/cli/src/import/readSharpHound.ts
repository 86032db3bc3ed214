import { USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import { DNS_NAME_PATTERN } from '../directory/directorySchema.js';
import {
  type DelegationWriteRight,
  type DirectoryFacts,
  domainOfSid,
  isSid,
  noteBuiltinGroup,
  type ObjectFacts,
  type TrustFacts,
  type WriteAce,
} from './directoryFacts.js';
import { fail, type ImportWarning } from './importProblems.js';
import { field, isObject, type JsonObject, Reader } from './jsonFields.js';
import { trustEnds } from './trustFromAttributes.js';

/** @internal What a SharpHound file is, from its `meta`. */
export interface SharpHoundMeta {
  readonly type: string;
  readonly version: number;
  readonly count: number | undefined;
}

/** @internal The `meta` of a SharpHound file, or `null` when the JSON is not one (no `meta` with a `type`, or no `data` list). */
export function sharpHoundMeta(json: unknown): SharpHoundMeta | null {
  if (!isObject(json)) return null;
  const meta = field(json, 'meta');
  const data = field(json, 'data');
  if (!isObject(meta) || !Array.isArray(data)) return null;
  const type = field(meta, 'type');
  const version = field(meta, 'version');
  const count = field(meta, 'count');
  if (typeof type !== 'string') return null;
  return {
    type: type.toLowerCase(),
    version: typeof version === 'number' ? version : 0,
    count: typeof count === 'number' ? count : undefined,
  };
}

/** The kinds the model has a place for; SharpHound's others (OUs, GPOs, containers, ADCS …) are skipped. */
export const SHARPHOUND_KINDS = ['users', 'computers', 'groups', 'domains'] as const;

/**
 * @internal Reads one SharpHound file (v5 or v6, `meta.type` users, computers, groups or domains) into `facts`.
 * Field names are matched ignoring case, as BloodHound's ingest does; well-known SIDs written with their domain
 * (`TESTLAB.LOCAL-S-1-5-32-544`) lose the prefix; the flags come from `useraccountcontrol` when the collector
 * wrote it, else from SharpHound's booleans (top-level `UnconstrainedDelegation`/`IsDC` of late-2024 collectors,
 * else the `Properties` copies).
 * @see SharpHoundCommon OutputTypes (User.cs, Computer.cs, Group.cs, Domain.cs) and LdapPropertyProcessor;
 * BloodHound CE packages/go/ein/incoming_models.go
 */
export function readSharpHound(
  file: string,
  json: JsonObject,
  meta: SharpHoundMeta,
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): void {
  if (meta.version < 5) {
    fail(
      'unsupported-version',
      file,
      'meta.version',
      `SharpHound files of version ${meta.version} are not read (BloodHound CE reads versions 5 and 6)`,
      'meta.version 5 or 6 (SharpHound v2 and later)',
    );
  }
  const data = field(json, 'data') as unknown[];
  if (meta.count !== undefined && meta.count !== data.length) {
    warn({
      code: 'count-mismatch',
      file,
      path: 'meta.count',
      message: `meta.count is ${meta.count} but data holds ${data.length} objects; all ${data.length} are read`,
    });
  }
  const root = new Reader(file, json);
  for (let i = 0; i < data.length; i++) {
    const item = data[i];
    if (!isObject(item))
      fail('invalid-value', file, `data[${i}]`, `data[${i}] is not an object`, 'an object');
    const r = new Reader(file, item, root, 'data', i);
    if (meta.type === 'domains') readDomain(r, facts, warn);
    else readObject(meta.type as 'users' | 'computers' | 'groups', r, facts, warn);
  }
}

/** `TESTLAB.LOCAL-S-1-5-32-544` → `S-1-5-32-544`; SIDs upper-cased as Windows writes them. */
export function normalizeSid(text: string): string {
  // Most SIDs are canonical already: S-1-…, digits, no leading zero.
  if (CANONICAL_SID.test(text)) return text;
  const at = text.toUpperCase().indexOf('-S-1-');
  // Canonical, as Windows writes a SID (MS-DTYP 2.4.2.1): no leading zeros, so one SID has one spelling.
  return (at > 0 ? text.slice(at + 1) : text).toUpperCase().replace(/-0+(?=\d)/g, '-');
}

const NONE: readonly string[] = Object.freeze([]);
const CANONICAL_SID = /^S-1-(?:0|[1-9]\d*)(?:-(?:0|[1-9]\d*))*$/;

const WRITE_RIGHTS: ReadonlySet<string> = new Set<DelegationWriteRight>([
  'AddAllowedToAct',
  'WriteAccountRestrictions',
  'WriteSPN',
  'GenericWrite',
  'GenericAll',
  'WriteDacl',
  'WriteOwner',
  'Owns',
]);

function readObject(
  kind: 'users' | 'computers' | 'groups',
  r: Reader,
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): void {
  const idText = r.string('ObjectIdentifier');
  if (idText === undefined) {
    warn({
      code: 'unnamed-object',
      file: r.file,
      path: r.path,
      message: 'an object without ObjectIdentifier is left out',
    });
    return;
  }
  const sid = normalizeSid(idText);
  if (!isSid(sid)) {
    fail(
      'invalid-value',
      r.file,
      `${r.path}.ObjectIdentifier`,
      `ObjectIdentifier "${idText}" is not a SID`,
      'a SID such as S-1-5-21-…-1104',
    );
  }
  const props = r.nested('Properties');
  noteSid(facts, sid);
  // Only the keys that apply to the kind are asked for: a key an object lacks costs a pass over its keys.
  const isGroup = kind === 'groups';
  const isComputer = kind === 'computers';
  const members = isGroup
    ? r.objects('Members').map((m) => {
        const s = normalizeSid(m.string('ObjectIdentifier') ?? '');
        noteSid(facts, s);
        return s;
      })
    : NONE;
  const aces = readAces(r, facts);
  const domainSid = domainOfSid(sid);
  const dnsName = props.string('domain')?.toLowerCase();
  if (domainSid !== undefined && dnsName !== undefined) noteDomain(facts, domainSid, dnsName, true);
  if (domainSid === undefined) {
    // A well-known or BUILTIN principal (S-1-5-32-544 …): the directory has these already; a BUILTIN group's
    // members are the domain controllers' local group members.
    if (isGroup && members.length > 0 && sid.startsWith('S-1-5-32-') && dnsName !== undefined) {
      noteBuiltinGroup(facts, dnsName, sid, members, r.file, `${r.path}.Members`);
    }
    return;
  }
  const name = props.string('samaccountname') ?? nameFromDisplay(kind, props.string('name'));
  if (name === undefined || name === '') {
    warn({
      code: 'unnamed-object',
      file: r.file,
      path: r.path,
      message: `${sid} has neither Properties.samaccountname nor Properties.name and is left out`,
    });
    return;
  }
  // Objects written out key by key in one order (no spreads): 150 000 of them share one shape.
  let object: ObjectFacts;
  if (isGroup) {
    object = {
      sid,
      kind: 'group',
      domainSid,
      samAccountName: name,
      enabled: true,
      trustedForDelegation: false,
      trustedToAuthForDelegation: false,
      accountNotDelegated: false,
      servicePrincipalNames: NONE,
      spnTargets: [],
      allowedToDelegateTo: NONE,
      allowedToDelegateToAccounts: NONE,
      allowedToAct: NONE,
      allowedToActSddl: undefined,
      primaryGroupSid: undefined,
      members,
      isDomainController: false,
      operatingSystem: undefined,
      writeAces: aces,
      file: r.file,
      path: r.path,
    };
  } else {
    const uac = props.integer('useraccountcontrol');
    const flag = (bit: number, ...booleans: (boolean | undefined)[]): boolean =>
      uac !== undefined ? (uac & bit) !== 0 : booleans.some((b) => b === true);
    const objectKind = isComputer
      ? 'computer'
      : props.boolean('gmsa') === true || props.boolean('msa') === true || name.endsWith('$')
        ? 'gmsa'
        : 'user';
    const delegatesToObjects = r.objects('AllowedToDelegate');
    const allowedToDelegateTo = props.strings('allowedtodelegate');
    if (delegatesToObjects.length > 0 && allowedToDelegateTo.length === 0) {
      warn({
        code: 'delegation-without-spns',
        file: r.file,
        path: `${r.path}.AllowedToDelegate`,
        message: `${name} may delegate to ${delegatesToObjects.length} account(s), but Properties.allowedtodelegate (the SPNs of msDS-AllowedToDelegateTo) is missing: the accounts are kept as allowedToDelegateToAccounts, which exposure reads but flows cannot use`,
      });
    }
    const sidsOf = (list: readonly Reader[]) =>
      list.map((p) => {
        const s = normalizeSid(p.string('ObjectIdentifier') ?? '');
        noteSid(facts, s);
        return s;
      });
    object = {
      sid,
      kind: objectKind,
      domainSid,
      samAccountName: isComputer && !name.endsWith('$') ? `${name}$` : name,
      enabled:
        uac !== undefined
          ? (uac & USER_ACCOUNT_CONTROL.ACCOUNTDISABLE) === 0
          : props.boolean('enabled') !== false,
      trustedForDelegation: flag(
        USER_ACCOUNT_CONTROL.TRUSTED_FOR_DELEGATION,
        r.boolean('UnconstrainedDelegation'),
        props.boolean('unconstraineddelegation'),
      ),
      trustedToAuthForDelegation: flag(
        USER_ACCOUNT_CONTROL.TRUSTED_TO_AUTH_FOR_DELEGATION,
        props.boolean('trustedtoauth'),
      ),
      // SharpHound collects NOT_DELEGATED as `sensitive` for users only (LdapPropertyProcessor).
      accountNotDelegated: flag(
        USER_ACCOUNT_CONTROL.NOT_DELEGATED,
        isComputer ? undefined : props.boolean('sensitive'),
      ),
      servicePrincipalNames:
        field(props.o, 'serviceprincipalnames') == null ? undefined : props.strings('serviceprincipalnames'),
      spnTargets: isComputer
        ? []
        : r.objects('SPNTargets').map((target) => {
            return {
              computerSid: normalizeSid(target.string('ComputerSID') ?? ''),
              port: target.integer('Port') ?? 1433,
              service: target.string('Service') ?? 'MSSQLSvc',
            };
          }),
      allowedToDelegateTo,
      allowedToDelegateToAccounts: allowedToDelegateTo.length > 0 ? NONE : sidsOf(delegatesToObjects),
      // SharpHound writes AllowedToAct on computers; a user's is read too, should a collector write it.
      allowedToAct: sidsOf(r.objects('AllowedToAct')),
      allowedToActSddl: undefined,
      primaryGroupSid: mapSid(r.string('PrimaryGroupSID')),
      members: NONE,
      isDomainController: isComputer && (r.boolean('IsDC') === true || props.boolean('isdc') === true),
      operatingSystem: isComputer ? props.string('operatingsystem') : undefined,
      writeAces: aces,
      file: r.file,
      path: r.path,
    };
  }
  const other = facts.objects.get(sid);
  if (other !== undefined) {
    warn({
      code: 'duplicate-name',
      file: r.file,
      path: r.path,
      message: `${sid} (${name}) was already read from ${other.file} ${other.path}; this copy is left out`,
    });
    return;
  }
  facts.objects.set(sid, object);
}

function mapSid(text: string | undefined): string | undefined {
  return text === undefined ? undefined : normalizeSid(text);
}

/** The ACEs that let a principal configure delegation on the object (SharpHound drops deny ACEs: these are grants). */
function readAces(r: Reader, facts: DirectoryFacts): WriteAce[] {
  const out: WriteAce[] = [];
  // Millions of ACEs in a large collection: read in place, a reader made only to report a wrong type.
  r.eachObject('Aces', (ace, reader) => {
    const right = field(ace, 'RightName');
    const principal = field(ace, 'PrincipalSID');
    if (right != null && typeof right !== 'string') reader().string('RightName');
    if (principal == null) return;
    if (typeof principal !== 'string') {
      reader().string('PrincipalSID');
      return;
    }
    if (principal.endsWith('-519') || principal.endsWith('-518')) noteSid(facts, normalizeSid(principal));
    if (typeof right !== 'string' || !WRITE_RIGHTS.has(right)) return;
    out.push({
      principal: normalizeSid(principal),
      right: right as DelegationWriteRight,
      inherited: reader().boolean('IsInherited') === true,
    });
  });
  return out;
}

/**
 * A name from SharpHound's display name when the file has no samaccountname (the official fixtures): users and
 * groups are `NAME@DOMAIN`, computers `HOST.DOMAIN` (their account is `HOST$`).
 */
function nameFromDisplay(
  kind: 'users' | 'computers' | 'groups',
  display: string | undefined,
): string | undefined {
  if (display === undefined) return undefined;
  if (kind === 'computers') return display.split('.')[0];
  const at = display.lastIndexOf('@');
  return at > 0 ? display.slice(0, at) : display;
}

/** Remembers forest roots: Enterprise Admins (519) and Schema Admins (518) exist only in the forest root domain. */
function noteSid(facts: DirectoryFacts, sid: string): void {
  if (sid.endsWith('-519') || sid.endsWith('-518')) {
    const d = domainOfSid(sid);
    if (d !== undefined) facts.forestRoots.add(d);
  }
}

/** Records a domain's DNS name (a collected domain's name wins over one only named by a trust). */
export function noteDomain(facts: DirectoryFacts, sid: string, dnsName: string, collected: boolean): void {
  // A name that is not a DNS name (empty, damaged) names nothing: another object may name the domain.
  if (!DNS_NAME_PATTERN.test(dnsName) || !isSid(sid)) return;
  const known = facts.domains.get(sid);
  if (known === undefined) {
    facts.domains.set(sid, {
      sid,
      dnsName,
      functionalLevel: undefined,
      machineAccountQuota: undefined,
      collected,
    });
  } else if (collected && !known.collected) {
    known.dnsName = dnsName;
    known.collected = true;
  }
}

// SharpHound writes functionallevel as the Windows version ("2016"); msDS-Behavior-Version (MS-ADTS 6.1.4.2).
const FUNCTIONAL_LEVELS: Readonly<Record<string, number>> = {
  '2000 mixed/native': 0,
  '2000': 0,
  '2003 interim': 1,
  '2003': 2,
  '2008': 3,
  '2008 r2': 4,
  '2012': 5,
  '2012 r2': 6,
  '2016': 7,
  '2025': 10,
};

const TRUST_TYPES: Readonly<Record<string, TrustFacts['type']>> = {
  parentchild: 'parent-child',
  treeroot: 'tree-root',
  crosslink: 'shortcut',
  shortcut: 'shortcut',
  forest: 'forest',
  external: 'external',
};
// SharpHoundCommon's TrustType as a number (older collectors): ParentChild, CrossLink, Forest, External, Unknown.
const TRUST_TYPE_NUMBERS = ['parentchild', 'crosslink', 'forest', 'external', 'unknown'];
const TRUST_DIRECTIONS = ['disabled', 'inbound', 'outbound', 'bidirectional'];

function readDomain(r: Reader, facts: DirectoryFacts, warn: (w: ImportWarning) => void): void {
  const props = r.nested('Properties');
  const sid = normalizeSid(r.string('ObjectIdentifier') ?? props.string('domainsid') ?? '');
  const dnsName = (props.string('name') ?? props.string('domain'))?.toLowerCase();
  if (domainOfSid(`${sid}-1`) === undefined || dnsName === undefined || !DNS_NAME_PATTERN.test(dnsName)) {
    warn({
      code: 'unnamed-object',
      file: r.file,
      path: r.path,
      message: 'a domain without a domain SID or a DNS name is left out, with its trusts',
    });
    return;
  }
  noteDomain(facts, sid, dnsName, true);
  const domain = facts.domains.get(sid);
  if (domain !== undefined) {
    const level = props.stringOrInteger('functionallevel');
    domain.functionalLevel =
      typeof level === 'number'
        ? level
        : level === undefined
          ? undefined
          : FUNCTIONAL_LEVELS[level.toLowerCase()];
    domain.machineAccountQuota = props.integer('machineaccountquota');
  }
  readAces(r, facts); // for the forest root named in the domain's own ACL (Enterprise Admins)
  for (const trust of r.objects('Trusts')) {
    const targetName = trust.string('TargetDomainName')?.toLowerCase();
    const targetSid = normalizeSid(trust.string('TargetDomainSid') ?? '');
    const typeValue = trust.stringOrInteger('TrustType');
    const typeName = typeof typeValue === 'number' ? TRUST_TYPE_NUMBERS[typeValue] : typeValue?.toLowerCase();
    const type = typeName === undefined ? undefined : TRUST_TYPES[typeName];
    const dirValue = trust.stringOrInteger('TrustDirection');
    const direction = typeof dirValue === 'number' ? TRUST_DIRECTIONS[dirValue] : dirValue?.toLowerCase();
    const skip = (why: string) =>
      warn({
        code: 'skipped-trust',
        file: r.file,
        path: trust.path,
        message: `the trust to ${targetName ?? targetSid} is left out: ${why}`,
      });
    if (targetName === undefined || !DNS_NAME_PATTERN.test(targetName)) {
      skip(`its target "${targetName ?? ''}" is not a DNS domain name`);
      continue;
    }
    if (type === undefined) {
      skip(`the model has no trust of type ${String(typeValue)} (a Kerberos realm or an unknown kind)`);
      continue;
    }
    if (direction === undefined || direction === 'disabled' || !TRUST_DIRECTIONS.includes(direction)) {
      skip(`its direction is ${String(dirValue)}`);
      continue;
    }
    if (domainOfSid(`${targetSid}-1`) !== undefined) noteDomain(facts, targetSid, targetName, false);
    facts.trusts.push({
      reportedBy: dnsName,
      ...trustEnds(dnsName, targetName, direction as 'inbound' | 'outbound' | 'bidirectional'),
      type,
      transitive: trust.boolean('IsTransitive'),
      sidFiltering: trust.boolean('SidFilteringEnabled'),
      tgtDelegation: trust.boolean('TGTDelegationEnabled'),
      file: r.file,
      path: trust.path,
    });
  }
}
