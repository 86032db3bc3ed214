import { PRIVILEGES, type PrivilegeName } from '@doublehop/core-token';
import { type AllowLogonRight, type DenyLogonRight, LOGON_RIGHTS, type UserRight } from '@doublehop/logon';

/** The deny rights' names in Local Security Policy (each one's page under "User Rights Assignment"). */
const DENY_NAMES: Readonly<Record<DenyLogonRight, string>> = {
  SeDenyInteractiveLogonRight: 'Deny log on locally',
  SeDenyNetworkLogonRight: 'Deny access to this computer from the network',
  SeDenyBatchLogonRight: 'Deny log on as a batch job',
  SeDenyServiceLogonRight: 'Deny log on as a service',
  SeDenyRemoteInteractiveLogonRight: 'Deny log on through Remote Desktop Services',
};

/**
 * @internal The name Local Security Policy and Group Policy show for a user right ("Access this computer from the
 * network" for SeNetworkLogonRight).
 * @see "User Rights Assignment", https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/user-rights-assignment
 */
export function userRightDisplayName(right: UserRight): string {
  if (right in LOGON_RIGHTS) return LOGON_RIGHTS[right as AllowLogonRight].displayName;
  if (right in DENY_NAMES) return DENY_NAMES[right as DenyLogonRight];
  return PRIVILEGES[right as PrivilegeName].displayName;
}

const POLICY_PATH =
  'Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\User Rights Assignment';

/**
 * @internal The commands of a User Rights Assignment change on one machine. Windows has no built-in cmdlet for user
 * rights (ntrights.exe was a Windows Server 2003 Resource Kit tool), so: the Group Policy setting to change — in the
 * GPO that defines the right where one does, since a GPO overwrites the local policy at its next refresh ("User
 * Rights Assignment", Policy management) — and the same change made locally with `secedit`: export the user rights
 * to a security template, change the right's line in its `[Privilege Rights]` section (holders as `*SID`), apply it
 * (`secedit /configure … /areas USER_RIGHTS`).
 * @see "User Rights Assignment" (each right's page, "Location": Computer Configuration\Windows Settings\Security
 * Settings\Local Policies\User Rights Assignment); secedit /export, secedit /configure,
 * https://learn.microsoft.com/windows-server/administration/windows-commands/secedit-configure
 */
export function userRightCommands(
  machine: string,
  right: UserRight,
  op: 'grant' | 'revoke',
  holder: string,
  sid: string,
): string[] {
  const verb = op === 'grant' ? 'add' : 'remove';
  return [
    `# on ${machine}, Group Policy (the GPO that defines the right, else secpol.msc): ${POLICY_PATH}\\${userRightDisplayName(right)} — ${verb} ${holder}`,
    `secedit /export /areas USER_RIGHTS /cfg rights.inf  # on ${machine}`,
    `# rights.inf, [Privilege Rights]: ${right} = … — ${verb} *${sid}`,
    `secedit /configure /db rights.sdb /cfg rights.inf /areas USER_RIGHTS  # on ${machine}`,
  ];
}
