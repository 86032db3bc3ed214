import { err, type Luid, ok, type Result, WIN32_ERRORS } from '@doublehop/core-token';
import type { Event4634 } from '../audit/auditEvent.js';
import { record4634 } from '../audit/records.js';
import { type LogonSessionError, NT_STATUS } from '../errors.js';
import { type Lsa, lsaState } from './lsa.js';
import { WELL_KNOWN_LUIDS } from './wellKnownLuids.js';

/**
 * Ends a logon session — when its last token is closed, or the user logs off — and writes 4634. Logging off
 * one half of a UAC split logon ends both halves.
 *
 * @remarks
 * The built-in sessions (SYSTEM, LOCAL SERVICE, NETWORK SERVICE) never end; logging them off is refused like an
 * unknown session.
 * @param lsa - the machine's LSA
 * @param logonId - the session's LUID
 * @returns the 4634 events written (one per session ended, by logon ID), or ERROR_NO_SUCH_LOGON_SESSION (1312)
 * @example
 * ```ts
 * import { createLsa, logoff, machine } from '@doublehop/logon';
 *
 * const r = logoff(createLsa(machine({ name: 'WS01' })), 0x12345);
 * !r.ok && r.error.code; // 'ERROR_NO_SUCH_LOGON_SESSION'
 * ```
 * @see "4634(S) An account was logged off", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4634
 */
export function logoff(lsa: Lsa, logonId: Luid): Result<readonly Event4634[], LogonSessionError> {
  const state = lsaState(lsa);
  const session = state.sessions.get(logonId);
  if (session === undefined || logonId <= WELL_KNOWN_LUIDS.SYSTEM) {
    return err({
      code: 'ERROR_NO_SUCH_LOGON_SESSION',
      win32: WIN32_ERRORS.ERROR_NO_SUCH_LOGON_SESSION,
      message: `no logon session 0x${logonId.toString(16)} can be logged off`,
      ntStatus: NT_STATUS.STATUS_NO_SUCH_LOGON_SESSION,
      logonId,
    });
  }
  const ended = [session];
  if (session.linkedLogonId !== null) {
    const twin = state.sessions.get(session.linkedLogonId);
    if (twin !== undefined) ended.push(twin);
  }
  ended.sort((a, b) => a.logonId - b.logonId);
  const events: Event4634[] = [];
  for (const s of ended) {
    state.sessions.delete(s.logonId);
    events.push(record4634(lsa, s));
  }
  return ok(Object.freeze(events));
}
