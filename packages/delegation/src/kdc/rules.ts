/**
 * Every rule the KDC model applies, by stable id, with the document section it follows and a one-line summary.
 * Explanations ({@link ExplanationStep}) and refusals ({@link KdcError}) name these ids.
 *
 * @remarks
 * Where Windows and its specification disagree, the summary says which one the model follows (Windows) and
 * the source names the evidence: Samba's `python/samba/tests/krb5` suites are written against Windows domain
 * controllers, so their expectations stand for Windows where MS-SFU is silent or wrong.
 * @example
 * ```ts
 * import { KDC_RULES } from '@doublehop/delegation';
 *
 * KDC_RULES['s4u2proxy.rbcd-not-allowed'].source; // 'MS-SFU 3.2.5.2.3'
 * ```
 * @see MS-SFU 3.2.5; MS-KILE 3.3.5; MS-PAC 2.8.3, 2.9
 */
export const KDC_RULES = Object.freeze({
  'as.client-unknown': {
    source: 'RFC 4120 7.5.9; MS-KILE 3.3.5.6',
    summary: 'the AS-REQ names no user, computer or gMSA of the directory: KDC_ERR_C_PRINCIPAL_UNKNOWN',
  },
  'as.client-disabled': {
    source: 'RFC 4120 7.5.9 (KDC_ERR_CLIENT_REVOKED); MS-ADTS 2.2.16 (ACCOUNTDISABLE)',
    summary: 'a disabled account gets no TGT: KDC_ERR_CLIENT_REVOKED with STATUS_ACCOUNT_DISABLED',
  },
  'as.tgt-flags': {
    source: 'RFC 4120 2.1, 2.3; MS-KILE 3.1.5.4',
    summary: 'a TGT is INITIAL, RENEWABLE, NAME-CANONICALIZE, and PRE-AUTHENT unless DONT_REQ_PREAUTH is set',
  },
  'kile.delegation-not-allowed': {
    source: 'MS-KILE 3.3.5.1',
    summary:
      'NOT_DELEGATED, or Protected Users at domain functional level 2012 R2 (6) or higher: no FORWARDABLE, no PROXIABLE',
  },
  'kile.forwardable-granted': {
    source: 'RFC 4120 2.6; MS-KILE 3.3.5.1',
    summary: 'FORWARDABLE (and PROXIABLE) is set when requested and the account may be delegated',
  },
  'pac.asserted-identity': {
    source: 'MS-DTYP 2.4.2.4; MS-SFU 3.2.5.1.2',
    summary:
      'the PAC asserts S-1-18-1 (authentication authority) after a password logon, S-1-18-2 (service asserted) after S4U2Self',
  },
  'pac.groups': {
    source: 'MS-PAC 2.5; MS-PAC 4.1.2.2 (SID filtering)',
    summary:
      "the PAC carries the account's groups for the ticket's domain, SID-filtered across forest and external trusts",
  },
  'tgs.tgt-not-decryptable': {
    source: 'RFC 4120 3.3.2; RFC 4120 7.5.9 (KRB_AP_ERR_BAD_INTEGRITY)',
    summary:
      'a TGT changed by anyone but the KDC no longer decrypts with the krbtgt key: KRB_AP_ERR_BAD_INTEGRITY',
  },
  'tgs.service-unknown': {
    source: 'RFC 4120 7.5.9; MS-KILE 3.3.5.7',
    summary: 'no account in the forest (or a trusting forest) has the SPN: KDC_ERR_S_PRINCIPAL_UNKNOWN',
  },
  'tgs.spn-not-unique': {
    source:
      'KDC event 11 KDCEVENT_NAME_NOT_UNIQUE; "Kerberos Authentication problems – Service Principal Name (SPN) issues – Part 2" (Ask the Directory Services Team)',
    summary:
      'two accounts hold the SPN: Windows logs event 11 and answers KDC_ERR_S_PRINCIPAL_UNKNOWN (not RFC 4120 KDC_ERR_PRINCIPAL_NOT_UNIQUE)',
  },
  'tgs.flags-from-tgt': {
    source: 'RFC 4120 3.3.3; Samba protected_users_tests (test_forwardable_tgs_protected)',
    summary:
      'a service ticket is FORWARDABLE only if requested and the TGT is; FORWARDED, RENEWABLE and PRE-AUTHENT are copied from the TGT',
  },
  'tgs.ok-as-delegate': {
    source: 'MS-KILE 3.3.5.1',
    summary: 'a ticket for an account with TRUSTED_FOR_DELEGATION carries OK-AS-DELEGATE',
  },
  'tgs.ok-as-delegate-cross-realm': {
    source: 'MS-KILE 3.3.5.7.5',
    summary:
      'across a trust, OK-AS-DELEGATE needs a trust within the forest or with TGT delegation enabled, not quarantined, and an OK-AS-DELEGATE referral',
  },
  'tgs.forwarded-tgt': {
    source: 'RFC 4120 2.6, 3.3.3',
    summary:
      'a forwarded TGT (FORWARDED, FORWARDABLE) is issued only from a FORWARDABLE TGT; otherwise KDC_ERR_BADOPTION',
  },
  'tgs.referral': {
    source: 'RFC 6806 8; MS-KILE 3.3.5.7.5',
    summary: 'a service in another domain gets a referral TGT to the next domain on the trust path',
  },
  'tgs.no-trust-path': {
    source: 'MS-KILE 3.3.5.7.5; MS-ADTS 6.1.6',
    summary: "no trust lets the client's domain reach the service's domain: KDC_ERR_S_PRINCIPAL_UNKNOWN",
  },
  'tgs.selective-authentication': {
    source: 'MS-KILE 3.3.5.7.5',
    summary:
      'across a selective-authentication trust the client needs Allowed-To-Authenticate on the service account, else KDC_ERR_POLICY',
  },
  's4u2self.requester-has-no-spn': {
    source: 'MS-SFU 3.2.5.1; Shamir, "Wagging the Dog" (S4U2Self needs an account with an SPN)',
    summary: 'an account without an SPN cannot be a Kerberos service: KDC_ERR_S_PRINCIPAL_UNKNOWN',
  },
  's4u2self.wrong-sname': {
    source: 'MS-SFU 3.2.5.1 (Service 1 requests a ticket to itself)',
    summary: 'the sname of an S4U2Self request must be the requesting account itself: KRB_AP_ERR_BADMATCH',
  },
  's4u2self.user-unknown': {
    source: 'MS-SFU 3.2.5.1',
    summary: 'the PA-FOR-USER names no account reachable from the service: KDC_ERR_C_PRINCIPAL_UNKNOWN',
  },
  's4u2self.user-disabled': {
    source: 'MS-SFU 3.2.5.1; Heimdal _kdc_validate_protocol_transition (kdc_check_flags)',
    summary: 'S4U2Self for a disabled account: KDC_ERR_CLIENT_REVOKED',
  },
  's4u2self.cross-realm': {
    source: 'MS-SFU 3.1.5.1.1.2, 3.2.5.1.1, 4.2',
    summary:
      "a user of another domain: the user's KDC builds the PAC and the ticket comes back through referrals",
  },
  's4u2self.forwardable': {
    source: 'MS-SFU 3.2.5.1.2; Samba s4u_tests (test_s4u2self_*)',
    summary:
      'FORWARDABLE if requested, the service TGT is forwardable, the service has TRUSTED_TO_AUTH_FOR_DELEGATION or an empty msDS-AllowedToDelegateTo, and the user may be delegated',
  },
  's4u2proxy.evidence-not-for-requester': {
    source: 'MS-SFU 3.2.5.2; Heimdal _kdc_validate_constrained_delegation',
    summary: 'the additional ticket must be a service ticket to the requesting service: KDC_ERR_BADOPTION',
  },
  's4u2proxy.target-unknown': {
    source: 'MS-SFU 3.2.5.2; RFC 4120 7.5.9',
    summary: 'the target SPN is on no account, or on two: KDC_ERR_S_PRINCIPAL_UNKNOWN',
  },
  's4u2proxy.kcd-allowed': {
    source: 'MS-SFU 3.2.5.2.1',
    summary: "classic constrained delegation: the target SPN is in the service's msDS-AllowedToDelegateTo",
  },
  's4u2proxy.kcd-cross-domain': {
    source: 'MS-SFU 3.2.5.2.1 ("If the KDC is for the realm of both Service 1 and Service 2")',
    summary:
      'classic constrained delegation works only when the service and the target are in the same domain',
  },
  's4u2proxy.kcd-target-not-allowed': {
    source:
      'MS-SFU 3.2.5.2.1; Samba s4u_tests (test_constrained_delegation_not_allowed, test_rbcd_no_pac_options_*)',
    summary:
      'not in msDS-AllowedToDelegateTo and no RBCD bit: KDC_ERR_BADOPTION with STATUS_NOT_SUPPORTED (empty list) or STATUS_NO_MATCH',
  },
  's4u2proxy.evidence-modified': {
    source: 'MS-PAC 2.8.3 (ticket signature); CVE-2020-17049; KB4598347; Samba s4u_tests (test_bronze_bit_*)',
    summary:
      'a patched KDC checks the ticket signature over the evidence ticket: a changed or unsigned ticket is KRB_AP_ERR_MODIFIED',
  },
  's4u2proxy.kcd-evidence-not-forwardable': {
    source: 'MS-SFU 3.2.5.2.1; Samba s4u_tests (test_constrained_delegation_non_forwardable)',
    summary:
      'KCD needs a FORWARDABLE evidence ticket: KDC_ERR_BADOPTION with STATUS_ACCOUNT_RESTRICTION (Windows; MS-SFU says STATUS_NO_MATCH)',
  },
  's4u2proxy.rbcd-allowed': {
    source: 'MS-SFU 3.2.5.2.3; Samba samba_kdc_check_s4u2proxy_rbcd',
    summary:
      "RBCD: an access check of the target's msDS-AllowedToActOnBehalfOfOtherIdentity against a token from the service's TGT PAC grants control access",
  },
  's4u2proxy.rbcd-not-allowed': {
    source: 'MS-SFU 3.2.5.2.3',
    summary:
      "the service is not granted access by the target's RBCD descriptor: KDC_ERR_BADOPTION with STATUS_NOT_FOUND",
  },
  's4u2proxy.rbcd-referral': {
    source: 'MS-SFU 3.2.5.2.3 (referral TGT), 3.2.5.1.1',
    summary:
      "a target in another domain: the service's KDC refers the request to the target's KDC, which runs the RBCD check",
  },
  's4u2proxy.rbcd-evidence-not-forwardable': {
    source: 'MS-SFU 3.2.5.2.3; Samba s4u_tests (test_rbcd_non_forwardable)',
    summary: 'a non-forwardable evidence ticket: KDC_ERR_BADOPTION with STATUS_ACCOUNT_RESTRICTION',
  },
  's4u2proxy.rbcd-s4u2self-exception': {
    source: 'MS-SFU 3.1.5.2.1; KB4577252 (CVE-2020-16996); Shamir, "Wagging the Dog"',
    summary:
      'RBCD accepts a non-forwardable S4U2Self ticket for a user who is not NOT_DELEGATED (and, once patched for CVE-2020-16996, not in Protected Users)',
  },
  's4u2proxy.result-forwardable': {
    source:
      'MS-SFU 4.3 ("The forwardable flag will be set in the service ticket"); Shamir, "Wagging the Dog"',
    summary:
      'the S4U2Proxy ticket is FORWARDABLE, even when RBCD accepted a non-forwardable S4U2Self evidence ticket',
  },
  's4u2proxy.delegation-info': {
    source: 'MS-SFU 3.2.5.2.4; MS-PAC 2.9',
    summary:
      "S4U_DELEGATION_INFO: S4U2proxyTarget is the target, S4UTransitedServices gains the evidence ticket's server",
  },
  'pac.ticket-signature': {
    source: 'MS-PAC 2.8.3; KB4598347',
    summary:
      'a patched KDC signs every service ticket it issues (PAC_TICKET_CHECKSUM over the EncTicketPart) with the krbtgt key',
  },
  'bronze-bit.tamper': {
    source: 'CVE-2020-17049; Karnes, "Kerberos Bronze Bit Attack – Theory" (NetSPI)',
    summary:
      'a service decrypts its own service ticket with its key, flips FORWARDABLE and re-encrypts it; the PAC server and KDC signatures do not cover the flags',
  },
  'apreq.delegation-decision': {
    source: 'MS-KILE 3.2.5.1; RFC 4120 3.6 (KRB-CRED)',
    summary: "the client's Kerberos SSP decides whether to send a forwarded TGT with the AP-REQ",
  },
} as const);

/** The stable id of a KDC rule, e.g. `'s4u2proxy.rbcd-not-allowed'`; see {@link KDC_RULES}. */
export type KdcRuleId = keyof typeof KDC_RULES;

/**
 * One rule the KDC (or the client) applied while answering a request: which rule, from which document, whether it
 * passed, changed the answer, or refused the request, and what it found.
 *
 * @example
 * ```ts
 * import type { ExplanationStep } from '@doublehop/delegation';
 *
 * const line = (s: ExplanationStep): string => `[${s.outcome}] ${s.rule} (${s.source}): ${s.detail}`;
 * ```
 * @see MS-SFU 3.2.5; MS-KILE 3.3.5 (the rules the steps name)
 */
export interface ExplanationStep {
  /** The rule's stable id. */
  readonly rule: KdcRuleId;
  /** The document section the rule follows. */
  readonly source: string;
  /** `passed` — a check that succeeded; `applied` — a rule that shaped the ticket; `refused` — the refusal. */
  readonly outcome: 'passed' | 'applied' | 'refused';
  /** What the rule found, in words, naming the accounts, SPNs and flags involved. */
  readonly detail: string;
}

/** @internal Builds an explanation step for a rule. */
export function step(rule: KdcRuleId, outcome: ExplanationStep['outcome'], detail: string): ExplanationStep {
  return Object.freeze({ rule, source: KDC_RULES[rule].source, outcome, detail });
}
