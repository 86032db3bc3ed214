import type { ImpersonationLevel } from '@doublehop/core-token';

/**
 * The InitializeSecurityContext context requirements (`fContextReq`) that decide the impersonation level a
 * Kerberos, NTLM or Negotiate server gets. With none of ISC_REQ_IDENTIFY and ISC_REQ_DELEGATE the server gets
 * Impersonation.
 *
 * @see InitializeSecurityContext (Kerberos), https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--kerberos;
 * InitializeSecurityContext (Negotiate), https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--negotiate
 */
export type IscReqFlag = 'ISC_REQ_IDENTIFY' | 'ISC_REQ_DELEGATE' | 'ISC_REQ_MUTUAL_AUTH';

/**
 * The RPC and DCOM impersonation level constants (RPC_SECURITY_QOS.ImpersonationType, CoInitializeSecurity's
 * and CoSetProxyBlanket's `dwImpLevel`), by their rpcdce.h names.
 *
 * @see Impersonation Level Constants, https://learn.microsoft.com/windows/win32/com/com-impersonation-level-constants
 */
export type RpcImpLevel =
  | 'RPC_C_IMP_LEVEL_DEFAULT'
  | 'RPC_C_IMP_LEVEL_ANONYMOUS'
  | 'RPC_C_IMP_LEVEL_IDENTIFY'
  | 'RPC_C_IMP_LEVEL_IMPERSONATE'
  | 'RPC_C_IMP_LEVEL_DELEGATE';

/**
 * The level flags a named-pipe client passes to CreateFile together with SECURITY_SQOS_PRESENT.
 *
 * @see CreateFileW (`dwFlagsAndAttributes`), https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-createfilew
 */
export type SqosLevel =
  | 'SECURITY_ANONYMOUS'
  | 'SECURITY_IDENTIFICATION'
  | 'SECURITY_IMPERSONATION'
  | 'SECURITY_DELEGATION';

/**
 * What the client's code asked for, in the words of the API it called.
 *
 * - `sspi` — InitializeSecurityContext's ISC_REQ_* flags (HTTP Negotiate, SQL Server's TDS, LDAP, WinRM …).
 * - `rpc` — an RPC or DCOM impersonation level (RpcBindingSetAuthInfoEx, CoInitializeSecurity,
 *   CoSetProxyBlanket). `RPC_C_IMP_LEVEL_DEFAULT` resolves to `machineDefault`, DCOM's machine-wide default
 *   impersonation level (dcomcnfg; `RPC_C_IMP_LEVEL_IDENTIFY` unless an administrator changed it).
 * - `named-pipe` — CreateFile on `\\server\pipe\name`: `sqos` is the SECURITY_* level passed with
 *   SECURITY_SQOS_PRESENT, or `null` when the client did not pass SECURITY_SQOS_PRESENT.
 *
 * @example
 * ```ts
 * import type { ClientRequest } from '@doublehop/impersonation-levels';
 *
 * const browser: ClientRequest = { api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] };
 * const wmi: ClientRequest = { api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_IMPERSONATE' };
 * const pipe: ClientRequest = { api: 'named-pipe', sqos: 'SECURITY_IDENTIFICATION' };
 * ```
 */
export type ClientRequest =
  | {
      /** InitializeSecurityContext. */
      readonly api: 'sspi';
      /** The ISC_REQ_* flags that matter for the level; others may be omitted. */
      readonly flags: readonly IscReqFlag[];
    }
  | {
      /** RPC or DCOM. */
      readonly api: 'rpc';
      /** The requested impersonation level. */
      readonly impersonationLevel: RpcImpLevel;
      /** What RPC_C_IMP_LEVEL_DEFAULT means on this client; default `'RPC_C_IMP_LEVEL_IDENTIFY'`. */
      readonly machineDefault?: Exclude<RpcImpLevel, 'RPC_C_IMP_LEVEL_DEFAULT'>;
    }
  | {
      /** CreateFile on a named pipe. */
      readonly api: 'named-pipe';
      /** The SECURITY_* level given with SECURITY_SQOS_PRESENT, or `null` without SECURITY_SQOS_PRESENT. */
      readonly sqos: SqosLevel | null;
    };

/** RPC_C_IMP_LEVEL_* → SECURITY_IMPERSONATION_LEVEL. @internal */
export const RPC_LEVELS: Readonly<
  Record<Exclude<RpcImpLevel, 'RPC_C_IMP_LEVEL_DEFAULT'>, ImpersonationLevel>
> = {
  RPC_C_IMP_LEVEL_ANONYMOUS: 'Anonymous',
  RPC_C_IMP_LEVEL_IDENTIFY: 'Identification',
  RPC_C_IMP_LEVEL_IMPERSONATE: 'Impersonation',
  RPC_C_IMP_LEVEL_DELEGATE: 'Delegation',
};

/** SECURITY_* → SECURITY_IMPERSONATION_LEVEL. @internal */
export const SQOS_LEVELS: Readonly<Record<SqosLevel, ImpersonationLevel>> = {
  SECURITY_ANONYMOUS: 'Anonymous',
  SECURITY_IDENTIFICATION: 'Identification',
  SECURITY_IMPERSONATION: 'Impersonation',
  SECURITY_DELEGATION: 'Delegation',
};
