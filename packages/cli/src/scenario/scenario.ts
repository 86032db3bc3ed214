import type { Directory, PrincipalAccount } from '@doublehop/logon';

/**
 * The exchanges a scenario step can replay, by their key in the file.
 *
 * @example
 * ```ts
 * import type { StepKind } from '@doublehop/cli';
 *
 * const kinds: StepKind[] = ['as-req', 'tgs-req', 's4u2self', 's4u2proxy', 'ap-req'];
 * kinds.length; // 5
 * ```
 * @see RFC 4120 3.1 (AS), 3.2 (AP), 3.3 (TGS); MS-SFU 3.2.5.1 (S4U2Self), 3.2.5.2 (S4U2Proxy)
 */
export type StepKind = 'as-req' | 'tgs-req' | 's4u2self' | 's4u2proxy' | 'ap-req';

/** @internal What a step's ticket is, for the loader's kind checks: a ticket-granting ticket or a service ticket. */
export type TicketKind = 'tgt' | 'service';

/**
 * A loaded scenario: the KDC's settings, the directory the file describes (built by `@doublehop/logon`) and
 * the steps, with every name resolved to an account and every ticket reference to a step.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('tgt.yaml', 'accounts: { alice: {} }\nsteps:\n  - as-req: { client: alice }\n');
 * r.ok && r.value.kdc.patched;                 // true
 * r.ok && r.value.steps[0]?.kind;              // 'as-req'
 * r.ok && r.value.directory.domains[0]?.dnsName; // 'corp.example'
 * ```
 * @see docs/scenario-files.md
 */
export interface Scenario {
  /** The file name as given. */
  readonly file: string;
  /** The KDC's settings. */
  readonly kdc: {
    /** Whether the KDC has the CVE-2020-17049 / CVE-2020-16996 fixes (default `true`). */
    readonly patched: boolean;
  };
  /** The directory: domains, trusts and accounts (with each domain's built-in accounts). */
  readonly directory: Directory;
  /** The steps, in file order. */
  readonly steps: readonly ScenarioStep[];
}

/**
 * Where a step's ticket comes from.
 *
 * @remarks
 * - `step`: the ticket an earlier step obtained (by its 1-based `step` number);
 * - `fresh`: a TGT the runner obtains for `client` with a default AS exchange, because no earlier as-req step
 *   gave that client one;
 * - `described`: a ticket described in the file (`{ client, forwardable, origin }`), obtained by the runner.
 *
 * Each may carry a `tamper` change (the Bronze Bit).
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('t.yaml', [
 *   'accounts: { alice: {}, web01$: { servicePrincipalNames: [http/web01] } }',
 *   'steps:',
 *   '  - { id: self, s4u2self: { service: web01$, user: alice } }',
 *   '  - s4u2proxy: { service: web01$, evidence: { step: self, tamper: { forwardable: true } }, target: cifs/fs01 }',
 * ].join('\n'));
 * const proxy = r.ok ? r.value.steps[1] : undefined;
 * proxy?.kind === 's4u2proxy' && proxy.evidence; // { from: 'step', step: 1, tamper: { forwardable: true } }
 * proxy?.kind === 's4u2proxy' && proxy.tgt.from; // 'fresh'
 * ```
 * @see docs/scenario-files.md (tickets)
 */
export type TicketSource =
  | {
      /** An earlier step's ticket. */
      readonly from: 'step';
      /** The step's 1-based number. */
      readonly step: number;
      /** A change made to the ticket, or `null`. */
      readonly tamper: Tamper | null;
    }
  | {
      /** A TGT obtained on the fly. */
      readonly from: 'fresh';
      /** Whose TGT. */
      readonly client: PrincipalAccount;
      /** Always `null`: a fresh TGT is not tampered with. */
      readonly tamper: null;
    }
  | {
      /** A ticket described in the file. */
      readonly from: 'described';
      /** Whose ticket. */
      readonly client: PrincipalAccount;
      /** Its service (an SPN), or `null` for the consuming step's service. */
      readonly service: string | null;
      /** Its FORWARDABLE flag, or `null` for whatever the KDC issues. */
      readonly forwardable: boolean | null;
      /** The exchange that issued it. */
      readonly origin: 'as' | 'tgs' | 's4u2self';
      /** A change made to the ticket, or `null`. */
      readonly tamper: Tamper | null;
    };

/**
 * A change made to a ticket by someone holding the key it is encrypted in (CVE-2020-17049).
 *
 * @example
 * ```ts
 * import type { Tamper } from '@doublehop/cli';
 *
 * const bronzeBit: Tamper = { forwardable: true };
 * ```
 * @see CVE-2020-17049; `tamperTicket` in `@doublehop/delegation`
 */
export interface Tamper {
  /** The FORWARDABLE flag to write. */
  readonly forwardable: boolean;
}

/**
 * What a step is expected to do (its `expect` block); the command exits 1 when it does not.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('e.yaml', 'accounts: { alice: {} }\nsteps:\n  - as-req: { client: alice }\n    expect: { error: KDC_ERR_BADOPTION }\n');
 * r.ok && r.value.steps[0]?.expect; // { ok: false, error: 'KDC_ERR_BADOPTION', delegated: null, flags: {} }
 * ```
 * @see docs/scenario-files.md (expect)
 */
export interface Expectation {
  /** Whether it succeeds; `null` when not stated (implied `false` by `error`). */
  readonly ok: boolean | null;
  /** The error name it fails with, or `null`. */
  readonly error: string | null;
  /** For an ap-req step: whether a forwarded TGT is sent; `null` when not stated. */
  readonly delegated: boolean | null;
  /** Expected flags of the resulting ticket, by name (`forwardable`, `okAsDelegate` …), sorted. */
  readonly flags: Readonly<Record<string, boolean>>;
}

/**
 * What every step has: its place in the file, its id and description, and its expectation.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const r = loadScenario('b.yaml', 'accounts: { alice: {} }\nsteps:\n  - id: tgt\n    as-req: { client: alice }\n');
 * r.ok && [r.value.steps[0]?.index, r.value.steps[0]?.id, r.value.steps[0]?.line]; // [1, 'tgt', 3]
 * ```
 * @see docs/scenario-files.md (steps)
 */
export interface StepBase {
  /** 1-based position in the file. */
  readonly index: number;
  /** The step's id, or `null`. */
  readonly id: string | null;
  /** 1-based line where the step starts. */
  readonly line: number;
  /** The step's description, or `null`. */
  readonly description: string | null;
  /** What it should do, or `null` (nothing is checked). */
  readonly expect: Expectation | null;
}

/**
 * AS-REQ: `client` obtains a TGT.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const text = 'accounts: { alice: {}, web01$: { servicePrincipalNames: [http/web01] } }\nsteps:\n  - as-req: { client: alice, forwardable: false }\n';
 * const r = loadScenario('s.yaml', text);
 * r.ok && r.value.steps[0]?.kind === 'as-req' && r.value.steps[0].forwardable; // false
 * ```
 * @see RFC 4120 3.1; `asExchange` in `@doublehop/delegation`
 */
export interface AsReqStep extends StepBase {
  /** The exchange. */
  readonly kind: 'as-req';
  /** The account asking. */
  readonly client: PrincipalAccount;
  /** Whether FORWARDABLE is requested. */
  readonly forwardable: boolean;
}

/**
 * TGS-REQ: a TGT is presented for a service ticket to `service` (or a forwarded or referral TGT).
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const text = 'accounts: { alice: {}, web01$: { servicePrincipalNames: [http/web01] } }\nsteps:\n  - tgs-req: { client: alice, service: http/web01 }\n';
 * const r = loadScenario('s.yaml', text);
 * r.ok && r.value.steps[0]?.kind === 'tgs-req' && r.value.steps[0].service; // 'http/web01'
 * ```
 * @see RFC 4120 3.3; `tgsExchange` in `@doublehop/delegation`
 */
export interface TgsReqStep extends StepBase {
  /** The exchange. */
  readonly kind: 'tgs-req';
  /** The SPN asked for, or `null` for the TGT's own `krbtgt/REALM` (with `forwarded`). */
  readonly service: string | null;
  /** The TGT presented. */
  readonly tgt: TicketSource;
  /** Whether FORWARDABLE is asked for. */
  readonly forwardable: boolean;
  /** Whether a forwarded TGT is asked for. */
  readonly forwarded: boolean;
  /** Whether referrals are followed to the service's domain. */
  readonly followReferrals: boolean;
}

/**
 * S4U2Self: `service` asks for a ticket to itself on behalf of `user`.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const text = 'accounts: { alice: {}, web01$: { servicePrincipalNames: [http/web01] } }\nsteps:\n  - s4u2self: { service: web01$, user: alice }\n';
 * const r = loadScenario('s.yaml', text);
 * r.ok && r.value.steps[0]?.kind === 's4u2self' && r.value.steps[0].user.samAccountName; // 'alice'
 * ```
 * @see MS-SFU 3.2.5.1; `s4u2self` in `@doublehop/delegation`
 */
export interface S4u2selfStep extends StepBase {
  /** The exchange. */
  readonly kind: 's4u2self';
  /** The front-end service account. */
  readonly service: PrincipalAccount;
  /** The user. */
  readonly user: PrincipalAccount;
  /** The service's own TGT. */
  readonly tgt: TicketSource;
  /** Whether FORWARDABLE is asked for. */
  readonly forwardable: boolean;
  /** The sname, or `null` for the service's first SPN. */
  readonly sname: string | null;
}

/**
 * S4U2Proxy: `service` presents `evidence` and asks for a ticket to `target` as the evidence's client.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const text = 'accounts: { alice: {}, web01$: { servicePrincipalNames: [http/web01] } }\nsteps:\n  - s4u2proxy: { service: web01$, evidence: { client: alice }, target: cifs/fs01, rbcd: false }\n';
 * const r = loadScenario('s.yaml', text);
 * r.ok && r.value.steps[0]?.kind === 's4u2proxy' && r.value.steps[0].evidence.from; // 'described'
 * ```
 * @see MS-SFU 3.2.5.2; `s4u2proxy` in `@doublehop/delegation`
 */
export interface S4u2proxyStep extends StepBase {
  /** The exchange. */
  readonly kind: 's4u2proxy';
  /** The front-end service account. */
  readonly service: PrincipalAccount;
  /** The user's ticket to the service. */
  readonly evidence: TicketSource;
  /** The back-end SPN. */
  readonly target: string;
  /** The PA-PAC-OPTIONS RBCD bit, or `null` for the KDC model's default. */
  readonly rbcd: boolean | null;
  /** The service's own TGT. */
  readonly tgt: TicketSource;
}

/**
 * AP-REQ: the client authenticates to `service`, sending a forwarded TGT if it asks and its SSP agrees.
 *
 * @example
 * ```ts
 * import { loadScenario } from '@doublehop/cli';
 *
 * const text = 'accounts: { alice: {}, web01$: { servicePrincipalNames: [http/web01] } }\nsteps:\n  - ap-req: { client: alice, service: http/web01 }\n';
 * const r = loadScenario('s.yaml', text);
 * r.ok && r.value.steps[0]?.kind === 'ap-req' && r.value.steps[0].delegate; // true
 * ```
 * @see MS-KILE 3.2.5.1; `apReqDelegation` in `@doublehop/delegation`
 */
export interface ApReqStep extends StepBase {
  /** The exchange. */
  readonly kind: 'ap-req';
  /** The SPN the client connects to. */
  readonly service: string;
  /** The client's TGT (what a forwarded TGT is made from). */
  readonly tgt: TicketSource;
  /** The service ticket the client already holds, or `null` (it is obtained). */
  readonly ticket: TicketSource | null;
  /** Whether the client asks for delegation (ISC_REQ_DELEGATE). */
  readonly delegate: boolean;
  /** Whether Credential Guard runs on the client. */
  readonly credentialGuard: boolean;
}

/**
 * One step of a {@link Scenario}: a union discriminated on `kind`.
 *
 * @example
 * ```ts
 * import type { ScenarioStep } from '@doublehop/cli';
 *
 * const what = (s: ScenarioStep): string => (s.kind === 'as-req' ? `TGT for ${s.client.samAccountName}` : s.kind);
 * ```
 * @see docs/scenario-files.md (steps)
 */
export type ScenarioStep = AsReqStep | TgsReqStep | S4u2selfStep | S4u2proxyStep | ApReqStep;
