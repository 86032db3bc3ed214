import { token, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { connectionLevel, kerberosDelegationDecision, requestedLevel } from '@doublehop/impersonation-levels';
import { KDC_RULES, type KdcRuleId } from '../kdc/rules.js';
import { ESTATE_RULES, type EstateRuleId } from './estateRules.js';

/**
 * Why a flow stops at a hop, as a stable code. Each names the rule that fires it and its source
 * ({@link WHY_NOT_REASONS}); the rules themselves live in the package that owns them — the KDC
 * ({@link KDC_RULES}), `@doublehop/impersonation-levels` (the level rules), `@doublehop/logon` (LsaLogonUser)
 * — and the few decisions only an estate makes (which method a client uses, whether the server can decrypt
 * the ticket) in {@link ESTATE_RULES}.
 */
export type WhyNotReason =
  | 'account-not-delegated'
  | 'protected-users'
  | 'ntlm-cannot-delegate'
  | 'spn-missing'
  | 'spn-duplicate'
  | 'spn-on-wrong-account'
  | 'kcd-target-not-allowed'
  | 'kcd-cross-domain'
  | 'rbcd-not-allowed'
  | 'delegation-not-configured'
  | 'evidence-not-forwardable'
  | 'client-requested-identify'
  | 'no-impersonate-privilege'
  | 'credential-guard-blocks-tgt-delegation'
  | 'trust-blocks-tgt-delegation'
  | 'no-trust-path'
  | 'selective-authentication'
  | 'account-disabled'
  | 'kdc-refused'
  | 's4u-identification-token'
  | 'logon-refused'
  | 'anonymous-authentication'
  | 'local-service-anonymous'
  | 'service-does-not-impersonate'
  | 'authentication-not-accepted'
  | 'no-call';

/**
 * Where a why-not reason's rule lives: a KDC rule id, a reason code of `@doublehop/impersonation-levels`, a
 * `LogonFailureReason` or networkIdentity reason of `@doublehop/logon`, or an {@link ESTATE_RULES} id.
 */
export type WhyNotOrigin =
  | {
      /** The KDC model of this package. */
      readonly package: '@doublehop/delegation';
      /** The {@link KDC_RULES} id. */
      readonly rule: KdcRuleId;
    }
  | {
      /** The level rules. */
      readonly package: '@doublehop/impersonation-levels';
      /** The ConnectionReasonCode. */
      readonly rule: string;
    }
  | {
      /** LsaLogonUser and logon sessions. */
      readonly package: '@doublehop/logon';
      /** The LogonFailureReason, token rule or networkIdentity reason. */
      readonly rule: string;
    }
  | {
      /** A decision of the estate engine itself. */
      readonly package: 'estate';
      /** The {@link ESTATE_RULES} id. */
      readonly rule: EstateRuleId;
    };

/**
 * One entry of {@link WHY_NOT_REASONS}: the rule that fires the reason, its source, and what it means.
 *
 * @example
 * ```ts
 * import type { WhyNotReasonInfo } from '@doublehop/delegation';
 *
 * const cite = (r: WhyNotReasonInfo): string => `${r.origin.package} ${r.origin.rule} (${r.source})`;
 * ```
 * @see {@link WHY_NOT_REASONS}
 */
export interface WhyNotReasonInfo {
  /** The package and rule that decide it. */
  readonly origin: WhyNotOrigin;
  /** The document the rule follows. */
  readonly source: string;
  /** What it means, in a sentence. */
  readonly summary: string;
}

const kdc = (rule: KdcRuleId, summary: string): WhyNotReasonInfo =>
  Object.freeze({
    origin: Object.freeze({ package: '@doublehop/delegation', rule }),
    source: KDC_RULES[rule].source,
    summary,
  });
const levels = (rule: string, source: string, summary: string): WhyNotReasonInfo =>
  Object.freeze({
    origin: Object.freeze({ package: '@doublehop/impersonation-levels', rule }),
    source,
    summary,
  });
const logon = (rule: string, source: string, summary: string): WhyNotReasonInfo =>
  Object.freeze({ origin: Object.freeze({ package: '@doublehop/logon', rule }), source, summary });
const estate = (rule: EstateRuleId, summary: string): WhyNotReasonInfo =>
  Object.freeze({
    origin: Object.freeze({ package: 'estate', rule }),
    source: ESTATE_RULES[rule].source,
    summary,
  });

const ntlm = kerberosDelegationDecision({
  requested: true,
  okAsDelegate: true,
  tgtForwardable: true,
  credentialGuard: false,
  protocol: 'negotiate-ntlm',
});
const guard = kerberosDelegationDecision({
  requested: true,
  okAsDelegate: true,
  tgtForwardable: true,
  credentialGuard: true,
  protocol: 'kerberos',
});
const identify = requestedLevel({ api: 'sspi', flags: ['ISC_REQ_IDENTIFY'] });
const noPrivilege = connectionLevel({
  request: { api: 'sspi', flags: [] },
  protocol: 'kerberos',
  server: token({ user: WELL_KNOWN_SIDS.LOCAL_SERVICE.sid, groups: [WELL_KNOWN_SIDS.EVERYONE.sid] }),
}).reasons.find((r) => r.code === 'no-impersonate-privilege');
const anonymous = connectionLevel({
  request: { api: 'sspi', flags: [] },
  protocol: 'anonymous',
}).reasons.find((r) => r.code === 'anonymous-authentication');
const LSA_LOGON_USER =
  'LsaLogonUser, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser';

/**
 * Every why-not reason with the rule that fires it and that rule's source — taken from the rule's owner
 * (`KDC_RULES`, the level rules' own `source`), never restated.
 *
 * @example
 * ```ts
 * import { WHY_NOT_REASONS } from '@doublehop/delegation';
 *
 * WHY_NOT_REASONS['kcd-target-not-allowed'].origin.rule; // 's4u2proxy.kcd-target-not-allowed'
 * WHY_NOT_REASONS['ntlm-cannot-delegate'].origin.package; // '@doublehop/impersonation-levels'
 * WHY_NOT_REASONS['spn-missing'].source;                  // 'RFC 4120 7.5.9; MS-KILE 3.3.5.7'
 * ```
 * @see {@link KDC_RULES}; `kerberosDelegationDecision`, `requestedLevel`, `connectionLevel` in `@doublehop/impersonation-levels`
 */
export const WHY_NOT_REASONS: Readonly<Record<WhyNotReason, WhyNotReasonInfo>> = Object.freeze({
  'account-not-delegated': kdc(
    'kile.delegation-not-allowed',
    'the user is NOT_DELEGATED ("Account is sensitive and cannot be delegated"): no FORWARDABLE ticket, no delegation',
  ),
  'protected-users': kdc(
    'kile.delegation-not-allowed',
    'the user is in Protected Users: no FORWARDABLE ticket, no NTLM, no delegation',
  ),
  'ntlm-cannot-delegate': levels(
    'ntlm-cannot-delegate',
    ntlm.source,
    'the hop before used NTLM: the server holds no credential it can use onward, so the next hop arrives as ANONYMOUS LOGON',
  ),
  'spn-missing': kdc(
    'tgs.service-unknown',
    'no account has the SPN the client asks for: Negotiate falls back to NTLM, Kerberos-only fails',
  ),
  'spn-duplicate': kdc(
    'tgs.spn-not-unique',
    'two accounts hold the SPN: the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN and Negotiate falls back to NTLM',
  ),
  'spn-on-wrong-account': estate(
    'ap.ticket-decryption',
    "the SPN is on another account than the service's: the server cannot decrypt the ticket (KRB_AP_ERR_MODIFIED)",
  ),
  'kcd-target-not-allowed': kdc(
    's4u2proxy.kcd-target-not-allowed',
    "the target's SPN is not in the front end's msDS-AllowedToDelegateTo, and no RBCD grant lets it in",
  ),
  'kcd-cross-domain': kdc(
    's4u2proxy.kcd-cross-domain',
    'classic constrained delegation only reaches services in the front end’s own domain',
  ),
  'rbcd-not-allowed': kdc(
    's4u2proxy.rbcd-not-allowed',
    "the target account's msDS-AllowedToActOnBehalfOfOtherIdentity does not grant the front end",
  ),
  'delegation-not-configured': kdc(
    's4u2proxy.rbcd-not-allowed',
    'the front end has no way to act as the user onward: no forwarded TGT, no msDS-AllowedToDelegateTo, no RBCD grant',
  ),
  'evidence-not-forwardable': kdc(
    's4u2proxy.kcd-evidence-not-forwardable',
    "the user's ticket to the front end is not FORWARDABLE (Kerberos-only KCD after protocol transition): KCD refuses it",
  ),
  'client-requested-identify': levels(
    identify.code,
    identify.source,
    'the calling code asked for Identification (ISC_REQ_IDENTIFY): the server may look, not act',
  ),
  'no-impersonate-privilege': levels(
    'no-impersonate-privilege',
    noPrivilege?.source ?? '',
    'the service process lacks SeImpersonatePrivilege: its impersonation is downgraded to Identification',
  ),
  'credential-guard-blocks-tgt-delegation': levels(
    guard.reason,
    guard.source,
    "Credential Guard on the user's machine: the TGT cannot be forwarded to an unconstrained-delegation service",
  ),
  'trust-blocks-tgt-delegation': kdc(
    'tgs.ok-as-delegate-cross-realm',
    'across this forest trust TGT delegation is not enabled (or the trust is quarantined): no OK-AS-DELEGATE, no forwarded TGT',
  ),
  'no-trust-path': kdc('tgs.no-trust-path', "no trust lets the user's domain use the service's domain"),
  'selective-authentication': kdc(
    'tgs.selective-authentication',
    'a selective-authentication trust without Allowed-To-Authenticate on the service account',
  ),
  'account-disabled': kdc('as.client-disabled', 'the account is disabled'),
  'kdc-refused': kdc('tgs.tgt-not-decryptable', 'the KDC refused a request; the hop names the rule'),
  's4u-identification-token': logon(
    'KERB_S4U_LOGON',
    'LsaLogonUser, LsaHandle (SeTcbPrivilege is needed when a KERB_S4U_LOGON caller wants an impersonation token; without it LSA returns an identification token), https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser',
    'protocol transition in a process without SeTcbPrivilege yields an Identification token: it cannot act as the user',
  ),
  'logon-refused': logon(
    'lsaLogonUser',
    LSA_LOGON_USER,
    'LsaLogonUser refused the logon on the server (a logon right, a deny right, NTLM for Protected Users …)',
  ),
  'anonymous-authentication': levels(
    'anonymous-authentication',
    anonymous?.source ?? '',
    'the hop was anonymous: the service knows no caller to act as',
  ),
  'local-service-anonymous': logon(
    'local-service',
    '"Service User Accounts" (LocalService "presents anonymous credentials on the network"), https://learn.microsoft.com/windows/win32/services/service-user-accounts',
    'a service running as LocalService calls as itself: it arrives as ANONYMOUS LOGON',
  ),
  'service-does-not-impersonate': estate(
    'service.impersonation',
    'the service does not impersonate its caller, so its calls carry its own identity',
  ),
  'authentication-not-accepted': estate(
    'client.authentication-method',
    'the caller has no credential for any authentication method the service accepts',
  ),
  'no-call': estate('flow.call', 'the flow crosses from one service to another it does not call'),
});
