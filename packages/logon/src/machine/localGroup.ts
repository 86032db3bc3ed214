import type { Sid } from '@doublehop/core-token';

/**
 * A machine-local group (`BUILTIN\Administrators`, `BUILTIN\Users` …) and its members on this machine.
 *
 * @example
 * ```ts
 * import type { LocalGroup } from '@doublehop/logon';
 *
 * const memberCount = (g: LocalGroup): number => g.members.length;
 * ```
 * @see "Local Accounts" (default local groups)
 */
export interface LocalGroup {
  /** The group's SID (`S-1-5-32-…` for the built-in groups). */
  readonly sid: Sid;
  /** The group name without `BUILTIN\`. */
  readonly name: string;
  /** Members: local users, domain accounts and groups, or well-known SIDs such as INTERACTIVE; sorted. */
  readonly members: readonly Sid[];
}
