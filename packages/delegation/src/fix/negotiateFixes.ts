import type { EstateAuthentication } from '../estate/estateModel.js';
import type { WhyNotCause } from '../estate/estateResults.js';
import { lookupServer } from '../kdc/principals.js';
import type { CandidateContext, CandidateStep } from './candidateContext.js';
import type { FixEdit } from './fixEdit.js';

/**
 * @internal For `ntlm-cannot-delegate` after a hop that used NTLM because its service accepts NTLM first (or alone):
 * NTLM leaves the service no credential to go onward with, whatever the delegation settings. The service then
 * accepts Negotiate in NTLM's place — SPNEGO picks Kerberos when the client finds the SPN, NTLM otherwise, so no
 * caller is lost — and, when no account holds the SPN its callers ask for (or only another account's `HOST/` alias
 * stands for it), the SPN is registered on the account it runs as in the same step: without it Negotiate falls
 * back to NTLM, or the ticket is for an account the service cannot decrypt with.
 * @see MS-SPNG 3.2.5; "Microsoft Negotiate", https://learn.microsoft.com/windows/win32/secauthn/microsoft-negotiate;
 * `ntlm-cannot-delegate` (kerberosDelegationDecision)
 */
export function negotiateCandidates(ctx: CandidateContext, p: WhyNotCause): CandidateStep[] {
  const hop = p.hop - 1;
  const service = ctx.services[hop - 1];
  if (service === undefined || ctx.verdict.hops[hop - 1]?.authentication !== 'ntlm') return [];
  const methods = service.def.authentication;
  const value = [...new Set<EstateAuthentication>(methods.map((m) => (m === 'ntlm' ? 'negotiate' : m)))];
  const key = service.keyAccount;
  // Missing: no account holds it, or only another account's HOST/ alias stands for it (an exact SPN wins).
  const found = lookupServer(ctx.estate.directory, service.spn);
  const exact = (s: string): boolean => s.toLowerCase() === service.spn.toLowerCase();
  const missing =
    key !== null &&
    (found.kind === 'unknown' ||
      (found.kind === 'found' &&
        found.account.sid !== key.sid &&
        !found.account.servicePrincipalNames.some(exact)));
  const change: FixEdit[] = [{ op: 'authentication', service: service.name, value }];
  if (missing)
    change.push({
      op: 'add',
      account: ctx.name(key),
      attribute: 'servicePrincipalNames',
      value: service.spn,
    });
  return [
    {
      id: `negotiate:${service.name}`,
      kind: 'negotiate',
      hop: p.hop,
      reason: p.reason,
      summary: `have ${service.name} accept Negotiate instead of NTLM (${methods.join(', ')} → ${value.join(', ')})${missing ? ` and register ${service.spn} on ${ctx.name(key)}, the account it runs as` : ''}: its callers then arrive with a Kerberos ticket it can delegate, where NTLM leaves it nothing to go onward with`,
      commands: [
        `# ${service.name} on ${service.machine.name}: offer Negotiate (SPNEGO) rather than NTLM alone — IIS: the Negotiate provider of Windows Authentication, before NTLM`,
        ...(missing ? [ctx.cmds.setspn('-S', service.spn, key)] : []),
      ],
      change,
    },
  ];
}
