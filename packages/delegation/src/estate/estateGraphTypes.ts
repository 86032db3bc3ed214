import type { AccountKind, MachineRole, TrustType } from '@doublehop/logon';
import type { DirectedGraph } from 'graphology';
import type { EstateAuthentication, EstateRequest } from './estateModel.js';

/**
 * A node of the estate graph, by `kind`. Keys are deterministic: `domain:corp.example`,
 * `account:S-1-5-21-…` (the objectSid), `machine:WEB01`, `service:web`, `spn:http/web01.corp.example` (lower case).
 *
 * @example
 * ```ts
 * import type { EstateNodeAttributes } from '@doublehop/delegation';
 *
 * const label = (n: EstateNodeAttributes): string => (n.kind === 'spn' ? n.spn : n.name);
 * ```
 * @see {@link buildEstateGraph}
 */
export type EstateNodeAttributes =
  | DomainNodeAttributes
  | AccountNodeAttributes
  | MachineNodeAttributes
  | ServiceNodeAttributes
  | SpnNodeAttributes;

/**
 * A domain node.
 *
 * @example
 * ```ts
 * import type { DomainNodeAttributes } from '@doublehop/delegation';
 *
 * const d: DomainNodeAttributes = { kind: 'domain', name: 'corp.example', netbiosName: 'CORP', forest: 'corp.example', functionalLevel: 7 };
 * ```
 * @see MS-ADTS 6.1.1.2.1
 */
export interface DomainNodeAttributes {
  /** A domain. */
  readonly kind: 'domain';
  /** Its DNS name. */
  readonly name: string;
  /** Its NetBIOS name. */
  readonly netbiosName: string;
  /** Its forest root's DNS name. */
  readonly forest: string;
  /** Its functional level. */
  readonly functionalLevel: number;
}

/**
 * An account node (user, computer, gMSA or group), with the settings delegation reads.
 *
 * @example
 * ```ts
 * import type { AccountNodeAttributes } from '@doublehop/delegation';
 *
 * const unconstrained = (a: AccountNodeAttributes): boolean => a.trustedForDelegation && !a.domainController;
 * ```
 * @see MS-ADTS 2.2.16 (userAccountControl)
 */
export interface AccountNodeAttributes {
  /** An account. */
  readonly kind: 'account';
  /** `DOMAIN\sAMAccountName`. */
  readonly name: string;
  /** The objectSid, as text. */
  readonly sid: string;
  /** User, computer, gMSA or group. */
  readonly accountKind: AccountKind;
  /** The domain's DNS name. */
  readonly domain: string;
  /** Declared in the model (not a built-in account Windows creates). */
  readonly declared: boolean;
  /** Enabled (no ACCOUNTDISABLE); `true` for groups. */
  readonly enabled: boolean;
  /** TRUSTED_FOR_DELEGATION: unconstrained delegation. */
  readonly trustedForDelegation: boolean;
  /** TRUSTED_TO_AUTH_FOR_DELEGATION: protocol transition. */
  readonly trustedToAuthForDelegation: boolean;
  /** NOT_DELEGATED: "Account is sensitive and cannot be delegated". */
  readonly notDelegated: boolean;
  /** A member of Protected Users in a domain where the KDC enforces it. */
  readonly protectedUser: boolean;
  /** A domain controller's account (SERVER_TRUST_ACCOUNT, primary group 516, or a machine with that role). */
  readonly domainController: boolean;
}

/**
 * A machine node.
 *
 * @example
 * ```ts
 * import type { MachineNodeAttributes } from '@doublehop/delegation';
 *
 * const m: MachineNodeAttributes = { kind: 'machine', name: 'WEB01', domain: 'corp.example', role: 'server', credentialGuard: false };
 * ```
 * @see {@link EstateMachine}
 */
export interface MachineNodeAttributes {
  /** A machine. */
  readonly kind: 'machine';
  /** The computer name. */
  readonly name: string;
  /** Its domain's DNS name, or `null` in a workgroup. */
  readonly domain: string | null;
  /** Its role. */
  readonly role: MachineRole;
  /** Credential Guard. */
  readonly credentialGuard: boolean;
}

/**
 * A service node.
 *
 * @example
 * ```ts
 * import type { ServiceNodeAttributes } from '@doublehop/delegation';
 *
 * const isFrontEnd = (s: ServiceNodeAttributes): boolean => s.entry;
 * ```
 * @see {@link EstateService}
 */
export interface ServiceNodeAttributes {
  /** A service. */
  readonly kind: 'service';
  /** The service's name. */
  readonly name: string;
  /** The machine it runs on. */
  readonly machine: string;
  /** The identity it runs as, as declared. */
  readonly runsAs: string;
  /** How it appears on the network: its own domain account, the machine's computer account, or ANONYMOUS LOGON. */
  readonly networkIdentity: 'account' | 'computer' | 'anonymous';
  /** The SPN clients ask for. */
  readonly spn: string;
  /** The authentication methods it accepts. */
  readonly authentication: readonly EstateAuthentication[];
  /** Whether it impersonates its callers. */
  readonly impersonates: boolean;
  /** Whether its code does protocol transition for callers that did not arrive with Kerberos. */
  readonly protocolTransition: boolean;
  /** No service calls it: users connect to it directly. */
  readonly entry: boolean;
}

/**
 * An SPN node: a service principal name as a client asks for it or an account registers it.
 *
 * @example
 * ```ts
 * import type { SpnNodeAttributes } from '@doublehop/delegation';
 *
 * const s: SpnNodeAttributes = { kind: 'spn', spn: 'HTTP/web01.corp.example', lookup: 'missing', account: null };
 * ```
 * @see "Service Principal Names"
 */
export interface SpnNodeAttributes {
  /** An SPN. */
  readonly kind: 'spn';
  /** The SPN, as first written in the model (the node key is its lower-case form). */
  readonly spn: string;
  /** What the KDC's lookup finds for it (through the `HOST/` sPNMappings aliases): one account, none, or several. */
  readonly lookup: 'found' | 'missing' | 'duplicate';
  /** The objectSid (text) of the account the KDC finds, or `null`. */
  readonly account: string | null;
}

/**
 * An edge of the estate graph, by `kind`: `member-of` (account → group, the primary group included),
 * `in-domain` (account or machine → domain), `trust` (trusted domain → trusting domain: its accounts may use
 * the trusting domain's resources), `hosts` (machine → service), `computer-account` (machine → account),
 * `runs-as` (service → the account it authenticates as on the network), `registered-on` (SPN → the account whose
 * servicePrincipalName holds it),
 * `endpoint` (service → the SPN clients ask for), `allowed-to-delegate-to` (account → SPN, msDS-AllowedToDelegateTo),
 * `rbcd` (grantee → account: an allow ACE for control access in the account's
 * msDS-AllowedToActOnBehalfOfOtherIdentity), `calls` (service → service). Keys are `kind:source->target`.
 *
 * @example
 * ```ts
 * import type { EstateEdgeAttributes } from '@doublehop/delegation';
 *
 * const isDelegation = (e: EstateEdgeAttributes): boolean => e.kind === 'allowed-to-delegate-to' || e.kind === 'rbcd';
 * ```
 * @see {@link buildEstateGraph}
 */
export type EstateEdgeAttributes =
  | {
      /** A structural edge. */
      readonly kind:
        | 'member-of'
        | 'in-domain'
        | 'hosts'
        | 'computer-account'
        | 'runs-as'
        | 'registered-on'
        | 'endpoint'
        | 'allowed-to-delegate-to'
        | 'rbcd';
    }
  | {
      /** A trust. */
      readonly kind: 'trust';
      /** The trust's type. */
      readonly trustType: TrustType;
      /** Transitive. */
      readonly transitive: boolean;
      /** Selective authentication. */
      readonly selectiveAuthentication: boolean;
      /** TGT delegation enabled across it. */
      readonly enableTgtDelegation: boolean;
      /** SID filtering. */
      readonly sidFiltering: boolean;
    }
  | {
      /** A service's call to another. */
      readonly kind: 'calls';
      /** As the caller or as itself. */
      readonly as: 'caller' | 'self';
      /** What the calling code asks for. */
      readonly request: EstateRequest;
    };

/**
 * The estate as a graphology directed graph with typed node and edge attributes.
 *
 * @example
 * ```ts
 * import { buildEstateGraph, type EstateGraph } from '@doublehop/delegation';
 *
 * const g: EstateGraph = buildEstateGraph({ domains: [{ dnsName: 'corp.example' }] });
 * g.hasNode('domain:corp.example'); // true
 * ```
 * @see {@link buildEstateGraph}
 */
export type EstateGraph = DirectedGraph<EstateNodeAttributes, EstateEdgeAttributes>;
