import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { FileObject, Machine } from './machine.js';

/**
 * Puts a file on the machine, protected by a security descriptor, for {@link win32.createFile} to open.
 * Paths are matched case-insensitively, as NTFS and SMB match them.
 *
 * @param machine - the machine
 * @param path - the path, e.g. `\\WtipFS1\Tools\test.txt` or `C:\Tools\test.txt`
 * @param securityDescriptor - the file’s descriptor, e.g. from {@link parseSddl} or {@link sddl}
 * @returns the file object
 * @throws TypeError - `registerFile: …` when the path is already registered (a programmer error)
 * @example
 * ```ts
 * import { createMachine, registerFile, sddl } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * registerFile(machine, 'C:\\Tools\\test.txt', sddl('O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;WD)')).path; // 'C:\\Tools\\test.txt'
 * ```
 * @see File Security and Access Rights, https://learn.microsoft.com/windows/win32/fileio/file-security-and-access-rights
 */
export function registerFile(
  machine: Machine,
  path: string,
  securityDescriptor: SecurityDescriptor,
): FileObject {
  const key = path.toLowerCase();
  if (machine.files.has(key)) throw new TypeError(`registerFile: ${path} is already registered`);
  const file: FileObject = { kind: 'file', path, securityDescriptor };
  machine.files.set(key, file);
  return file;
}
