/**
 * The few decisions the estate engine makes itself — which method a client uses, what Negotiate picks, whether
 * a server can decrypt the ticket, how a flow moves from service to service — by stable id, with the document
 * each follows. Everything else a flow's story cites is a rule of the KDC ({@link KDC_RULES}),
 * `@doublehop/impersonation-levels` or `@doublehop/logon`.
 *
 * @example
 * ```ts
 * import { ESTATE_RULES } from '@doublehop/delegation';
 *
 * ESTATE_RULES['negotiate.protocol'].source.startsWith('MS-SPNG'); // true
 * ```
 * @see MS-SPNG 3.2.5; RFC 4120 3.2.3; "Microsoft Negotiate"
 */
export const ESTATE_RULES = Object.freeze({
  'client.authentication-method': {
    source:
      'MS-SPNG 3.2.5; "Microsoft Negotiate", https://learn.microsoft.com/windows/win32/secauthn/microsoft-negotiate; Basic Authentication (IIS); MS-CSSP 1.3',
    summary:
      'the client uses the first method the service offers that it has a credential for: Negotiate, Kerberos and NTLM need a logon session or a delegated identity; Basic and CredSSP the password; forms the user name and password the application checks',
  },
  'negotiate.protocol': {
    source:
      'MS-SPNG 3.2.5 (the client proposes Kerberos when it can get a ticket for the target, else NTLM); "Microsoft Negotiate", https://learn.microsoft.com/windows/win32/secauthn/microsoft-negotiate',
    summary:
      'Negotiate picks Kerberos when the KDC issues a ticket for the SPN, and falls back to NTLM when it answers KDC_ERR_S_PRINCIPAL_UNKNOWN (SPN missing or duplicate)',
  },
  'ap.ticket-decryption': {
    source:
      'RFC 4120 3.2.3 (the server decrypts the ticket with its own secret key); RFC 4120 7.5.9 (KRB_AP_ERR_MODIFIED); Security-Kerberos event 4',
    summary:
      "the ticket is encrypted with the key of the account holding the SPN: when that is not the service's own account, the server fails with KRB_AP_ERR_MODIFIED",
  },
  'service.identity': {
    source:
      '"Service User Accounts", https://learn.microsoft.com/windows/win32/services/service-user-accounts; "Service Accounts" (virtual accounts use the computer account)',
    summary:
      'a service accepts Kerberos with the keys of the account it runs as: LocalSystem, NetworkService, LocalService and virtual accounts with the computer account’s, domain accounts and gMSAs with their own',
  },
  'service.impersonation': {
    source: 'Client Impersonation, https://learn.microsoft.com/windows/win32/secauthz/client-impersonation',
    summary:
      'a call "as the caller" needs a server thread impersonating the caller; without impersonation the service calls as itself',
  },
  'service.protocol-transition': {
    source:
      'MS-SFU 3.1.5.1 (S4U2Self); KERB_S4U_LOGON, https://learn.microsoft.com/windows/win32/api/ntsecapi/ns-ntsecapi-kerb_s4u_logon',
    summary:
      'a service that transitions a caller authenticated otherwise (forms, NTLM, Basic) logs the user on with KERB_S4U_LOGON: S4U2Self obtains the evidence ticket',
  },
  'flow.call': {
    source: 'docs/model-files.md (flows follow the services’ calls)',
    summary: 'each hop after the first follows one of the calling service’s declared calls',
  },
} as const);

/** The stable id of an {@link ESTATE_RULES} entry, e.g. `'negotiate.protocol'`. */
export type EstateRuleId = keyof typeof ESTATE_RULES;
