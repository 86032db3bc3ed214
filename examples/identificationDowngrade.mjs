// The silent downgrade to Identification (Client Impersonation,
// https://learn.microsoft.com/windows/win32/secauthz/client-impersonation, and the ImpersonateLoggedOnUser
// remarks), on doublehop's simulated machine.
//
// A line-of-business service runs as a plain domain account, WTIP\svc-reports, which was never granted
// "Impersonate a client after authentication" (SeImpersonatePrivilege). It impersonates its client Billy to
// open Billy's report. ImpersonateLoggedOnUser *succeeds* — but the kernel's impersonation check found no
// exception for the service, so the thread silently carries an Identification-level copy of Billy's token,
// and the next open fails with ERROR_BAD_IMPERSONATION_LEVEL (1346). Granting the privilege fixes it.
//
// Run with `pnpm run build && node examples/identificationDowngrade.mjs`. The report is deterministic.
import { pathToFileURL } from 'node:url';
import {
  ACCESS_RIGHTS,
  ace,
  createMachine,
  createProcess,
  formatTrace,
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
const svcReports = sid(`${wtip.text}-3001`);
const names = new Map([
  [wtip, 'WTIP'],
  [billy, 'WTIP\\Billy'],
  [svcReports, 'WTIP\\svc-reports'],
]);
const REPORT = 'D:\\Reports\\billy-q3.xlsx';

function serviceToken(withPrivilege) {
  return token({
    user: svcReports,
    type: 'primary',
    groups: [
      WELL_KNOWN_SIDS.EVERYONE.sid,
      WELL_KNOWN_SIDS.SERVICE.sid,
      WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    ],
    privileges: withPrivilege
      ? ['SeChangeNotifyPrivilege', 'SeImpersonatePrivilege']
      : ['SeChangeNotifyPrivilege'],
    integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
  });
}

/** Billy's network logon token as LSA handed it to the service (its DACL grants Billy, SYSTEM and the service). */
const billyToken = token({
  user: billy,
  groups: [sid(`${wtip.text}-513`), WELL_KNOWN_SIDS.EVERYONE.sid, WELL_KNOWN_SIDS.NETWORK.sid],
  privileges: ['SeChangeNotifyPrivilege'],
  securityDescriptor: objectSecurityFrom(
    {
      owner: billy,
      primaryGroup: billy,
      defaultDacl: [billy, WELL_KNOWN_SIDS.SYSTEM.sid, svcReports].map((s) =>
        ace('ACCESS_ALLOWED', s, ACCESS_RIGHTS.GENERIC_ALL),
      ),
    },
    OBJECT_TYPES.token.genericMapping,
  ),
});

/** Serves Billy once; returns the machine and what the open returned. */
export function runReportService(withPrivilege) {
  const machine = createMachine({ name: 'REPORTS1' });
  registerFile(machine, REPORT, sddl(`O:BAG:SYD:(A;;FA;;;${billy.text})(A;;FA;;;SY)(A;;FA;;;BA)`));
  const service = createProcess(machine, { name: 'ReportSvc.exe', token: serviceToken(withPrivilege) });
  const t = service.threadId;
  const client = registerToken(machine, service.processId, billyToken);
  const impersonated = win32.impersonateLoggedOnUser(machine, t, client);
  const opened = win32.createFile(machine, t, REPORT, ACCESS_RIGHTS.GENERIC_READ);
  const isNetwork = win32.checkTokenMembership(machine, t, null, WELL_KNOWN_SIDS.NETWORK.sid);
  win32.revertToSelf(machine, t);
  return {
    machine,
    impersonated: impersonated.ok ? 'TRUE' : impersonated.error.code,
    opened: opened.ok ? 'ERROR_SUCCESS' : `${opened.error.code} (${opened.error.win32})`,
    isNetwork: isNetwork.ok ? String(isNetwork.value) : isNetwork.error.code,
  };
}

/** Builds the report: without and with SeImpersonatePrivilege. */
export function identificationDowngradeReport() {
  const lines = ['The silent downgrade: a service without SeImpersonatePrivilege impersonates Billy', ''];
  for (const withPrivilege of [false, true]) {
    const run = runReportService(withPrivilege);
    lines.push(
      `WTIP\\svc-reports ${withPrivilege ? 'with' : 'without'} SeImpersonatePrivilege:`,
      `  ImpersonateLoggedOnUser: ${run.impersonated}`,
      `  CreateFile(${REPORT}, GENERIC_READ): ${run.opened}`,
      `  CheckTokenMembership(NULL, NETWORK): ${run.isNetwork}`,
      '',
      formatTrace(run.machine, { names })
        .split('\n')
        .map((l) => (l === '' ? '' : `  ${l}`))
        .join('\n'),
      '',
    );
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(identificationDowngradeReport());
}
