import type { Sid } from '@doublehop/core-token';
import type { MachineRole, UserRight } from './userRights.js';

/**
 * What {@link machine} accepts; only the name is required.
 *
 * @example
 * ```ts
 * import type { MachineInit } from '@doublehop/logon';
 *
 * const init: MachineInit = {
 *   name: 'APP01', domain: 'corp.example',
 *   localGroupMembers: { 'Remote Desktop Users': ['CORP\\billy'] },
 *   userRights: { SeDenyBatchLogonRight: ['CORP\\svc-report'] },
 * };
 * ```
 */
export interface MachineInit {
  /** The computer name. */
  readonly name: string;
  /** The domain (DNS or NetBIOS name); omitted for a workgroup machine. */
  readonly domain?: string;
  /** Default `'server'`. */
  readonly role?: MachineRole;
  /** Default: derived deterministically from the name (the domain SID on a domain controller). */
  readonly machineSid?: Sid | string;
  /** Extra local accounts (Administrator, Guest and DefaultAccount always exist, except on a DC). */
  readonly localUsers?: readonly {
    /** The account name. */
    readonly name: string;
    /** Its password. */
    readonly password?: string;
    /** Default: 1000 and up, in name order. */
    readonly rid?: number;
    /** Default `true` (for Administrator: `true` on a server, `false` on a workstation). */
    readonly enabled?: boolean;
  }[];
  /** Members added to local groups, by group name: local user names, `DOMAIN\name`, or SID strings. */
  readonly localGroupMembers?: Readonly<Record<string, readonly string[]>>;
  /** Rights replaced (not merged) with these holders: names as in `localGroupMembers` or `BUILTIN\…` / well-known names. */
  readonly userRights?: Readonly<Partial<Record<UserRight, readonly string[]>>>;
  /** Default `true`. */
  readonly uac?: boolean;
  /** Default `false`. */
  readonly filterAdministratorToken?: boolean;
  /** Default `false`. */
  readonly localAccountTokenFilterPolicy?: boolean;
  /** Default `false`. */
  readonly credentialGuard?: boolean;
  /** Default `true`. */
  readonly domainControllerReachable?: boolean;
  /** Default `false`. */
  readonly iis?: boolean;
  /** Domain accounts whose logon verifier is cached (they logged on here before). */
  readonly cachedLogons?: readonly string[];
}
