// "How come a duplicated token doesn't behave identically to the original?" (Raymond Chen, The Old New Thing,
// 2016-05-12, https://devblogs.microsoft.com/oldnewthing/20160512-00), on doublehop's simulated machine.
//
// A service running as NETWORK SERVICE — whose default DACL grants only NETWORK SERVICE and SYSTEM —
// impersonates its client Billy, opens its thread token (OpenAsSelf = TRUE), reverts, duplicates the token
// with no SECURITY_ATTRIBUTES and impersonates the duplicate. The duplicate is a new kernel object whose
// descriptor came from the *service's* default DACL, so when COM local-server activation opens the thread
// token as the client (OpenThreadToken with OpenAsSelf = FALSE — how doublehop models CoCreateInstance's
// E_ACCESSDENIED), Billy is refused. Passing the original token's DACL, read with GetSecurityInfo, to
// DuplicateTokenEx makes it work.
//
// Run with `pnpm run build && node examples/duplicatedToken.mjs`. The report is deterministic.
import { pathToFileURL } from 'node:url';
import {
  ACCESS_RIGHTS,
  ace,
  createMachine,
  createProcess,
  formatSddl,
  formatTrace,
  OBJECT_TYPES,
  objectSecurityFrom,
  registerToken,
  SECURITY_INFORMATION,
  sid,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';

const wtip = sid('S-1-5-21-1004336348-1177238915-682003330');
const billy = sid(`${wtip.text}-1104`);
const names = new Map([
  [wtip, 'WTIP'],
  [billy, 'WTIP\\Billy'],
]);
const NS = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid;
const TOKEN_QUERY = OBJECT_TYPES.token.rights.TOKEN_QUERY;
const TOKEN_ALL_ACCESS = OBJECT_TYPES.token.combinations.TOKEN_ALL_ACCESS;

/** The service's process token: NETWORK SERVICE, default DACL GENERIC_ALL to NETWORK SERVICE and SYSTEM. */
const serviceToken = token({
  user: NS,
  type: 'primary',
  groups: [
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.SERVICE.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
  ],
  privileges: ['SeImpersonatePrivilege', 'SeChangeNotifyPrivilege', 'SeCreateGlobalPrivilege'],
  integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
  authenticationId: 0x3e4,
});

/** Billy's network logon token as LSA handed it to the service: its DACL grants Billy, SYSTEM and the service. */
const billyToken = token({
  user: billy,
  groups: [sid(`${wtip.text}-513`), WELL_KNOWN_SIDS.EVERYONE.sid, WELL_KNOWN_SIDS.NETWORK.sid],
  privileges: ['SeChangeNotifyPrivilege'],
  authenticationId: 0x5f3c1,
  securityDescriptor: objectSecurityFrom(
    {
      owner: billy,
      primaryGroup: billy,
      defaultDacl: [billy, WELL_KNOWN_SIDS.SYSTEM.sid, NS].map((s) =>
        ace('ACCESS_ALLOWED', s, ACCESS_RIGHTS.GENERIC_ALL),
      ),
    },
    OBJECT_TYPES.token.genericMapping,
  ),
});

/** COM local-server activation, as doublehop models it: the thread token opened *as the client*. */
function coCreateInstanceLocalServer(machine, thread) {
  const r = win32.openThreadToken(machine, thread, win32.getCurrentThread(), TOKEN_QUERY, false);
  if (r.ok) win32.closeHandle(machine, thread, r.value);
  return r.ok ? 'S_OK' : r.error.code === 'ERROR_ACCESS_DENIED' ? 'E_ACCESSDENIED' : r.error.code;
}

/**
 * Runs the customer's code on a fresh machine. With `copyDescriptor`, Raymond's fix: the original token's DACL
 * goes to DuplicateTokenEx in SECURITY_ATTRIBUTES.
 */
export function runDuplicatedToken(copyDescriptor) {
  const machine = createMachine({ name: 'APPSRV' });
  const service = createProcess(machine, { name: 'svchost.exe', token: serviceToken });
  const t = service.threadId;
  const client = registerToken(machine, service.processId, billyToken);
  win32.impersonateLoggedOnUser(machine, t, client);
  const first = coCreateInstanceLocalServer(machine, t);
  const original = win32.openThreadToken(machine, t, win32.getCurrentThread(), TOKEN_ALL_ACCESS, true);
  if (!original.ok) throw new Error(`duplicatedToken: ${original.error.message}`);
  win32.revertToSelf(machine, t);
  let duplicate;
  if (copyDescriptor) {
    const dacl = win32.getSecurityInfo(
      machine,
      t,
      original.value,
      'SE_KERNEL_OBJECT',
      SECURITY_INFORMATION.DACL_SECURITY_INFORMATION,
    );
    if (!dacl.ok) throw new Error(`duplicatedToken: ${dacl.error.message}`);
    duplicate = win32.duplicateTokenEx(
      machine,
      t,
      original.value,
      ACCESS_RIGHTS.MAXIMUM_ALLOWED,
      { securityDescriptor: dacl.value, inheritHandle: true },
      'Impersonation',
      'impersonation',
    );
  } else {
    duplicate = win32.duplicateToken(machine, t, original.value, 'Impersonation');
  }
  if (!duplicate.ok) throw new Error(`duplicatedToken: ${duplicate.error.message}`);
  win32.impersonateLoggedOnUser(machine, t, duplicate.value);
  const second = coCreateInstanceLocalServer(machine, t);
  const copy = machine.processes.get(service.processId)?.handles.get(duplicate.value)?.object;
  return {
    machine,
    first,
    second,
    duplicateSddl: copy?.kind === 'token' ? formatSddl(copy.token.securityDescriptor) : '',
  };
}

/** Builds the report: both runs, the duplicates' descriptors and the traces. */
export function duplicatedTokenReport() {
  const lines = [
    'The duplicated token that cannot open itself (Raymond Chen, The Old New Thing, 2016-05-12)',
    '',
    `Original token descriptor (LSA): ${formatSddl(billyToken.securityDescriptor)}`,
    '',
  ];
  for (const [title, copyDescriptor] of [
    ['1. DuplicateToken with no SECURITY_ATTRIBUTES, after RevertToSelf', false],
    ['2. DuplicateTokenEx with the original DACL from GetSecurityInfo', true],
  ]) {
    const run = runDuplicatedToken(copyDescriptor);
    lines.push(
      title,
      `   CoCreateInstance before: ${run.first}; after impersonating the duplicate: ${run.second}`,
      `   Duplicate's descriptor: ${run.duplicateSddl}`,
      '',
      formatTrace(run.machine, { names })
        .split('\n')
        .map((l) => (l === '' ? '' : `   ${l}`))
        .join('\n'),
      '',
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(duplicatedTokenReport());
}
