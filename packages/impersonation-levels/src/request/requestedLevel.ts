import type { ImpersonationLevel } from '@doublehop/core-token';
import { SOURCES } from '../sources.js';
import { type ClientRequest, RPC_LEVELS, SQOS_LEVELS } from './clientRequest.js';

/**
 * Why the client's request amounts to the level it does:
 *
 * - `'client-requested-anonymous'`, `'client-requested-identify'`, `'client-requested-impersonate'`,
 *   `'client-requested-delegate'` — the client named the level (an ISC_REQ_* flag, an RPC_C_IMP_LEVEL_*
 *   constant, a SECURITY_* flag).
 * - `'api-default'` — the client said nothing and the API's default applies: Impersonation for SSPI and for
 *   named pipes without SECURITY_SQOS_PRESENT, the machine's DCOM default for RPC_C_IMP_LEVEL_DEFAULT.
 * - `'delegate-needs-mutual-auth'` — ISC_REQ_DELEGATE without ISC_REQ_MUTUAL_AUTH does not work.
 * - `'anonymous-promoted-to-identify'` — RPC_C_IMP_LEVEL_ANONYMOUS over a remote transport.
 * - `'remote-pipe-flags-ignored'` — a remote named pipe: the redirector authenticates, the CreateFile flags
 *   are ignored, and the server's delegation setting decides.
 */
export type RequestReasonCode =
  | 'client-requested-anonymous'
  | 'client-requested-identify'
  | 'client-requested-impersonate'
  | 'client-requested-delegate'
  | 'api-default'
  | 'delegate-needs-mutual-auth'
  | 'anonymous-promoted-to-identify'
  | 'remote-pipe-flags-ignored';

/**
 * The level a client's request amounts to, why, and where the rule is documented.
 *
 * @example
 * ```ts
 * import type { RequestedLevel } from '@doublehop/impersonation-levels';
 *
 * const r: RequestedLevel = { level: 'Identification', code: 'client-requested-identify', source: 'ISC_REQ_IDENTIFY' };
 * ```
 */
export interface RequestedLevel {
  /** The most the client allows. */
  readonly level: ImpersonationLevel;
  /** The rule that decided. */
  readonly code: RequestReasonCode;
  /** Where it is documented. */
  readonly source: string;
}

const CLIENT_CODES: Readonly<Record<ImpersonationLevel, RequestReasonCode>> = {
  Anonymous: 'client-requested-anonymous',
  Identification: 'client-requested-identify',
  Impersonation: 'client-requested-impersonate',
  Delegation: 'client-requested-delegate',
};

const requested = (level: ImpersonationLevel, code: RequestReasonCode, source: string): RequestedLevel =>
  Object.freeze({ level, code, source });

/**
 * The most a client allows the server to do with its identity, from what its code asked for — and each API's
 * default when it asked for nothing.
 *
 * @remarks
 * - **SSPI** (InitializeSecurityContext): ISC_REQ_IDENTIFY → Identification (it wins over ISC_REQ_DELEGATE: the
 *   context "will only be used to identify"); ISC_REQ_DELEGATE → Delegation, but only together with
 *   ISC_REQ_MUTUAL_AUTH ("must be set for this flag to work"); neither → Impersonation.
 * - **RPC / DCOM**: RPC_C_IMP_LEVEL_ANONYMOUS is "only supported over the local interprocess communication
 *   transport. All other transports silently promote this level to identify"; RPC_C_IMP_LEVEL_DEFAULT lets
 *   DCOM's blanket negotiation choose — the machine-wide default, Identify ("the system default level")
 *   unless changed.
 * - **Named pipes** (CreateFile): without SECURITY_SQOS_PRESENT the server impersonates at
 *   SecurityImpersonation; with it, the SECURITY_* flag decides (SECURITY_ANONYMOUS is 0, so
 *   SECURITY_SQOS_PRESENT alone means Anonymous). When the pipe is **remote**, "the flags passed to CreateFile
 *   to set the impersonation level are ignored": the redirector authenticates, and the client gets Delegation
 *   exactly when the server is trusted for delegation — modelled as a request for Delegation that
 *   {@link kerberosDelegationDecision} then grants or refuses.
 *
 * @param request - what the client's code asked for
 * @param local - whether client and server are on the same machine (ncalrpc, a local pipe); default `false`
 * @returns the level, the rule and its source
 * @example
 * ```ts
 * import { requestedLevel } from '@doublehop/impersonation-levels';
 *
 * requestedLevel({ api: 'sspi', flags: [] }).level; // 'Impersonation'
 * requestedLevel({ api: 'sspi', flags: ['ISC_REQ_DELEGATE'] }).code; // 'delegate-needs-mutual-auth'
 * requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_DEFAULT' }).level; // 'Identification'
 * requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_ANONYMOUS' }).code; // 'anonymous-promoted-to-identify'
 * requestedLevel({ api: 'named-pipe', sqos: null }, true).level; // 'Impersonation'
 * requestedLevel({ api: 'named-pipe', sqos: 'SECURITY_IDENTIFICATION' }).code; // 'remote-pipe-flags-ignored'
 * ```
 * @see InitializeSecurityContext (Kerberos), https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--kerberos;
 * Impersonation Levels (COM), https://learn.microsoft.com/windows/win32/com/impersonation-levels;
 * Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels;
 * Impersonating a Named Pipe Client, https://learn.microsoft.com/windows/win32/ipc/impersonating-a-named-pipe-client
 */
export function requestedLevel(request: ClientRequest, local = false): RequestedLevel {
  switch (request.api) {
    case 'sspi': {
      if (request.flags.includes('ISC_REQ_IDENTIFY')) {
        return requested('Identification', 'client-requested-identify', SOURCES.iscIdentify);
      }
      if (request.flags.includes('ISC_REQ_DELEGATE')) {
        return request.flags.includes('ISC_REQ_MUTUAL_AUTH')
          ? requested('Delegation', 'client-requested-delegate', SOURCES.iscDelegate)
          : requested('Impersonation', 'delegate-needs-mutual-auth', SOURCES.iscDelegate);
      }
      return requested('Impersonation', 'api-default', SOURCES.iscDelegate);
    }
    case 'rpc': {
      const isDefault = request.impersonationLevel === 'RPC_C_IMP_LEVEL_DEFAULT';
      const name =
        request.impersonationLevel === 'RPC_C_IMP_LEVEL_DEFAULT'
          ? (request.machineDefault ?? 'RPC_C_IMP_LEVEL_IDENTIFY')
          : request.impersonationLevel;
      const level = RPC_LEVELS[name];
      if (level === 'Anonymous' && !local) {
        return requested('Identification', 'anonymous-promoted-to-identify', SOURCES.comImpersonation);
      }
      return isDefault
        ? requested(level, 'api-default', SOURCES.comDefault)
        : requested(level, CLIENT_CODES[level], SOURCES.comImpersonation);
    }
    default: {
      if (!local) return requested('Delegation', 'remote-pipe-flags-ignored', SOURCES.remotePipe);
      if (request.sqos === null) return requested('Impersonation', 'api-default', SOURCES.namedPipeDefault);
      const level = SQOS_LEVELS[request.sqos];
      return requested(level, CLIENT_CODES[level], SOURCES.createFileSqos);
    }
  }
}
