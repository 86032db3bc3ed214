import type { Luid, Sid } from '@doublehop/core-token';
import type { AuditEvent } from '../audit/auditEvent.js';
import type { PrincipalAccount } from '../directory/account.js';
import type { Directory } from '../directory/directory.js';
import type { Machine } from '../machine/machine.js';
import { builtinSessions } from './builtinSessions.js';
import type { LogonSession } from './logonSession.js';
import type { TicketGrantingTicket } from './sessionCredentials.js';

/**
 * The Local Security Authority of one running machine: its policy and directory, and — kept inside, changed
 * only by {@link lsaLogonUser}, {@link logonUser} and {@link logoff} — its logon sessions, its LUID counter
 * and its Security event log.
 *
 * @remarks
 * LUIDs are allocated deterministically from 0x10000 upward (each logon session and each token takes the next
 * one), so the same sequence of calls always yields the same logon IDs and events. The built-in sessions exist
 * from the start: SYSTEM (0x3e7), LOCAL SERVICE (0x3e5) and NETWORK SERVICE (0x3e4); events before the model
 * starts are not recorded.
 * @example
 * ```ts
 * import { auditLog, createLsa, machine } from '@doublehop/logon';
 *
 * const lsa = createLsa(machine({ name: 'WS01', role: 'workstation' }));
 * lsa.machine.name;     // 'WS01'
 * auditLog(lsa).length; // 0
 * ```
 * @see LsaLogonUser, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser;
 * LUID constants (SYSTEM_LUID 0x3e7, LOCALSERVICE_LUID 0x3e5, NETWORKSERVICE_LUID 0x3e4, IUSER_LUID 0x3e3) in winnt.h
 */
export interface Lsa {
  /** The machine's identity and policy. */
  readonly machine: Machine;
  /** The directory the machine's domain lives in, or `null` for a workgroup machine. */
  readonly directory: Directory | null;
}

/**
 * Options of {@link createLsa}.
 *
 * @example
 * ```ts
 * import type { LsaOptions } from '@doublehop/logon';
 *
 * const options: LsaOptions = {
 *   issueTgt: (account) => ({ client: account.samAccountName, clientSid: account.sid, realm: account.domain.toUpperCase(), forwardable: false, forwarded: false }),
 * };
 * ```
 */
export interface LsaOptions {
  /**
   * How the KDC answers the AS exchange for a logon, when a KDC model (such as the delegation package's) should
   * decide the TGT's flags. Default: a TGT that is forwardable unless the account is NOT_DELEGATED or in
   * Protected Users.
   */
  readonly issueTgt?: (account: PrincipalAccount, dir: Directory) => TicketGrantingTicket;
}

/** @internal The mutable state behind an {@link Lsa}. */
export interface LsaState {
  readonly sessions: Map<Luid, LogonSession>;
  readonly events: AuditEvent[];
  readonly cachedLogons: Set<Sid>;
  readonly options: LsaOptions;
  nextLuid: number;
}

/**
 * Where an LSA keeps its state: a non-enumerable property (invisible to spread, JSON and equality), not a
 * WeakMap. V8's minor GC does not clear WeakMap entries — their values survive every scavenge until a full
 * collection, even when the key died young — so every short-lived LSA's sessions and event log were copied
 * and promoted: most of a flow evaluation's garbage-collection time.
 */
const STATE = Symbol('LsaState');

type WithState = Lsa & { readonly [STATE]?: LsaState };

/**
 * Starts a machine's LSA with its built-in logon sessions.
 *
 * @param machine - the machine
 * @param dir - the directory (required when the machine is joined to a domain)
 * @param options - a KDC hook for TGTs
 * @returns the LSA
 * @throws TypeError - `createLsa: …` when a domain-joined machine is given no directory
 * @example
 * ```ts
 * import { createLsa, directory, logonSession, machine } from '@doublehop/logon';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example' }], accounts: [{ kind: 'computer', samAccountName: 'WEB01' }] });
 * const lsa = createLsa(machine({ name: 'WEB01', domain: 'corp.example' }, dir), dir);
 * logonSession(lsa, 0x3e4)?.userName;               // 'NETWORK SERVICE'
 * logonSession(lsa, 0x3e4)?.credentials.kind;       // 'computerAccount'
 * ```
 * @see LsaLogonUser; "Service User Accounts", https://learn.microsoft.com/windows/win32/services/service-user-accounts
 */
export function createLsa(machine: Machine, dir?: Directory, options: LsaOptions = {}): Lsa {
  if (machine.domain !== null && dir === undefined) {
    throw new TypeError(`createLsa: ${machine.name} is joined to ${machine.domain}; pass the directory`);
  }
  const state: LsaState = {
    sessions: new Map(),
    events: [],
    cachedLogons: new Set(machine.cachedLogons),
    options,
    nextLuid: 0x10000,
  };
  const lsa: Lsa = Object.freeze(
    Object.defineProperty({ machine, directory: dir ?? null }, STATE, { value: state }),
  );
  for (const s of builtinSessions(lsa)) state.sessions.set(s.logonId, s);
  return lsa;
}

/** @internal */
export function lsaState(lsa: Lsa): LsaState {
  const state = (lsa as WithState)[STATE];
  if (state === undefined) throw new TypeError('lsa: not an Lsa created by createLsa()');
  return state;
}

/** @internal Allocates the next LUID of this machine. */
export function allocateLuid(lsa: Lsa): Luid {
  const state = lsaState(lsa);
  return state.nextLuid++;
}

/**
 * The machine's live logon sessions, sorted by logon ID.
 *
 * @param lsa - the LSA
 * @returns the sessions
 * @example
 * ```ts
 * import { createLsa, logonSessions, machine } from '@doublehop/logon';
 *
 * logonSessions(createLsa(machine({ name: 'WS01' }))).length; // 3
 * ```
 * @see LsaEnumerateLogonSessions, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsaenumeratelogonsessions
 */
export function logonSessions(lsa: Lsa): readonly LogonSession[] {
  return Object.freeze([...lsaState(lsa).sessions.values()].sort((a, b) => a.logonId - b.logonId));
}

/**
 * One live logon session by its logon ID.
 *
 * @param lsa - the LSA
 * @param logonId - the session's LUID
 * @returns the session, or `undefined`
 * @example
 * ```ts
 * import { createLsa, logonSession, machine } from '@doublehop/logon';
 *
 * logonSession(createLsa(machine({ name: 'WS01' })), 0x3e7)?.logonType; // 'System'
 * ```
 * @see LsaGetLogonSessionData, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsagetlogonsessiondata
 */
export function logonSession(lsa: Lsa, logonId: Luid): LogonSession | undefined {
  return lsaState(lsa).sessions.get(logonId);
}

/**
 * The machine's Security log: every event logons and logoffs produced, oldest first.
 *
 * @param lsa - the LSA
 * @returns the events
 * @example
 * ```ts
 * import { auditLog, createLsa, machine } from '@doublehop/logon';
 *
 * auditLog(createLsa(machine({ name: 'WS01' }))); // []
 * ```
 * @see "Audit logon events", https://learn.microsoft.com/windows/security/threat-protection/auditing/basic-audit-logon-events
 */
export function auditLog(lsa: Lsa): readonly AuditEvent[] {
  return Object.freeze([...lsaState(lsa).events]);
}
