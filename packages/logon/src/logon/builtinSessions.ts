import {
  DEFAULT_GROUP_ATTRIBUTES,
  GROUP_ATTRIBUTES,
  logonSid,
  token,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { logonGroups } from './logonGroups.js';
import { logonPrivileges, systemPrivileges } from './logonPrivileges.js';
import type { LogonSession } from './logonSession.js';
import type { Lsa } from './lsa.js';
import { machineMemo } from './machineMemo.js';
import { builtinPrincipal } from './principal.js';
import type { SessionCredentials } from './sessionCredentials.js';
import { computerCredentials } from './sessionCredentialsFor.js';
import { WELL_KNOWN_LUIDS } from './wellKnownLuids.js';

/**
 * @internal The sessions every running Windows machine has: SYSTEM (0x3e7, logon type 0), LOCAL SERVICE
 * (0x3e5) and NETWORK SERVICE (0x3e4), at System integrity. SYSTEM and NETWORK SERVICE authenticate on the
 * network as the computer account; LOCAL SERVICE presents anonymous credentials ("Service User Accounts").
 */
export function builtinSessions(lsa: Lsa): readonly LogonSession[] {
  // They depend only on the (frozen) machine and directory, and are frozen: every LSA of a machine shares them.
  const known = sessionsOf(lsa);
  let sessions = known.get('');
  if (sessions === undefined) {
    sessions = Object.freeze(buildSessions(lsa));
    known.set('', sessions);
  }
  return sessions;
}

const sessionsOf = machineMemo<string, readonly LogonSession[]>();

function buildSessions(lsa: Lsa): LogonSession[] {
  const { machine } = lsa;
  const computer = computerCredentials(lsa);
  const system = token({
    user: WELL_KNOWN_SIDS.SYSTEM.sid,
    groups: [
      {
        sid: WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
        attributes: DEFAULT_GROUP_ATTRIBUTES | GROUP_ATTRIBUTES.SE_GROUP_OWNER,
      },
      WELL_KNOWN_SIDS.EVERYONE.sid,
      WELL_KNOWN_SIDS.AUTHENTICATED_USERS.sid,
    ],
    privileges: systemPrivileges(),
    type: 'primary',
    integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
    owner: WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
    primaryGroup: WELL_KNOWN_SIDS.SYSTEM.sid,
    tokenId: 0x3e8,
    authenticationId: WELL_KNOWN_LUIDS.SYSTEM,
    modifiedId: 0x3e8,
    source: { name: '*SYSTEM*', identifier: 0 },
  });
  const sessions: LogonSession[] = [
    Object.freeze({
      logonId: WELL_KNOWN_LUIDS.SYSTEM,
      logonType: 'System',
      authenticationPackage: 'Negotiate',
      protocol: null,
      logonProcessName: '-',
      user: WELL_KNOWN_SIDS.SYSTEM.sid,
      userName: 'SYSTEM',
      domainName: 'NT AUTHORITY',
      token: system,
      credentials: computer,
      linkedLogonId: null,
      elevated: true,
      virtualAccount: false,
      terminalSessionId: 0,
    }),
  ];
  for (const which of ['LOCAL SERVICE', 'NETWORK SERVICE'] as const) {
    const principal = builtinPrincipal(which);
    const id = WELL_KNOWN_LUIDS[which];
    const groups = logonGroups(lsa, principal, {
      logonType: 'Service',
      protocol: null,
      asserted: null,
      serviceName: null,
      logonSid: logonSid(0, id),
      otherOrganization: false,
    });
    const t = token({
      user: principal.sid,
      groups,
      privileges: logonPrivileges(machine, [principal.sid, ...groups.map((g) => g.sid)]),
      type: 'primary',
      integrityLevel: WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      tokenId: id + 0x100,
      authenticationId: id,
      modifiedId: id + 0x100,
      source: { name: 'Advapi', identifier: 0 },
    });
    sessions.push(
      Object.freeze({
        logonId: id,
        logonType: 'Service',
        authenticationPackage: 'Negotiate',
        protocol: null,
        logonProcessName: 'Advapi',
        user: principal.sid,
        userName: which,
        domainName: 'NT AUTHORITY',
        token: t,
        credentials: which === 'LOCAL SERVICE' ? ANONYMOUS : computer,
        linkedLogonId: null,
        elevated: true,
        virtualAccount: false,
        terminalSessionId: 0,
      }),
    );
  }
  return sessions;
}

const ANONYMOUS: SessionCredentials = Object.freeze({ kind: 'anonymous' });
