import {
  type EstateModel,
  estateDirectory,
  evaluateAssertions,
  evaluateFlow,
  type FlowVerdict,
  lintEstate,
} from '@doublehop/delegation';
import type { Account, Directory, PrincipalAccount } from '@doublehop/logon';

/**
 * The groups whose membership decides delegation or makes an account privileged, by RID (MS-DTYP 2.4.2.4):
 * Domain Admins, Domain Controllers, Schema Admins, Enterprise Admins, Protected Users, Key Admins, Enterprise Key
 * Admins.
 */
const WATCHED_GROUP_RIDS: ReadonlySet<number> = new Set([512, 516, 518, 519, 525, 526, 527]);

/** @internal One delegation fact that differs between the intended model and the live directory. */
export interface FactDrift {
  /** What the fact is about: an account (`CORP\svc-sql`), a trust (`corp.example → fabrikam.example`). */
  readonly subject: string;
  /** The fact: `allowedToDelegateTo`, `accountNotDelegated`, `Protected Users`, `account` … */
  readonly fact: string;
  /** As the model intends it (`absent` for nothing). */
  readonly intended: string;
  /** As the live directory has it. */
  readonly live: string;
}

/** @internal A flow whose verdict the live directory changes. */
export interface FlowDrift {
  readonly flow: string;
  readonly intended: string;
  readonly live: string;
}

/** @internal An assertion that holds on one side only. */
export interface AssertionDrift {
  readonly index: number;
  readonly kind: string;
  readonly intended: boolean;
  readonly live: boolean;
  readonly message: string;
}

/** @internal What drift found. */
export interface Drift {
  readonly facts: readonly FactDrift[];
  readonly flows: readonly FlowDrift[];
  readonly assertions: readonly AssertionDrift[];
  /** Lint findings about the model's own services and accounts the live directory adds (`rule subject: message`). */
  readonly findings: readonly string[];
  /** Why the flows could not be evaluated on the live directory, or `null`. */
  readonly unevaluated: string | null;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedList = (values: Iterable<string>): string[] => [...new Set(values)].sort(compare);
const listText = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.join(', '));

// userAccountControl bits delegation depends on (MS-ADTS 2.2.16).
const FLAGS = [
  ['enabled', 0x2, true],
  ['trustedForDelegation', 0x80000, false],
  ['accountNotDelegated', 0x100000, false],
  ['trustedToAuthForDelegation', 0x1000000, false],
] as const;

/**
 * @internal Compares the intended model with the same model over the live directory: for every account the
 * model declares, the facts delegation depends on (existence, the userAccountControl flags, SPNs,
 * msDS-AllowedToDelegateTo, the RBCD principals, Protected Users and the privileged groups), each trust's TGT
 * delegation — then the consequences: every flow whose verdict changes, every assertion that holds on one side
 * only, and the lint findings about the model's own SPNs and accounts that appear.
 */
export function compareDirectories(intended: EstateModel, live: EstateModel): Drift {
  const want = estateDirectory(intended);
  const have = estateDirectory(live);
  const facts: FactDrift[] = [];
  const keyOf = (a: Account) => `${a.domain.toLowerCase()}\\${a.samAccountName.toLowerCase()}`;
  const nameOf = (dir: Directory, a: Account) =>
    `${dir.domains.find((d) => d.dnsName === a.domain)?.netbiosName ?? a.domain}\\${a.samAccountName}`;
  const bySid = (dir: Directory) => new Map(dir.accounts.map((a) => [a.sid.text, a]));
  const wantSids = bySid(want);
  const haveSids = bySid(have);
  const haveByName = new Map(have.accounts.map((a) => [keyOf(a), a]));
  // SIDs differ between the two directories (a model derives RIDs from names): principals compare by name.
  const names = (dir: Directory, sids: Map<string, Account>, list: readonly { text: string }[]) =>
    sortedList(
      list.map((s) => {
        const a = sids.get(s.text);
        return a === undefined ? s.text : nameOf(dir, a);
      }),
    );
  // The descriptor's principals by name, a denied one marked so: the access check refuses it (MS-DTYP 2.5.3.2).
  const rbcdText = (dir: Directory, sids: Map<string, Account>, a: PrincipalAccount) =>
    listText(
      sortedList(
        (a.allowedToActOnBehalfOfOtherIdentity?.dacl ?? []).map((x) => {
          const name = names(dir, sids, [x.sid])[0] as string;
          return x.type.includes('DENIED') ? `${name} (denied)` : name;
        }),
      ),
    );
  const groupsOf = (dir: Directory, sids: Map<string, Account>, a: Account) =>
    names(
      dir,
      sids,
      a.memberOf.filter((g) => {
        const rid = Number(g.text.slice(g.text.lastIndexOf('-') + 1));
        return WATCHED_GROUP_RIDS.has(rid);
      }),
    );
  const dnsOf = (name: string | undefined) => {
    const lower = (name ?? want.domains[0]?.dnsName ?? '').toLowerCase();
    return (
      want.domains.find((d) => d.dnsName === lower || d.netbiosName.toLowerCase() === lower)?.dnsName ?? lower
    );
  };
  const declared = new Set(
    (intended.accounts ?? []).map((a) => `${dnsOf(a.domain)}\\${a.samAccountName.toLowerCase()}`),
  );
  for (const a of want.accounts) {
    const key = keyOf(a);
    // The accounts the model declares (a computer or gMSA may be declared without its `$`).
    if (!declared.has(key) && !declared.has(key.replace(/\$$/, ''))) continue;
    const subject = nameOf(want, a);
    const b = haveByName.get(key);
    if (b === undefined) {
      facts.push({ subject, fact: 'account', intended: 'present', live: 'absent' });
      continue;
    }
    const diff = (fact: string, x: string, y: string) => {
      if (x !== y) facts.push({ subject, fact, intended: x, live: y });
    };
    diff(
      'memberships of privileged and Protected Users groups',
      listText(groupsOf(want, wantSids, a)),
      listText(groupsOf(have, haveSids, b)),
    );
    if (a.kind === 'group' || b.kind === 'group') continue;
    const p = a as PrincipalAccount;
    const q = b as PrincipalAccount;
    for (const [fact, bit, inverted] of FLAGS) {
      const x = ((p.userAccountControl & bit) !== 0) !== inverted;
      const y = ((q.userAccountControl & bit) !== 0) !== inverted;
      diff(fact, String(x), String(y));
    }
    // SPNs compare ignoring case (MS-ADTS 3.1.1.5.1.4), and are shown as written.
    const spns = (fact: string, x: readonly string[], y: readonly string[]) => {
      const key = (list: readonly string[]) => sortedList(list.map((v) => v.toLowerCase())).join(',');
      if (key(x) !== key(y)) diff(fact, listText(sortedList(x)), listText(sortedList(y)));
    };
    spns('servicePrincipalNames', p.servicePrincipalNames, q.servicePrincipalNames);
    spns('allowedToDelegateTo', p.allowedToDelegateTo, q.allowedToDelegateTo);
    diff(
      'RBCD principals (msDS-AllowedToActOnBehalfOfOtherIdentity)',
      rbcdText(want, wantSids, p),
      rbcdText(have, haveSids, q),
    );
  }
  // Trusts: TGT delegation across each trust the model declares.
  for (const t of want.trusts) {
    const u = have.trusts.find((x) => x.trusting === t.trusting && x.trusted === t.trusted);
    const subject = `${t.trusting} trusts ${t.trusted}`;
    if (u === undefined) facts.push({ subject, fact: 'trust', intended: 'present', live: 'absent' });
    else if (u.enableTgtDelegation !== t.enableTgtDelegation) {
      facts.push({
        subject,
        fact: 'enableTgtDelegation',
        intended: String(t.enableTgtDelegation),
        live: String(u.enableTgtDelegation),
      });
    }
  }

  // Consequences: the model's flows and assertions on the live directory.
  let unevaluated: string | null = null;
  const flows: FlowDrift[] = [];
  let assertions: AssertionDrift[] = [];
  let findings: string[] = [];
  try {
    for (const f of intended.flows ?? []) {
      const x = verdictText(evaluateFlow(intended, f.name));
      const y = verdictText(evaluateFlow(live, f.name));
      if (x !== y) flows.push({ flow: f.name, intended: x, live: y });
    }
    const before = evaluateAssertions(intended);
    const after = evaluateAssertions(live);
    assertions = before.flatMap((r, i) => {
      const s = after[i];
      return s === undefined || s.held === r.held
        ? []
        : [{ index: r.index, kind: r.kind, intended: r.held, live: s.held, message: s.message }];
    });
    // Lint findings about the model's own services and SPNs only: the live directory has many of its own.
    const hosts = (intended.services ?? []).map((s) => s.endpoint.host.toLowerCase());
    const spns = new Set(
      (intended.accounts ?? []).flatMap((a) =>
        a.kind === 'group' ? [] : (a.servicePrincipalNames ?? []).map((x) => x.toLowerCase()),
      ),
    );
    const ours = (rule: string, subject: string) => {
      const lower = subject.toLowerCase();
      const host = lower.slice(lower.indexOf('/') + 1).split(/[:/]/)[0] ?? '';
      return (
        rule === 'endpoint-without-spn' ||
        rule === 'spn-on-wrong-account' ||
        spns.has(lower) ||
        hosts.includes(host)
      );
    };
    const ofModel = (model: EstateModel) =>
      lintEstate(model)
        .filter((l) => ours(l.rule, l.subject))
        .map((l) => `${l.rule} ${l.subject}: ${l.message}`);
    const known = new Set(ofModel(intended));
    findings = sortedList(ofModel(live).filter((l) => !known.has(l)));
  } catch (e) {
    unevaluated = e instanceof Error ? e.message : String(e);
  }
  return { facts, flows, assertions, findings, unevaluated };
}

/** A verdict in one line: how far the flow gets, as whom, at what level, or where and why it stops. */
function verdictText(v: FlowVerdict): string {
  const last = v.hops[v.hops.length - 1];
  if (v.reached && last !== undefined) {
    return `reaches ${last.to} as ${last.identity.name} at ${last.level ?? 'no level'}`;
  }
  const w = v.whyNot;
  return w === null ? 'stops' : `stops at hop ${w.hop} (${w.service}): ${w.reason}`;
}
