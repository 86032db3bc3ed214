import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Token } from '../token/token.js';
import { adoptToken } from './adoptToken.js';
import type { Machine, ProcessId, ThreadId } from './machine.js';
import { spawnProcess } from './spawnProcess.js';

/**
 * A process to set up on a machine: its image name and its primary token.
 *
 * @example
 * ```ts
 * import type { ProcessInit } from '@doublehop/core-token';
 * import { sid, token } from '@doublehop/core-token';
 *
 * const init: ProcessInit = { name: 'svchost.exe', token: token({ user: sid('S-1-5-18'), type: 'primary' }) };
 * ```
 */
export interface ProcessInit {
  /** The image name shown in traces, e.g. `svchost.exe`. */
  readonly name: string;
  /** The primary token (type `'primary'`); the machine gives its object a TokenId of its own. */
  readonly token: Token;
  /** The process object's descriptor; default: from the token's owner, primary group and default DACL. */
  readonly securityDescriptor?: SecurityDescriptor;
}

/**
 * The ids of a new process and of its first thread (PROCESS_INFORMATION without the handles).
 *
 * @example
 * ```ts
 * import type { ProcessInfo } from '@doublehop/core-token';
 *
 * const first: ProcessInfo = { processId: 4, threadId: 8 };
 * ```
 */
export interface ProcessInfo {
  /** The new process's id. */
  readonly processId: ProcessId;
  /** The id of its first thread — the thread to pass as the caller of {@link win32} operations. */
  readonly threadId: ThreadId;
}

/**
 * Sets up a process running with a given primary token, and its first thread — the starting point of a
 * scenario (a service started by the Service Control Manager, a user's shell). Not traced: it stands for
 * how the machine came to be, not for a call the scenario makes (that is {@link win32.createProcessAsUser}).
 *
 * @param machine - the machine
 * @param init - the image name and primary token
 * @returns the process id and its first thread's id
 * @throws TypeError - `createProcess: …` when the token is not a primary token (a programmer error)
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const system = token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary', privileges: ['SeImpersonatePrivilege'] });
 * const { processId, threadId } = createProcess(machine, { name: 'svchost.exe', token: system });
 * [processId, threadId]; // [4, 8]
 * ```
 * @see Process and Thread Security and Access Rights, https://learn.microsoft.com/windows/win32/procthread/process-security-and-access-rights
 */
export function createProcess(machine: Machine, init: ProcessInit): ProcessInfo {
  if (init.token.type !== 'primary') {
    throw new TypeError(`createProcess: ${init.name} needs a primary token, got an ${init.token.type} token`);
  }
  const { process, thread } = spawnProcess(
    machine,
    init.name,
    adoptToken(machine, init.token),
    init.securityDescriptor,
  );
  return { processId: process.processId, threadId: thread.threadId };
}
