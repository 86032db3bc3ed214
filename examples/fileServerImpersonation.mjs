// The file server of "What's in a Token (Part 2): Impersonation" (../shared/reading/): the Server service
// on WTIPFS1 runs as LocalSystem (S-1-5-18) and serves Billy's SMB request for \\WtipFS1\Tools\test.txt on
// a worker thread that impersonates Billy, so that the file's DACL is enforced for Billy, not for SYSTEM.
//
// Run with `pnpm run example` (it builds the packages first). The report is deterministic.
import { pathToFileURL } from 'node:url';
import {
  accessCheck,
  explainAccessCheck,
  formatSddl,
  maskToNames,
  OBJECT_TYPES,
  parseSddl,
  sid,
  token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';

const corp = sid('S-1-5-21-1004336348-1177238915-682003330');
const billy = sid(`${corp.text}-1104`);
const names = new Map([
  [corp, 'WTIP'],
  [billy, 'WTIP\\Billy'],
]);

/**
 * test.txt as the article's administrator left it: SYSTEM and Administrators have full control, Everyone
 * may read, and one explicit deny stops Billy reading the data ("we could deny Billy access to this file
 * and our permissions will be adhered even when another process tries to get this file on Billy's behalf").
 */
const testTxtSddl = `O:BAG:SYD:(D;;FR;;;${billy.text})(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;WD)`;

/** The primary token of the Server service's process: LocalSystem, at System integrity. */
const serverServiceToken = token({
  user: WELL_KNOWN_SIDS.SYSTEM.sid,
  groups: [
    WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
  ],
  privileges: ['SeTcbPrivilege', 'SeImpersonatePrivilege', 'SeSecurityPrivilege', 'SeTakeOwnershipPrivilege'],
  integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
  // AccessCheck needs an impersonation token: this is SYSTEM's token duplicated for the check (ImpersonateSelf).
  type: 'impersonation',
  impersonationLevel: 'Impersonation',
});

/**
 * The token Billy's network logon (logon type 3) yields on the file server: an impersonation token at
 * Impersonation level with Billy's domain groups and NETWORK (S-1-5-2), which the worker thread impersonates.
 */
const billyNetworkToken = token({
  user: billy,
  groups: [
    sid(`${corp.text}-513`), // Domain Users
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
    WELL_KNOWN_SIDS.NETWORK.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    WELL_KNOWN_SIDS.THIS_ORGANIZATION.sid,
  ],
  privileges: ['SeChangeNotifyPrivilege'],
  type: 'impersonation',
  impersonationLevel: 'Impersonation',
});

/** Builds the whole report as text: the descriptor, then the access check as SYSTEM and as Billy. */
export function fileServerReport() {
  const parsed = parseSddl(testTxtSddl);
  if (!parsed.ok) throw new Error(`example: ${parsed.error.message}`);
  const fileSd = parsed.value;
  const file = OBJECT_TYPES.file;
  const readData = file.genericMapping.genericRead; // FILE_GENERIC_READ, as CreateFile(GENERIC_READ) maps it
  const lines = [
    '\\\\WtipFS1\\Tools\\test.txt — the file server of "What\'s in a Token (Part 2)"',
    '',
    `Security descriptor: ${formatSddl(fileSd)}`,
    `Requested: ${maskToNames(readData, file).join(' | ')}`,
    '',
  ];
  for (const [who, subject] of [
    ['The Server service thread as itself (NT AUTHORITY\\SYSTEM)', serverServiceToken],
    ['The same thread impersonating WTIP\\Billy (network logon, type 3)', billyNetworkToken],
  ]) {
    const result = accessCheck({
      securityDescriptor: fileSd,
      token: subject,
      desiredAccess: readData,
      objectType: file,
    });
    lines.push(`${who}:`);
    if (!result.ok) {
      lines.push(`  AccessCheck failed: ${result.error.code} (${result.error.win32})`, '');
      continue;
    }
    for (const line of explainAccessCheck(result.value, { objectType: file, names }).split('\n')) {
      lines.push(`  ${line}`);
    }
    lines.push('');
  }
  lines.push(
    'After RevertToSelf the thread is SYSTEM again; the open made while impersonating was judged for Billy.',
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(fileServerReport());
}
