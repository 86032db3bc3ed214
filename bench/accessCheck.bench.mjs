// Access check throughput: doublehop's accessCheck against a minimal hand-written mask loop over the same
// 10-ACE DACL, 40-group token and request. Prints figures only; it never fails on timing.
// Run with `pnpm bench` (builds first: this imports the compiled package from dist/).
import {
  ACE_FLAGS,
  accessCheck,
  ace,
  OBJECT_TYPES,
  securityDescriptor,
  sid,
  token,
  WELL_KNOWN_SIDS,
} from '../packages/core-token/dist/index.js';
import { bestOf } from './support/bestOf.mjs';

const DOMAIN = 'S-1-5-21-1004336348-1177238915-682003330';
const FILE_ALL_ACCESS = 0x1f01ff;
const FILE_GENERIC_READ = 0x120089;
const FILE_GENERIC_WRITE = 0x120116;
const MAXIMUM_ALLOWED = 0x2000000;

// Billy over the network: Everyone, NETWORK, Authenticated Users, Domain Users and 36 more domain groups.
const groups = [
  WELL_KNOWN_SIDS.EVERYONE.sid,
  WELL_KNOWN_SIDS.NETWORK.sid,
  WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
  sid(`${DOMAIN}-513`),
  ...Array.from({ length: 36 }, (_, i) => sid(`${DOMAIN}-${2000 + i}`)),
];
const billy = token({ user: sid(`${DOMAIN}-1104`), groups });

// Ten ACEs: the first nine concern SIDs Billy lacks, or grant part of the request; the last completes it.
const dacl = [
  ace('ACCESS_DENIED', sid(`${DOMAIN}-1105`), FILE_ALL_ACCESS),
  ace('ACCESS_DENIED', sid(`${DOMAIN}-1106`), FILE_GENERIC_WRITE),
  ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid, FILE_ALL_ACCESS),
  ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.SYSTEM.sid, FILE_ALL_ACCESS),
  ace('ACCESS_ALLOWED', sid(`${DOMAIN}-2020`), 0x1),
  ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.CREATOR_OWNER.sid, FILE_ALL_ACCESS, {
    flags: ACE_FLAGS.INHERIT_ONLY_ACE,
  }),
  ace('ACCESS_ALLOWED', sid(`${DOMAIN}-512`), FILE_ALL_ACCESS),
  ace('ACCESS_DENIED', sid(`${DOMAIN}-3000`), FILE_GENERIC_WRITE),
  ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.BACKUP_OPERATORS.sid, FILE_GENERIC_READ),
  ace('ACCESS_ALLOWED', WELL_KNOWN_SIDS.EVERYONE.sid, FILE_GENERIC_READ),
];
const sd = securityDescriptor({
  owner: WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
  group: WELL_KNOWN_SIDS.SYSTEM.sid,
  dacl,
});

// The hand-written baseline: a Set of the token's enabled SID strings and {sid, mask, allow} records.
const enabled = new Set([billy.user.sid.text, ...billy.groups.map((g) => g.sid.text)]);
const records = dacl.map((a) => ({ sid: a.sid.text, mask: a.mask, allow: a.type === 'ACCESS_ALLOWED' }));
function handCheck(desired) {
  let remaining = desired;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (!enabled.has(r.sid)) continue;
    if (r.allow) {
      remaining &= ~r.mask;
      if (remaining === 0) return desired;
    } else if ((remaining & r.mask) !== 0) return 0;
  }
  return remaining === 0 ? desired : 0;
}

const request = {
  securityDescriptor: sd,
  token: billy,
  desiredAccess: FILE_GENERIC_READ,
  objectType: OBJECT_TYPES.file,
};
const maximumRequest = { ...request, desiredAccess: MAXIMUM_ALLOWED };
const viaAccessCheck = (r) => {
  const result = accessCheck(r);
  return result.ok ? result.value.grantedAccess : -1;
};

// Both must agree before their speed means anything.
if (viaAccessCheck(request) !== FILE_GENERIC_READ || handCheck(FILE_GENERIC_READ) !== FILE_GENERIC_READ) {
  throw new Error('accessCheck.bench: the two implementations disagree on the benchmark case');
}

const cases = {
  accessCheck: () => viaAccessCheck(request),
  hand: () => handCheck(FILE_GENERIC_READ),
  maximumAllowed: () => viaAccessCheck(maximumRequest),
  // A descriptor that is not a frozen value is not cached: its DACL is compiled on every call.
  uncached: () => viaAccessCheck({ ...request, securityDescriptor: { ...sd } }),
};
const labels = {
  accessCheck: 'accessCheck, FILE_GENERIC_READ',
  hand: 'hand-written loop (Set of SID strings), same DACL/request',
  maximumAllowed: 'accessCheck, MAXIMUM_ALLOWED',
  uncached: 'accessCheck, FILE_GENERIC_READ, descriptor compiled each call',
};

const best = bestOf({
  name: 'accessCheck.bench',
  url: import.meta.url,
  cases,
  labels,
  describe: `10-ACE DACL, ${groups.length}-group token, request FILE_GENERIC_READ`,
  unit: 'checks/s',
  labelWidth: 64,
  measureOptions: { warmup: 300_000, batch: 50_000 },
});
if (best !== null) {
  const ratio = best.hand / best.accessCheck;
  console.log(`ratio hand-written loop / accessCheck: ${ratio.toFixed(2)}x`);
  console.log(
    `summary: accessCheck ${(best.accessCheck / 1e6).toFixed(2)}M checks/s (target >= 2M), ` +
      `hand-written loop ${(best.hand / 1e6).toFixed(2)}M/s, ratio ${ratio.toFixed(2)}x (target <= 2x), ` +
      `MAXIMUM_ALLOWED ${(best.maximumAllowed / 1e6).toFixed(2)}M/s, uncached descriptor ${(best.uncached / 1e6).toFixed(2)}M/s`,
  );
}
