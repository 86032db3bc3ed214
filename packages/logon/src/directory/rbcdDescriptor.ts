import {
  ace,
  OBJECT_TYPES,
  type SecurityDescriptor,
  type Sid,
  securityDescriptor,
  WELL_KNOWN_SIDS,
} from '@doublehop/core-token';
import { sortSids } from './order.js';

/**
 * The msDS-AllowedToActOnBehalfOfOtherIdentity descriptor that `Set-ADComputer
 * -PrincipalsAllowedToDelegateToAccount` writes: owner BUILTIN\Administrators and one allow ACE with
 * `CCDCLCSWRPWPDTLOCRSDRCWDWO` (0xF01FF) per principal — `O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;<SID>)…`.
 *
 * @remarks
 * The KDC evaluates this descriptor with an access check against the requesting service's token during
 * S4U2Proxy; any granted access lets the service delegate to this account (resource-based constrained
 * delegation). The principals are sorted, so the descriptor does not depend on the order they are given in.
 * @param principals - the accounts allowed to delegate to the resource (its PowerShell
 * `PrincipalsAllowedToDelegateToAccount`)
 * @returns the security descriptor
 * @example
 * ```ts
 * import { rbcdDescriptor } from '@doublehop/logon';
 * import { formatSddl, sid } from '@doublehop/core-token';
 *
 * formatSddl(rbcdDescriptor([sid('S-1-5-21-1-2-3-1105')])); // 'O:BAD:(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;S-1-5-21-1-2-3-1105)'
 * ```
 * @see MS-SFU 3.2.5.2.2 (RBCD, the access check on the descriptor); MS-ADA2 msDS-AllowedToActOnBehalfOfOtherIdentity;
 * Set-ADComputer, https://learn.microsoft.com/powershell/module/activedirectory/set-adcomputer
 */
export function rbcdDescriptor(principals: readonly Sid[]): SecurityDescriptor {
  return securityDescriptor({
    owner: WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid,
    dacl: sortSids(principals).map((p) =>
      ace('ACCESS_ALLOWED', p, OBJECT_TYPES.directoryService.genericMapping.genericAll),
    ),
  });
}
