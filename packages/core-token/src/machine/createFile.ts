import { ACCESS_RIGHTS, type AccessMask } from '../access/accessMask.js';
import { type Win32Error, win32Error } from '../errors.js';
import { err, type Result } from '../result.js';
import { callContext, finish } from './callContext.js';
import type { Handle, Machine, ThreadId } from './machine.js';
import { openObject } from './openObject.js';
import { FILE_READ_ATTRIBUTES } from './rights.js';
import type { OpenError } from './seAccessCheck.js';

/**
 * CreateFile with OPEN_EXISTING: opens a file registered on the machine ({@link registerFile}), checking the
 * file's DACL against the calling thread's effective token — the client's token while the thread
 * impersonates, else the process token.
 *
 * @remarks
 * CreateFileW adds SYNCHRONIZE | FILE_READ_ATTRIBUTES to every request before NtCreateFile sees it
 * (ReactOS kernel32 `CreateFileW`), and generic rights are mapped with the file mapping, so
 * `GENERIC_READ` asks for FILE_GENERIC_READ. A thread impersonating at Identification or Anonymous level
 * fails with ERROR_BAD_IMPERSONATION_LEVEL before any DACL is read. An unknown path is ERROR_FILE_NOT_FOUND.
 * Creating files is not modelled: new files' descriptors come from their parent directory's inheritable ACEs.
 *
 * @param machine - the machine
 * @param caller - the calling thread
 * @param path - the file's path (case-insensitive)
 * @param desiredAccess - the access wanted (generic or specific rights)
 * @returns a handle with the granted access, or why the open failed
 * @example
 * ```ts
 * import { ACCESS_RIGHTS, WELL_KNOWN_SIDS, createMachine, createProcess, registerFile, sddl, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * registerFile(machine, 'C:\\Tools\\test.txt', sddl('O:BAG:SYD:(A;;FA;;;SY)'));
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.createFile(machine, threadId, 'C:\\Tools\\test.txt', ACCESS_RIGHTS.GENERIC_READ).ok; // true
 * win32.createFile(machine, threadId, 'C:\\Tools\\nope.txt', ACCESS_RIGHTS.GENERIC_READ); // { ok: false, error: { code: 'ERROR_FILE_NOT_FOUND', win32: 2 } }
 * ```
 * @see CreateFileW, https://learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-createfilew;
 * File Security and Access Rights, https://learn.microsoft.com/windows/win32/fileio/file-security-and-access-rights
 */
export function createFile(
  machine: Machine,
  caller: ThreadId,
  path: string,
  desiredAccess: AccessMask,
): Result<Handle, OpenError | Win32Error<'ERROR_FILE_NOT_FOUND'>> {
  const ctx = callContext(machine, caller, 'CreateFile');
  const file = machine.files.get(path.toLowerCase());
  const wanted = (desiredAccess | ACCESS_RIGHTS.SYNCHRONIZE | FILE_READ_ATTRIBUTES) >>> 0;
  if (file === undefined) {
    return finish(ctx, err(win32Error('ERROR_FILE_NOT_FOUND', `${path} does not exist on ${machine.name}`)), {
      desiredAccess: wanted,
      detail: path,
    });
  }
  return openObject(ctx, ctx.effective.token, file, wanted);
}
