import type { ImpersonationLevel, Token } from '@doublehop/core-token';
import type { LogonError } from '../errors.js';
import type { LogonSession } from '../logon/logonSession.js';
import { isNetworkLogon, LOGON_TYPES, type LogonTypeName } from '../logon/logonType.js';
import type { Lsa } from '../logon/lsa.js';
import { lsaState } from '../logon/lsa.js';
import { netbiosDomainOf } from '../logon/netbiosDomainOf.js';
import { WELL_KNOWN_LUIDS } from '../logon/wellKnownLuids.js';
import type { AuditEvent, Event4624, Event4625, Event4634, Event4648, Event4672 } from './auditEvent.js';
import { SENSITIVE_PRIVILEGES } from './sensitivePrivileges.js';

const ZERO_GUID = '{00000000-0000-0000-0000-000000000000}';

/** @internal Where a logon request came from, for the events' process and network fields. */
export interface EventOrigin {
  readonly subject: LogonSession;
  readonly processId: number;
  readonly processName: string;
  readonly workstationName: string;
  readonly ipAddress: string;
  readonly ipPort: string;
}

/** Hex as the Security log writes LUIDs: `0x3e7`. */
function hex(value: number): string {
  return `0x${value.toString(16)}`;
}

/**
 * Appends an event to the machine's Security log, header first, both parts frozen. Events are written out
 * field by field: V8 builds `{ ...header, eventId, data }` or `Object.assign(subject, { … })` — new keys added
 * to a copy — through a slow path that made writing the log the most expensive step of a logon.
 */
function append<E extends AuditEvent>(lsa: Lsa, eventId: E['eventId'], data: E['data'], failure = false): E {
  const { events } = lsaState(lsa);
  const event = Object.freeze({
    recordId: events.length + 1,
    computer: lsa.machine.dnsHostName,
    keywords: failure ? 'Audit Failure' : 'Audit Success',
    eventId,
    data: Object.freeze(data),
  }) as E;
  events.push(event);
  return event;
}

function subjectFields(
  lsa: Lsa,
  origin: EventOrigin,
): {
  SubjectUserSid: string;
  SubjectUserName: string;
  SubjectDomainName: string;
  SubjectLogonId: string;
} {
  const s = origin.subject;
  // SYSTEM is recorded as the computer account (WEB01$ in CORP), as every 4624 example shows.
  if (s.logonId === WELL_KNOWN_LUIDS.SYSTEM) {
    return {
      SubjectUserSid: s.user.text,
      SubjectUserName: `${lsa.machine.name}$`,
      SubjectDomainName:
        lsa.machine.domain === null
          ? 'WORKGROUP'
          : (netbiosDomainOf(lsa) ?? lsa.machine.domain.toUpperCase()),
      SubjectLogonId: hex(s.logonId),
    };
  }
  return {
    SubjectUserSid: s.user.text,
    SubjectUserName: s.userName,
    SubjectDomainName: s.domainName,
    SubjectLogonId: hex(s.logonId),
  };
}

const LEVEL_CODES: Record<ImpersonationLevel, string> = {
  Anonymous: '-',
  Identification: '%%1832',
  Impersonation: '%%1833',
  Delegation: '%%1840',
};

/** @internal The impersonation level 4624 records: the token's, or Impersonation for a primary token. */
function levelOf(t: Token): string {
  return LEVEL_CODES[t.impersonationLevel ?? 'Impersonation'];
}

/** @internal Records 4624 for a new session. */
export function record4624(
  lsa: Lsa,
  session: LogonSession,
  origin: EventOrigin,
  extra: {
    readonly transitedServices: readonly string[];
    readonly outbound: { user: string; domain: string } | null;
  },
): Event4624 {
  const ntlm = session.protocol === 'NTLM' && isNetworkLogon(session.logonType);
  const subject = subjectFields(lsa, origin);
  return append<Event4624>(lsa, 4624, {
    SubjectUserSid: subject.SubjectUserSid,
    SubjectUserName: subject.SubjectUserName,
    SubjectDomainName: subject.SubjectDomainName,
    SubjectLogonId: subject.SubjectLogonId,
    TargetUserSid: session.user.text,
    TargetUserName: session.userName,
    TargetDomainName: session.domainName,
    TargetLogonId: hex(session.logonId),
    LogonType: LOGON_TYPES[session.logonType],
    LogonProcessName: session.logonProcessName,
    AuthenticationPackageName: session.authenticationPackage,
    WorkstationName: origin.workstationName,
    LogonGuid: ZERO_GUID,
    TransmittedServices: extra.transitedServices.length === 0 ? '-' : extra.transitedServices.join(' '),
    LmPackageName: ntlm ? 'NTLM V2' : '-',
    KeyLength: ntlm ? 128 : 0,
    ProcessId: hex(origin.processId),
    ProcessName: origin.processName,
    IpAddress: origin.ipAddress,
    IpPort: origin.ipPort,
    ImpersonationLevel: levelOf(session.token),
    RestrictedAdminMode: session.logonType === 'RemoteInteractive' ? '%%1843' : '-',
    TargetOutboundUserName: extra.outbound?.user ?? '-',
    TargetOutboundDomainName: extra.outbound?.domain ?? '-',
    VirtualAccount: session.virtualAccount ? '%%1842' : '%%1843',
    TargetLinkedLogonId: hex(session.linkedLogonId ?? 0),
    ElevatedToken: session.elevated ? '%%1842' : '%%1843',
  });
}

/** @internal Records 4672 when the session's token holds a sensitive privilege; returns it or `null`. */
export function record4672(lsa: Lsa, session: LogonSession): Event4672 | null {
  const list = session.token.privileges.map((p) => p.name).filter((p) => SENSITIVE_PRIVILEGES.includes(p));
  if (list.length === 0) return null;
  return append<Event4672>(lsa, 4672, {
    SubjectUserSid: session.user.text,
    SubjectUserName: session.userName,
    SubjectDomainName: session.domainName,
    SubjectLogonId: hex(session.logonId),
    PrivilegeList: list.join('\n'),
  });
}

/** @internal Records 4648 (explicit credentials). */
export function record4648(lsa: Lsa, origin: EventOrigin, user: string, domain: string): Event4648 {
  const subject = subjectFields(lsa, origin);
  return append<Event4648>(lsa, 4648, {
    SubjectUserSid: subject.SubjectUserSid,
    SubjectUserName: subject.SubjectUserName,
    SubjectDomainName: subject.SubjectDomainName,
    SubjectLogonId: subject.SubjectLogonId,
    LogonGuid: ZERO_GUID,
    TargetUserName: user,
    TargetDomainName: domain,
    TargetLogonGuid: ZERO_GUID,
    TargetServerName: 'localhost',
    TargetInfo: 'localhost',
    ProcessId: hex(origin.processId),
    ProcessName: origin.processName,
    IpAddress: origin.ipAddress,
    IpPort: origin.ipPort,
  });
}

const FAILURE_REASONS: Record<LogonError['reason'], string> = {
  'unknown-user': '%%2313',
  'wrong-password': '%%2313',
  'account-disabled': '%%2310',
  'logon-right-missing': '%%2308',
  'logon-right-denied': '%%2308',
  'protected-users-ntlm': '%%2304',
  'no-logon-servers': '%%2304',
  'no-cached-credentials': '%%2304',
  'logon-type-not-supported': '%%2304',
};

/** @internal Records 4625 for a refused logon. */
export function record4625(
  lsa: Lsa,
  origin: EventOrigin,
  target: { readonly sid: string; readonly user: string; readonly domain: string },
  logonType: LogonTypeName,
  logonProcessName: string,
  authenticationPackage: string,
  error: LogonError,
): Event4625 {
  const subject = subjectFields(lsa, origin);
  return append<Event4625>(
    lsa,
    4625,
    {
      SubjectUserSid: subject.SubjectUserSid,
      SubjectUserName: subject.SubjectUserName,
      SubjectDomainName: subject.SubjectDomainName,
      SubjectLogonId: subject.SubjectLogonId,
      TargetUserSid: target.sid,
      TargetUserName: target.user,
      TargetDomainName: target.domain,
      Status: hex(error.ntStatus >>> 0),
      FailureReason: FAILURE_REASONS[error.reason],
      SubStatus: hex(error.subStatus >>> 0),
      LogonType: LOGON_TYPES[logonType],
      LogonProcessName: logonProcessName,
      AuthenticationPackageName: authenticationPackage,
      WorkstationName: origin.workstationName,
      TransmittedServices: '-',
      LmPackageName: '-',
      KeyLength: 0,
      ProcessId: hex(origin.processId),
      ProcessName: origin.processName,
      IpAddress: origin.ipAddress,
      IpPort: origin.ipPort,
    },
    true,
  );
}

/** @internal Records 4634 when a session ends. */
export function record4634(lsa: Lsa, session: LogonSession): Event4634 {
  return append<Event4634>(lsa, 4634, {
    TargetUserSid: session.user.text,
    TargetUserName: session.userName,
    TargetDomainName: session.domainName,
    TargetLogonId: hex(session.logonId),
    LogonType: LOGON_TYPES[session.logonType],
  });
}
