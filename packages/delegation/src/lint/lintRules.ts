import { KDC_RULES } from '../kdc/rules.js';

/**
 * The lint rules of {@link lintEstate}, by stable id: the severity of their findings, what they catch, and the
 * document that says why it matters.
 *
 * @remarks
 * - `duplicate-spn` (error): two accounts hold one SPN — the KDC refuses tickets for it (KDC event 11) and
 *   Negotiate falls back to NTLM.
 * - `endpoint-without-spn` (warning): no account holds the SPN clients ask for — NTLM, so no delegation.
 * - `spn-on-wrong-account` (error): the endpoint's SPN is on another account than the one the service runs as
 *   — the server cannot decrypt the ticket (KRB_AP_ERR_MODIFIED).
 * - `mssqlsvc-without-port` (warning): an `MSSQLSvc/host` SPN (or endpoint) without `:port` — TCP clients ask
 *   for `MSSQLSvc/fqdn:port`.
 * - `cname-endpoint` (warning): clients reach the endpoint through a DNS alias; Windows' HTTP clients build the
 *   SPN from the canonical name.
 * - `unconstrained-delegation-on-non-dc` (warning): TRUSTED_FOR_DELEGATION on an account that is no domain
 *   controller — every user's TGT lands there.
 * - `protocol-transition-not-needed` (warning): TRUSTED_TO_AUTH_FOR_DELEGATION on an account whose services
 *   only receive Kerberos callers and do no protocol transition — it lets the account act as any user.
 * - `delegation-to-unknown-spn` (warning): an msDS-AllowedToDelegateTo entry no account holds.
 * - `privileged-account-not-sensitive` (warning): a member of an administrators group neither marked "Account
 *   is sensitive and cannot be delegated" nor in Protected Users.
 * @example
 * ```ts
 * import { LINT_RULES } from '@doublehop/delegation';
 *
 * LINT_RULES['duplicate-spn'].severity; // 'error'
 * Object.keys(LINT_RULES).length;       // 9
 * ```
 * @see {@link lintEstate}
 */
export const LINT_RULES = Object.freeze({
  'duplicate-spn': {
    severity: 'error',
    summary: 'an SPN held by two or more accounts',
    source: `${KDC_RULES['tgs.spn-not-unique'].source}; setspn -X`,
  },
  'endpoint-without-spn': {
    severity: 'warning',
    summary: 'no account holds the SPN clients ask for: Negotiate falls back to NTLM, which cannot delegate',
    source: `${KDC_RULES['tgs.service-unknown'].source}; MS-SPNG 3.2.5`,
  },
  'spn-on-wrong-account': {
    severity: 'error',
    summary: "the endpoint's SPN is registered on another account than the service's identity",
    source:
      'RFC 4120 3.2.3, 7.5.9 (KRB_AP_ERR_MODIFIED); "Service User Accounts" (which account a service authenticates as)',
  },
  'mssqlsvc-without-port': {
    severity: 'warning',
    summary: 'an MSSQLSvc SPN without the port TCP clients put in the SPN they ask for',
    source:
      '"Register a Service Principal Name for Kerberos Connections" (MSSQLSvc/<FQDN>:<port> for TCP/IP), https://learn.microsoft.com/sql/database-engine/configure-windows/register-a-service-principal-name-for-kerberos-connections',
  },
  'cname-endpoint': {
    severity: 'warning',
    summary:
      "clients reach the endpoint through a DNS alias: the SPN they ask for is built from the alias's canonical name",
    source:
      'KB 911149 (Internet Explorer builds the SPN from the canonical name unless FEATURE_USE_CNAME_FOR_SPN_KB911149 is set); Chromium HTTP authentication (DisableAuthNegotiateCnameLookup, default: CNAME lookup)',
  },
  'unconstrained-delegation-on-non-dc': {
    severity: 'warning',
    summary:
      'TRUSTED_FOR_DELEGATION (unconstrained delegation) on an account that is not a domain controller',
    source: `${KDC_RULES['tgs.ok-as-delegate'].source}; MS-ADTS 2.2.16 (TRUSTED_FOR_DELEGATION); "Kerberos Constrained Delegation Overview", https://learn.microsoft.com/windows-server/security/kerberos/kerberos-constrained-delegation-overview`,
  },
  'protocol-transition-not-needed': {
    severity: 'warning',
    summary:
      'TRUSTED_TO_AUTH_FOR_DELEGATION where every caller arrives with Kerberos: "use any authentication protocol" lets the account act as any user without them',
    source: KDC_RULES['s4u2self.forwardable'].source,
  },
  'delegation-to-unknown-spn': {
    severity: 'warning',
    summary: 'an msDS-AllowedToDelegateTo entry no account holds',
    source: KDC_RULES['s4u2proxy.target-unknown'].source,
  },
  'privileged-account-not-sensitive': {
    severity: 'warning',
    summary:
      'a member of Domain Admins, Enterprise Admins, Schema Admins or Administrators that may be delegated (not sensitive, not in Protected Users)',
    source: `${KDC_RULES['kile.delegation-not-allowed'].source}; "Best Practices for Securing Active Directory", Appendix D–G (mark privileged accounts "Account is sensitive and cannot be delegated"), https://learn.microsoft.com/windows-server/identity/ad-ds/plan/security-best-practices/appendix-d--securing-built-in-administrator-accounts-in-active-directory`,
  },
} as const);

/** The stable id of a lint rule, e.g. `'duplicate-spn'`; see {@link LINT_RULES}. */
export type LintRuleId = keyof typeof LINT_RULES;

/** The severity of a lint finding: `error` (Kerberos breaks) or `warning` (it works, but with risk or by luck). */
export type LintSeverity = 'error' | 'warning';
