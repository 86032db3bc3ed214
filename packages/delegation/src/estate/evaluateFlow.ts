import { findAccount, type PrincipalAccount } from '@doublehop/logon';
import { displayName } from '../kdc/principals.js';
import { type CompiledEstate, type CompiledService, compileEstate, MODEL_PASSWORD } from './compileEstate.js';
import type { EstateFlow, EstateModel } from './estateModel.js';
import type { DiagramMessage, DiagramParticipant, FlowVerdict, HopResult, WhyNot } from './estateResults.js';
import { runtimeOf } from './flow/estateRuntime.js';
import { evaluateHop, type HopOutcome } from './flow/evaluateHop.js';
import {
  type CarriedIdentity,
  type Carrier,
  type ClientSide,
  type FlowContext,
  participantId,
} from './flow/flowTypes.js';
import { cause } from './flow/hopRecorder.js';
import { logonRefusalReason } from './flow/refusalReason.js';
import { WHY_NOT_REASONS } from './whyNotReasons.js';

/**
 * Options of {@link evaluateFlow}.
 *
 * @example
 * ```ts
 * import type { EvaluateFlowOptions } from '@doublehop/delegation';
 *
 * const adHoc: EvaluateFlowOptions = {
 *   flow: { name: 'probe', user: 'alice', start: { machine: 'WS01' }, path: ['web', 'sql'] },
 * };
 * ```
 * @see {@link evaluateFlow}
 */
export interface EvaluateFlowOptions {
  /** Evaluate this flow instead of the model's flow named `flowName` (a what-if: another user, another path). */
  readonly flow?: EstateFlow;
}

/**
 * Evaluates a flow hop by hop, as Windows would: the user logs on at the start machine, then each hop picks the
 * first authentication method the service offers that the client side has a credential for; Negotiate asks the
 * KDC for the endpoint's SPN (found → Kerberos; missing or duplicate → KDC_ERR_S_PRINCIPAL_UNKNOWN → NTLM); the
 * service's machine logs the identity on (LsaLogonUser); the level rules decide the impersonation level; and the
 * service ends up holding a forwarded TGT, S4U2Proxy evidence, an S4U2Self ticket, a password, or nothing — which
 * decides how the next hop goes (forwarded TGT, KCD, KCD with protocol transition, RBCD, the password) and who
 * arrives there: the user, the service's own account, ANONYMOUS LOGON, or no one.
 *
 * @remarks
 * Every decision is the lower packages' — `apReqDelegation`, `tgsExchange`, `s4u2self`, `s4u2proxy` (this
 * package's KDC), `lsaLogonUser` and the services' logon sessions (`@doublehop/logon`), `connectionLevel`
 * (`@doublehop/impersonation-levels`), core-token's impersonation check — and each hop's `steps` cite them with
 * their sources. Evaluation stops at the first hop whose intended identity does not arrive; {@link FlowVerdict.whyNot}
 * names that hop, the reason code ({@link WHY_NOT_REASONS}) and the earlier facts that led there. The result is
 * deterministic: it shows no logon IDs, and the same model gives the same verdict byte for byte.
 * @param model - the estate
 * @param flowName - the flow's name (or the name for `options.flow`)
 * @param options - an ad-hoc flow to evaluate instead
 * @returns the verdict
 * @throws TypeError - `evaluateFlow: …` for an unknown flow, user, machine or service
 * @example
 * ```ts
 * import { evaluateFlow, type EstateModel } from '@doublehop/delegation';
 *
 * const estate: EstateModel = {
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [
 *     { kind: 'user', samAccountName: 'alice' },
 *     { kind: 'user', samAccountName: 'svc-web', servicePrincipalNames: ['HTTP/web01.corp.example'], allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'] },
 *     { kind: 'user', samAccountName: 'svc-sql', servicePrincipalNames: ['MSSQLSvc/sql01.corp.example:1433'] },
 *   ],
 *   machines: [{ name: 'WS01', domain: 'corp.example', role: 'workstation' }, { name: 'WEB01', domain: 'corp.example' }, { name: 'SQL01', domain: 'corp.example' }],
 *   services: [
 *     { name: 'web', machine: 'WEB01', runsAs: 'CORP\\svc-web', endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' }, authentication: ['negotiate'], calls: [{ service: 'sql' }] },
 *     { name: 'sql', machine: 'SQL01', runsAs: 'CORP\\svc-sql', endpoint: { serviceClass: 'MSSQLSvc', host: 'sql01.corp.example', port: 1433 }, authentication: ['negotiate'] },
 *   ],
 *   flows: [{ name: 'report', user: 'alice', start: { machine: 'WS01' }, path: ['web', 'sql'] }],
 * };
 * const v = evaluateFlow(estate, 'report');
 * v.reached;                                 // true
 * v.hops.map((h) => h.mechanism);            // ['logon-session', 'kcd']
 * v.hops[1]?.identity.name;                  // 'CORP\\alice'
 * v.hops[1]?.level;                          // 'Impersonation'
 * ```
 * @see MS-SPNG 3.2.5; MS-KILE 3.2.5.1, 3.3.5; MS-SFU 3.2.5; LsaLogonUser; "Impersonation Levels"
 */
export function evaluateFlow(
  model: EstateModel,
  flowName: string,
  options: EvaluateFlowOptions = {},
): FlowVerdict {
  const estate = compileEstate(model, 'evaluateFlow');
  const flow = options.flow ?? estate.flows.get(flowName);
  if (flow === undefined) throw new TypeError(`evaluateFlow: the model has no flow named "${flowName}"`);
  return evaluateCompiledFlow(estate, { ...flow, name: flowName });
}

/** @internal {@link evaluateFlow} over a compiled estate. */
export function evaluateCompiledFlow(estate: CompiledEstate, flow: EstateFlow): FlowVerdict {
  const dir = estate.directory;
  const startMachine = estate.machines.get(flow.start.machine.toUpperCase());
  if (startMachine === undefined)
    throw new TypeError(
      `evaluateFlow: flow ${flow.name} starts on an unknown machine "${flow.start.machine}"`,
    );
  const found = findAccount(dir, flow.user, startMachine.machine.domain ?? undefined);
  if (found === undefined || found.kind === 'group')
    throw new TypeError(`evaluateFlow: flow ${flow.name} has an unknown user "${flow.user}"`);
  const user: PrincipalAccount = found;
  if (flow.path.length === 0) throw new TypeError(`evaluateFlow: flow ${flow.name} has an empty path`);
  const services = flow.path.map((name) => {
    const s = estate.services.get(name);
    if (s === undefined)
      throw new TypeError(`evaluateFlow: flow ${flow.name} crosses an unknown service "${name}"`);
    return s;
  });
  const runtime = runtimeOf(estate);
  const ctx: FlowContext = { runtime, user, causes: [] };
  const userName = displayName(dir, user);
  const participants: DiagramParticipant[] = [
    { id: participantId.client, label: `${userName} on ${startMachine.name}`, kind: 'client' },
  ];
  const messages: DiagramMessage[] = [];
  const hops: HopResult[] = [];

  // The user's logon at the start machine (LsaLogonUser), and the TGT the KDC issues for it.
  const logonType = flow.start.logonType ?? 'Interactive';
  const start = runtime.startLogon(startMachine, userName, logonType, user.password ?? MODEL_PASSWORD);
  messages.push({
    hop: 1,
    from: participantId.client,
    to: participantId.client,
    kind: 'note',
    text: `${logonType} logon of ${userName} on ${startMachine.name}`,
  });

  let outcome: HopOutcome;
  let identity: CarriedIdentity | null = { account: user, name: userName, isUser: true };
  if (!start.ok) {
    outcome = startRefused(start.error);
  } else {
    const first = services[0] as CompiledService;
    outcome = evaluateHop(ctx, {
      hop: 1,
      client: { kind: 'user', machine: startMachine },
      from: startMachine.name,
      target: first,
      as: 'caller',
      request: flow.request ?? 'delegate',
      identity,
      noIdentity: null,
    });
  }
  record(outcome, services[0] as CompiledService);
  for (let i = 1; i < services.length && outcome.result.outcome === 'reached'; i++) {
    const caller = services[i - 1] as CompiledService;
    const target = services[i] as CompiledService;
    const call = callTo(caller, target);
    if (call === undefined) {
      outcome = noCall(i + 1, caller, target);
      record(outcome, target);
      break;
    }
    const carrier = outcome.carrier as Carrier;
    const carried = outcome.identity as CarriedIdentity;
    let client: ClientSide;
    let presents: CarriedIdentity | null;
    let noIdentity = null;
    const self = call.as === 'self' || (call.as === 'caller' && !caller.impersonates);
    if (self) {
      client = { kind: 'self', service: caller };
      const key = caller.keyAccount;
      presents =
        caller.networkIdentity === 'anonymous' || key === null
          ? null
          : { account: key, name: displayName(dir, key), isUser: key === user };
      if (presents === null)
        noIdentity = cause(
          i + 1,
          'local-service-anonymous',
          `${caller.name} runs as ${caller.def.runsAs}, which presents anonymous credentials on the network`,
        );
    } else {
      client = { kind: 'caller', service: caller, carrier };
      presents = carrier.kind === 'none' ? null : carried;
      if (carrier.kind === 'none') noIdentity = carrier.cause;
    }
    identity = presents;
    outcome = evaluateHop(ctx, {
      hop: i + 1,
      client,
      from: caller.name,
      target,
      as: call.as,
      request: call.request,
      identity,
      noIdentity,
    });
    if (call.as === 'caller' && !caller.impersonates && outcome.result.outcome === 'reached') {
      outcome = {
        ...outcome,
        result: Object.freeze({
          ...outcome.result,
          outcome: 'service',
          reason: 'service-does-not-impersonate',
        }),
      };
    }
    record(outcome, target);
  }

  const reached = hops.length === services.length && hops.every((h) => h.outcome === 'reached');
  const last = hops.at(-1) as HopResult;
  const whyNot: WhyNot | null = reached ? null : whyNotOf(last);
  return Object.freeze({
    flow: flow.name,
    user: userName,
    start: startMachine.name,
    path: Object.freeze([...flow.path]),
    reached,
    hops: Object.freeze(hops),
    whyNot,
    diagram: Object.freeze({ participants: Object.freeze(participants), messages: Object.freeze(messages) }),
  });

  function record(o: HopOutcome, target: CompiledService): void {
    hops.push(o.result);
    for (const m of o.messages) {
      appear(m.from, target);
      appear(m.to, target);
      messages.push(m);
    }
  }

  /** Adds a participant to the diagram the first time a message names it. */
  function appear(id: string, target: CompiledService): void {
    for (const p of participants) if (p.id === id) return;
    if (id.startsWith('kdc_')) {
      const domain = dir.domains.find((d) => participantId.kdc(d.dnsName) === id);
      participants.push({ id, label: `KDC ${domain?.dnsName ?? id.slice(4)}`, kind: 'kdc' });
    } else if (id === participantId.service(target.name)) {
      participants.push({ id, label: `${target.name} (${target.machine.name})`, kind: 'service' });
    } else {
      const s = [...estate.services.values()].find((x) => participantId.service(x.name) === id);
      participants.push({
        id,
        label: s === undefined ? id : `${s.name} (${s.machine.name})`,
        kind: 'service',
      });
    }
  }

  function whyNotOf(h: HopResult): WhyNot {
    const reason = h.reason ?? 'kdc-refused';
    const info = WHY_NOT_REASONS[reason];
    const earlier = ctx.causes.filter((c) => !(c.hop === h.hop && c.reason === reason));
    const last = [...h.steps].reverse().find((s) => s.outcome === 'refused');
    return Object.freeze({
      hop: h.hop,
      service: h.to,
      reason,
      rule: info.origin.rule,
      source: info.source,
      message: `${h.from} → ${h.to}: ${info.summary}${last === undefined ? '' : ` (${last.detail})`}`,
      causes: Object.freeze(earlier),
    });
  }

  function startRefused(
    error: {
      readonly code: string;
      readonly message: string;
      readonly reason: string;
      readonly rule: string;
    } & Parameters<typeof logonRefusalReason>[0],
  ): HopOutcome {
    const reason = logonRefusalReason(error);
    const first = services[0] as CompiledService;
    return {
      result: Object.freeze({
        hop: 1,
        from: startMachine?.name ?? '',
        to: first.name,
        machine: first.machine.name,
        as: 'caller',
        presents: userName,
        spn: null,
        spnLookup: 'not-attempted',
        spnAccount: null,
        authentication: null,
        protocol: null,
        mechanism: 'logon-session',
        tickets: Object.freeze([]),
        logon: null,
        level: null,
        identity: Object.freeze({ kind: 'refused', name: null, sid: null }),
        outcome: 'refused',
        onward: 'none',
        reason,
        steps: Object.freeze([
          Object.freeze({
            origin: '@doublehop/logon',
            rule: error.reason,
            source: error.rule,
            outcome: 'refused',
            detail: `${userName} cannot log on to ${startMachine?.name}: ${error.code} (${error.message})`,
          }),
        ]),
      }),
      carrier: null,
      identity: null,
      messages: [],
    };
  }

  function noCall(hop: number, caller: CompiledService, target: CompiledService): HopOutcome {
    return {
      result: Object.freeze({
        hop,
        from: caller.name,
        to: target.name,
        machine: target.machine.name,
        as: 'caller',
        presents: null,
        spn: null,
        spnLookup: 'not-attempted',
        spnAccount: null,
        authentication: null,
        protocol: null,
        mechanism: 'none',
        tickets: Object.freeze([]),
        logon: null,
        level: null,
        identity: Object.freeze({ kind: 'refused', name: null, sid: null }),
        outcome: 'refused',
        onward: 'none',
        reason: 'no-call',
        steps: Object.freeze([
          Object.freeze({
            origin: 'estate',
            rule: 'flow.call',
            source: WHY_NOT_REASONS['no-call'].source,
            outcome: 'refused',
            detail: `${caller.name} does not call ${target.name}`,
          }),
        ]),
      }),
      carrier: null,
      identity: null,
      messages: [],
    };
  }
}

/**
 * The caller's call to the target; an index loop, as V8 has no fast path for `.find()` or for…of over frozen
 * arrays such as `calls`.
 */
function callTo(
  caller: CompiledService,
  target: CompiledService,
): CompiledService['calls'][number] | undefined {
  const { calls } = caller;
  for (let i = 0; i < calls.length; i++) if (calls[i]?.service === target.name) return calls[i];
  return undefined;
}
