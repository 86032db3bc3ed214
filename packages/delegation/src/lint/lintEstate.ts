import { DOMAIN_RIDS, sidWithRid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import {
  accountBySid,
  accountsReaching,
  directoryGroups,
  findDomain,
  type PrincipalAccount,
} from '@doublehop/logon';
import { accountFacts, spnFacts } from '../estate/accountFacts.js';
import { type CompiledEstate, type CompiledService, cmp, compileEstate } from '../estate/compileEstate.js';
import type { AccountNodeAttributes, SpnNodeAttributes } from '../estate/estateGraphTypes.js';
import type { EstateModel } from '../estate/estateModel.js';
import type { LintFinding } from '../estate/estateResults.js';
import { displayName } from '../kdc/principals.js';
import { LINT_RULES, type LintRuleId } from './lintRules.js';

/**
 * Lints an estate: duplicate SPNs, endpoints without an SPN or with the SPN on the wrong account, MSSQLSvc SPNs
 * without a port, CNAME endpoints, unconstrained delegation off the domain controllers, protocol transition
 * nobody uses, delegation to SPNs no account has, and privileged accounts that may be delegated.
 *
 * @remarks
 * Findings carry a stable rule id ({@link LINT_RULES}), a severity, a subject (an SPN, `DOMAIN\account` or a
 * service name), a message, the rule's source and the other elements involved; they are sorted by rule, subject
 * and message, so the same model always gives the same list. SPNs are looked up as the KDC looks them up (through
 * the `HOST/` sPNMappings aliases). Only accounts the model declares are checked for privilege.
 * @param model - the estate
 * @returns every finding, sorted
 * @throws TypeError - `lintEstate: …` for a model whose machines, services or accounts do not resolve
 * @example
 * ```ts
 * import { lintEstate } from '@doublehop/delegation';
 *
 * const findings = lintEstate({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HTTP/web.corp.example'], trustedForDelegation: true },
 *     { kind: 'computer', samAccountName: 'WEB02', servicePrincipalNames: ['HTTP/web.corp.example'] },
 *   ],
 * });
 * findings.map((f) => `${f.rule} ${f.subject}`); // ['duplicate-spn HTTP/web.corp.example', 'unconstrained-delegation-on-non-dc CORP\\WEB01$']
 * ```
 * @see {@link LINT_RULES}
 */
export function lintEstate(model: EstateModel): readonly LintFinding[] {
  const estate = compileEstate(model, 'lintEstate');
  const cached = lints.get(estate);
  if (cached !== undefined) return cached;
  const findings = Object.freeze(lint(estate).sort(byRuleSubject));
  lints.set(estate, findings);
  return findings;
}

const lints = new WeakMap<CompiledEstate, readonly LintFinding[]>();

function byRuleSubject(a: LintFinding, b: LintFinding): number {
  return cmp(a.rule, b.rule) || cmp(a.subject, b.subject) || cmp(a.message, b.message);
}

function finding(
  rule: LintRuleId,
  subject: string,
  message: string,
  related: readonly string[],
): LintFinding {
  const r = LINT_RULES[rule];
  return Object.freeze({
    rule,
    severity: r.severity,
    subject,
    message,
    source: r.source,
    related: Object.freeze([...new Set(related)].sort(cmp)),
  });
}

function lint(estate: CompiledEstate): LintFinding[] {
  const dir = estate.directory;
  const out: LintFinding[] = [];
  const principals = dir.accounts.filter((a): a is PrincipalAccount => a.kind !== 'group');
  const bySid = new Map(principals.map((a) => [a.sid.text, a]));
  const servicesOf = new Map<PrincipalAccount, string[]>();
  for (const s of estate.services.values()) {
    if (s.keyAccount !== null)
      servicesOf.set(s.keyAccount, [...(servicesOf.get(s.keyAccount) ?? []), s.name]);
  }
  const name = (a: PrincipalAccount): string => displayName(dir, a);
  // The facts the estate graph's nodes carry, from the directory: a lint needs no graph.
  const accountNode = (a: PrincipalAccount): AccountNodeAttributes => accountFacts(estate, a);
  const spnNode = (spn: string): SpnNodeAttributes => spnFacts(dir, spn);

  // duplicate-spn: the same SPN (case-insensitively) on two accounts of one forest — the KDC's own domain, then
  // the forest's global catalog, is where a name is looked up (MS-KILE 3.3.5.1.1 referrals; forests do not see
  // each other's names); and an endpoint SPN the KDC finds twice. kadmin/changepw is on every domain's krbtgt by
  // design (MS-KILE 3.3.5.1.2 answers it in the client's own realm), so it is no duplicate.
  const forestOf = new Map(dir.domains.map((d) => [d.dnsName, d.forest]));
  const holders = new Map<string, { spellings: Set<string>; accounts: Set<string> }>();
  for (const a of principals) {
    const krbtgt = a.sid.rid === DOMAIN_RIDS.KRBTGT.rid;
    for (const spn of a.servicePrincipalNames) {
      if (krbtgt && spn.toLowerCase() === 'kadmin/changepw') continue;
      const key = `${forestOf.get(a.domain) ?? a.domain}|${spn.toLowerCase()}`;
      const entry = holders.get(key) ?? { spellings: new Set<string>(), accounts: new Set<string>() };
      entry.spellings.add(spn);
      entry.accounts.add(name(a));
      holders.set(key, entry);
    }
  }
  const duplicates = new Set<string>();
  for (const [key, { spellings, accounts }] of holders) {
    if (accounts.size < 2) continue;
    const spn = [...spellings].sort(cmp)[0] as string;
    duplicates.add(key.slice(key.indexOf('|') + 1));
    out.push(
      finding(
        'duplicate-spn',
        spn,
        `${spn} is registered on ${[...accounts].sort(cmp).join(' and ')}: the KDC refuses tickets for it (event 11)`,
        [...accounts],
      ),
    );
  }

  for (const s of estate.services.values()) {
    const node = spnNode(s.spn);
    if (node?.lookup === 'missing') {
      out.push(
        finding(
          'endpoint-without-spn',
          s.spn,
          `no account holds ${s.spn}, the SPN clients of ${s.name} ask for: Negotiate falls back to NTLM`,
          [s.name],
        ),
      );
    } else if (node?.lookup === 'duplicate' && !duplicates.has(s.spn.toLowerCase())) {
      duplicates.add(s.spn.toLowerCase());
      out.push(
        finding(
          'duplicate-spn',
          s.spn,
          `the KDC finds ${s.spn} on more than one account (through the HOST/ sPNMappings aliases): it refuses tickets for it`,
          [s.name],
        ),
      );
    } else if (node?.lookup === 'found' && s.keyAccount !== null && node.account !== s.keyAccount.sid.text) {
      const holder = node.account === null ? undefined : bySid.get(node.account);
      out.push(
        finding(
          'spn-on-wrong-account',
          s.spn,
          `${s.spn} is on ${holder === undefined ? node.account : name(holder)}, but ${s.name} runs as ${s.def.runsAs} (${name(s.keyAccount)}): its tickets fail with KRB_AP_ERR_MODIFIED`,
          [s.name, name(s.keyAccount), ...(holder === undefined ? [] : [name(holder)])],
        ),
      );
    }
    // mssqlsvc-without-port: a TCP endpoint asks for MSSQLSvc/fqdn:port.
    if (/^mssqlsvc\//i.test(s.spn) && !s.spn.slice(s.spn.indexOf('/') + 1).includes(':')) {
      out.push(
        finding(
          'mssqlsvc-without-port',
          s.spn,
          `${s.name}'s clients ask for ${s.spn}; over TCP they ask for MSSQLSvc/<FQDN>:<port>`,
          [s.name],
        ),
      );
    }
    // cname-endpoint.
    const e = s.def.endpoint;
    if (e.canonicalName !== undefined || (e.aliases?.length ?? 0) > 0) {
      const canonical = e.canonicalName ?? e.host;
      out.push(
        finding(
          'cname-endpoint',
          s.name,
          `${s.name} is reached through DNS aliases (${[...(e.canonicalName === undefined ? [] : [e.host]), ...(e.aliases ?? [])].join(', ')}): Windows' HTTP clients ask for the SPN of the canonical name ${canonical}`,
          [e.host, canonical, ...(e.aliases ?? [])],
        ),
      );
    }
  }
  const portHosts = new Set(
    [...holders.keys()].flatMap((k) => {
      const m = /^mssqlsvc\/([^:]+):\d+$/.exec(k.slice(k.indexOf('|') + 1));
      return m === null ? [] : [m[1] as string];
    }),
  );
  for (const a of principals) {
    for (const spn of a.servicePrincipalNames) {
      const m = /^mssqlsvc\/([^:]+)$/i.exec(spn);
      if (m === null) continue;
      const host = (m[1] as string).toLowerCase();
      const withPort = portHosts.has(host);
      if (!withPort)
        out.push(
          finding(
            'mssqlsvc-without-port',
            spn,
            `${spn} on ${name(a)} has no port: TCP clients ask for MSSQLSvc/${host}:<port>, which no account holds`,
            [name(a)],
          ),
        );
    }
  }

  // Delegation settings.
  for (const a of principals) {
    const node = accountNode(a);
    if (node.trustedForDelegation && !node.domainController) {
      out.push(
        finding(
          'unconstrained-delegation-on-non-dc',
          name(a),
          `${name(a)} is trusted for unconstrained delegation: every user's TGT forwarded to it can be used anywhere`,
          [name(a)],
        ),
      );
    }
    if (node.trustedToAuthForDelegation) {
      const running = (servicesOf.get(a) ?? []).map((n) => estate.services.get(n) as CompiledService);
      if (running.length > 0 && running.every((s) => !s.protocolTransition)) {
        out.push(
          finding(
            'protocol-transition-not-needed',
            name(a),
            `${name(a)} may use any authentication protocol (TRUSTED_TO_AUTH_FOR_DELEGATION), but none of its services (${running
              .map((s) => s.name)
              .sort(cmp)
              .join(', ')}) transitions protocols: Kerberos-only constrained delegation suffices`,
            running.map((s) => s.name),
          ),
        );
      }
    }
    for (const spn of a.allowedToDelegateTo) {
      if (spnNode(spn)?.lookup === 'missing') {
        out.push(
          finding(
            'delegation-to-unknown-spn',
            spn,
            `${name(a)} may delegate to ${spn}, which no account holds`,
            [name(a)],
          ),
        );
      }
    }
  }

  // privileged-account-not-sensitive: declared users in the administrators groups that may be delegated. Only
  // the accounts that may reach one of those groups have their groups expanded.
  const privilegedGroups = dir.domains.flatMap((d) => [
    sidWithRid(d.sid, DOMAIN_RIDS.DOMAIN_ADMINS.rid),
    sidWithRid(d.sid, DOMAIN_RIDS.ENTERPRISE_ADMINS.rid),
    sidWithRid(d.sid, DOMAIN_RIDS.SCHEMA_ADMINS.rid),
  ]);
  const mayBePrivileged = accountsReaching(dir, [
    ...privilegedGroups,
    WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
  ]);
  for (const a of principals) {
    if (a.kind !== 'user' || !estate.declared.has(a.sid.text) || !mayBePrivileged.has(a.sid)) continue;
    const node = accountNode(a);
    if (node.notDelegated || node.protectedUser || !node.enabled) continue;
    const domainSid = findDomain(dir, a.domain)?.sid.text;
    const forestSid = findDomain(dir, findDomain(dir, a.domain)?.forest ?? a.domain)?.sid.text;
    const privileged = new Set([
      `${domainSid}-${DOMAIN_RIDS.DOMAIN_ADMINS.rid}`,
      `${forestSid}-${DOMAIN_RIDS.ENTERPRISE_ADMINS.rid}`,
      `${forestSid}-${DOMAIN_RIDS.SCHEMA_ADMINS.rid}`,
      WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid.text,
    ]);
    const groups = directoryGroups(dir, a, { resourceDomain: a.domain }).filter((g) =>
      privileged.has(g.sid.text),
    );
    if (groups.length === 0) continue;
    const groupNames = groups.map((g) => {
      const group = accountBySid(dir, g.sid);
      return group === undefined ? g.sid.text : displayName(dir, group);
    });
    out.push(
      finding(
        'privileged-account-not-sensitive',
        name(a),
        `${name(a)} is in ${groupNames.sort(cmp).join(', ')} and may be delegated: mark it "Account is sensitive and cannot be delegated" or add it to Protected Users`,
        groupNames,
      ),
    );
  }
  return out;
}
