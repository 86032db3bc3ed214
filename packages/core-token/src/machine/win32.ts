/**
 * The Win32 operations of the simulated {@link Machine}, named after the functions Windows programmers
 * know: each takes the machine and the calling thread first, then the Win32 parameters in Win32's order,
 * and returns a {@link Result} whose error carries the Win32 name and number the real call would fail with.
 * Every call appends an event to `machine.trace` ({@link formatTrace}).
 *
 * @module
 */

export { adjustTokenGroups } from './adjustTokenGroups.js';
export { adjustTokenPrivileges } from './adjustTokenPrivileges.js';
export { checkTokenMembership } from './checkTokenMembership.js';
export { closeHandle } from './closeHandle.js';
export { createFile } from './createFile.js';
export { createProcessAsUser } from './createProcessAsUser.js';
export { createRestrictedToken } from './createRestrictedToken.js';
export { createThread } from './createThread.js';
export { duplicateToken } from './duplicateToken.js';
export { duplicateTokenEx } from './duplicateTokenEx.js';
export { getKernelObjectSecurity } from './getKernelObjectSecurity.js';
export { getSecurityInfo } from './getSecurityInfo.js';
export { getTokenInformation } from './getTokenInformation.js';
export { impersonateLoggedOnUser } from './impersonateLoggedOnUser.js';
export { impersonateSelf } from './impersonateSelf.js';
export { openProcess } from './openProcess.js';
export { openProcessToken } from './openProcessToken.js';
export { openThread } from './openThread.js';
export { openThreadToken } from './openThreadToken.js';
export { privilegeCheck } from './privilegeCheck.js';
export { getCurrentProcess, getCurrentThread } from './referenceObjectByHandle.js';
export { revertToSelf } from './revertToSelf.js';
export { setThreadToken } from './setThreadToken.js';
