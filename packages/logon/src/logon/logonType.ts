/**
 * SECURITY_LOGON_TYPE: the logon types LSA knows, by name, with their numbers (the "Logon Type" of events
 * 4624, 4625 and 4634). `System` (0) is the SYSTEM account's own session at startup.
 *
 * @example
 * ```ts
 * import { LOGON_TYPES } from '@doublehop/logon';
 *
 * LOGON_TYPES.Network;           // 3
 * LOGON_TYPES.RemoteInteractive; // 10
 * ```
 * @see SECURITY_LOGON_TYPE, https://learn.microsoft.com/windows/win32/api/ntsecapi/ne-ntsecapi-security_logon_type;
 * "4624(S) An account was successfully logged on" (Logon types and descriptions)
 */
export const LOGON_TYPES = {
  /** Used only by the System account at startup. */
  System: 0,
  /** A user logged on at this computer's console. */
  Interactive: 2,
  /** A user or computer logged on from the network (a server accepting a client's authentication). */
  Network: 3,
  /** A batch server (Task Scheduler) runs processes on a user's behalf. */
  Batch: 4,
  /** The Service Control Manager started a service. */
  Service: 5,
  /** The workstation was unlocked. */
  Unlock: 7,
  /** A network logon whose password reached the server in clear text (Basic authentication, LogonUser): it can authenticate onward. */
  NetworkCleartext: 8,
  /** The caller cloned its token and gave new credentials for outbound connections only (`runas /netonly`). */
  NewCredentials: 9,
  /** A user logged on through Remote Desktop Services. */
  RemoteInteractive: 10,
  /** A logon with cached credentials: no domain controller was contacted. */
  CachedInteractive: 11,
} as const;

/** The name of a logon type, e.g. `'Network'`. */
export type LogonTypeName = keyof typeof LOGON_TYPES;

/**
 * The `dwLogonType` values of LogonUser (LOGON32_LOGON_*), which map onto {@link LOGON_TYPES}.
 *
 * @example
 * ```ts
 * import { LOGON32_LOGON_TYPES } from '@doublehop/logon';
 *
 * LOGON32_LOGON_TYPES.LOGON32_LOGON_BATCH; // 4
 * ```
 * @see LogonUserW (dwLogonType), https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonuserw
 */
export const LOGON32_LOGON_TYPES = {
  /** Interactive (2): a primary token; credentials cached for disconnected operation. */
  LOGON32_LOGON_INTERACTIVE: 2,
  /** Network (3): an impersonation token; no credentials are kept. */
  LOGON32_LOGON_NETWORK: 3,
  /** Batch (4): a primary token, for processes run on a user's behalf. */
  LOGON32_LOGON_BATCH: 4,
  /** Service (5): the account needs the service logon right. */
  LOGON32_LOGON_SERVICE: 5,
  /** Unlock (7). */
  LOGON32_LOGON_UNLOCK: 7,
  /** Network cleartext (8): the name and password stay in the package, so the token can reach other servers. */
  LOGON32_LOGON_NETWORK_CLEARTEXT: 8,
  /** New credentials (9): the same local identity, other credentials outbound (LOGON32_PROVIDER_WINNT50 only). */
  LOGON32_LOGON_NEW_CREDENTIALS: 9,
} as const;

/** The name of a LogonUser logon type, e.g. `'LOGON32_LOGON_NETWORK'`. */
export type Logon32LogonType = keyof typeof LOGON32_LOGON_TYPES;

const BY_NUMBER = new Map<number, LogonTypeName>(
  Object.entries(LOGON_TYPES).map(([name, value]) => [value, name as LogonTypeName]),
);

/**
 * The name of a logon type number.
 *
 * @param value - a SECURITY_LOGON_TYPE number
 * @returns its name, or `undefined` for a number doublehop does not model
 * @example
 * ```ts
 * import { logonTypeName } from '@doublehop/logon';
 *
 * logonTypeName(8); // 'NetworkCleartext'
 * ```
 * @see SECURITY_LOGON_TYPE
 */
export function logonTypeName(value: number): LogonTypeName | undefined {
  return BY_NUMBER.get(value);
}

const INTERACTIVE_TYPES: ReadonlySet<LogonTypeName> = new Set([
  'Interactive',
  'Unlock',
  'CachedInteractive',
  'RemoteInteractive',
]);

/**
 * @internal The logon types a person makes at a desktop (2, 7, 10, 11): they get the INTERACTIVE group, a
 * terminal session, the UAC split, and a cached verifier. One definition, because the token groups, the UAC
 * split and the logon process name must agree on it. Source: "4624(S)" logon types; "How User Account
 * Control works".
 */
export function isInteractiveLogon(logonType: LogonTypeName): boolean {
  return INTERACTIVE_TYPES.has(logonType);
}

/**
 * @internal The logon types that arrive from the network (3, 8): they get the NETWORK group and no LOCAL,
 * and UAC remote restrictions apply to them. Source: "Special Identities" (NETWORK); "4624(S)" logon types.
 */
export function isNetworkLogon(logonType: LogonTypeName): boolean {
  return logonType === 'Network' || logonType === 'NetworkCleartext';
}
