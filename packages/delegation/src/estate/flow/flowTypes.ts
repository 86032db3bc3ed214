import type { PrincipalAccount } from '@doublehop/logon';
import type { Ticket } from '../../kdc/tickets.js';
import type { CompiledMachine, CompiledService } from '../compileEstate.js';
import type { WhyNotCause } from '../estateResults.js';
import type { EstateRuntime } from './estateRuntime.js';

/**
 * @internal What a service holds, after a hop, to act onward as the identity that arrived: a forwarded TGT, the
 * identity's service ticket to it (S4U2Proxy evidence, and whether the unconstrained path was blocked), an
 * S4U2Self ticket (protocol transition), the password (Basic, CredSSP), or nothing — with why.
 */
export type Carrier =
  | { readonly kind: 'forwarded-tgt'; readonly tgt: Ticket }
  | { readonly kind: 'evidence'; readonly ticket: Ticket; readonly blocked: WhyNotCause | null }
  | { readonly kind: 'transition'; readonly evidence: Ticket }
  | { readonly kind: 'password' }
  | { readonly kind: 'none'; readonly cause: WhyNotCause };

/** @internal The client side of a hop: the user at the start machine, a service acting as its caller, or as itself. */
export type ClientSide =
  | { readonly kind: 'user'; readonly machine: CompiledMachine }
  | { readonly kind: 'caller'; readonly service: CompiledService; readonly carrier: Carrier }
  | { readonly kind: 'self'; readonly service: CompiledService };

/** @internal What every hop of one flow evaluation shares. */
export interface FlowContext {
  readonly runtime: EstateRuntime;
  /** The flow's user. */
  readonly user: PrincipalAccount;
  /** Contributing facts so far (an SPN missing at hop 1 …). */
  readonly causes: WhyNotCause[];
}

/** @internal The identity a hop carries: the account, its `DOMAIN\name`, and whether it is the flow's user. */
export interface CarriedIdentity {
  readonly account: PrincipalAccount;
  readonly name: string;
  readonly isUser: boolean;
}

/** @internal The Mermaid-safe participant id of a service, the client, or a domain's KDC. */
export const participantId = {
  client: 'client',
  service: (name: string): string =>
    serviceIds.get(name) ?? remember(serviceIds, name, `svc_${name.replace(/[^A-Za-z0-9]/g, '_')}`),
  kdc: (domain: string): string =>
    kdcIds.get(domain) ?? remember(kdcIds, domain, `kdc_${domain.toLowerCase().replace(/[^a-z0-9]/g, '_')}`),
} as const;

// Every hop and every diagram message asks for the same few ids: each is worked out once (in a bounded table).
const serviceIds = new Map<string, string>();
const kdcIds = new Map<string, string>();

function remember(ids: Map<string, string>, name: string, id: string): string {
  if (ids.size >= 4096) ids.clear();
  ids.set(name, id);
  return id;
}
