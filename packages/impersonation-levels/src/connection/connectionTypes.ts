import type { ImpersonationCheckResult, ImpersonationLevel, Token } from '@doublehop/core-token';
import type { KerberosDelegationReason } from '../kerberosDelegationDecision.js';
import type { NegotiatedProtocol } from '../protocol.js';
import type { ClientRequest } from '../request/clientRequest.js';
import type { RequestReasonCode } from '../request/requestedLevel.js';

/**
 * Why a connection's level moved, as stable codes: the request's ({@link RequestReasonCode}), the Kerberos
 * client's ({@link KerberosDelegationReason}), and these:
 *
 * - `'local-ntlm-delegation'` — NTLM to a server on the same computer keeps Delegation (the server gets the
 *   client's own logon session, with its credentials).
 * - `'basic-password'` — HTTP Basic: the server has the password and logs the user on itself.
 * - `'credssp-credentials'` — CredSSP delegated the user's credentials to the server.
 * - `'anonymous-authentication'` — no authentication: the server sees NT AUTHORITY\ANONYMOUS LOGON.
 * - `'no-impersonate-privilege'` — the server process may not impersonate at this level: core-token's
 *   impersonation check silently downgraded it to Identification.
 */
export type ConnectionReasonCode =
  | RequestReasonCode
  | KerberosDelegationReason
  | 'local-ntlm-delegation'
  | 'basic-password'
  | 'credssp-credentials'
  | 'anonymous-authentication'
  | 'no-impersonate-privilege';

/**
 * One step of a connection's story: the rule that fired, the level it left the connection at, and its source.
 *
 * @example
 * ```ts
 * import type { LevelReason } from '@doublehop/impersonation-levels';
 *
 * const r: LevelReason = { code: 'ntlm-cannot-delegate', level: 'Impersonation', source: 'MS-NLMP 1.3' };
 * ```
 */
export interface LevelReason {
  /** The rule, as a stable code. */
  readonly code: ConnectionReasonCode;
  /** The level after this step. */
  readonly level: ImpersonationLevel;
  /** Where the rule is documented. */
  readonly source: string;
  /** Extra detail, such as the impersonation check's rule (`'differentUser'`). */
  readonly detail?: string;
}

/**
 * What the server's logon session for this client holds to authenticate *onward* as the client:
 * `'none'` (a Kerberos or NTLM network logon — the double hop fails), `'forwarded-tgt'` (unconstrained
 * delegation), `'password'` (Basic, CredSSP), or `'logon-session'` (a local connection: the client's own
 * session and its credentials).
 */
export type OnwardCredentials = 'none' | 'forwarded-tgt' | 'password' | 'logon-session';

/**
 * The connection machine's context: what has happened so far.
 *
 * @example
 * ```ts
 * import { initialTransition } from 'xstate';
 * import { connectionMachine } from '@doublehop/impersonation-levels';
 *
 * const [start] = initialTransition(connectionMachine);
 * start.context.phase; // 'negotiation'
 * ```
 */
export interface ConnectionContext {
  /** Which events have been taken: they come in this order, each once. */
  readonly phase: 'negotiation' | 'requested' | 'authenticated' | 'impersonated';
  /** The level the client allows, once it has asked. */
  readonly requested: ImpersonationLevel | null;
  /** Client and server on the same machine. */
  readonly local: boolean;
  /** The negotiated protocol, once authenticated. */
  readonly protocol: NegotiatedProtocol | null;
  /** Whom the server sees: the client, or NT AUTHORITY\ANONYMOUS LOGON. */
  readonly identity: 'client' | 'anonymous-logon';
  /** What the server's logon session for the client can authenticate onward with. */
  readonly onward: OnwardCredentials;
  /** Every rule that fired, in order. */
  readonly reasons: readonly LevelReason[];
  /** core-token's impersonation check, once the server impersonated. */
  readonly impersonationCheck: ImpersonationCheckResult | null;
}

/**
 * The connection machine's events, in the order a connection produces them.
 *
 * - `'client.request'` — the client's code asks for a level (`local`: same machine; default `false`).
 * - `'connection.authenticate'` — the handshake completes with a protocol; for Kerberos, the service ticket's
 *   OK-AS-DELEGATE, the TGT's FORWARDABLE flag and Credential Guard on the client (defaults `false`, `true`,
 *   `false`).
 * - `'server.impersonate'` — a server thread impersonates the client: `server` is the process (primary) token,
 *   `client` the token LSA built for the client (default: a plain domain user's network logon).
 *
 * @example
 * ```ts
 * import type { ConnectionEvent } from '@doublehop/impersonation-levels';
 *
 * const e: ConnectionEvent = { type: 'connection.authenticate', protocol: 'negotiate-ntlm' };
 * ```
 */
export type ConnectionEvent =
  | {
      readonly type: 'client.request';
      readonly request: ClientRequest;
      readonly local?: boolean;
    }
  | {
      readonly type: 'connection.authenticate';
      readonly protocol: NegotiatedProtocol;
      readonly okAsDelegate?: boolean;
      readonly tgtForwardable?: boolean;
      readonly credentialGuard?: boolean;
    }
  | {
      readonly type: 'server.impersonate';
      readonly server: Token;
      readonly client?: Token;
      readonly uacEnabled?: boolean;
    };
