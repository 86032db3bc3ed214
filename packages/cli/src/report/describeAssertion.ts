import type { EstateAssertion } from '@doublehop/delegation';

/** @internal An assertion in words, for reports: `report → sql as the user, at least Impersonation`. */
export function describeAssertion(a: EstateAssertion): string {
  if ('reaches' in a) {
    const r = a.reaches;
    const who = r.asUser === false ? "as the calling service's own identity" : 'as the user';
    return `${r.flow} → ${r.service} ${who}, at least ${r.atLeast ?? 'Impersonation'}`;
  }
  if ('refused' in a) {
    const r = a.refused;
    const hop = typeof r.hop === 'number' ? `hop ${r.hop}` : `the hop to ${r.hop}`;
    return `${r.flow} refused at ${hop}: ${r.reason}`;
  }
  if ('reachableBy' in a) {
    const r = a.reachableBy;
    return `${r.service} reachable by exactly ${r.users.length === 0 ? 'no one' : r.users.join(', ')}`;
  }
  const r = a.lint;
  return `${r.rule}${r.subject === undefined ? '' : ` ${r.subject}`} ${r.present === false ? 'absent' : 'present'}`;
}
