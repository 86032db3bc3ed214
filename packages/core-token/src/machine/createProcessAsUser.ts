import { OBJECT_TYPES } from '../access/objectTypes.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import { PRIVILEGE_ATTRIBUTES, type PrivilegeName } from '../token/privileges.js';
import type { Token } from '../token/token.js';
import { duplicateTokenValue } from '../tokenRules/duplicateTokenRules.js';
import { allocateLuid } from './adoptToken.js';
import { callContext, describeToken, finish } from './callContext.js';
import type { Handle, Machine, ProcessId, ThreadId, TokenObject } from './machine.js';
import { type HandleError, insertHandle, referenceObjectByHandle } from './referenceObjectByHandle.js';
import { TOKEN_ASSIGN_PRIMARY, TOKEN_DUPLICATE, TOKEN_QUERY } from './rights.js';
import { spawnProcess } from './spawnProcess.js';

/**
 * PROCESS_INFORMATION: the new process and thread ids, and handles to both in the caller's table
 * (PROCESS_ALL_ACCESS and THREAD_ALL_ACCESS).
 *
 * @example
 * ```ts
 * import type { ProcessInformation } from '@doublehop/core-token';
 *
 * const pi: ProcessInformation = { processId: 12, threadId: 16, process: 20, thread: 24 };
 * ```
 */
export interface ProcessInformation {
  /** dwProcessId. */
  readonly processId: ProcessId;
  /** dwThreadId. */
  readonly threadId: ThreadId;
  /** hProcess. */
  readonly process: Handle;
  /** hThread. */
  readonly thread: Handle;
}

const NEEDED = TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_ASSIGN_PRIMARY;

/**
 * CreateProcessAsUser: starts a process (and its first thread) running with a primary token.
 *
 * @remarks
 * - The token handle needs TOKEN_QUERY | TOKEN_DUPLICATE | TOKEN_ASSIGN_PRIMARY, and the token must be a
 *   primary token (an impersonation token is ERROR_BAD_TOKEN_TYPE; DuplicateTokenEx(TokenPrimary) makes one).
 * - Privileges are those of the calling **process** token, even while the thread impersonates ("the process
 *   that calls CreateProcessAsUser must have …"; advapi32 acquires SeAssignPrimaryTokenPrivilege in the
 *   process's own context, enabling it if held — ReactOS advapi32 logon.c): a token that is *not
 *   assignable* needs SeAssignPrimaryTokenPrivilege and SeIncreaseQuotaPrivilege ("Processes in the Client
 *   Security Context": a client's token needs both), or the call fails with ERROR_PRIVILEGE_NOT_HELD.
 * - A token is assignable without them when it is a restricted child of the caller's own primary token
 *   ("if CreateProcessAsUser specifies a restricted version of the caller's primary token, this privilege is
 *   not required … This allows ordinary applications to create restricted processes", Restricted Tokens) —
 *   its ParentTokenId is the caller's TokenId — or, since Windows 7, a sibling of it: the same logon session
 *   and the same parent, such as a DuplicateTokenEx copy of the caller's own token (the kernel's
 *   SeIsChildTokenByPointer / SeIsSiblingToken).
 * - The new process runs with its own duplicate of the token (advapi32 duplicates it before assigning it),
 *   keeping the token's descriptor; its process and thread objects get descriptors from that token.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param token - a primary token handle
 * @param applicationName - the image name of the new process, for traces
 * @returns PROCESS_INFORMATION
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, sid, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const user = token({ user: sid('S-1-5-21-1-2-3-1104'), type: 'primary', privileges: ['SeChangeNotifyPrivilege'] });
 * const { threadId } = createProcess(machine, { name: 'explorer.exe', token: user });
 * const own = win32.openProcessToken(machine, threadId, win32.getCurrentProcess(), 0xb);
 * const restricted = own.ok ? win32.createRestrictedToken(machine, threadId, own.value, { sidsToDisable: [WELL_KNOWN_SIDS.EVERYONE.sid] }) : own;
 * restricted.ok && win32.createProcessAsUser(machine, threadId, restricted.value, 'sandbox.exe').ok; // true
 * ```
 * @see CreateProcessAsUserW, https://learn.microsoft.com/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessasuserw;
 * Restricted Tokens, https://learn.microsoft.com/windows/win32/secauthz/restricted-tokens;
 * Processes in the Client Security Context, https://learn.microsoft.com/windows/win32/secauthz/processes-in-the-client-security-context
 */
export function createProcessAsUser(
  machine: Machine,
  caller: ThreadId,
  token: Handle,
  applicationName: string,
): Result<ProcessInformation, HandleError | Win32Error<'ERROR_BAD_TOKEN_TYPE' | 'ERROR_PRIVILEGE_NOT_HELD'>> {
  const ctx = callContext(machine, caller, 'CreateProcessAsUser');
  const handle = referenceObjectByHandle(ctx, token, 'token', NEEDED);
  if (!handle.ok) return finish(ctx, handle, { desiredAccess: NEEDED });
  const object = handle.value.object;
  if (object.token.type !== 'primary') {
    return finish(ctx, err(win32Error('ERROR_BAD_TOKEN_TYPE', 'CreateProcessAsUser needs a primary token')), {
      object,
      desiredAccess: NEEDED,
    });
  }
  const processToken = ctx.process.primaryToken;
  const assignable = assignability(processToken, object);
  if (assignable === null) {
    const missing = (['SeAssignPrimaryTokenPrivilege', 'SeIncreaseQuotaPrivilege'] as const).filter(
      (p) => !holds(processToken.token, p),
    );
    if (missing.length > 0) {
      return finish(
        ctx,
        err(win32Error('ERROR_PRIVILEGE_NOT_HELD', `the calling process lacks ${missing.join(' and ')}`)),
        {
          object,
          desiredAccess: NEEDED,
          checkedAs: processToken.token,
          detail: `not held: ${missing.join(', ')}`,
        },
      );
    }
  }
  const copy = duplicateTokenValue(
    object.token,
    { type: 'primary', level: null },
    { tokenId: allocateLuid(machine) },
    object.token.securityDescriptor,
  );
  if (!copy.ok) throw new Error(`createProcessAsUser: ${copy.error.message}`);
  const primary: TokenObject = { kind: 'token', token: copy.value, parentTokenId: object.parentTokenId };
  const spawned = spawnProcess(machine, applicationName, primary);
  const info: ProcessInformation = {
    processId: spawned.process.processId,
    threadId: spawned.thread.threadId,
    process: insertHandle(ctx.process, spawned.process, OBJECT_TYPES.process.genericMapping.genericAll),
    thread: insertHandle(ctx.process, spawned.thread, OBJECT_TYPES.thread.genericMapping.genericAll),
  };
  return finish(ctx, ok(info), {
    object,
    desiredAccess: NEEDED,
    checkedAs: processToken.token,
    detail: `${applicationName} (pid ${info.processId}) runs with ${describeToken(copy.value)}; ${assignable ?? 'SeAssignPrimaryTokenPrivilege and SeIncreaseQuotaPrivilege held by the process'}`,
  });
}

/** Why a token is assignable without privileges, or `null`. */
function assignability(processToken: TokenObject, candidate: TokenObject): string | null {
  if (candidate.parentTokenId === processToken.token.tokenId) {
    return "a restricted child of the caller's own token: no privilege needed";
  }
  if (
    candidate.parentTokenId === processToken.parentTokenId &&
    candidate.token.authenticationId === processToken.token.authenticationId
  ) {
    return "a sibling of the caller's own token (same logon session and parent): no privilege needed";
  }
  return null;
}

/** Held, enabled or not: CreateProcessAsUser enables the privileges it needs itself. */
function holds(subject: Token, name: PrivilegeName): boolean {
  return subject.privileges.some(
    (p) => p.name === name && (p.attributes & PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_REMOVED) === 0,
  );
}
