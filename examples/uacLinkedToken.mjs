// UAC on doublehop's simulated machine: an administrator's filtered token and its linked full token
// (How User Account Control works,
// https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works;
// TOKEN_LINKED_TOKEN, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_linked_token).
//
// Alice is a member of Administrators. With UAC on, her desktop (explorer.exe) runs with the filtered half of a
// split token: Administrators is deny-only, so an Administrators-only file is closed to her. Asking for the
// linked token without SeTcbPrivilege gives an Identification-level copy — enough to see that Alice *is* an
// administrator (CheckTokenMembership), useless to act as one. A SYSTEM service with SeTcbPrivilege gets the
// full token itself and can start an elevated process with it, which opens the file.
//
// Run with `pnpm run build && node examples/uacLinkedToken.mjs`. The report is deterministic.
import { pathToFileURL } from 'node:url';
import {
  ACCESS_RIGHTS,
  createMachine,
  createProcess,
  filterAdministratorToken,
  formatTrace,
  linkUacTokens,
  registerFile,
  registerToken,
  sddl,
  sid,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';

const wtip = sid('S-1-5-21-1004336348-1177238915-682003330');
const alice = sid(`${wtip.text}-1105`);
const names = new Map([
  [wtip, 'WTIP'],
  [alice, 'WTIP\\Alice'],
]);
const SECRETS = 'C:\\Admin\\secrets.txt';
const BA = WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid;

/** Alice's interactive logon with UAC on: the full token, filtered by LSA, and the pair linked. */
function aliceSplitToken() {
  const full = token({
    user: alice,
    type: 'primary',
    groups: [
      BA,
      WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
      WELL_KNOWN_SIDS.EVERYONE.sid,
      WELL_KNOWN_SIDS.INTERACTIVE.sid,
    ],
    privileges: ['SeChangeNotifyPrivilege', { name: 'SeDebugPrivilege', attributes: 0 }],
    integrityLevel: WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
    tokenId: 0x7a20,
    authenticationId: 0x7a12,
    sessionId: 1,
  });
  const limited = filterAdministratorToken(full, {
    tokenId: 0x7a21,
    modifiedId: 0x7a21,
    authenticationId: 0x7a11,
  });
  return linkUacTokens(full, limited);
}

const OBJECT_QUERY = 0x8; // TOKEN_QUERY
const outcome = (r) => (r.ok ? 'ERROR_SUCCESS' : `${r.error.code} (${r.error.win32})`);

/** Runs the scenario; returns the machine and the outcomes. */
export function runUac() {
  const machine = createMachine({ name: 'WKS1' });
  registerFile(machine, SECRETS, sddl('O:BAG:SYD:(A;;FA;;;BA)(A;;FA;;;SY)'));
  const pair = aliceSplitToken();
  const explorer = createProcess(machine, { name: 'explorer.exe', token: pair.limited });
  const e = explorer.threadId;
  const results = {};
  results.filteredOpen = outcome(win32.createFile(machine, e, SECRETS, ACCESS_RIGHTS.GENERIC_READ));
  const own = win32.openProcessToken(machine, e, win32.getCurrentProcess(), OBJECT_QUERY);
  if (!own.ok) throw new Error(`uac: ${own.error.message}`);
  const linked = win32.getTokenInformation(machine, e, own.value, 'TokenLinkedToken');
  if (!linked.ok) throw new Error(`uac: ${linked.error.message}`);
  const copy = machine.processes.get(explorer.processId)?.handles.get(linked.value)?.object;
  results.linkedLevel = copy?.kind === 'token' ? copy.token.impersonationLevel : null;
  const isAdmin = win32.checkTokenMembership(machine, e, linked.value, BA);
  results.isAdmin = isAdmin.ok ? isAdmin.value : isAdmin.error.code;
  results.asPrimary = outcome(
    win32.duplicateTokenEx(machine, e, linked.value, 0, null, 'Impersonation', 'primary'),
  );

  const appinfo = createProcess(machine, {
    name: 'svchost.exe',
    token: token({
      user: WELL_KNOWN_SIDS.SYSTEM.sid,
      type: 'primary',
      groups: [BA, WELL_KNOWN_SIDS.EVERYONE.sid],
      privileges: ['SeTcbPrivilege', 'SeAssignPrimaryTokenPrivilege', 'SeIncreaseQuotaPrivilege'],
      integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      authenticationId: 0x3e7,
    }),
  });
  const a = appinfo.threadId;
  const userToken = registerToken(machine, appinfo.processId, pair.limited); // WTSQueryUserToken
  const full = win32.getTokenInformation(machine, a, userToken, 'TokenLinkedToken');
  if (!full.ok) throw new Error(`uac: ${full.error.message}`);
  const elevated = win32.createProcessAsUser(machine, a, full.value, 'mmc.exe');
  if (!elevated.ok) throw new Error(`uac: ${elevated.error.message}`);
  results.elevatedOpen = outcome(
    win32.createFile(machine, elevated.value.threadId, SECRETS, ACCESS_RIGHTS.GENERIC_READ),
  );
  return { machine, results };
}

/** Builds the report. */
export function uacLinkedTokenReport() {
  const { machine, results } = runUac();
  return [
    "UAC: Alice's filtered token and its linked full token",
    '',
    `explorer.exe (filtered token) CreateFile(${SECRETS}): ${results.filteredOpen}`,
    `GetTokenInformation(TokenLinkedToken) without SeTcbPrivilege: an impersonation token at ${results.linkedLevel} level`,
    `  CheckTokenMembership(linked, BUILTIN\\Administrators): ${results.isAdmin}`,
    `  DuplicateTokenEx(linked, TokenPrimary): ${results.asPrimary}`,
    `SYSTEM service with SeTcbPrivilege → full token → CreateProcessAsUser(mmc.exe) → CreateFile: ${results.elevatedOpen}`,
    '',
    formatTrace(machine, { names }),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(uacLinkedTokenReport());
}
