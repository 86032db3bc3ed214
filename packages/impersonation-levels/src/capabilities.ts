import type { ImpersonationLevel } from '@doublehop/core-token';

/**
 * What a server can do with a client's identity at one impersonation level.
 *
 * @example
 * ```ts
 * import type { LevelCapabilities } from '@doublehop/impersonation-levels';
 *
 * const canOpenFiles = (c: LevelCapabilities) => c.openLocalObjects;
 * ```
 */
export interface LevelCapabilities {
  /** Learn who the client is — its user and group SIDs, privileges (OpenThreadToken + GetTokenInformation). */
  readonly queryIdentity: boolean;
  /** Check the client's access to an object the server manages itself (AccessCheck with the client's token). */
  readonly accessCheck: boolean;
  /** Open files, registry keys and other objects on this machine *as* the client (CreateFile while impersonating). */
  readonly openLocalObjects: boolean;
  /** Authenticate to another machine as the client by the level alone (a forwarded TGT). */
  readonly authenticateRemotely: boolean;
  /** One sentence for people. */
  readonly summary: string;
}

/**
 * The four levels and what each lets a server do — for learners, read top to bottom:
 *
 * | level | query identity | AccessCheck | open local objects | authenticate remotely |
 * | --- | --- | --- | --- | --- |
 * | Anonymous | no (ERROR_CANT_OPEN_ANONYMOUS) | no (ERROR_BAD_IMPERSONATION_LEVEL) | no | no |
 * | Identification | yes | yes | no (ERROR_BAD_IMPERSONATION_LEVEL) | no |
 * | Impersonation | yes | yes | yes | no — only with credentials the server holds otherwise |
 * | Delegation | yes | yes | yes | yes |
 *
 * At Impersonation a server can still reach another machine *as the client* when it holds the client's
 * password (Basic, CredSSP, LogonUser) or obtains a ticket by constrained delegation (S4U2proxy); without
 * either, an impersonating thread goes out as NT AUTHORITY\ANONYMOUS LOGON. Each cell is checked against
 * core-token's rules by the test suite.
 *
 * @example
 * ```ts
 * import { LEVEL_CAPABILITIES } from '@doublehop/impersonation-levels';
 *
 * LEVEL_CAPABILITIES.Identification.accessCheck; // true
 * LEVEL_CAPABILITIES.Identification.openLocalObjects; // false
 * ```
 * @see Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels;
 * SECURITY_IMPERSONATION_LEVEL, https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-security_impersonation_level;
 * AccessCheck; OpenThreadToken
 */
export const LEVEL_CAPABILITIES: Readonly<Record<ImpersonationLevel, LevelCapabilities>> = Object.freeze({
  Anonymous: Object.freeze({
    queryIdentity: false,
    accessCheck: false,
    openLocalObjects: false,
    authenticateRemotely: false,
    summary: 'The server can neither identify nor impersonate the client.',
  }),
  Identification: Object.freeze({
    queryIdentity: true,
    accessCheck: true,
    openLocalObjects: false,
    authenticateRemotely: false,
    summary:
      "The server can learn who the client is and check ACLs against the client's token, but not act as it.",
  }),
  Impersonation: Object.freeze({
    queryIdentity: true,
    accessCheck: true,
    openLocalObjects: true,
    authenticateRemotely: false,
    summary: 'The server can act as the client on its own machine only.',
  }),
  Delegation: Object.freeze({
    queryIdentity: true,
    accessCheck: true,
    openLocalObjects: true,
    authenticateRemotely: true,
    summary: 'The server can act as the client on its own machine and on other machines.',
  }),
});

/**
 * What a server can do with a client's identity at `level`.
 *
 * @param level - the impersonation level
 * @returns its row of {@link LEVEL_CAPABILITIES}
 * @example
 * ```ts
 * import { capabilities } from '@doublehop/impersonation-levels';
 *
 * capabilities('Impersonation').openLocalObjects; // true
 * capabilities('Impersonation').authenticateRemotely; // false
 * ```
 * @see Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels
 */
export function capabilities(level: ImpersonationLevel): LevelCapabilities {
  return LEVEL_CAPABILITIES[level];
}
