import { type Sid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import type { Directory } from '../directory/directory.js';
import { findAccount } from '../directory/findAccount.js';
import type { LocalUser } from './localUser.js';
import { requireSid } from './requireSid.js';

/**
 * @internal How a machine declaration names an account — a local group member, a right holder, a cached logon:
 * a SID string; a local user, bare, `.\name` or `NAME\name`; a well-known name, bare or under `BUILTIN`,
 * `NT AUTHORITY` or `NT SERVICE`; otherwise an account the directory finds, a bare name in the machine's domain.
 * Local users are tried before the directory because LookupAccountName, too, searches the machine's own
 * accounts before its primary domain's. An unknown name is a model error.
 * @see LookupAccountNameW, https://learn.microsoft.com/windows/win32/api/winbase/nf-winbase-lookupaccountnamew
 */
export function localMemberResolver(
  name: string,
  localUsers: readonly LocalUser[],
  domainName: string | null,
  dir: Directory | undefined,
): (member: string) => Sid {
  return (member) => {
    if (/^S-1-/i.test(member)) return requireSid(member);
    const slash = member.indexOf('\\');
    const prefix = slash < 0 ? null : member.slice(0, slash).toUpperCase();
    const bare = slash < 0 ? member : member.slice(slash + 1);
    if (prefix === null || prefix === '.' || prefix === name) {
      const l = localUsers.find((u) => u.name.toLowerCase() === bare.toLowerCase());
      if (l !== undefined) return l.sid;
    }
    const wellKnown = Object.values(WELL_KNOWN_SIDS).find(
      (w) =>
        w.name.toLowerCase() === member.toLowerCase() ||
        w.name.toLowerCase().endsWith(`\\${member.toLowerCase()}`),
    );
    if (
      wellKnown !== undefined &&
      (prefix === null || prefix === 'BUILTIN' || prefix === 'NT AUTHORITY' || prefix === 'NT SERVICE')
    ) {
      return wellKnown.sid;
    }
    if (dir !== undefined) {
      const account = findAccount(dir, member, domainName ?? undefined);
      if (account !== undefined) return account.sid;
    }
    throw new TypeError(`machine: unknown account "${member}" on ${name}`);
  };
}
