// The file server of "What's in a Token (Part 2): Impersonation" (../shared/reading/), on doublehop's simulated
// machine: the Server service on WTIPFS1 runs as LocalSystem (S-1-5-18) and serves Billy's SMB request for
// \\WtipFS1\Tools\test.txt on a worker thread that impersonates Billy, so that the file's DACL is enforced for
// Billy, not for SYSTEM; then the thread reverts. The trace shows, like Process Monitor's "Impersonating:
// WTIP\Billy", which identity each open ran as.
//
// Run with `pnpm run example` (it builds the packages first). The report is deterministic.
import { pathToFileURL } from 'node:url';
import {
  ACCESS_RIGHTS,
  ace,
  createMachine,
  createProcess,
  explainAccessCheck,
  formatSddl,
  formatTrace,
  GROUP_ATTRIBUTES,
  logonSid,
  maskToNames,
  OBJECT_TYPES,
  objectSecurityFrom,
  registerFile,
  registerToken,
  sddl,
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
const TEST_TXT = '\\\\WtipFS1\\Tools\\test.txt';

/**
 * test.txt as the article's administrator left it: SYSTEM and Administrators have full control, Everyone
 * may read, and one explicit deny stops Billy reading the data ("we could deny Billy access to this file
 * and our permissions will be adhered even when another process tries to get this file on Billy's behalf").
 */
const testTxtSddl = `O:BAG:SYD:(D;;FR;;;${billy.text})(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;WD)`;

/** The primary token of the System process, where the Server service (srv2.sys) runs: LocalSystem. */
const systemToken = token({
  user: WELL_KNOWN_SIDS.SYSTEM.sid,
  type: 'primary',
  groups: [
    WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
  ],
  privileges: ['SeTcbPrivilege', 'SeImpersonatePrivilege', 'SeSecurityPrivilege', 'SeTakeOwnershipPrivilege'],
  integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
  authenticationId: 0x3e7,
});

/**
 * The token Billy's network logon (logon type 3) yields on the file server: an impersonation token at
 * Impersonation level with Billy's domain groups and NETWORK (S-1-5-2). LSA hands it to the server that
 * accepted the authentication; its own DACL lets Billy and SYSTEM open it.
 */
function billyNetworkToken() {
  const logon = logonSid(0, 0x5f3c1);
  const groups = [
    sid(`${wtip.text}-513`), // Domain Users
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
    WELL_KNOWN_SIDS.NETWORK.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    WELL_KNOWN_SIDS.THIS_ORGANIZATION.sid,
    { sid: logon, attributes: GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID | 0x7 },
  ];
  return token({
    user: billy,
    groups,
    privileges: ['SeChangeNotifyPrivilege'],
    authenticationId: 0x5f3c1,
    source: { name: 'NtLmSsp', identifier: 0 },
    securityDescriptor: objectSecurityFrom(
      {
        owner: billy,
        primaryGroup: billy,
        defaultDacl: [
          ace('ACCESS_ALLOWED', billy, ACCESS_RIGHTS.GENERIC_ALL),
          ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.SYSTEM.sid, ACCESS_RIGHTS.GENERIC_ALL),
        ],
      },
      OBJECT_TYPES.token.genericMapping,
    ),
  });
}

/** Runs the scenario on a fresh machine; returns the machine (with its trace). */
export function runFileServer() {
  const machine = createMachine({ name: 'WTIPFS1' });
  registerFile(machine, TEST_TXT, sddl(testTxtSddl));
  const server = createProcess(machine, { name: 'System', token: systemToken });
  const worker = server.threadId;
  // The Server service opens the file for itself (a local administrative access) …
  win32.createFile(machine, worker, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ);
  // … then serves Billy's SMB request: impersonate, open, revert.
  const billyToken = registerToken(machine, server.processId, billyNetworkToken());
  win32.impersonateLoggedOnUser(machine, worker, billyToken);
  win32.createFile(machine, worker, TEST_TXT, ACCESS_RIGHTS.GENERIC_READ);
  win32.revertToSelf(machine, worker);
  win32.closeHandle(machine, worker, billyToken);
  return machine;
}

/** Builds the whole report as text: the descriptor, each open's access check explained, then the trace. */
export function fileServerReport() {
  const machine = runFileServer();
  const file = OBJECT_TYPES.file;
  const lines = [
    `${TEST_TXT} — the file server of "What's in a Token (Part 2)", on ${machine.name}`,
    '',
    `Security descriptor: ${testTxtSddl}`,
    `Requested: GENERIC_READ → ${maskToNames(file.genericMapping.genericRead, file).join(' | ')}`,
    '',
  ];
  for (const event of machine.trace.filter((e) => e.operation === 'CreateFile')) {
    const as =
      event.impersonating === null ? 'the Server service thread as itself' : 'the same thread impersonating';
    lines.push(`CreateFile #${event.sequence}, ${as}:`);
    if (event.accessCheck !== null) {
      for (const line of explainAccessCheck(event.accessCheck, { objectType: file, names }).split('\n')) {
        lines.push(`  ${line}`);
      }
    }
    lines.push('');
  }
  lines.push('Trace (Process Monitor style):', '', formatTrace(machine, { names }), '');
  lines.push(
    'After RevertToSelf the thread is SYSTEM again; the open made while impersonating was judged for Billy.',
    `Token descriptor of Billy's logon as LSA set it: ${formatSddl(billyNetworkToken().securityDescriptor)}`,
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(fileServerReport());
}
