import type { Sid } from '@doublehop/core-token';
import { sortSids } from '../directory/order.js';
import type { MachineInit } from './machineInit.js';
import { defaultUserRights, type MachineRole, USER_RIGHTS, type UserRight } from './userRights.js';

/**
 * @internal A machine's User Rights Assignment: the role's {@link defaultUserRights}, with each declared right's
 * holders replacing (not joining) the default ones, as a Group Policy that defines a user right replaces the
 * local list. An unknown right name is a model error.
 * @see "User Rights Assignment",
 * https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/user-rights-assignment;
 * MS-GPSB 2.2.6 (Privilege Rights)
 */
export function buildUserRights(
  role: MachineRole,
  machineSid: Sid,
  declared: NonNullable<MachineInit['userRights']>,
  resolve: (member: string) => Sid,
): Partial<Record<UserRight, readonly Sid[]>> {
  const rights: Partial<Record<UserRight, readonly Sid[]>> = { ...defaultUserRights(role, machineSid) };
  for (const [right, holders] of Object.entries(declared) as [UserRight, readonly string[]][]) {
    if (!USER_RIGHTS.includes(right)) throw new TypeError(`machine: unknown user right "${right}"`);
    rights[right] = Object.freeze(sortSids(holders.map(resolve)));
  }
  return rights;
}
