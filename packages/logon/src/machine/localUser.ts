import type { Sid } from '@doublehop/core-token';

/**
 * A local account in a machine's SAM database (`WEB01\admin`).
 *
 * @example
 * ```ts
 * import { machine } from '@doublehop/logon';
 *
 * const ws = machine({ name: 'WS01', role: 'workstation', machineSid: 'S-1-5-21-9-9-9' });
 * ws.localUsers.map((u) => `${u.name}:${u.enabled}`); // ['Administrator:false', 'Guest:false', 'DefaultAccount:false']
 * ```
 * @see "Local Accounts", https://learn.microsoft.com/windows/security/identity-protection/access-control/local-accounts
 */
export interface LocalUser {
  /** The account name. */
  readonly name: string;
  /** The machine SID plus the RID (500 Administrator, 501 Guest, 503 DefaultAccount, 1000 and up for others). */
  readonly sid: Sid;
  /** The password the model checks; `null` for none (password logons fail). */
  readonly password: string | null;
  /** `false` for a disabled account. */
  readonly enabled: boolean;
}
