// Machine throughput: the typical server cycle on the simulated machine — ImpersonateLoggedOnUser →
// CreateFile → CloseHandle → RevertToSelf — per second, next to the bare access check the CreateFile runs.
// Prints figures only; it never fails on timing. Run with `pnpm bench:machine` (builds first: this imports the
// compiled package from dist/).
import {
  ACCESS_RIGHTS,
  accessCheck,
  createMachine,
  createProcess,
  mapGenericMask,
  OBJECT_TYPES,
  registerFile,
  registerToken,
  sddl,
  sid,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '../packages/core-token/dist/index.js';
import { bestOf } from './support/bestOf.mjs';

const DOMAIN = 'S-1-5-21-1004336348-1177238915-682003330';
const billy = token({
  user: sid(`${DOMAIN}-1104`),
  groups: [
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.NETWORK.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    sid(`${DOMAIN}-513`),
    ...Array.from({ length: 16 }, (_, i) => sid(`${DOMAIN}-${2000 + i}`)),
  ],
  privileges: ['SeChangeNotifyPrivilege'],
});
const PATH = '\\\\WtipFS1\\Tools\\test.txt';
const fileSd = sddl(
  `O:BAG:SYD:(D;;FA;;;${DOMAIN}-1105)(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;${DOMAIN}-513)(A;;FR;;;WD)`,
);

const machine = createMachine({ name: 'WTIPFS1' });
registerFile(machine, PATH, fileSd);
const server = createProcess(machine, {
  name: 'System',
  token: token({
    user: WELL_KNOWN_SIDS.SYSTEM.sid,
    type: 'primary',
    privileges: ['SeImpersonatePrivilege', 'SeTcbPrivilege'],
    integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
  }),
});
const t = server.threadId;
const client = registerToken(machine, server.processId, billy);

function cycle() {
  win32.impersonateLoggedOnUser(machine, t, client);
  const file = win32.createFile(machine, t, PATH, ACCESS_RIGHTS.GENERIC_READ);
  if (file.ok) win32.closeHandle(machine, t, file.value);
  win32.revertToSelf(machine, t);
  return file.ok ? 1 : 0;
}

const request = {
  securityDescriptor: fileSd,
  token: billy,
  desiredAccess: mapGenericMask(ACCESS_RIGHTS.GENERIC_READ, OBJECT_TYPES.file.genericMapping),
  objectType: OBJECT_TYPES.file,
};
const bare = () => {
  const r = accessCheck(request);
  return r.ok && r.value.granted ? 1 : 0;
};

if (cycle() !== 1 || bare() !== 1) throw new Error('machine.bench: the benchmark case must grant the read');

const cases = { cycle, accessCheck: bare };
const labels = {
  cycle: 'impersonate → CreateFile → CloseHandle → RevertToSelf (one cycle)',
  accessCheck: 'the bare accessCheck that CreateFile runs',
};

const best = bestOf({
  name: 'machine.bench',
  url: import.meta.url,
  cases,
  labels,
  describe: `${billy.groups.length}-group client token, 5-ACE file DACL, GENERIC_READ`,
  unit: '/s',
  labelWidth: 72,
  // The trace is the caller's: emptied after every batch of 1,000 cycles (4,000 events).
  measureOptions: {
    warmup: 100_000,
    batch: 1_000,
    afterBatch: () => {
      machine.trace.length = 0;
    },
  },
});
if (best !== null) {
  console.log(
    `summary: ${(best.cycle / 1e6).toFixed(2)}M impersonate→open→revert cycles/s (4 traced Win32 calls each, ` +
      `${((best.cycle * 4) / 1e6).toFixed(2)}M calls/s; trace emptied every 1,000 cycles); ` +
      `bare accessCheck ${(best.accessCheck / 1e6).toFixed(2)}M/s`,
  );
}
