import { sid, sidDisplayName } from '@doublehop/core-token';
import {
  accountBySid,
  createLsa,
  findAccount,
  findDomain,
  type LogonError,
  type LogonRequest,
  lsaLogonUser,
  type UserRight,
} from '@doublehop/logon';
import {
  type CompiledEstate,
  type CompiledMachine,
  compileEstate,
  MODEL_PASSWORD,
} from '../estate/compileEstate.js';
import type { EstateModel } from '../estate/estateModel.js';
import type { WhyNotCause } from '../estate/estateResults.js';
import { applyFix } from './applyFix.js';
import type { CandidateContext, CandidateStep } from './candidateContext.js';
import type { FixEdit } from './fixEdit.js';
import { serviceHolder } from './serviceHolder.js';
import { userRightDisplayName } from './userRightCommands.js';

/** One logon the hop made, to replay: where, of whom, and how. */
interface Attempt {
  readonly machine: string;
  readonly request: LogonRequest;
  /** The identity, as User Rights Assignment names it, and its SID. */
  readonly holder: { readonly name: string; readonly sid: string };
}

/**
 * @internal For `logon-refused` with ERROR_LOGON_TYPE_NOT_GRANTED: the logons the hop made — the user's at the
 * start machine (hop 1), the service's own (the Service Control Manager's `Service` logon), the caller's network
 * logon at the service's machine — are replayed with `lsaLogonUser` on a fresh LSA of the machine until one is
 * refused for a logon right, and that refusal says what to change: the deny right's entry matching the token
 * (deny wins over allow, so it comes off first), or the missing allow right, granted to the identity alone — never
 * a group. Replayed again after each change (a second deny entry, or the allow right missing once the deny is
 * gone), at most four times, so one step lets the logon through.
 * @see "User Rights Assignment"; "Deny access to this computer from the network" ("supersedes …"); LogonUser,
 * ERROR_LOGON_TYPE_NOT_GRANTED (1385)
 */
export function logonRightCandidates(ctx: CandidateContext, p: WhyNotCause): CandidateStep[] {
  const edits: Extract<FixEdit, { op: 'grant' | 'revoke' }>[] = [];
  const lines: string[] = [];
  const commands: string[] = [];
  let model: EstateModel = ctx.model;
  let estate: CompiledEstate = ctx.estate;
  for (let round = 0; round < 4; round++) {
    const refused = firstRefusal(ctx, estate, p.hop);
    if (refused === undefined) break;
    const { attempt, error } = refused;
    const right = error.right as UserRight;
    const machineDef = estate.machines.get(attempt.machine)?.def;
    const holder =
      error.deniedSid === null
        ? attempt.holder
        : {
            name: entryFor(estate, machineDef?.userRights?.add?.[right], error.deniedSid),
            sid: error.deniedSid,
          };
    const op = error.deniedSid === null ? 'grant' : 'revoke';
    // The same change again would change nothing: the refusal has a cause a right does not reach.
    const same = (e: FixEdit & { op: 'grant' | 'revoke' }): boolean =>
      e.op === op && e.machine === attempt.machine && e.right === right && e.holder === holder.name;
    if (edits.some(same)) break;
    edits.push({ op, machine: attempt.machine, right, holder: holder.name });
    commands.push(...ctx.cmds.userRight(attempt.machine, right, op, holder.name, holder.sid));
    lines.push(
      op === 'grant'
        ? `grant "${userRightDisplayName(right)}" (${right}) to ${holder.name} alone on ${attempt.machine}`
        : `take ${holder.name} off "${userRightDisplayName(right)}" (${right}) on ${attempt.machine}${holder.name.toLowerCase() === attempt.holder.name.toLowerCase() ? '' : ` — a group ${attempt.holder.name} is in: every member of ${holder.name} may then log on there; taking ${attempt.holder.name} out of ${holder.name} instead would change its access wherever the group is used`}`,
    );
    model = applyFix(model, edits.slice(-1));
    estate = compileEstate(model, 'proposeFixes');
  }
  if (edits.length === 0) return [];
  return [
    {
      id: `logon-right:${edits.map((e) => `${e.op} ${e.machine} ${e.right} ${e.holder}`).join(', ')}`,
      kind: 'logon-right',
      hop: p.hop,
      reason: p.reason,
      summary: `${lines.join('; then ')}: LsaLogonUser refused the logon (ERROR_LOGON_TYPE_NOT_GRANTED)`,
      commands,
      change: edits,
    },
  ];
}

/** The first of the hop's logons that LSA refuses for a logon right, replayed on the estate as it now is. */
function firstRefusal(
  ctx: CandidateContext,
  estate: CompiledEstate,
  hop: number,
): { attempt: Attempt; error: LogonError } | undefined {
  for (const attempt of attempts(ctx, estate, hop)) {
    const m = estate.machines.get(attempt.machine) as CompiledMachine;
    const r = lsaLogonUser(createLsa(m.machine, estate.directory), attempt.request);
    if (r.ok) continue;
    const byRight = r.error.reason === 'logon-right-missing' || r.error.reason === 'logon-right-denied';
    return byRight && r.error.right !== null ? { attempt, error: r.error } : undefined;
  }
  return undefined;
}

/** The logons hop `hop` makes, in the order the flow makes them (the estate's runtime and evaluateHop). */
function attempts(ctx: CandidateContext, estate: CompiledEstate, hop: number): Attempt[] {
  const dir = estate.directory;
  const out: Attempt[] = [];
  const h = ctx.verdict.hops[hop - 1];
  const service = h === undefined ? undefined : estate.services.get(h.to);
  const account = (name: string) => {
    const a = findAccount(dir, name);
    return a === undefined || a.kind === 'group' ? undefined : a;
  };
  const user = account(ctx.verdict.user);
  const flow = estate.flows.get(ctx.verdict.flow);
  const start = estate.machines.get(ctx.verdict.start.toUpperCase());
  if (hop === 1 && user !== undefined && flow !== undefined && start !== undefined) {
    out.push({
      machine: start.name,
      request: {
        logonType: flow.start.logonType ?? 'Interactive',
        account: ctx.verdict.user,
        credential: { kind: 'password', password: user.password ?? MODEL_PASSWORD },
      },
      holder: { name: ctx.verdict.user, sid: user.sid.text },
    });
  }
  if (service === undefined || h === undefined) return out;
  const own = serviceHolder(service);
  const id = service.identity;
  if (own !== undefined) {
    out.push({
      machine: service.machine.name,
      request: {
        logonType: 'Service',
        account: own.name,
        credential:
          id.kind === 'domain' && id.account.kind !== 'gmsa'
            ? { kind: 'password', password: id.account.password ?? '' }
            : { kind: 'none' },
        ...(id.kind === 'virtual' && id.serviceName !== null ? { serviceName: id.serviceName } : {}),
      },
      holder: own,
    });
  }
  const caller = h.presents === null ? undefined : account(h.presents);
  if (caller !== undefined && h.presents !== null) {
    const password = caller.password ?? MODEL_PASSWORD;
    const cleartext = h.authentication === 'basic' || h.authentication === 'credssp';
    const ntlm = h.authentication === 'ntlm' || (h.authentication === 'negotiate' && h.spnLookup !== 'found');
    out.push({
      machine: service.machine.name,
      request: {
        logonType: cleartext ? 'NetworkCleartext' : 'Network',
        account: h.presents,
        credential: cleartext
          ? { kind: 'password', password }
          : ntlm
            ? { kind: 'ntlm', password }
            : { kind: 'kerberos' },
      },
      holder: { name: h.presents, sid: caller.sid.text },
    });
  }
  return out;
}

/**
 * The name of the deny right's holder matching `deniedSid`: the model's own entry for it where it added one (so
 * the revocation takes that entry off), else the account or well-known name, else the SID.
 */
function entryFor(estate: CompiledEstate, added: readonly string[] | undefined, deniedSid: string): string {
  const dir = estate.directory;
  const own = added?.find(
    (e) => e.toUpperCase() === deniedSid.toUpperCase() || findAccount(dir, e)?.sid.text === deniedSid,
  );
  if (own !== undefined) return own;
  const value = sid(deniedSid);
  const a = accountBySid(dir, value);
  if (a !== undefined) return `${findDomain(dir, a.domain)?.netbiosName ?? a.domain}\\${a.samAccountName}`;
  return sidDisplayName(value);
}
