import { WELL_KNOWN_SIDS } from '@doublehop/core-token';
import {
  type Directory,
  type Domain,
  findDomain,
  type PrincipalAccount,
  type Trust,
  trustPath,
} from '@doublehop/logon';
import type { KdcError } from '../../errors.js';
import { issueTicket } from '../bronzeBit.js';
import type { Kdc } from '../kdc.js';
import { buildPac } from '../pac.js';
import { krbtgtServer, realmOf } from '../principals.js';
import type { KdcReferral } from '../reply.js';
import { type ExplanationStep, step } from '../rules.js';
import { sortFlags, type Ticket, type TicketFlag } from '../tickets.js';

/**
 * @internal One referral: the KDC of `from` issues a TGT for `to`'s realm, across a trust inside the forest or
 * across a forest or external trust (with its attributes).
 */
export interface ReferralHop {
  readonly from: Domain;
  readonly to: Domain;
  /** `'within-forest'` (TRUST_ATTRIBUTE_WITHIN_FOREST), or the forest or external trust crossed (trusting = `to`). */
  readonly crossing: 'within-forest' | Trust;
}

/** @internal The domains of a forest as an undirected graph: parent-child trusts and tree-root trusts. */
function forestNeighbours(dir: Directory, d: Domain): Domain[] {
  const out: Domain[] = [];
  if (d.parent !== null) {
    const p = findDomain(dir, d.parent);
    if (p !== undefined) out.push(p);
  } else if (d.dnsName !== d.forest) {
    const root = findDomain(dir, d.forest);
    if (root !== undefined) out.push(root);
  }
  for (const other of dir.domains) {
    if (other.forest !== d.forest || other === d) continue;
    if (other.parent === d.dnsName) out.push(other);
    else if (other.parent === null && d.dnsName === d.forest && other.dnsName !== d.dnsName) out.push(other);
  }
  return out;
}

/** @internal The shortest path between two domains of one forest, preferring a shortcut trust when one exists. */
function pathInForest(dir: Directory, from: Domain, to: Domain): Domain[] {
  if (from === to) return [from];
  const shortcut = dir.trusts.some(
    (t) => t.type === 'shortcut' && t.trusting === to.dnsName && t.trusted === from.dnsName,
  );
  if (shortcut) return [from, to];
  const previous = new Map<Domain, Domain | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const d = queue.shift() as Domain;
    if (d === to) break;
    const next = forestNeighbours(dir, d).sort((a, b) => (a.dnsName < b.dnsName ? -1 : 1));
    for (const n of next) {
      if (!previous.has(n)) {
        previous.set(n, d);
        queue.push(n);
      }
    }
  }
  const path: Domain[] = [];
  for (let d: Domain | null | undefined = to; d; d = previous.get(d)) path.unshift(d);
  return path[0] === from ? path : [from, to];
}

/**
 * @internal The referrals a client of `from` follows to reach a service in `to` (RFC 6806 8, MS-KILE 3.3.5.7.5):
 * up and down the domain tree inside a forest (or one shortcut trust), to the forest root and across a forest
 * trust to the other forest's root and down, or across one external trust. `undefined` when no trust lets
 * accounts of `from` use resources of `to` ({@link trustPath}); `[]` for the same domain.
 */
export function referralPath(dir: Directory, from: Domain, to: Domain): readonly ReferralHop[] | undefined {
  const path = trustPath(dir, to.dnsName, from.dnsName);
  if (path === undefined) return undefined;
  if (path.kind === 'same-domain') return [];
  const hops = (domains: Domain[]): ReferralHop[] =>
    domains
      .slice(1)
      .map((d, i) => ({ from: domains[i] as Domain, to: d, crossing: 'within-forest' as const }));
  if (path.kind === 'same-forest') return hops(pathInForest(dir, from, to));
  const { trust } = path;
  if (trust.type !== 'forest') return [{ from, to, crossing: trust }];
  const fromRoot = findDomain(dir, from.forest);
  const toRoot = findDomain(dir, to.forest);
  if (fromRoot === undefined || toRoot === undefined) return undefined;
  return [
    ...hops(pathInForest(dir, from, fromRoot)),
    { from: fromRoot, to: toRoot, crossing: trust },
    ...hops(pathInForest(dir, toRoot, to)),
  ];
}

/**
 * @internal MS-KILE 3.3.5.7.5: a referral TGT across this hop may carry OK-AS-DELEGATE — EnableConditions
 * (TRUST_ATTRIBUTE_WITHIN_FOREST or CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION) and not DisableConditions
 * (CROSS_ORGANIZATION_NO_TGT_DELEGATION, i.e. TGT delegation not enabled, or QUARANTINED_DOMAIN: an external
 * trust with SID filtering).
 */
export function hopAllowsTgtDelegation(hop: ReferralHop): boolean {
  if (hop.crossing === 'within-forest') return true;
  const quarantined = hop.crossing.type === 'external' && hop.crossing.sidFiltering;
  return hop.crossing.enableTgtDelegation && !quarantined;
}

/** @internal A short description of a hop's trust. */
export function describeHop(hop: ReferralHop): string {
  const kind =
    hop.crossing === 'within-forest' ? 'a trust within the forest' : `a ${hop.crossing.type} trust`;
  return `${hop.from.dnsName} → ${hop.to.dnsName} across ${kind}`;
}

/**
 * @internal The KDC of `hop.from` issues a referral TGT (krbtgt/TO@FROM) from `tgt`: flags copied from the TGT
 * (FORWARDABLE only when asked for), INITIAL dropped, OK-AS-DELEGATE per MS-KILE 3.3.5.7.5 — the hop allows TGT
 * delegation and the source ticket is the client's own TGT or an OK-AS-DELEGATE referral. The PAC is `client`'s,
 * asserting what the source ticket's PAC asserts unless `asserted` says otherwise (a cross-realm S4U2Self).
 */
export function referralTgt(
  kdc: Kdc,
  tgt: Ticket,
  hop: ReferralHop,
  client: PrincipalAccount,
  forwardable: boolean,
  asserted?: 'service' | 'authority',
): { readonly ticket: Ticket; readonly steps: readonly ExplanationStep[] } {
  const flags = new Set<TicketFlag>(
    tgt.flags.filter(
      (f) => f !== 'INITIAL' && f !== 'OK-AS-DELEGATE' && (forwardable || f !== 'FORWARDABLE'),
    ),
  );
  const sourceOk = tgt.kind === 'tgt' || tgt.flags.includes('OK-AS-DELEGATE');
  const okAsDelegate = hopAllowsTgtDelegation(hop) && sourceOk;
  if (okAsDelegate) flags.add('OK-AS-DELEGATE');
  const reason =
    hop.crossing !== 'within-forest' && !hopAllowsTgtDelegation(hop)
      ? hop.crossing.type === 'external' && hop.crossing.sidFiltering
        ? 'the external trust is quarantined'
        : 'the trust does not enable TGT delegation (netdom trust /EnableTgtDelegation)'
      : sourceOk
        ? 'the trust allows TGT delegation'
        : `the presented ${tgt.kind === 'referral' ? 'referral' : 'service ticket'} had no OK-AS-DELEGATE`;
  const pacAsserted =
    asserted ??
    (tgt.pac.assertedIdentity === WELL_KNOWN_SIDS.SERVICE_ASSERTED_IDENTITY.sid ? 'service' : 'authority');
  const ticket = issueTicket(
    {
      kind: 'referral',
      client: tgt.client,
      server: krbtgtServer(kdc.directory, hop.from, hop.to),
      flags: sortFlags(flags),
      pac: buildPac(kdc.directory, client, { asserted: pacAsserted, resourceDomain: hop.from.dnsName }),
      origin: 'referral',
    },
    kdc.patched,
  );
  return {
    ticket,
    steps: [
      step(
        'tgs.referral',
        'applied',
        `referral TGT ${ticket.server.spn}@${ticket.server.realm}: ${describeHop(hop)}`,
      ),
      step(
        'tgs.ok-as-delegate-cross-realm',
        okAsDelegate ? 'applied' : 'passed',
        `the referral ${okAsDelegate ? 'carries' : 'does not carry'} OK-AS-DELEGATE: ${reason}`,
      ),
    ],
  };
}

/** @internal What a chain of referrals is issued for: whose PAC, FORWARDABLE asked for or not, the sname asked for. */
export interface ReferralRequest {
  /** The account whose PAC the referrals carry. */
  readonly client: PrincipalAccount;
  /** Whether FORWARDABLE was asked for: the referrals copy it from the presented ticket only then. */
  readonly forwardable: boolean;
  /** The sname of the requests the referrals answer ({@link KdcReferral.sname}). */
  readonly sname: string;
  /** The PAC's asserted identity, when not the presented ticket's. */
  readonly asserted?: 'service' | 'authority';
}

/** @internal The referrals of an exchange one KDC answered alone (shared: a same-realm reply allocates none). */
export const NO_REFERRALS: readonly KdcReferral[] = Object.freeze([]);

/**
 * @internal Chases `hops` from `tgt` as the client does (RFC 6806 8; MS-SFU 3.1.5.1.1.2, 3.1.5.2.2): the KDC of
 * each hop's `from` domain issues the referral TGT for the next realm ({@link referralTgt}) from the ticket
 * presented — `tgt`, then the previous referral. Returns the referrals in order, each with the realm of the KDC
 * that issued it — the one copy of this walk, which every exchange's reply (and refusal) reports — and appends
 * their rules to `explanation`.
 */
export function chaseReferrals(
  kdc: Kdc,
  tgt: Ticket,
  hops: readonly ReferralHop[],
  request: ReferralRequest,
  explanation: ExplanationStep[],
): readonly KdcReferral[] {
  if (hops.length === 0) return NO_REFERRALS;
  const out: KdcReferral[] = [];
  let current = tgt;
  for (const hop of hops) {
    const r = referralTgt(kdc, current, hop, request.client, request.forwardable, request.asserted);
    explanation.push(...r.steps);
    current = r.ticket;
    out.push(
      Object.freeze({
        realm: current.server.realm,
        to: realmOf(hop.to.dnsName),
        sname: request.sname,
        ticket: current,
        explanation: Object.freeze([...r.steps]),
      }),
    );
  }
  return Object.freeze(out);
}

/**
 * @internal The refusal of the KDC that referrals led to: `error`, carrying the referrals the client obtained before
 * it (unchanged when there were none, so a same-realm refusal is the same value as before).
 */
export function afterReferrals(error: KdcError, referrals: readonly KdcReferral[]): KdcError {
  return referrals.length === 0 ? error : Object.freeze({ ...error, referrals });
}
