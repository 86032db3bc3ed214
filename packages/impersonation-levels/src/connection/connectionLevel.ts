import type { ImpersonationCheckResult, ImpersonationLevel, Token } from '@doublehop/core-token';
import {
  type AnyActorScope,
  createActor,
  type EventFromLogic,
  initialTransition,
  type SnapshotFrom,
} from 'xstate';
import type { NegotiatedProtocol } from '../protocol.js';
import type { ClientRequest } from '../request/clientRequest.js';
import { impersonationOf } from './connectionGuards.js';
import { connectionMachine } from './connectionMachine.js';
import type { LevelReason, OnwardCredentials } from './connectionTypes.js';

/**
 * Everything {@link connectionLevel} needs about one connection.
 *
 * @example
 * ```ts
 * import type { ConnectionInput } from '@doublehop/impersonation-levels';
 *
 * const sqlFromIis: ConnectionInput = {
 *   request: { api: 'sspi', flags: [] }, protocol: 'kerberos',
 * };
 * ```
 */
export interface ConnectionInput {
  /** What the client's code asked for. */
  readonly request: ClientRequest;
  /** Client and server on the same machine; default `false`. */
  readonly local?: boolean;
  /** The negotiated protocol. */
  readonly protocol: NegotiatedProtocol;
  /** The service ticket's OK-AS-DELEGATE flag; default `false`. */
  readonly okAsDelegate?: boolean;
  /** The client's TGT is FORWARDABLE; default `true`. */
  readonly tgtForwardable?: boolean;
  /** Credential Guard on the client; default `false`. */
  readonly credentialGuard?: boolean;
  /** The server's process (primary) token; omit to skip the server-side impersonation check. */
  readonly server?: Token;
  /** The client's token as LSA built it; default a plain domain user's network logon. */
  readonly client?: Token;
  /** UAC on the server; default `true`. */
  readonly uacEnabled?: boolean;
}

/**
 * The answer of {@link connectionLevel}.
 *
 * @example
 * ```ts
 * import type { ConnectionLevel } from '@doublehop/impersonation-levels';
 *
 * const canGoOnward = (c: ConnectionLevel) => c.level === 'Delegation' && c.identity === 'client';
 * ```
 */
export interface ConnectionLevel {
  /** The level the server ends up with (the machine's final state). */
  readonly level: ImpersonationLevel;
  /** Whom the server sees: the client, or NT AUTHORITY\ANONYMOUS LOGON. */
  readonly identity: 'client' | 'anonymous-logon';
  /** The most the client allowed. */
  readonly requested: ImpersonationLevel;
  /** What the server's logon session for the client can authenticate onward with. */
  readonly onward: OnwardCredentials;
  /** Every rule that fired, in order, with its source; the last one explains the level. */
  readonly reasons: readonly LevelReason[];
  /** core-token's impersonation check on the server process, or `null` without `server`. */
  readonly impersonationCheck: ImpersonationCheckResult | null;
}

const LEVELS: Readonly<Record<string, ImpersonationLevel>> = {
  anonymous: 'Anonymous',
  identification: 'Identification',
  impersonation: 'Impersonation',
  delegation: 'Delegation',
};

type Snapshot = SnapshotFrom<typeof connectionMachine>;
type Event = EventFromLogic<typeof connectionMachine>;

let cached: { readonly initial: Snapshot; readonly scope: AnyActorScope } | undefined;

/**
 * xstate's pure `transition()` builds a throw-away actor scope for every call, which costs more than the
 * decision itself. The connection machine has only `assign` actions (resolved inside the transition) and no
 * children, delays or emitted events, so one inert scope serves every call: this is `transition()` without the
 * allocation. The test suite checks it against `transition()` on random connections.
 */
function pure(): { readonly initial: Snapshot; readonly scope: AnyActorScope } {
  if (cached === undefined) {
    const self = createActor(connectionMachine);
    const scope: AnyActorScope = {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      actionExecutor: () => {},
    };
    cached = { initial: initialTransition(connectionMachine)[0], scope };
  }
  return cached;
}

function step(snapshot: Snapshot, event: Event): Snapshot {
  return connectionMachine.transition(snapshot, event, pure().scope);
}

/**
 * The machine is pure and snapshots are immutable, so for an event that carries only plain values (the
 * request, the handshake facts — not tokens) the snapshot it leads to is the machine's own earlier answer,
 * looked up by the snapshot it starts from and a key made of every field of the event — or, for
 * `'server.impersonate'`, of the impersonation check its tokens lead to. After the first time, a connection's
 * steps come from here.
 */
const answers = new WeakMap<Snapshot, Map<string, Snapshot>>();

function plainStep(snapshot: Snapshot, key: string, event: () => Event): Snapshot {
  let known = answers.get(snapshot);
  if (known === undefined) {
    known = new Map();
    answers.set(snapshot, known);
  }
  let next = known.get(key);
  if (next === undefined) {
    next = step(snapshot, event());
    known.set(key, next);
  }
  return next;
}

/** A request's JSON: kept for a (deeply) frozen request, which callers that use constants pass. */
const requestKeys = new WeakMap<ClientRequest, string>();

function requestKey(request: ClientRequest): string {
  let key = requestKeys.get(request);
  if (key === undefined) {
    key = JSON.stringify(request);
    const frozen =
      Object.isFrozen(request) &&
      Object.values(request).every((v) => typeof v !== 'object' || v === null || Object.isFrozen(v));
    if (frozen) requestKeys.set(request, key);
  }
  return key;
}

/**
 * What level a server ends up with for one authenticated connection, and why — by running
 * {@link connectionMachine} through xstate's pure transition function: no running actor, no side effect.
 *
 * @param input - the request, the protocol, the ticket facts and the server's process token
 * @returns the level, whom the server sees, what it can go onward with, and every reason with its source
 * @example
 * ```ts
 * import { sid, token } from '@doublehop/core-token';
 * import { connectionLevel } from '@doublehop/impersonation-levels';
 *
 * const iis = token({ user: sid('S-1-5-82-1'), type: 'primary', privileges: ['SeImpersonatePrivilege'] });
 * const browser = { request: { api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] }, server: iis } as const;
 * connectionLevel({ ...browser, protocol: 'kerberos', okAsDelegate: true }).level; // 'Delegation'
 * connectionLevel({ ...browser, protocol: 'negotiate-ntlm' }).reasons.at(-1)?.code; // 'ntlm-cannot-delegate'
 * const app = token({ user: sid('S-1-5-21-1-2-3-2001'), type: 'primary' });
 * connectionLevel({ ...browser, protocol: 'kerberos', server: app }).level; // 'Identification'
 * ```
 * @see Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels;
 * MS-KILE 3.2.5.1; ImpersonateLoggedOnUser remarks
 */
export function connectionLevel(input: ConnectionInput): ConnectionLevel {
  const { request, local, protocol, okAsDelegate, tgtForwardable, credentialGuard } = input;
  let s = plainStep(pure().initial, `${requestKey(request)} ${local}`, () => ({
    type: 'client.request',
    request,
    ...(local === undefined ? {} : { local }),
  }));
  s = plainStep(s, `${protocol} ${okAsDelegate} ${tgtForwardable} ${credentialGuard}`, () => ({
    type: 'connection.authenticate',
    protocol,
    okAsDelegate: okAsDelegate ?? false,
    tgtForwardable: tgtForwardable ?? true,
    credentialGuard: credentialGuard ?? false,
  }));
  if (input.server !== undefined) {
    const event: Extract<Event, { type: 'server.impersonate' }> = {
      type: 'server.impersonate',
      server: input.server,
      ...(input.client === undefined ? {} : { client: input.client }),
      ...(input.uacEnabled === undefined ? {} : { uacEnabled: input.uacEnabled }),
    };
    // The machine reads the tokens only through core-token's impersonation check (its guards and its action
    // call impersonationOf): the snapshot it leads to is the one it gave before for an equal check. The check
    // is made here once — the guard and the action find it — and the machine runs only for a check not seen.
    const check = impersonationOf(s.context, event);
    s = plainStep(s, `${check.level} ${check.downgraded} ${check.rule} ${check.source}`, () => event);
  }
  const { context } = s;
  return {
    level: LEVELS[String(s.value)] ?? 'Anonymous',
    identity: context.identity,
    requested: context.requested ?? 'Anonymous',
    onward: context.onward,
    reasons: context.reasons,
    impersonationCheck: context.impersonationCheck,
  };
}
