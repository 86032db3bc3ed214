import { type AccessMask, mapGenericMask } from '../access/accessMask.js';
import { OBJECT_TYPES } from '../access/objectTypes.js';
import type { Token } from '../token/token.js';
import { adoptToken } from './adoptToken.js';
import type { Handle, Machine, ProcessId } from './machine.js';
import { insertHandle } from './referenceObjectByHandle.js';

/**
 * Hands a process a handle to a token that LSA created for it — what LogonUser returns, or what
 * AcceptSecurityContext + QuerySecurityContextToken give a server for its network client. The token object
 * gets a TokenId of its own on this machine.
 *
 * @param machine - the machine
 * @param processId - the process receiving the handle
 * @param value - the token (primary or impersonation), with its own security descriptor
 * @param options - `access`: the handle's access (generic rights are mapped); default TOKEN_ALL_ACCESS
 * @returns the handle, valid in that process
 * @throws TypeError - `registerToken: …` when the process does not exist (a programmer error)
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, registerToken, sid, token } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const server = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const billy = token({ user: sid('S-1-5-21-1-2-3-1104'), groups: [WELL_KNOWN_SIDS.NETWORK.sid] });
 * registerToken(machine, server.processId, billy); // 4
 * ```
 * @see LogonUser, https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-logonusera;
 * QuerySecurityContextToken, https://learn.microsoft.com/windows/win32/api/sspi/nf-sspi-querysecuritycontexttoken
 */
export function registerToken(
  machine: Machine,
  processId: ProcessId,
  value: Token,
  options: { readonly access?: AccessMask } = {},
): Handle {
  const process = machine.processes.get(processId);
  if (process === undefined) throw new TypeError(`registerToken: process ${processId} does not exist`);
  const mapping = OBJECT_TYPES.token.genericMapping;
  const access = mapGenericMask(options.access ?? mapping.genericAll, mapping);
  return insertHandle(process, adoptToken(machine, value), access);
}
