import type { ImpersonationLevel } from '@doublehop/core-token';
import type {
  AccountInit,
  DomainInit,
  LogonTypeName,
  MachineRole,
  TrustInit,
  UserRight,
} from '@doublehop/logon';
import type { LintRuleId } from '../lint/lintRules.js';
import type { WhyNotReason } from './whyNotReasons.js';

/**
 * An **estate**: the directory (domains, trusts, accounts — `@doublehop/logon`'s declarations, the vocabulary of
 * scenario files), the machines, the services running on them and calling each other, the flows users start,
 * and what the estate is expected to do. Plain data: a YAML model file maps onto it key for key.
 *
 * @remarks
 * Every list may come in any order: the engine sorts before it reports, so two models that differ only in
 * the order of their accounts, machines or services give byte-identical results.
 * @example
 * ```ts
 * import type { EstateModel } from '@doublehop/delegation';
 *
 * const estate: EstateModel = {
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'user', samAccountName: 'alice' }],
 *   machines: [{ name: 'WS01', domain: 'corp.example', role: 'workstation' }, { name: 'WEB01', domain: 'corp.example' }],
 *   services: [{
 *     name: 'web', machine: 'WEB01', runsAs: 'IIS AppPool\\Sales',
 *     endpoint: { serviceClass: 'HTTP', host: 'web01.corp.example' }, authentication: ['negotiate'],
 *   }],
 *   flows: [{ name: 'browse', user: 'alice', start: { machine: 'WS01', logonType: 'Interactive' }, path: ['web'] }],
 * };
 * ```
 * @see docs/model-files.md
 */
export interface EstateModel {
  /** The domain controllers' patch level (CVE-2020-17049 / CVE-2020-16996); default patched. */
  readonly kdc?: EstateKdc;
  /** The domains (at least one), as `@doublehop/logon`'s `directory()` takes them. */
  readonly domains: readonly DomainInit[];
  /** Trusts beyond the parent-child and tree-root trusts that `parent`/`forest` imply. */
  readonly trusts?: readonly TrustInit[];
  /**
   * Users, computers, gMSAs and groups, with the AD / PowerShell attribute names (servicePrincipalNames,
   * allowedToDelegateTo, principalsAllowedToDelegateToAccount, accountNotDelegated, trustedForDelegation …). A
   * machine's computer account (`NAME$`) that is not declared here is added as domain join creates it.
   */
  readonly accounts?: readonly AccountInit[];
  /** The machines: workstations users start from, servers services run on, domain controllers. */
  readonly machines?: readonly EstateMachine[];
  /** The services: what runs where, as whom, reached how, calling what. */
  readonly services?: readonly EstateService[];
  /** The flows: a user, where they start, and the chain of services a request crosses. */
  readonly flows?: readonly EstateFlow[];
  /** What the estate is expected to do; {@link evaluateAssertions} checks every one. */
  readonly assertions?: readonly EstateAssertion[];
}

/**
 * The KDC settings of an estate.
 *
 * @example
 * ```ts
 * import type { EstateKdc } from '@doublehop/delegation';
 *
 * const before2021: EstateKdc = { patched: false };
 * ```
 * @see KB4598347 (CVE-2020-17049); KB4577252 (CVE-2020-16996)
 */
export interface EstateKdc {
  /** Whether the domain controllers have the CVE-2020-17049 and CVE-2020-16996 fixes; default `true`. */
  readonly patched?: boolean;
}

/**
 * A machine of the estate: its name and domain, and the local policy that changes what happens there — Credential
 * Guard, UAC, and User Rights Assignment changes on top of Windows' defaults.
 *
 * @remarks
 * Its computer account is `NAME$` in its domain. Declare it in `accounts` to give it SPNs or delegation settings;
 * otherwise the estate adds it as domain join creates it: `HOST/NAME`, `HOST/name.domain`, `RestrictedKrbHost/NAME`
 * and `RestrictedKrbHost/name.domain`, and for a domain controller SERVER_TRUST_ACCOUNT with TRUSTED_FOR_DELEGATION
 * (primary group Domain Controllers).
 * @example
 * ```ts
 * import type { EstateMachine } from '@doublehop/delegation';
 *
 * const web01: EstateMachine = {
 *   name: 'WEB01', domain: 'corp.example',
 *   userRights: { add: { SeTcbPrivilege: ['IIS APPPOOL\\Claims'] }, remove: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] } },
 * };
 * ```
 * @see "User Rights Assignment"; "Credential Guard considerations"; "How User Account Control works"
 */
export interface EstateMachine {
  /** The computer name (NetBIOS), e.g. `WEB01`. */
  readonly name: string;
  /** The domain it is joined to (DNS or NetBIOS name); omitted for a workgroup machine. */
  readonly domain?: string;
  /** `workstation`, `server` (default) or `domainController`: selects Windows' default rights and groups. */
  readonly role?: MachineRole;
  /** Credential Guard (LSAIso): the TGTs of sessions on this machine cannot be delegated unconstrained. Default `false`. */
  readonly credentialGuard?: boolean;
  /** UAC (EnableLUA); default `true`. */
  readonly uac?: boolean;
  /** LocalAccountTokenFilterPolicy (UAC remote restrictions off for local accounts); default `false`. */
  readonly localAccountTokenFilterPolicy?: boolean;
  /** Members added to local groups, by group name (`Administrators`, `Remote Management Users` …). */
  readonly localGroupMembers?: Readonly<Record<string, readonly string[]>>;
  /** User Rights Assignment changes on top of Windows' defaults for the role. */
  readonly userRights?: EstateUserRights;
}

/**
 * Changes to a machine's User Rights Assignment: holders added to and removed from rights, by right name
 * (`SeImpersonatePrivilege`, `SeTcbPrivilege`, `SeDenyNetworkLogonRight` …) and holder name (`DOMAIN\name`,
 * `BUILTIN\Administrators`, `NT AUTHORITY\SERVICE`, `IIS APPPOOL\x`, `NT SERVICE\x`, a SID).
 *
 * @example
 * ```ts
 * import type { EstateUserRights } from '@doublehop/delegation';
 *
 * const noImpersonation: EstateUserRights = { remove: { SeImpersonatePrivilege: ['NT AUTHORITY\\SERVICE'] } };
 * ```
 * @see "User Rights Assignment", https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/user-rights-assignment
 */
export interface EstateUserRights {
  /** Holders added, by right. */
  readonly add?: Readonly<Partial<Record<UserRight, readonly string[]>>>;
  /** Holders removed, by right. */
  readonly remove?: Readonly<Partial<Record<UserRight, readonly string[]>>>;
}

/**
 * How a service accepts callers: `negotiate` (SPNEGO: Kerberos when the client finds the SPN, else NTLM),
 * `kerberos` (Kerberos only), `ntlm`, `basic` (the password over the wire, LOGON32_LOGON_NETWORK_CLEARTEXT),
 * `credssp` (the client delegates its password: RDP NLA, WinRM CredSSP), `forms` (the application checks a
 * password or a claim itself — no Windows authentication), `anonymous` (none).
 */
export type EstateAuthentication =
  | 'negotiate'
  | 'kerberos'
  | 'ntlm'
  | 'basic'
  | 'credssp'
  | 'forms'
  | 'anonymous';

/**
 * A service: a process on a machine, the identity it runs as, the endpoint clients use, the authentication it
 * accepts, whether it impersonates its callers, and the services it calls.
 *
 * @remarks
 * `runsAs` is `LocalSystem`, `NetworkService`, `LocalService`, a virtual account (`NT SERVICE\MSSQLSERVER`,
 * `IIS AppPool\Sales`) — all of which but LocalService appear on the network as the machine's computer account,
 * LocalService as ANONYMOUS LOGON (`@doublehop/logon`'s networkIdentity) — or a domain account (`CORP\svc-sql`, a
 * gMSA `CORP\gmsa-web$`).
 * @example
 * ```ts
 * import type { EstateService } from '@doublehop/delegation';
 *
 * const sql: EstateService = {
 *   name: 'sql', machine: 'SQL01', runsAs: 'CORP\\svc-sql',
 *   endpoint: { serviceClass: 'MSSQLSvc', host: 'sql01.corp.example', port: 1433 },
 *   authentication: ['negotiate'], impersonates: true,
 *   calls: [{ service: 'files', as: 'caller', request: 'impersonate' }],
 * };
 * ```
 * @see "Service User Accounts", https://learn.microsoft.com/windows/win32/services/service-user-accounts;
 * "Microsoft Negotiate", https://learn.microsoft.com/windows/win32/secauthn/microsoft-negotiate
 */
export interface EstateService {
  /** A name unique in the estate, used by `calls` and `flows`. */
  readonly name: string;
  /** The machine it runs on (a {@link EstateMachine.name}). */
  readonly machine: string;
  /** The identity the process runs as. */
  readonly runsAs: string;
  /** The name clients connect to, and the SPN they ask the KDC for. */
  readonly endpoint: EstateEndpoint;
  /** The authentication methods it accepts, in the order it offers them (first usable one wins). */
  readonly authentication: readonly EstateAuthentication[];
  /** Whether a server thread impersonates the caller (IIS with Windows authentication and impersonation, SQL Server, the Server service); default `true`. */
  readonly impersonates?: boolean;
  /**
   * Whether the service's code turns a caller that did not arrive with Kerberos into a Windows identity with
   * protocol transition (KERB_S4U_LOGON / `new WindowsIdentity(upn)`: S4U2Self). Default `true` with `forms`
   * authentication (there is no other way to a Windows identity), else `false`.
   */
  readonly protocolTransition?: boolean;
  /** The services it calls, and how. */
  readonly calls?: readonly EstateCall[];
}

/**
 * The endpoint of a service: the host name clients use, its port, its DNS aliases, and the SPN a client asks the
 * KDC for — `spn` when given (a connection string's ServerSPN), else `serviceClass/host` with `:port` for
 * MSSQLSvc, built from the canonical name when `host` is a CNAME (Windows' HTTP clients resolve the alias first).
 *
 * @example
 * ```ts
 * import type { EstateEndpoint } from '@doublehop/delegation';
 *
 * const intranet: EstateEndpoint = { serviceClass: 'HTTP', host: 'intranet.corp.example', canonicalName: 'web01.corp.example' };
 * const sql: EstateEndpoint = { serviceClass: 'MSSQLSvc', host: 'sql01.corp.example', port: 1433 };
 * ```
 * @see "Service Principal Names", https://learn.microsoft.com/windows/win32/ad/service-principal-names;
 * "Register a Service Principal Name for Kerberos Connections" (MSSQLSvc/fqdn:port), https://learn.microsoft.com/sql/database-engine/configure-windows/register-a-service-principal-name-for-kerberos-connections
 */
export interface EstateEndpoint {
  /** The SPN service class: `HTTP`, `MSSQLSvc`, `cifs`, `WSMAN`, `HOST`, `ldap` …; default `HOST`. */
  readonly serviceClass?: string;
  /** The DNS name clients connect to. */
  readonly host: string;
  /** The TCP port (part of the SPN for MSSQLSvc). */
  readonly port?: number;
  /** When `host` is a DNS alias (CNAME), the canonical (A record) name it points at. */
  readonly canonicalName?: string;
  /** Other DNS names (CNAMEs) clients also use for this endpoint. */
  readonly aliases?: readonly string[];
  /** The exact SPN clients ask for, overriding the one built from the class and host. */
  readonly spn?: string;
}

/**
 * One outgoing call of a service: the service called, as whom (the caller — impersonated or by delegation — or
 * the service's own identity), and what the calling code asks for (ISC_REQ_IDENTIFY, nothing, ISC_REQ_DELEGATE
 * with ISC_REQ_MUTUAL_AUTH).
 *
 * @example
 * ```ts
 * import type { EstateCall } from '@doublehop/delegation';
 *
 * const toSql: EstateCall = { service: 'sql', as: 'caller', request: 'impersonate' };
 * ```
 * @see InitializeSecurityContext (Kerberos) context requirements, https://learn.microsoft.com/windows/win32/secauthn/initializesecuritycontext--kerberos
 */
export interface EstateCall {
  /** The service called (a {@link EstateService.name}). */
  readonly service: string;
  /** `caller`: as the identity the service received; `self`: as the service's own identity. Default `caller`. */
  readonly as?: 'caller' | 'self';
  /** What the calling code asks for. Default `impersonate`. */
  readonly request?: EstateRequest;
}

/** What a client's code asks for: ISC_REQ_IDENTIFY, nothing (Impersonation), or ISC_REQ_DELEGATE with ISC_REQ_MUTUAL_AUTH. */
export type EstateRequest = 'identify' | 'impersonate' | 'delegate';

/**
 * A flow: a user logs on at a machine and sends a request through a chain of services; hop 1 is the user's
 * client connecting to `path[0]`, hop N the call of `path[N-2]` to `path[N-1]` (which must be one of its `calls`).
 *
 * @example
 * ```ts
 * import type { EstateFlow } from '@doublehop/delegation';
 *
 * const report: EstateFlow = {
 *   name: 'alice-report', user: 'CORP\\alice',
 *   start: { machine: 'WS01', logonType: 'Interactive' }, path: ['web', 'sql', 'files'],
 * };
 * ```
 * @see docs/model-files.md (flows)
 */
export interface EstateFlow {
  /** A name unique in the estate. */
  readonly name: string;
  /** The user: `alice`, `CORP\alice`, `alice@corp.example`. */
  readonly user: string;
  /** Where the user is logged on, and how. */
  readonly start: EstateFlowStart;
  /** The services the request crosses, in order (at least one). */
  readonly path: readonly string[];
  /** What the user's client asks for at hop 1; default `delegate` (Windows' HTTP clients set ISC_REQ_DELEGATE and let OK-AS-DELEGATE decide). */
  readonly request?: EstateRequest;
}

/**
 * Where a flow starts: the machine the user is logged on at, and the logon type (Interactive, RemoteInteractive,
 * Batch, Service, NetworkCleartext …).
 *
 * @example
 * ```ts
 * import type { EstateFlowStart } from '@doublehop/delegation';
 *
 * const desk: EstateFlowStart = { machine: 'WS01', logonType: 'Interactive' };
 * ```
 * @see "4624(S)" logon types
 */
export interface EstateFlowStart {
  /** The machine (a {@link EstateMachine.name}). */
  readonly machine: string;
  /** The logon type; default `Interactive`. */
  readonly logonType?: LogonTypeName;
}

/**
 * An expectation about the estate, one key per kind (as in a model file):
 * `reaches` — the flow's identity arrives at a service (as the user, at least at a level);
 * `refused` — the flow stops at a hop for a reason;
 * `reachableBy` — exactly these declared users' identities can arrive at a service ({@link reachableUsers});
 * `lint` — a lint finding is present (or absent).
 *
 * @example
 * ```ts
 * import type { EstateAssertion } from '@doublehop/delegation';
 *
 * const expectations: EstateAssertion[] = [
 *   { reaches: { flow: 'alice-report', service: 'files', atLeast: 'Impersonation' } },
 *   { refused: { flow: 'admin-report', hop: 2, reason: 'account-not-delegated' } },
 *   { reachableBy: { service: 'sql', users: ['CORP\\alice', 'CORP\\bob'] } },
 *   { lint: { rule: 'duplicate-spn', subject: 'HTTP/web01.corp.example', present: false } },
 * ];
 * ```
 * @see docs/model-files.md (assertions)
 */
export type EstateAssertion =
  | {
      /** The flow reaches a service. */
      readonly reaches: ReachesAssertion;
    }
  | {
      /** The flow is refused at a hop. */
      readonly refused: RefusedAssertion;
    }
  | {
      /** Exactly these users can reach a service. */
      readonly reachableBy: ReachableByAssertion;
    }
  | {
      /** A lint finding is present or absent. */
      readonly lint: LintAssertion;
    };

/**
 * `reaches`: the flow's identity arrives at `service` — by default as the flow's user, at least at `atLeast`.
 *
 * @example
 * ```ts
 * import type { ReachesAssertion } from '@doublehop/delegation';
 *
 * const a: ReachesAssertion = { flow: 'alice-report', service: 'sql', atLeast: 'Impersonation', asUser: true };
 * ```
 * @see "Impersonation Levels", https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels
 */
export interface ReachesAssertion {
  /** The flow. */
  readonly flow: string;
  /** A service on the flow's path. */
  readonly service: string;
  /** The lowest acceptable impersonation level of the token the service gets; default `Impersonation`. */
  readonly atLeast?: ImpersonationLevel;
  /** `true` (default): the identity arriving is the flow's user; `false`: the calling service's own account. */
  readonly asUser?: boolean;
}

/**
 * `refused`: the flow stops at `hop` (1-based, or the name of the service the hop goes to) for `reason`.
 *
 * @example
 * ```ts
 * import type { RefusedAssertion } from '@doublehop/delegation';
 *
 * const a: RefusedAssertion = { flow: 'web-sql', hop: 'sql', reason: 'ntlm-cannot-delegate' };
 * ```
 * @see {@link WHY_NOT_REASONS}
 */
export interface RefusedAssertion {
  /** The flow. */
  readonly flow: string;
  /** The hop: its 1-based number, or the service it goes to. */
  readonly hop: number | string;
  /** The why-not reason code. */
  readonly reason: WhyNotReason;
}

/**
 * `reachableBy`: the declared users whose identity can arrive at `service` are exactly `users`.
 *
 * @example
 * ```ts
 * import type { ReachableByAssertion } from '@doublehop/delegation';
 *
 * const a: ReachableByAssertion = { service: 'sql', users: ['CORP\\alice'] };
 * ```
 * @see {@link reachableUsers}
 */
export interface ReachableByAssertion {
  /** The service. */
  readonly service: string;
  /** The users, by any name `findAccount` accepts. */
  readonly users: readonly string[];
}

/**
 * `lint`: a finding of `rule` (about `subject`, when given) is present — or, with `present: false`, absent.
 *
 * @example
 * ```ts
 * import type { LintAssertion } from '@doublehop/delegation';
 *
 * const a: LintAssertion = { rule: 'mssqlsvc-without-port', present: false };
 * ```
 * @see {@link LINT_RULES}
 */
export interface LintAssertion {
  /** The lint rule id. */
  readonly rule: LintRuleId;
  /** The finding's subject (an SPN, an account, a service); any subject when omitted. */
  readonly subject?: string;
  /** Whether the finding is expected; default `true`. */
  readonly present?: boolean;
}
