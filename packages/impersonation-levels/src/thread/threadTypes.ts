import type {
  AccessMask,
  DuplicateTokenError,
  ImpersonationCheckResult,
  ImpersonationLevel,
  ObjectTypeKey,
  OpenError,
  OpenThreadTokenError,
  SecurityDescriptor,
  Token,
  Win32Error,
} from '@doublehop/core-token';
import type { LogonSession, NetworkIdentity } from '@doublehop/logon';

/**
 * Why an outbound connection goes out as whom:
 *
 * - `'process-identity'` — the thread is not impersonating: the service's own account (logon's
 *   `networkIdentity`: the account, the computer account `DOMAIN\MACHINE$`, or ANONYMOUS LOGON for LOCAL SERVICE).
 * - `'forwarded-tgt'` — Delegation level with the client's forwarded TGT (unconstrained delegation).
 * - `'constrained-delegation'` — a service ticket to that service in the client's name (S4U2proxy).
 * - `'session-credentials'` — the impersonated logon session holds the password (Basic, CredSSP, LogonUser).
 * - `'ntlm-double-hop'` — a network logon holds nothing to authenticate with: the connection goes out as
 *   NT AUTHORITY\ANONYMOUS LOGON.
 * - `'level-below-delegation'` — the session holds a forwarded TGT but the thread's token is below Delegation
 *   (duplicated down): SecurityImpersonation "cannot impersonate the client when communicating with services on
 *   remote systems", so it goes out as ANONYMOUS LOGON.
 */
export type RemoteReasonCode =
  | 'process-identity'
  | 'forwarded-tgt'
  | 'constrained-delegation'
  | 'session-credentials'
  | 'ntlm-double-hop'
  | 'level-below-delegation';

/**
 * Whom a remote server sees when the thread connects to it.
 *
 * @example
 * ```ts
 * import type { RemoteIdentity } from '@doublehop/impersonation-levels';
 *
 * const seen = (r: RemoteIdentity) => `Login failed for user '${r.name}'.`;
 * ```
 */
export interface RemoteIdentity {
  /** The name the remote server logs: `CORP\billy`, `CORP\WEB01$`, `NT AUTHORITY\ANONYMOUS LOGON`. */
  readonly name: string;
  /** logon's {@link NetworkIdentity} of the credentials used. */
  readonly network: NetworkIdentity;
  /** Whether the thread went as the client it impersonates (not as itself, not anonymously). */
  readonly asClient: boolean;
  /** Why. */
  readonly reason: RemoteReasonCode;
  /** Where the rule is documented. */
  readonly source: string;
}

/** The error an outbound connection fails with: a thread impersonating below Impersonation can open nothing. */
export type RemoteConnectError = Win32Error<'ERROR_BAD_IMPERSONATION_LEVEL'>;

/**
 * The outcome of the thread's last operation, as a value (`ok` or an `error` with its Win32 name).
 *
 * @example
 * ```ts
 * import type { ThreadOutcome } from '@doublehop/impersonation-levels';
 *
 * const failed = (o: ThreadOutcome) => !o.ok && o.error.code === 'ERROR_BAD_IMPERSONATION_LEVEL';
 * ```
 */
export type ThreadOutcome =
  | {
      readonly operation: 'thread.impersonate' | 'token.duplicate';
      readonly ok: true;
      readonly check: ImpersonationCheckResult;
    }
  | {
      readonly operation: 'token.duplicate';
      readonly ok: false;
      readonly error: OpenThreadTokenError | OpenError | DuplicateTokenError;
    }
  | { readonly operation: 'thread.revert' | 'ticket.obtain'; readonly ok: true }
  | { readonly operation: 'ticket.obtain'; readonly ok: false; readonly error: OpenThreadTokenError }
  | { readonly operation: 'object.open'; readonly ok: true; readonly grantedAccess: AccessMask }
  | { readonly operation: 'object.open'; readonly ok: false; readonly error: OpenError }
  | { readonly operation: 'remote.connect'; readonly ok: true; readonly remote: RemoteIdentity }
  | { readonly operation: 'remote.connect'; readonly ok: false; readonly error: RemoteConnectError };

/**
 * What the thread is impersonating: the token (at the level it really got), the logon session that holds the
 * client's onward credentials (`null`: a network logon's, holding none), and the constrained-delegation
 * tickets obtained for it.
 */
export interface ThreadImpersonation {
  /** The thread's impersonation token. */
  readonly token: Token;
  /** The client's logon session, or `null`. */
  readonly session: LogonSession | null;
  /** SPNs a constrained-delegation ticket was obtained for, in the client's name. */
  readonly tickets: readonly string[];
}

/**
 * The thread machine's context.
 *
 * @example
 * ```ts
 * import type { ThreadContext } from '@doublehop/impersonation-levels';
 *
 * const impersonating = (c: ThreadContext) => c.impersonation !== null;
 * ```
 */
export interface ThreadContext {
  /** The process's logon session; its token is the process (primary) token. */
  readonly session: LogonSession;
  /** UAC on (the impersonation check's elevated-token rule). */
  readonly uacEnabled: boolean;
  /** The impersonation, or `null` while the thread acts as its process. */
  readonly impersonation: ThreadImpersonation | null;
  /** The outcome of the last operation, or `null` before any. */
  readonly last: ThreadOutcome | null;
}

/**
 * What the thread machine starts from: the service's logon session (its token is the process token) and
 * whether UAC is on (default `true`).
 *
 * @example
 * ```ts
 * import type { ThreadInput } from '@doublehop/impersonation-levels';
 *
 * const input = (session: ThreadInput['session']): ThreadInput => ({ session });
 * ```
 */
export interface ThreadInput {
  /** The process's logon session. */
  readonly session: LogonSession;
  /** UAC on; default `true`. */
  readonly uacEnabled?: boolean;
}

/**
 * The thread machine's events:
 *
 * - `'thread.impersonate'` — ImpersonateLoggedOnUser / ImpersonateSecurityContext with the client's token
 *   (`session`: its logon session, for onward credentials; omit for a network logon, which holds none).
 * - `'token.duplicate'` — OpenThreadToken (as self) + DuplicateTokenEx at `level` + impersonate the duplicate.
 * - `'thread.revert'` — RevertToSelf.
 * - `'object.open'` — open a local object (a file by default) for `desiredAccess`.
 * - `'ticket.obtain'` — the delegation package obtained, through constrained delegation (S4U2proxy), a ticket
 *   to `service` in the impersonated client's name.
 * - `'remote.connect'` — connect to `service` on another machine, with whatever credentials the thread has.
 *
 * @example
 * ```ts
 * import type { ThreadEvent } from '@doublehop/impersonation-levels';
 *
 * const toSql: ThreadEvent = { type: 'remote.connect', service: 'MSSQLSvc/sql01.corp.example:1433' };
 * ```
 */
export type ThreadEvent =
  | { readonly type: 'thread.impersonate'; readonly token: Token; readonly session?: LogonSession }
  | { readonly type: 'token.duplicate'; readonly level: ImpersonationLevel }
  | { readonly type: 'thread.revert' }
  | {
      readonly type: 'object.open';
      readonly securityDescriptor: SecurityDescriptor;
      readonly desiredAccess: AccessMask;
      readonly objectType?: ObjectTypeKey;
    }
  | { readonly type: 'ticket.obtain'; readonly service: string }
  | { readonly type: 'remote.connect'; readonly service: string };
