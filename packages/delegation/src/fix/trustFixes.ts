import { findAccount, findDomain } from '@doublehop/logon';
import type { WhyNotCause } from '../estate/estateResults.js';
import { lookupServer } from '../kdc/principals.js';
import { hopAllowsTgtDelegation, referralPath } from '../kdc/referrals/crossRealm.js';
import type { CandidateContext, CandidateStep } from './candidateContext.js';
import type { FixEdit } from './fixEdit.js';

/**
 * @internal For `selective-authentication` (KDC_ERR_POLICY): across a trust with selective authentication the KDC
 * checks that the client may "Allowed to Authenticate" — control access for the extended right
 * 68b1d179-0d15-4d4f-ab71-46152e79a7bc — to the account of the service ticket it asks for. The grant goes to the
 * identity the hop presents, alone, on that one account: the narrowest holder (a group would let its other members
 * in too).
 * @see MS-KILE 3.3.5.7.5; MS-ADTS 6.1.1.2.7.41 Allowed-To-Authenticate; dsacls
 */
export function allowedToAuthenticateCandidates(ctx: CandidateContext, p: WhyNotCause): CandidateStep[] {
  const hop = ctx.verdict.hops[p.hop - 1];
  const service = ctx.services[p.hop - 1];
  const dir = ctx.estate.directory;
  const spn = hop?.spn ?? service?.spn;
  const found = spn === undefined ? undefined : lookupServer(dir, spn);
  const who = hop?.presents === null || hop === undefined ? undefined : findAccount(dir, hop.presents);
  if (found?.kind !== 'found' || who === undefined || hop?.presents == null) return [];
  const target = ctx.name(found.account);
  const grantee = hop.presents;
  return [
    {
      id: `allowed-to-authenticate:${target}<-${grantee}`,
      kind: 'allowed-to-authenticate',
      hop: p.hop,
      reason: p.reason,
      summary: `allow ${grantee} alone to authenticate to ${target} (${hop.to}) across the selective-authentication trust: "Allowed to Authenticate" on ${target}'s object, for ${grantee} only`,
      commands: [ctx.cmds.allowedToAuthenticate(found.account, grantee)],
      change: [{ op: 'add', account: target, attribute: 'allowedToAuthenticate', value: grantee }],
    },
  ];
}

/**
 * @internal For `trust-blocks-tgt-delegation`: the user's TGT crosses a forest trust on its way to an unconstrained
 * front end, and that trust does not enable TGT delegation (off by default since the July 2019 updates), so the
 * user's KDC leaves OK-AS-DELEGATE off and no TGT is forwarded. The change enables it on the trusts crossed that
 * lack it — one direction, the one the user's TGT takes —, never on a quarantined external trust (SID filtering
 * blocks TGT delegation whatever the flag). It opens every unconstrained account of the trusting forest to the
 * trusted forest's users' TGTs: RBCD, which works across forests without it, is proposed beside it and adds less.
 * @see MS-KILE 3.3.5.7.5; KB4490425 "Updates to TGT delegation across incoming trusts in Windows Server"; netdom trust
 */
export function tgtDelegationCandidates(ctx: CandidateContext, p: WhyNotCause): CandidateStep[] {
  const front = ctx.services[p.hop - 2];
  const dir = ctx.estate.directory;
  const user = findAccount(dir, ctx.verdict.user);
  const from = user === undefined ? undefined : findDomain(dir, user.domain);
  const to = front?.keyAccount == null ? undefined : findDomain(dir, front.keyAccount.domain);
  const path = from === undefined || to === undefined ? undefined : referralPath(dir, from, to);
  const blocked = (path ?? []).flatMap((h) =>
    h.crossing === 'within-forest' ||
    hopAllowsTgtDelegation(h) ||
    (h.crossing.sidFiltering && h.crossing.type === 'external')
      ? []
      : [h.crossing],
  );
  if (front === undefined || blocked.length === 0) return [];
  const change: FixEdit[] = blocked.map((t) => ({
    op: 'trust',
    trusting: t.trusting,
    trusted: t.trusted,
    attribute: 'enableTgtDelegation',
    value: true,
  }));
  const trusts = blocked.map((t) => `${t.trusting} → ${t.trusted}`).join(', ');
  return [
    {
      id: `trust-tgt-delegation:${trusts}`,
      kind: 'trust-tgt-delegation',
      hop: p.hop,
      reason: p.reason,
      summary: `enable TGT delegation across the forest trust ${blocked.map((t) => `in which ${t.trusting} trusts ${t.trusted} (set in ${t.trusted})`).join(', ')}: ${ctx.verdict.user}'s TGT then reaches ${front.name}, and every account trusted for unconstrained delegation in ${blocked.map((t) => t.trusting).join(', ')}'s forest receives the TGTs of ${blocked.map((t) => t.trusted).join(', ')}'s users who use it`,
      commands: blocked.map((t) => ctx.cmds.tgtDelegation(t.trusting, t.trusted)),
      change,
    },
  ];
}
