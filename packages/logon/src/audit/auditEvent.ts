/**
 * What every Security-log event doublehop produces carries besides its data: the event ID, a record number
 * (EventRecordID, increasing per machine), the computer, and whether it is an Audit Success or Failure.
 */
export interface AuditEventHeader {
  /** EventRecordID: the event's position in this machine's Security log, from 1. */
  readonly recordId: number;
  /** The computer that logged it (its DNS host name). */
  readonly computer: string;
  /** The keyword Event Viewer shows. */
  readonly keywords: 'Audit Success' | 'Audit Failure';
}

/**
 * 4624(S) "An account was successfully logged on", with the EventData field names of its schema
 * (version 2) and their values as the event's XML carries them (`%%1833` for Impersonation, `%%1842` Yes …).
 *
 * @example
 * ```ts
 * import type { Event4624 } from '@doublehop/logon';
 *
 * const isNetworkLogon = (e: Event4624): boolean => e.data.LogonType === 3;
 * ```
 * @see "4624(S) An account was successfully logged on", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4624
 */
export interface Event4624 extends AuditEventHeader {
  /** 4624. */
  readonly eventId: 4624;
  /** The event's fields. */
  readonly data: {
    /** The account that requested the logon (usually SYSTEM). */
    readonly SubjectUserSid: string;
    /** Its name (`WEB01$` for SYSTEM). */
    readonly SubjectUserName: string;
    /** Its domain. */
    readonly SubjectDomainName: string;
    /** Its logon ID, hex (`0x3e7`). */
    readonly SubjectLogonId: string;
    /** The account logged on. */
    readonly TargetUserSid: string;
    /** Its name. */
    readonly TargetUserName: string;
    /** Its domain (NetBIOS, machine name, `NT AUTHORITY` …). */
    readonly TargetDomainName: string;
    /** The new session's logon ID, hex. */
    readonly TargetLogonId: string;
    /** The logon type number. */
    readonly LogonType: number;
    /** The trusted logon process (`User32`, `Advapi`, `Kerberos`, `NtLmSsp`, `seclogo`). */
    readonly LogonProcessName: string;
    /** `Negotiate`, `Kerberos` or `NTLM`. */
    readonly AuthenticationPackageName: string;
    /** The workstation the logon came from, or `-`. */
    readonly WorkstationName: string;
    /** The logon GUID (all zeros when not captured). */
    readonly LogonGuid: string;
    /** Transited services of an S4U logon, or `-`. */
    readonly TransmittedServices: string;
    /** `NTLM V2` for NTLM logons, else `-`. */
    readonly LmPackageName: string;
    /** The NTLM session key length (128), 0 otherwise. */
    readonly KeyLength: number;
    /** The process that requested the logon, hex. */
    readonly ProcessId: string;
    /** Its image path, or `-`. */
    readonly ProcessName: string;
    /** The source network address, or `-`. */
    readonly IpAddress: string;
    /** The source port, or `-`. */
    readonly IpPort: string;
    /** `%%1832` Identification, `%%1833` Impersonation, `%%1840` Delegation, `-` Anonymous. */
    readonly ImpersonationLevel: string;
    /** `%%1842`/`%%1843` for RemoteInteractive logons, else `-`. */
    readonly RestrictedAdminMode: string;
    /** NEW_CREDENTIALS: the outbound user name, else `-`. */
    readonly TargetOutboundUserName: string;
    /** NEW_CREDENTIALS: the outbound domain, else `-`. */
    readonly TargetOutboundDomainName: string;
    /** `%%1842` Yes for virtual and managed service accounts, else `%%1843` No. */
    readonly VirtualAccount: string;
    /** The linked (UAC twin) session's logon ID, or `0x0`. */
    readonly TargetLinkedLogonId: string;
    /** `%%1842` Yes when the token is elevated, else `%%1843` No. */
    readonly ElevatedToken: string;
  };
}

/**
 * 4625(F) "An account failed to log on", with the Status / Sub Status pair and the failure reason.
 *
 * @example
 * ```ts
 * import type { Event4625 } from '@doublehop/logon';
 *
 * const notGranted = (e: Event4625): boolean => e.data.Status === '0xc000015b';
 * ```
 * @see "4625(F) An account failed to log on", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4625
 */
export interface Event4625 extends AuditEventHeader {
  /** 4625. */
  readonly eventId: 4625;
  /** The event's fields. */
  readonly data: {
    /** The account that requested the logon. */
    readonly SubjectUserSid: string;
    /** Its name. */
    readonly SubjectUserName: string;
    /** Its domain. */
    readonly SubjectDomainName: string;
    /** Its logon ID, hex. */
    readonly SubjectLogonId: string;
    /** The account that failed to log on (`S-1-0-0` when unknown: Windows records the NULL SID). */
    readonly TargetUserSid: string;
    /** The name given. */
    readonly TargetUserName: string;
    /** The domain given. */
    readonly TargetDomainName: string;
    /** The NTSTATUS, lower-case hex (`0xc000006d`). */
    readonly Status: string;
    /** `%%2313` unknown user name or bad password, `%%2310` account disabled, `%%2308` logon type not granted … */
    readonly FailureReason: string;
    /** The NTSTATUS sub-status (`0xc000006a` wrong password), or `0x0`. */
    readonly SubStatus: string;
    /** The logon type number. */
    readonly LogonType: number;
    /** The logon process. */
    readonly LogonProcessName: string;
    /** The package. */
    readonly AuthenticationPackageName: string;
    /** The workstation, or `-`. */
    readonly WorkstationName: string;
    /** `-`. */
    readonly TransmittedServices: string;
    /** `-`. */
    readonly LmPackageName: string;
    /** 0. */
    readonly KeyLength: number;
    /** The requesting process, hex. */
    readonly ProcessId: string;
    /** Its image path, or `-`. */
    readonly ProcessName: string;
    /** The source address, or `-`. */
    readonly IpAddress: string;
    /** The source port, or `-`. */
    readonly IpPort: string;
  };
}

/**
 * 4634(S) "An account was logged off".
 *
 * @example
 * ```ts
 * import type { Event4634 } from '@doublehop/logon';
 *
 * const logonId = (e: Event4634): string => e.data.TargetLogonId;
 * ```
 * @see "4634(S) An account was logged off", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4634
 */
export interface Event4634 extends AuditEventHeader {
  /** 4634. */
  readonly eventId: 4634;
  /** The event's fields. */
  readonly data: {
    /** The account logged off. */
    readonly TargetUserSid: string;
    /** Its name. */
    readonly TargetUserName: string;
    /** Its domain. */
    readonly TargetDomainName: string;
    /** The session's logon ID, hex. */
    readonly TargetLogonId: string;
    /** The session's logon type. */
    readonly LogonType: number;
  };
}

/**
 * 4648(S) "A logon was attempted using explicit credentials": a process logged an account on by giving its
 * credentials (LogonUser with a password, RunAs, `runas /netonly`).
 *
 * @example
 * ```ts
 * import type { Event4648 } from '@doublehop/logon';
 *
 * const target = (e: Event4648): string => `${e.data.TargetDomainName}\\${e.data.TargetUserName}`;
 * ```
 * @see "4648(S) A logon was attempted using explicit credentials", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4648
 */
export interface Event4648 extends AuditEventHeader {
  /** 4648. */
  readonly eventId: 4648;
  /** The event's fields. */
  readonly data: {
    /** The account of the process that supplied the credentials. */
    readonly SubjectUserSid: string;
    /** Its name. */
    readonly SubjectUserName: string;
    /** Its domain. */
    readonly SubjectDomainName: string;
    /** Its logon ID, hex. */
    readonly SubjectLogonId: string;
    /** The logon GUID (zeros). */
    readonly LogonGuid: string;
    /** The account whose credentials were used. */
    readonly TargetUserName: string;
    /** Its domain. */
    readonly TargetDomainName: string;
    /** The target logon GUID (zeros). */
    readonly TargetLogonGuid: string;
    /** The server the credentials were for (`localhost` for a local logon). */
    readonly TargetServerName: string;
    /** Additional information (`localhost`). */
    readonly TargetInfo: string;
    /** The process, hex. */
    readonly ProcessId: string;
    /** Its image path, or `-`. */
    readonly ProcessName: string;
    /** The network address, or `-`. */
    readonly IpAddress: string;
    /** The port, or `-`. */
    readonly IpPort: string;
  };
}

/**
 * 4672(S) "Special privileges assigned to new logon": the new session's token holds one of the
 * {@link SENSITIVE_PRIVILEGES}.
 *
 * @example
 * ```ts
 * import type { Event4672 } from '@doublehop/logon';
 *
 * const privileges = (e: Event4672): string[] => e.data.PrivilegeList.split('\n');
 * ```
 * @see "4672(S) Special privileges assigned to new logon", https://learn.microsoft.com/windows/security/threat-protection/auditing/event-4672
 */
export interface Event4672 extends AuditEventHeader {
  /** 4672. */
  readonly eventId: 4672;
  /** The event's fields. */
  readonly data: {
    /** The account that received the privileges. */
    readonly SubjectUserSid: string;
    /** Its name. */
    readonly SubjectUserName: string;
    /** Its domain. */
    readonly SubjectDomainName: string;
    /** The new session's logon ID, hex. */
    readonly SubjectLogonId: string;
    /** The sensitive privileges held, one per line, in the token's (LUID) order. */
    readonly PrivilegeList: string;
  };
}

/** Any audit event a logon or logoff produces. */
export type AuditEvent = Event4624 | Event4625 | Event4634 | Event4648 | Event4672;
