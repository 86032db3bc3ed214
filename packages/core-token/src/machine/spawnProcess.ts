import { OBJECT_TYPES } from '../access/objectTypes.js';
import { objectSecurityFrom } from '../securityDescriptor/defaultObjectSecurity.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Machine, ProcessObject, ThreadObject, TokenObject } from './machine.js';

/**
 * Creates a process with the given primary token object, and its first thread.
 *
 * @remarks
 * Without an explicit descriptor the process and thread objects get one from the new process's primary
 * token (its owner, primary group and default DACL, mapped to process and thread rights), so the user the
 * process runs as can open it.
 *
 * @internal
 */
export function spawnProcess(
  machine: Machine,
  name: string,
  primaryToken: TokenObject,
  securityDescriptor?: SecurityDescriptor,
): { readonly process: ProcessObject; readonly thread: ThreadObject } {
  const process: ProcessObject = {
    kind: 'process',
    processId: allocateClientId(machine),
    name,
    primaryToken,
    securityDescriptor:
      securityDescriptor ?? objectSecurityFrom(primaryToken.token, OBJECT_TYPES.process.genericMapping),
    handles: new Map(),
    nextHandle: 4,
  };
  machine.processes.set(process.processId, process);
  return { process, thread: spawnThread(machine, process) };
}

/** Creates a thread in a process; a new thread never impersonates. @internal */
export function spawnThread(machine: Machine, process: ProcessObject): ThreadObject {
  const thread: ThreadObject = {
    kind: 'thread',
    threadId: allocateClientId(machine),
    process,
    securityDescriptor: objectSecurityFrom(process.primaryToken.token, OBJECT_TYPES.thread.genericMapping),
    impersonationToken: null,
  };
  machine.threads.set(thread.threadId, thread);
  return thread;
}

function allocateClientId(machine: Machine): number {
  const id = machine.nextClientId;
  machine.nextClientId += 4;
  return id;
}
