// Shared SIDs, tokens and helpers for the access check tests.
import {
  type AccessCheckRequest,
  type AccessCheckResult,
  type Ace,
  type AceType,
  accessCheck,
  ace,
  OBJECT_TYPES,
  type SecurityDescriptor,
  type Sid,
  securityDescriptor,
  sid,
  type Token,
  type TokenInit,
  token,
  WELL_KNOWN_SIDS,
} from '../src/index.js';

export const DOMAIN = 'S-1-5-21-1004336348-1177238915-682003330';
export const BILLY = sid(`${DOMAIN}-1104`);
export const ALICE = sid(`${DOMAIN}-1105`);
export const DOMAIN_USERS = sid(`${DOMAIN}-513`);
export const DOMAIN_ADMINS = sid(`${DOMAIN}-512`);
export const { sid: EVERYONE } = WELL_KNOWN_SIDS.EVERYONE;
export const { sid: NETWORK } = WELL_KNOWN_SIDS.NETWORK;
export const { sid: AUTHENTICATED_USERS } = WELL_KNOWN_SIDS.AUTHENTICATED_USERS;
export const { sid: SYSTEM } = WELL_KNOWN_SIDS.SYSTEM;
export const { sid: ADMINISTRATORS } = WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS;
export const { sid: USERS } = WELL_KNOWN_SIDS.BUILTIN_USERS;
export const { sid: OWNER_RIGHTS } = WELL_KNOWN_SIDS.OWNER_RIGHTS;
export const { sid: PRINCIPAL_SELF } = WELL_KNOWN_SIDS.PRINCIPAL_SELF;
export const { sid: CREATOR_OWNER } = WELL_KNOWN_SIDS.CREATOR_OWNER;
export const { sid: LOW } = WELL_KNOWN_SIDS.LOW_INTEGRITY;
export const { sid: MEDIUM } = WELL_KNOWN_SIDS.MEDIUM_INTEGRITY;
export const { sid: HIGH } = WELL_KNOWN_SIDS.HIGH_INTEGRITY;
export const { sid: SYSTEM_IL } = WELL_KNOWN_SIDS.SYSTEM_INTEGRITY;

/** File rights (winnt.h). */
export const FILE = {
  READ_DATA: 0x1,
  WRITE_DATA: 0x2,
  APPEND_DATA: 0x4,
  READ_EA: 0x8,
  EXECUTE: 0x20,
  READ_ATTRIBUTES: 0x80,
  WRITE_ATTRIBUTES: 0x100,
  GENERIC_READ: 0x120089,
  GENERIC_WRITE: 0x120116,
  GENERIC_EXECUTE: 0x1200a0,
  ALL_ACCESS: 0x1f01ff,
} as const;
export const DELETE = 0x10000;
export const READ_CONTROL = 0x20000;
export const WRITE_DAC = 0x40000;
export const WRITE_OWNER = 0x80000;
export const SYNCHRONIZE = 0x100000;
export const ACCESS_SYSTEM_SECURITY = 0x1000000;
export const MAXIMUM_ALLOWED = 0x2000000;
export const GENERIC_READ = 0x80000000;

/** Billy's impersonation token as the Server service gets it for his SMB session (a network logon). */
export function billyOverTheNetwork(overrides: Partial<TokenInit> = {}): Token {
  return token({
    user: BILLY,
    groups: [EVERYONE, NETWORK, AUTHENTICATED_USERS, DOMAIN_USERS],
    ...overrides,
  });
}

/** A DACL-only descriptor owned by BUILTIN\Administrators, group SYSTEM. */
export function fileSd(
  dacl: readonly Ace[] | null,
  extra: Partial<Parameters<typeof securityDescriptor>[0]> = {},
): SecurityDescriptor {
  return securityDescriptor({ owner: ADMINISTRATORS, group: SYSTEM, dacl, ...extra });
}

/** `ace()` with the arguments in the order SDDL writes them: type, mask, SID. */
export function entry(type: AceType, mask: number, who: Sid, options: Parameters<typeof ace>[3] = {}): Ace {
  return ace(type, who, mask, options);
}

/** Runs accessCheck on a file and returns the completed result, failing the test on a Win32 error. */
export function check(
  sd: SecurityDescriptor,
  subject: Token,
  desiredAccess: number,
  extra: Partial<AccessCheckRequest> = {},
): AccessCheckResult {
  const r = accessCheck({
    securityDescriptor: sd,
    token: subject,
    desiredAccess,
    objectType: OBJECT_TYPES.file,
    ...extra,
  });
  if (!r.ok) throw new Error(`check: accessCheck failed with ${r.error.code}`);
  return r.value;
}
