import type { LogonSession } from './logonSession.js';
import { isInteractiveLogon, type LogonTypeName } from './logonType.js';

/**
 * @internal The Terminal Services session a new logon's token belongs to: 0 for services and network logons
 * (session 0 isolation), 1 for the console, and for Remote Desktop the next session after those of the
 * unlinked Remote Desktop logons already live.
 * @see "Session 0 Isolation"; TOKEN_INFORMATION_CLASS TokenSessionId,
 * https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-token_information_class
 */
export function terminalSessionId(logonType: LogonTypeName, live: Iterable<LogonSession>): number {
  if (!isInteractiveLogon(logonType)) return 0;
  if (logonType !== 'RemoteInteractive') return 1;
  let rdp = 0;
  for (const s of live) if (s.logonType === 'RemoteInteractive' && s.linkedLogonId === null) rdp++;
  return 2 + rdp;
}
