import type { Sid } from '@doublehop/core-token';

/**
 * A ticket-granting ticket held by a logon session, as far as delegation cares: whose it is, its realm, and
 * its FORWARDABLE and FORWARDED flags.
 *
 * @example
 * ```ts
 * import type { TicketGrantingTicket } from '@doublehop/logon';
 * import { sid } from '@doublehop/core-token';
 *
 * const tgt: TicketGrantingTicket = {
 *   client: 'billy', clientSid: sid('S-1-5-21-1-2-3-1104'), realm: 'CORP.EXAMPLE', forwardable: true, forwarded: false,
 * };
 * ```
 * @see RFC 4120 2.6 (FORWARDABLE, FORWARDED); MS-KILE 3.3.5.7.5 (TGT delegation)
 */
export interface TicketGrantingTicket {
  /** The client principal name (sAMAccountName). */
  readonly client: string;
  /** The client's SID. */
  readonly clientSid: Sid;
  /** The realm, upper case (`CORP.EXAMPLE`). */
  readonly realm: string;
  /** FORWARDABLE: the ticket may be forwarded to a service (unconstrained delegation), or used as S4U2Proxy evidence. */
  readonly forwardable: boolean;
  /** FORWARDED: this TGT was itself forwarded by the client to a service. */
  readonly forwarded: boolean;
}

/**
 * What a logon session holds to authenticate *onward* — which decides whether a process or an impersonating
 * thread in it can reach another machine, and as whom.
 *
 * - `none` — nothing: a network logon (the server saw a proof, not the secret), an S4U logon, IUSR.
 *   An onward connection goes out as ANONYMOUS LOGON (the NTLM "double hop" failure).
 * - `secrets` — the password (and NT hash) and, for a domain account with a reachable KDC, a TGT: interactive,
 *   batch, service, network-cleartext and cached logons, and the outbound credentials of NEW_CREDENTIALS.
 *   Protected Users keep neither password nor NT hash (only the TGT); Credential Guard isolates them.
 * - `forwardedTgt` — a network logon whose client delegated its TGT (unconstrained delegation).
 * - `computerAccount` — SYSTEM, NETWORK SERVICE and virtual accounts authenticate as the computer (`WEB01$`).
 * - `anonymous` — LOCAL SERVICE presents anonymous credentials.
 *
 * @example
 * ```ts
 * import type { SessionCredentials } from '@doublehop/logon';
 *
 * function canDelegateTgt(c: SessionCredentials): boolean {
 *   return (c.kind === 'secrets' || c.kind === 'forwardedTgt') && c.tgt !== null && c.tgt.forwardable && !c.isolated;
 * }
 * ```
 * @see LogonUserW (LOGON32_LOGON_NETWORK "does not cache credentials"; LOGON32_LOGON_NETWORK_CLEARTEXT "preserves
 * the name and password"); "Service Accounts" (LocalSystem, NetworkService "present the computer's credentials",
 * LocalService "presents anonymous credentials"), https://learn.microsoft.com/windows/win32/services/service-user-accounts;
 * "Protected Users Security Group"; "Credential Guard considerations"
 */
export type SessionCredentials =
  | {
      /** Nothing to authenticate onward with. */
      readonly kind: 'none';
    }
  | {
      /** LSA holds the account's secrets. */
      readonly kind: 'secrets';
      /** The account the secrets are for (for NEW_CREDENTIALS: as given, unverified). */
      readonly account: string;
      /** Its domain: NetBIOS domain name, or the machine name for a local account. */
      readonly domain: string;
      /** Its SID, or `null` when NEW_CREDENTIALS named an account the model does not know. */
      readonly sid: Sid | null;
      /** Whether the plaintext password is kept (no for Protected Users after the first TGT). */
      readonly password: boolean;
      /** Whether the NT hash is kept, for NTLM (no for Protected Users). */
      readonly ntHash: boolean;
      /** The TGT obtained at logon, or `null` (local account, no KDC, NEW_CREDENTIALS before first use). */
      readonly tgt: TicketGrantingTicket | null;
      /** Whether the secrets are the account's real ones (only NEW_CREDENTIALS can hold wrong ones). */
      readonly valid: boolean;
      /** Credential Guard: the secrets live in LSAIso; the TGT cannot be delegated unconstrained. */
      readonly isolated: boolean;
    }
  | {
      /** A TGT the client forwarded with its service ticket. */
      readonly kind: 'forwardedTgt';
      /** The forwarded TGT (FORWARDED set). */
      readonly tgt: TicketGrantingTicket;
      /** Always `false`: the server's own Credential Guard does not isolate a received TGT in this model. */
      readonly isolated: boolean;
    }
  | {
      /** The session authenticates as the machine's computer account. */
      readonly kind: 'computerAccount';
      /** The computer account (`CORP\WEB01$`). */
      readonly account: string;
      /** Its SID. */
      readonly sid: Sid;
    }
  | {
      /** The session presents anonymous credentials (LOCAL SERVICE, or SYSTEM on a workgroup machine). */
      readonly kind: 'anonymous';
    };
