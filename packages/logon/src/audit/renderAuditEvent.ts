import type { AuditEvent } from './auditEvent.js';

const INSERTS: Readonly<Record<string, string>> = {
  '%%1832': 'Identification',
  '%%1833': 'Impersonation',
  '%%1840': 'Delegation',
  '%%1842': 'Yes',
  '%%1843': 'No',
  '%%2304': 'An Error occured during Logon.',
  '%%2308': 'The user has not been granted the requested logon type at this machine.',
  '%%2310': 'Account currently disabled.',
  '%%2313': 'Unknown user name or bad password.',
};

const TITLES: Readonly<Record<AuditEvent['eventId'], string>> = {
  4624: 'An account was successfully logged on.',
  4625: 'An account failed to log on.',
  4634: 'An account was logged off.',
  4648: 'A logon was attempted using explicit credentials.',
  4672: 'Special privileges assigned to new logon.',
};

type Line = readonly [label: string, value: string | number] | string;

/**
 * Renders an audit event as Event Viewer's "General" tab shows it: the header line, the message title, and the
 * fields under their section headings, with `%%` insertion strings translated (`%%1833` → `Impersonation`).
 * The output depends only on the event, so it can be compared byte for byte.
 *
 * @param event - any audit event
 * @returns the text, lines separated by `\n`
 * @example
 * ```ts
 * import { auditLog, createLsa, directory, lsaLogonUser, machine, renderAuditEvent } from '@doublehop/logon';
 *
 * const dir = directory({ domains: [{ dnsName: 'corp.example', netbiosName: 'CORP' }], accounts: [{ kind: 'user', samAccountName: 'billy' }, { kind: 'computer', samAccountName: 'WEB01' }] });
 * const lsa = createLsa(machine({ name: 'WEB01', domain: 'corp.example' }, dir), dir);
 * lsaLogonUser(lsa, { logonType: 'Network', account: 'CORP\\billy', credential: { kind: 'kerberos' } });
 * const text = renderAuditEvent(auditLog(lsa)[0]!);
 * text.split('\n')[0]; // 'Event 4624 (Audit Success), web01.corp.example, record 1'
 * text.includes('Logon Type:                 3'); // true
 * ```
 * @see "4624(S) An account was successfully logged on" (field layout); "4625(F)", "4634(S)", "4648(S)", "4672(S)"
 */
export function renderAuditEvent(event: AuditEvent): string {
  const lines: Line[] = [];
  switch (event.eventId) {
    case 4624: {
      const d = event.data;
      lines.push(
        'Subject:',
        ['Security ID', d.SubjectUserSid],
        ['Account Name', d.SubjectUserName],
        ['Account Domain', d.SubjectDomainName],
        ['Logon ID', d.SubjectLogonId],
        'Logon Information:',
        ['Logon Type', d.LogonType],
        ['Restricted Admin Mode', d.RestrictedAdminMode],
        ['Virtual Account', d.VirtualAccount],
        ['Elevated Token', d.ElevatedToken],
        ['Impersonation Level', d.ImpersonationLevel],
        'New Logon:',
        ['Security ID', d.TargetUserSid],
        ['Account Name', d.TargetUserName],
        ['Account Domain', d.TargetDomainName],
        ['Logon ID', d.TargetLogonId],
        ['Linked Logon ID', d.TargetLinkedLogonId],
        ['Network Account Name', d.TargetOutboundUserName],
        ['Network Account Domain', d.TargetOutboundDomainName],
        ['Logon GUID', d.LogonGuid],
        'Process Information:',
        ['Process ID', d.ProcessId],
        ['Process Name', d.ProcessName],
        'Network Information:',
        ['Workstation Name', d.WorkstationName],
        ['Source Network Address', d.IpAddress],
        ['Source Port', d.IpPort],
        'Detailed Authentication Information:',
        ['Logon Process', d.LogonProcessName],
        ['Authentication Package', d.AuthenticationPackageName],
        ['Transited Services', d.TransmittedServices],
        ['Package Name (NTLM only)', d.LmPackageName],
        ['Key Length', d.KeyLength],
      );
      break;
    }
    case 4625: {
      const d = event.data;
      lines.push(
        'Subject:',
        ['Security ID', d.SubjectUserSid],
        ['Account Name', d.SubjectUserName],
        ['Account Domain', d.SubjectDomainName],
        ['Logon ID', d.SubjectLogonId],
        ['Logon Type', d.LogonType],
        'Account For Which Logon Failed:',
        ['Security ID', d.TargetUserSid],
        ['Account Name', d.TargetUserName],
        ['Account Domain', d.TargetDomainName],
        'Failure Information:',
        ['Failure Reason', d.FailureReason],
        ['Status', d.Status],
        ['Sub Status', d.SubStatus],
        'Process Information:',
        ['Caller Process ID', d.ProcessId],
        ['Caller Process Name', d.ProcessName],
        'Network Information:',
        ['Workstation Name', d.WorkstationName],
        ['Source Network Address', d.IpAddress],
        ['Source Port', d.IpPort],
        'Detailed Authentication Information:',
        ['Logon Process', d.LogonProcessName],
        ['Authentication Package', d.AuthenticationPackageName],
        ['Transited Services', d.TransmittedServices],
        ['Package Name (NTLM only)', d.LmPackageName],
        ['Key Length', d.KeyLength],
      );
      break;
    }
    case 4634: {
      const d = event.data;
      lines.push(
        'Subject:',
        ['Security ID', d.TargetUserSid],
        ['Account Name', d.TargetUserName],
        ['Account Domain', d.TargetDomainName],
        ['Logon ID', d.TargetLogonId],
        ['Logon Type', d.LogonType],
      );
      break;
    }
    case 4648: {
      const d = event.data;
      lines.push(
        'Subject:',
        ['Security ID', d.SubjectUserSid],
        ['Account Name', d.SubjectUserName],
        ['Account Domain', d.SubjectDomainName],
        ['Logon ID', d.SubjectLogonId],
        ['Logon GUID', d.LogonGuid],
        'Account Whose Credentials Were Used:',
        ['Account Name', d.TargetUserName],
        ['Account Domain', d.TargetDomainName],
        ['Logon GUID', d.TargetLogonGuid],
        'Target Server:',
        ['Target Server Name', d.TargetServerName],
        ['Additional Information', d.TargetInfo],
        'Process Information:',
        ['Process ID', d.ProcessId],
        ['Process Name', d.ProcessName],
        'Network Information:',
        ['Network Address', d.IpAddress],
        ['Port', d.IpPort],
      );
      break;
    }
    case 4672: {
      const d = event.data;
      lines.push(
        'Subject:',
        ['Security ID', d.SubjectUserSid],
        ['Account Name', d.SubjectUserName],
        ['Account Domain', d.SubjectDomainName],
        ['Logon ID', d.SubjectLogonId],
        ['Privileges', d.PrivilegeList.split('\n').join(`\n${' '.repeat(30)}`)],
      );
      break;
    }
  }
  const body = lines.map((line) =>
    typeof line === 'string'
      ? `\n${line}`
      : `  ${`${line[0]}:`.padEnd(28)}${typeof line[1] === 'string' ? (INSERTS[line[1]] ?? line[1]) : String(line[1])}`,
  );
  return [
    `Event ${event.eventId} (${event.keywords}), ${event.computer}, record ${event.recordId}`,
    TITLES[event.eventId],
    ...body,
  ].join('\n');
}
