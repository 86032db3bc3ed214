import { type PrincipalAccount, USER_ACCOUNT_CONTROL } from '@doublehop/logon';
import { type CompiledService, compileEstate } from '../estate/compileEstate.js';
import type { EstateModel } from '../estate/estateModel.js';
import type { FlowVerdict, WhyNotCause } from '../estate/estateResults.js';
import type { WhyNotReason } from '../estate/whyNotReasons.js';
import { displayName, lookupServer } from '../kdc/principals.js';
import { rbcdPrincipals } from './applyFix.js';
import type { CandidateBuilder, CandidateContext, CandidateStep } from './candidateContext.js';
import { fixCommands } from './fixCommands.js';
import type { FixEdit } from './fixEdit.js';
import { logonRightCandidates } from './logonRightFixes.js';
import { negotiateCandidates } from './negotiateFixes.js';
import { privilegeCandidates } from './privilegeFixes.js';
import { requestCandidates } from './requestFixes.js';
import { allowedToAuthenticateCandidates, tgtDelegationCandidates } from './trustFixes.js';

/** The why-not reasons a delegation setting between a hop's front end and back end can address. */
const DELEGATION_REASONS: ReadonlySet<WhyNotReason> = new Set<WhyNotReason>([
  'kcd-target-not-allowed',
  'delegation-not-configured',
  'rbcd-not-allowed',
  'kcd-cross-domain',
  'evidence-not-forwardable',
  'credential-guard-blocks-tgt-delegation',
  'trust-blocks-tgt-delegation',
]);

/**
 * The builders of the candidates that are not delegation settings, by the why-not reason they address: a logon
 * right; SeImpersonatePrivilege; for an Identification token from protocol transition SeTcbPrivilege — or, when
 * the transition followed NTLM, Negotiate, so that callers bring a Kerberos ticket and no token has to be made; the
 * calling code's request; Negotiate instead of NTLM; Allowed-To-Authenticate; TGT delegation across a forest trust
 * (beside the delegation settings, which {@link fixCandidates} proposes for it too).
 */
const LOCAL: Partial<Record<WhyNotReason, readonly CandidateBuilder[]>> = {
  'logon-refused': [logonRightCandidates],
  'no-impersonate-privilege': [privilegeCandidates],
  's4u-identification-token': [privilegeCandidates, negotiateCandidates],
  'client-requested-identify': [requestCandidates],
  'ntlm-cannot-delegate': [negotiateCandidates],
  'selective-authentication': [allowedToAuthenticateCandidates],
  'trust-blocks-tgt-delegation': [tgtDelegationCandidates],
};

/** @internal The reasons no configuration change should address: the user may not be delegated. */
export const UNDELEGABLE_REASONS: ReadonlySet<WhyNotReason> = new Set<WhyNotReason>([
  'account-not-delegated',
  'protected-users',
]);

/**
 * @internal The least-privilege changes that address a failing flow's why-not and the earlier facts that led
 * to it, each scoped to what the hop needs: the SPN asked for on the account the service runs as; a duplicate
 * removed from the other holders; RBCD on the back end's account for the front end's account alone; the one SPN
 * asked for in the front end's msDS-AllowedToDelegateTo — Kerberos only when the caller arrived with Kerberos,
 * with protocol transition when it did not (or the account already has it); unconstrained delegation when the
 * caller arrived with Kerberos; CredSSP when the front end is WinRM at hop 1; and for the reasons that are no
 * delegation setting, the builders of `LOCAL` (a logon right, a privilege, the calling code's request, Negotiate,
 * Allowed-To-Authenticate, TGT delegation across a trust). No change is proposed for a user who may not be
 * delegated. Sorted by identifier.
 */
export function fixCandidates(model: EstateModel, verdict: FlowVerdict): CandidateStep[] {
  const why = verdict.whyNot;
  if (why === null) return [];
  const estate = compileEstate(model, 'proposeFixes');
  const dir = estate.directory;
  const cmds = fixCommands(dir);
  const name = (a: PrincipalAccount): string => displayName(dir, a);
  const services = verdict.path.map((s) => estate.services.get(s));
  const ctx: CandidateContext = { model, verdict, estate, cmds, name, services };
  const out = new Map<string, CandidateStep>();
  const push = (step: CandidateStep): void => {
    if (!out.has(step.id)) out.set(step.id, Object.freeze(step));
  };
  const problems: WhyNotCause[] = [why, ...why.causes];

  for (const p of problems) {
    for (const build of LOCAL[p.reason] ?? []) for (const step of build(ctx, p)) push(step);
    const hop = verdict.hops[p.hop - 1];
    const back = services[p.hop - 1];
    if (hop === undefined || back === undefined) continue;
    const spn = hop.spn ?? back.spn;
    const key = back.keyAccount;
    if (p.reason === 'spn-missing' && key !== null) {
      push({
        id: `spn-register:${spn}@${name(key)}`,
        kind: 'spn-register',
        hop: p.hop,
        reason: p.reason,
        summary: `register ${spn} on ${name(key)}, the account ${back.name} runs as, so that the KDC finds it`,
        commands: [cmds.setspn('-S', spn, key)],
        change: [{ op: 'add', account: name(key), attribute: 'servicePrincipalNames', value: spn }],
      });
    } else if (p.reason === 'spn-duplicate' && key !== null) {
      const found = lookupServer(dir, spn);
      if (found.kind !== 'duplicate') continue;
      const others = found.accounts.filter((a) => a.sid.text !== key.sid.text);
      const edits: FixEdit[] = [];
      const commands: string[] = [];
      for (const other of others) {
        const held = heldForm(other, spn);
        if (held === undefined) continue;
        edits.push({ op: 'remove', account: name(other), attribute: 'servicePrincipalNames', value: held });
        commands.push(cmds.setspn('-D', held, other));
      }
      const keeps = found.accounts.some((a) => a.sid.text === key.sid.text);
      if (!keeps) {
        edits.push({ op: 'add', account: name(key), attribute: 'servicePrincipalNames', value: spn });
        commands.push(cmds.setspn('-S', spn, key));
      }
      push({
        id: `spn-remove:${spn}@${others.map(name).join(',')}`,
        kind: 'spn-remove',
        hop: p.hop,
        reason: p.reason,
        summary: `remove the duplicate ${spn} from ${others.map(name).join(' and ')}${keeps ? '' : ` and register it on ${name(key)}`}, leaving it on the account ${back.name} runs as`,
        commands,
        change: edits,
      });
    } else if (p.reason === 'spn-on-wrong-account' && key !== null) {
      const found = lookupServer(dir, spn);
      const holder = found.kind === 'found' ? found.account : null;
      const held = holder === null ? undefined : heldForm(holder, spn);
      const exact = held !== undefined && held.toLowerCase() === spn.toLowerCase();
      if (exact && holder !== null && heldForm(key, spn) !== undefined) {
        // The service's account holds the SPN's HOST/ alias: removing the exact SPN from the other is enough.
        push({
          id: `spn-remove:${spn}@${name(holder)}`,
          kind: 'spn-remove',
          hop: p.hop,
          reason: p.reason,
          summary: `remove ${spn} from ${name(holder)}, so that the KDC finds it through ${name(key)}'s HOST/ SPN`,
          commands: [cmds.setspn('-D', held, holder)],
          change: [{ op: 'remove', account: name(holder), attribute: 'servicePrincipalNames', value: held }],
        });
      }
      push({
        id: `spn-register:${spn}@${name(key)}`,
        kind: 'spn-register',
        hop: p.hop,
        reason: p.reason,
        summary: `${exact && holder !== null ? `move ${spn} from ${name(holder)} to` : `register ${spn} on`} ${name(key)}, the account ${back.name} runs as, so that it can decrypt the ticket`,
        commands: [
          ...(exact && holder !== null ? [cmds.setspn('-D', held, holder)] : []),
          cmds.setspn('-S', spn, key),
        ],
        change: [
          ...(exact && holder !== null
            ? [
                {
                  op: 'remove',
                  account: name(holder),
                  attribute: 'servicePrincipalNames',
                  value: held,
                } as const,
              ]
            : []),
          { op: 'add', account: name(key), attribute: 'servicePrincipalNames', value: spn },
        ],
      });
    } else if (DELEGATION_REASONS.has(p.reason) && p.hop >= 2) {
      const front = services[p.hop - 2];
      const previous = verdict.hops[p.hop - 2];
      if (front === undefined || previous === undefined) continue;
      for (const step of delegation(p.hop, p.reason, front, back, spn, previous.protocol === 'kerberos'))
        push(step);
    }
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  function delegation(
    hop: number,
    reason: WhyNotReason,
    front: CompiledService,
    back: CompiledService,
    spn: string,
    kerberos: boolean,
  ): CandidateStep[] {
    const call = front.calls.find((c) => c.service === back.name);
    const f = front.keyAccount;
    const b = back.keyAccount;
    if (call === undefined || call.as === 'self' || !front.impersonates || f === null || b === null)
      return [];
    if (f.sid.text === b.sid.text) return [];
    const steps: CandidateStep[] = [];
    const has = (a: PrincipalAccount, bit: keyof typeof USER_ACCOUNT_CONTROL): boolean =>
      (a.userAccountControl & USER_ACCOUNT_CONTROL[bit]) !== 0;
    const listed = f.allowedToDelegateTo.some((s) => s.toLowerCase() === spn.toLowerCase());
    const base = { hop, reason } as const;

    const granted = rbcdPrincipals(dir, b);
    if (!granted.includes(name(f))) {
      steps.push({
        ...base,
        id: `rbcd:${name(b)}<-${name(f)}`,
        kind: 'rbcd',
        summary: `let ${name(f)} (${front.name}) act as users at ${name(b)}'s services only: RBCD on ${name(b)} for ${name(f)} alone`,
        commands: [cmds.rbcd(b, [...granted, name(f)])],
        change: [
          { op: 'add', account: name(b), attribute: 'principalsAllowedToDelegateToAccount', value: name(f) },
        ],
      });
    }
    const transition = !kerberos || has(f, 'TRUSTED_TO_AUTH_FOR_DELEGATION');
    if (!transition && !listed) {
      steps.push({
        ...base,
        id: `kcd:${name(f)}->${spn}`,
        kind: 'kcd',
        summary: `let ${name(f)} (${front.name}) delegate to ${spn} alone, Kerberos only (msDS-AllowedToDelegateTo)`,
        commands: [
          cmds.accountControl(f, 'TrustedToAuthForDelegation', false),
          cmds.addAllowedToDelegateTo(f, spn),
        ],
        change: [
          { op: 'set', account: name(f), attribute: 'trustedToAuthForDelegation', value: false },
          { op: 'add', account: name(f), attribute: 'allowedToDelegateTo', value: spn },
        ],
      });
    }
    if (transition && (!listed || !has(f, 'TRUSTED_TO_AUTH_FOR_DELEGATION'))) {
      const setPt = !has(f, 'TRUSTED_TO_AUTH_FOR_DELEGATION');
      steps.push({
        ...base,
        id: `kcd-protocol-transition:${name(f)}->${spn}`,
        kind: 'kcd-protocol-transition',
        summary: `let ${name(f)} (${front.name}) delegate to ${spn} alone, with protocol transition${kerberos ? ' (it already has it)' : `: ${front.name}'s callers do not arrive with Kerberos`}`,
        commands: [
          ...(setPt ? [cmds.accountControl(f, 'TrustedToAuthForDelegation', true)] : []),
          ...(listed ? [] : [cmds.addAllowedToDelegateTo(f, spn)]),
        ],
        change: [
          ...(setPt
            ? [
                {
                  op: 'set',
                  account: name(f),
                  attribute: 'trustedToAuthForDelegation',
                  value: true,
                } as const,
              ]
            : []),
          ...(listed
            ? []
            : [{ op: 'add', account: name(f), attribute: 'allowedToDelegateTo', value: spn } as const]),
        ],
      });
    }
    if (kerberos && !has(f, 'TRUSTED_FOR_DELEGATION')) {
      steps.push({
        ...base,
        id: `unconstrained:${name(f)}`,
        kind: 'unconstrained',
        summary: `trust ${name(f)} (${front.name}) for unconstrained delegation: clients forward their TGT to it, and it can act as them anywhere`,
        commands: [cmds.accountControl(f, 'TrustedForDelegation', true)],
        change: [{ op: 'set', account: name(f), attribute: 'trustedForDelegation', value: true }],
      });
    }
    const methods = front.def.authentication;
    if (hop === 2 && isWinRm(front) && methods[0] !== 'credssp') {
      steps.push({
        ...base,
        id: `credssp:${front.name}`,
        kind: 'credssp',
        summary: `connect to ${front.name} with CredSSP (Enter-PSSession -Authentication CredSSP): the user's password reaches ${front.machine.name}, which can then authenticate as the user anywhere`,
        commands: [
          cmds.credSsp('Server', front.machine.name),
          cmds.credSsp('Client', verdict.start, front.def.endpoint.host),
        ],
        change: [
          {
            op: 'authentication',
            service: front.name,
            value: ['credssp', ...methods.filter((m) => m !== 'credssp')],
          },
        ],
      });
    }
    return steps;
  }
}

/** The form in which an account holds an SPN the KDC resolves to it: the SPN itself, or its `HOST/` alias. */
function heldForm(account: PrincipalAccount, spn: string): string | undefined {
  const wanted = spn.toLowerCase();
  const host = `host${wanted.slice(wanted.indexOf('/'))}`;
  return (
    account.servicePrincipalNames.find((s) => s.toLowerCase() === wanted) ??
    account.servicePrincipalNames.find((s) => s.toLowerCase() === host)
  );
}

/** A WinRM endpoint: WSMAN, or HTTP on 5985/5986, or one that already offers CredSSP. */
function isWinRm(service: CompiledService): boolean {
  const e = service.def.endpoint;
  const serviceClass = (e.serviceClass ?? 'HOST').toUpperCase();
  return (
    serviceClass === 'WSMAN' ||
    (serviceClass === 'HTTP' && (e.port === 5985 || e.port === 5986)) ||
    service.def.authentication.includes('credssp')
  );
}
