import {
  type ImpersonationCheckResult,
  type ImpersonationLevel,
  impersonationCheck,
  sid,
  type Token,
  token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { kerberosDelegationDecision } from '../kerberosDelegationDecision.js';
import { isNtlm } from '../protocol.js';
import { requestedLevel } from '../request/requestedLevel.js';
import type { ConnectionContext, ConnectionEvent } from './connectionTypes.js';

/** What xstate passes a guard or an action of the connection machine. */
export interface ConnectionArgs {
  readonly context: ConnectionContext;
  readonly event: ConnectionEvent;
}

type EventOf<T extends ConnectionEvent['type']> = Extract<ConnectionEvent, { type: T }>;

function is<T extends ConnectionEvent['type']>(event: ConnectionEvent, type: T): event is EventOf<T> {
  return event.type === type;
}

/** The level the client's request amounts to (requestedLevel), or `null` for another event. */
export function requestOf(event: ConnectionEvent) {
  return is(event, 'client.request') ? requestedLevel(event.request, event.local ?? false) : null;
}

/** The client's Kerberos SSP's decision for a `'connection.authenticate'` event that asks for delegation. */
export function delegationOf(event: EventOf<'connection.authenticate'>) {
  return kerberosDelegationDecision({
    requested: true,
    okAsDelegate: event.okAsDelegate ?? false,
    tgtForwardable: event.tgtForwardable ?? true,
    credentialGuard: event.credentialGuard ?? false,
    protocol: event.protocol,
  });
}

/** A plain domain user's network logon: the client token when the event names none. */
const DEFAULT_CLIENT: Token = token({
  user: sid('S-1-5-21-1004336348-1177238915-682003330-1104'),
  groups: [
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.NETWORK.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
  ],
  source: { name: 'Kerberos', identifier: 0 },
});

/** NT AUTHORITY\ANONYMOUS LOGON's token, in the ANONYMOUS LOGON session (0x3e6). */
const ANONYMOUS_CLIENT: Token = token({
  user: WELL_KNOWN_SIDS.ANONYMOUS_LOGON.sid,
  groups: [WELL_KNOWN_SIDS.EVERYONE.sid, WELL_KNOWN_SIDS.NETWORK.sid],
  authenticationId: 0x3e6,
});

/**
 * core-token's impersonation check for a `'server.impersonate'` event: the server's process token against
 * the client's token at the connection's level. A Basic logon was made by the server itself (LogonUser), so
 * the token's origin is the server's logon session.
 */
export function impersonationOf(
  context: ConnectionContext,
  event: EventOf<'server.impersonate'>,
): ImpersonationCheckResult {
  // A transition asks twice — the guard, then the action — with the same context and event.
  if (last !== undefined && last.context === context && last.event === event) return last.check;
  const check = checkImpersonation(context, event);
  last = { context, event, check };
  return check;
}

let last:
  | {
      readonly context: ConnectionContext;
      readonly event: EventOf<'server.impersonate'>;
      readonly check: ImpersonationCheckResult;
    }
  | undefined;

function checkImpersonation(
  context: ConnectionContext,
  event: EventOf<'server.impersonate'>,
): ImpersonationCheckResult {
  const level = currentLevel(context);
  const base = context.identity === 'anonymous-logon' ? ANONYMOUS_CLIENT : (event.client ?? DEFAULT_CLIENT);
  const origin = context.protocol === 'basic' ? event.server.authenticationId : base.origin;
  // Usually LSA's token already is the impersonation token at this level: then it is checked as it is.
  const same = base.type === 'impersonation' && base.impersonationLevel === level && base.origin === origin;
  const candidate: Token = same
    ? base
    : Object.freeze({ ...base, type: 'impersonation', impersonationLevel: level, origin });
  return impersonationCheck(event.server, candidate, { uacEnabled: event.uacEnabled ?? true });
}

/** The level the connection is at: the last reason's. */
export function currentLevel(context: ConnectionContext): ImpersonationLevel {
  return context.reasons.at(-1)?.level ?? 'Impersonation';
}

/**
 * The connection machine's guards: small pure predicates over the context and the event, named in the
 * machine's config. Each calls the rule it needs from this package, core-token or logon.
 */
export const connectionGuards = {
  /** The request amounts to Anonymous. */
  requestsAnonymous: ({ event }: ConnectionArgs) => requestOf(event)?.level === 'Anonymous',
  /** The request amounts to Identification. */
  requestsIdentification: ({ event }: ConnectionArgs) => requestOf(event)?.level === 'Identification',
  /** The request amounts to Delegation. */
  requestsDelegation: ({ event }: ConnectionArgs) => requestOf(event)?.level === 'Delegation',
  /** The client has asked and the handshake result is due. */
  awaitingAuthentication: ({ context, event }: ConnectionArgs) =>
    context.phase === 'requested' && is(event, 'connection.authenticate'),
  /** No authentication took place. */
  anonymousProtocol: ({ event }: ConnectionArgs) =>
    is(event, 'connection.authenticate') && event.protocol === 'anonymous',
  /** The server received the password (Basic, CredSSP). */
  passwordProtocol: ({ event }: ConnectionArgs) =>
    is(event, 'connection.authenticate') && (event.protocol === 'basic' || event.protocol === 'credssp'),
  /** NTLM between two processes of the same computer. */
  localNtlm: ({ context, event }: ConnectionArgs) =>
    context.local && is(event, 'connection.authenticate') && isNtlm(event.protocol),
  /** The client's Kerberos SSP forwards its TGT (kerberosDelegationDecision). */
  tgtForwarded: ({ event }: ConnectionArgs) =>
    is(event, 'connection.authenticate') && delegationOf(event).forwardedTgt,
  /** The connection is authenticated and a server thread now impersonates the client. */
  awaitingImpersonation: ({ context, event }: ConnectionArgs) =>
    context.phase === 'authenticated' && is(event, 'server.impersonate'),
  /** core-token's impersonation check downgrades the level to Identification. */
  impersonationDowngraded: ({ context, event }: ConnectionArgs) =>
    is(event, 'server.impersonate') && impersonationOf(context, event).downgraded,
} as const;
