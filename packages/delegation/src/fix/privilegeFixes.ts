import type { WhyNotCause } from '../estate/estateResults.js';
import { type CandidateContext, type CandidateStep, downgradedHop } from './candidateContext.js';
import { serviceHolder } from './serviceHolder.js';

/**
 * @internal The privilege a level reason calls for, granted to the identity of the service whose impersonation fell
 * to Identification, on its machine alone: SeImpersonatePrivilege for `no-impersonate-privilege` (services hold it
 * through NT AUTHORITY\SERVICE by default — here it was taken away; the narrowest grant is to the one identity);
 * SeTcbPrivilege for `s4u-identification-token` (KERB_S4U_LOGON gives an impersonation token only to a caller
 * with SeTcbPrivilege enabled). SeTcbPrivilege lets its holder create a token for any user with any groups: the
 * machine is the holder's, and the exposure says so. Microsoft's guidance is to make such tokens in a service of
 * their own running as LocalSystem (the Claims to Windows Token Service pattern) rather than grant the right; a
 * service here is one process with one identity, so the model cannot state that split, and it is only named.
 * @see "Impersonate a client after authentication"; "Act as part of the operating system" ("If a service requires
 * this user right, configure the service to sign in by using the local System account"); LsaLogonUser (LsaHandle)
 */
export function privilegeCandidates(ctx: CandidateContext, p: WhyNotCause): CandidateStep[] {
  const at = downgradedHop(ctx, p);
  const holder = at === undefined ? undefined : serviceHolder(at.service);
  if (at === undefined || holder === undefined) return [];
  const tcb = p.reason === 's4u-identification-token';
  const right = tcb ? 'SeTcbPrivilege' : 'SeImpersonatePrivilege';
  const machine = at.service.machine.name;
  const summary = tcb
    ? `grant SeTcbPrivilege ("Act as part of the operating system") to ${holder.name} on ${machine}, so that ${at.service.name}'s protocol transition (KERB_S4U_LOGON) gives an impersonation token, not an Identification one — ${holder.name} can then create a token for any user with any groups: ${machine} is its. Microsoft's guidance is to make such tokens in a LocalSystem service of their own (the Claims to Windows Token Service pattern) instead`
    : `grant SeImpersonatePrivilege ("Impersonate a client after authentication") to ${holder.name} alone on ${machine}, so that ${at.service.name} impersonates its callers at Impersonation, not Identification — services hold it by default through NT AUTHORITY\\SERVICE`;
  return [
    {
      id: `${tcb ? 'tcb-privilege' : 'impersonate-privilege'}:${machine}:${holder.name}`,
      kind: tcb ? 'tcb-privilege' : 'impersonate-privilege',
      hop: p.hop,
      reason: p.reason,
      summary,
      commands: ctx.cmds.userRight(machine, right, 'grant', holder.name, holder.sid),
      change: [{ op: 'grant', machine, right, holder: holder.name }],
    },
  ];
}
