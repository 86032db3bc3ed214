import {
  ACCESS_RIGHTS,
  ace,
  createMachine,
  createProcess,
  GROUP_ATTRIBUTES,
  logonSid,
  type Machine,
  OBJECT_TYPES,
  objectSecurityFrom,
  type ProcessInfo,
  type Sid,
  sid,
  type Token,
  token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';

// Shared scenario pieces for the machine tests: WTIP's domain and Billy, from "What's in a Token (Part 2)".
export const WTIP = sid('S-1-5-21-1004336348-1177238915-682003330');
export const BILLY = sid(`${WTIP.text}-1104`);
export const ALICE = sid(`${WTIP.text}-1105`);
export const CAROL = sid(`${WTIP.text}-1106`);
export const DAVE = sid(`${WTIP.text}-1107`);
export const NAMES: ReadonlyMap<Sid, string> = new Map([
  [WTIP, 'WTIP'],
  [BILLY, 'WTIP\\Billy'],
  [ALICE, 'WTIP\\Alice'],
  [CAROL, 'WTIP\\Carol'],
  [DAVE, 'WTIP\\Dave'],
]);

/** A service's primary token: LocalSystem, NETWORK SERVICE or LOCAL SERVICE, as the SCM starts them. */
export function serviceToken(user: Sid, privileges: Parameters<typeof token>[0]['privileges'] = []): Token {
  return token({
    user,
    type: 'primary',
    groups: [
      WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
      WELL_KNOWN_SIDS.EVERYONE.sid,
      WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
      WELL_KNOWN_SIDS.SERVICE.sid,
    ].filter((g) => user === WELL_KNOWN_SIDS.SYSTEM.sid || g !== WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid),
    privileges,
    integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
    authenticationId:
      user === WELL_KNOWN_SIDS.SYSTEM.sid
        ? 0x3e7
        : user === WELL_KNOWN_SIDS.NETWORK_SERVICE.sid
          ? 0x3e4
          : 0x3e5,
  });
}

/**
 * Billy's network logon (type 3) token, as LSA hands it to the server that accepted his authentication: an
 * Impersonation-level token whose own DACL grants Billy, SYSTEM and the server's account.
 */
export function billyNetworkToken(server: Sid, user: Sid = BILLY): Token {
  const logon = logonSid(0, 0x5f000 + (user.subAuthorities.at(-1) ?? 0));
  const groups = [
    sid(`${WTIP.text}-513`),
    WELL_KNOWN_SIDS.EVERYONE.sid,
    WELL_KNOWN_SIDS.BUILTIN_USERS.sid,
    WELL_KNOWN_SIDS.NETWORK.sid,
    WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    WELL_KNOWN_SIDS.THIS_ORGANIZATION.sid,
    { sid: logon, attributes: GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID | 0x7 },
  ];
  const mapping = OBJECT_TYPES.token.genericMapping;
  const base = token({ user, groups, privileges: ['SeChangeNotifyPrivilege'], authenticationId: 0x5f3c1 });
  const sd = objectSecurityFrom(
    {
      owner: user,
      primaryGroup: user,
      defaultDacl: [...(base.defaultDacl ?? []), ace('ACCESS_ALLOWED', server, ACCESS_RIGHTS.GENERIC_ALL)],
    },
    mapping,
  );
  return token({
    user,
    groups,
    privileges: ['SeChangeNotifyPrivilege'],
    authenticationId: 0x5f3c1,
    securityDescriptor: sd,
  });
}

/** A machine with one service process; returns the machine and the service's ids. */
export function machineWithService(
  user: Sid,
  privileges: Parameters<typeof token>[0]['privileges'] = [
    'SeImpersonatePrivilege',
    'SeChangeNotifyPrivilege',
  ],
  name = 'svchost.exe',
): { machine: Machine; service: ProcessInfo } {
  const machine = createMachine({ name: 'WTIPFS1' });
  const service = createProcess(machine, { name, token: serviceToken(user, privileges) });
  return { machine, service };
}
