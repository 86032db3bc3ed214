import type { Result } from '@doublehop/core-token';
import {
  asExchange,
  type ExplanationStep,
  type Kdc,
  type KdcError,
  type KdcReply,
  s4u2self,
  type Ticket,
  tamperTicket,
  tgsExchange,
} from '@doublehop/delegation';
import { type Directory, findDomain, type PrincipalAccount } from '@doublehop/logon';
import type { ScenarioStep, TicketSource } from './scenario.js';

/** @internal A ticket a step needs: obtained (with the rules tampering applied), refused, or unavailable. */
export type Obtained =
  | { readonly ok: true; readonly ticket: Ticket; readonly explanation: readonly ExplanationStep[] }
  | { readonly ok: false; readonly error: KdcError }
  | { readonly ok: false; readonly notRun: string };

/**
 * @internal Gets the ticket a source names: an earlier step's, a fresh TGT (asExchange), or a described one
 * (the exchanges a real client or front end would run); then applies `tamper` with tamperTicket.
 * @param service - the SPN a described service ticket defaults to (an ap-req's service), or `null`
 * @param front - the front end consuming the ticket (S4U2Proxy's service), or `null`
 */
export function obtainTicket(
  kdc: Kdc,
  source: TicketSource,
  service: string | null,
  front: PrincipalAccount | null,
  produced: readonly (Ticket | null)[],
  label: string,
): Obtained {
  const dir = kdc.directory;
  let got: Obtained;
  if (source.from === 'step') {
    const t = produced[source.step - 1];
    got =
      t === null || t === undefined
        ? { ok: false, notRun: `${label} obtained no ticket` }
        : { ok: true, ticket: t, explanation: [] };
  } else if (source.from === 'fresh') {
    got = fromReply(asExchange(kdc, { client: qualified(dir, source.client) }));
  } else {
    got = described(kdc, source, service, front);
  }
  if (!got.ok || source.tamper === null) return got;
  const tampered = tamperTicket(got.ticket, { forwardable: source.tamper.forwardable });
  return tampered.ok
    ? {
        ok: true,
        ticket: tampered.value.ticket,
        explanation: [...got.explanation, ...tampered.value.explanation],
      }
    : { ok: false, error: tampered.error };
}

/** @internal A described ticket, obtained through the exchanges a real client (or front end) would run. */
function described(
  kdc: Kdc,
  source: Extract<TicketSource, { from: 'described' }>,
  service: string | null,
  front: PrincipalAccount | null,
): Obtained {
  const dir = kdc.directory;
  const client = qualified(dir, source.client);
  const forwardable = source.forwardable ?? true;
  let got: Obtained;
  if (source.origin === 'as') got = fromReply(asExchange(kdc, { client, forwardable }));
  else if (source.origin === 'tgs') {
    const spn =
      source.service ??
      service ??
      (front === null ? null : (front.servicePrincipalNames[0] ?? front.samAccountName));
    if (spn === null) return { ok: false, notRun: 'a described tgs ticket needs "service"' };
    const tgt = asExchange(kdc, { client, forwardable });
    got = tgt.ok
      ? fromReply(tgsExchange(kdc, { tgt: tgt.value.ticket, service: spn, forwardable }))
      : { ok: false, error: tgt.error };
  } else {
    const owner = front ?? null;
    if (owner === null)
      return { ok: false, notRun: 'a described s4u2self ticket is used only as S4U2Proxy evidence' };
    const tgt = asExchange(kdc, { client: qualified(dir, owner) });
    got = tgt.ok
      ? fromReply(s4u2self(kdc, { serviceTgt: tgt.value.ticket, user: client, forwardable }))
      : { ok: false, error: tgt.error };
  }
  if (!got.ok || source.forwardable === null) return got;
  const isForwardable = got.ticket.flags.includes('FORWARDABLE');
  if (isForwardable === source.forwardable) return got;
  return {
    ok: false,
    notRun: `the described ${source.origin} ticket of ${client} cannot be obtained ${source.forwardable ? 'forwardable' : 'non-forwardable'}: the KDC issues it ${isForwardable ? 'forwardable' : 'non-forwardable'} (use tamper to change a ticket after issue)`,
  };
}

export function fromReply(r: Result<KdcReply, KdcError>): Obtained {
  return r.ok ? { ok: true, ticket: r.value.ticket, explanation: [] } : { ok: false, error: r.error };
}

/** @internal `DOMAIN\name`, as the KDC functions accept it and as reports show it. */
export function qualified(dir: Directory, account: PrincipalAccount): string {
  return `${findDomain(dir, account.domain)?.netbiosName ?? account.domain}\\${account.samAccountName}`;
}

/** @internal Names a ticket source for people: `the TGT of step 1 (tgt)`, `a fresh TGT of CORP\alice`. */
export function ticketLabel(
  dir: Directory,
  steps: readonly ScenarioStep[],
  source: TicketSource,
  noun: string,
): string {
  let text: string;
  if (source.from === 'step') {
    const s = steps[source.step - 1];
    text = `the ${noun} of step ${source.step}${s?.id === null || s?.id === undefined ? '' : ` (${s.id})`}`;
  } else if (source.from === 'fresh') {
    text = `a fresh TGT of ${qualified(dir, source.client)}`;
  } else {
    const what =
      source.origin === 'as' ? 'TGT' : source.origin === 's4u2self' ? 'S4U2Self ticket' : 'service ticket';
    const fwd = source.forwardable === null ? '' : source.forwardable ? 'forwardable ' : 'non-forwardable ';
    text = `a ${fwd}${what} of ${qualified(dir, source.client)}${source.service === null ? '' : ` to ${source.service}`}`;
  }
  return source.tamper === null
    ? text
    : `${text}, tampered (FORWARDABLE ${source.tamper.forwardable ? 'set' : 'cleared'})`;
}
