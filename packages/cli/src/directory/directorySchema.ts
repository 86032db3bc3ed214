import { FUNCTIONAL_LEVELS } from '@doublehop/logon';
import { annotated, list, pair, record } from '../schema/collections.js';
import { object, optional, required } from '../schema/object.js';
import { bool, int, literal, str } from '../schema/primitives.js';
import type { Infer } from '../schema/schema.js';

// The vocabulary scenario files and model files share — the KDC's patch level, domains, trusts and accounts
// with their AD / PowerShell attribute names — defined once: both loaders check these sections with these
// schemas, and both published JSON Schemas embed them. docs/scenario-files.md describes every key.

/** @internal A DNS domain name. */
// Single-label names (`CONTOSO`) are allowed: Active Directory still has domains with them ("Deployment and
// operation of Active Directory domains that are configured by using single-label DNS names").
/** @internal What a model file takes as a DNS domain name (the importer checks what it writes with it too). */
export const DNS_NAME_PATTERN =
  /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
/** @internal What a model file takes as an SPN: `service/host[:port][/name]`, no spaces. */
export const SPN_PATTERN = /^[^\s/]+\/[^\s/]+(\/[^\s/]+)?$/;
/** @internal What a model file takes as a NetBIOS domain name: 1 to 15 characters, no spaces. */
export const NETBIOS_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9!@#$%^&')(.\-_{}~]{0,14}$/;

export const dnsName = str('A DNS domain name.', {
  pattern: DNS_NAME_PATTERN,
  means: 'a DNS domain name such as corp.example',
});
/** @internal A name of an account, as written in a file. */
export const accountName = str(
  'An account: its name in this file (`alice`, `web01$`), `DOMAIN\\name`, `name@dns.domain` or a SID.',
  { means: 'an account name' },
);
/** @internal A service principal name. */
export const spn = str(
  'A service principal name: `service/host[:port][/name]`, e.g. `cifs/fs01.corp.example`.',
  {
    pattern: SPN_PATTERN,
    means: 'a service principal name such as cifs/fs01.corp.example',
  },
);
const names = (description: string) => list(accountName, description);

/** @internal The kdc section. */
export const kdcSchema = object(
  {
    patched: optional(
      bool(
        'Whether the KDC has the November 2020 fixes for CVE-2020-17049 (Bronze Bit) and CVE-2020-16996; `false` models a KDC before them.',
      ),
      true,
    ),
  },
  'How the domain controllers behave.',
  { name: 'the kdc section' },
);

const domainSchema = object(
  {
    netbiosName: optional(
      str('The NetBIOS name; default the first DNS label in upper case.', {
        pattern: NETBIOS_NAME_PATTERN,
        means: 'a NetBIOS name (1 to 15 characters, no spaces)',
      }),
    ),
    sid: optional(
      str('The domain SID `S-1-5-21-a-b-c`; default derived from the DNS name.', { means: 'a SID' }),
    ),
    functionalLevel: optional(
      int('The domain functional level (msDS-Behavior-Version); default 7 (Windows Server 2016).', 0, 10),
      FUNCTIONAL_LEVELS.WIN2016,
    ),
    parent: optional(
      annotated(dnsName, {
        description: 'The parent domain of a child domain (implies a parent-child trust).',
      }),
    ),
    machineAccountQuota: optional(
      int(
        'ms-DS-MachineAccountQuota: how many computer accounts any user may add to the domain; default 10.',
        0,
        0x7fff_ffff,
      ),
    ),
    forest: optional(
      annotated(dnsName, {
        description: 'The forest root of a tree-root domain (implies a tree-root trust).',
      }),
    ),
  },
  'A domain.',
  {
    name: 'a domain',
    hints: { dnsName: 'the DNS name is the mapping key', NetBIOSName: 'netbiosName', objectSid: 'sid' },
  },
);

const trustSchema = object(
  {
    between: required(
      pair(
        str('A domain (DNS or NetBIOS name).', { means: 'a domain name' }),
        'The two domains; for a one-way trust the first (the resource domain) trusts the second.',
      ),
    ),
    type: optional(
      literal(
        ['parent-child', 'tree-root', 'shortcut', 'forest', 'external'],
        'The kind of trust; default `forest` between forests, else `shortcut`.',
      ),
    ),
    direction: optional(literal(['two-way', 'one-way'], 'Default `two-way`.'), 'two-way'),
    transitive: optional(bool('Default `false` for external trusts, `true` otherwise.')),
    selectiveAuthentication: optional(bool('Selective authentication; default `false`.'), false),
    enableTgtDelegation: optional(
      bool(
        'Whether TGTs may be delegated across the trust; default `true` inside a forest, `false` across forests.',
      ),
    ),
    sidFiltering: optional(bool('SID filtering; default `true` for forest and external trusts.')),
  },
  'A trust between two domains.',
  { name: 'a trust' },
);

const accountSchema = object(
  {
    kind: optional(
      literal(
        ['user', 'computer', 'gmsa', 'group'],
        'What the account is; default `computer` when the name ends with `$`, else `user`.',
      ),
    ),
    domain: optional(
      str('The domain (DNS or NetBIOS name); default the first domain.', { means: 'a domain name' }),
    ),
    rid: optional(int('The RID; default derived from the name.', 0, 0xffff_ffff)),
    userPrincipalName: optional(str('userPrincipalName.')),
    enabled: optional(bool('PowerShell `Enabled` (clears ACCOUNTDISABLE).')),
    userAccountControl: optional(int('Raw userAccountControl bits.', 0, 0xffff_ffff)),
    trustedForDelegation: optional(bool('PowerShell `TrustedForDelegation`: unconstrained delegation.')),
    trustedToAuthForDelegation: optional(
      bool('PowerShell `TrustedToAuthForDelegation`: constrained delegation with protocol transition.'),
    ),
    accountNotDelegated: optional(
      bool('PowerShell `AccountNotDelegated`: "Account is sensitive and cannot be delegated".'),
    ),
    servicePrincipalNames: optional(list(spn, 'servicePrincipalName values.')),
    allowedToDelegateTo: optional(
      list(spn, 'msDS-AllowedToDelegateTo: the SPNs classic constrained delegation may reach.'),
    ),
    allowedToDelegateToAccounts: optional(
      names(
        'The accounts constrained delegation reaches when only they are known, not the SPNs (SharpHound without `allowedtodelegate`); exposure reads it, flows need `allowedToDelegateTo`.',
      ),
    ),
    allowedToActOnBehalfOfOtherIdentity: optional(
      str('msDS-AllowedToActOnBehalfOfOtherIdentity as SDDL (resource-based constrained delegation).', {
        means: 'an SDDL string',
      }),
    ),
    securityDescriptor: optional(
      str(
        "nTSecurityDescriptor as SDDL: who may write the account's attributes (its delegation settings among them); default the domain's default for the kind.",
        { means: 'an SDDL string' },
      ),
    ),
    principalsAllowedToDelegateToAccount: optional(
      names('PowerShell `PrincipalsAllowedToDelegateToAccount`: who may delegate to this account (RBCD).'),
    ),
    memberOf: optional(names('The groups the account is a direct member of (`Protected Users` …).')),
    primaryGroupId: optional(int('primaryGroupID; default 513 (users) or 515 (computers).', 0, 0xffff_ffff)),
    sidHistory: optional(list(str('A SID.', { means: 'a SID' }), 'sIDHistory.')),
    scope: optional(literal(['global', 'domainLocal', 'universal'], "A group's scope; default `global`.")),
    securityEnabled: optional(bool('Whether a group is a security group; default `true`.')),
    members: optional(names("A group's direct members.")),
  },
  'An account, named by the mapping key (its sAMAccountName).',
  {
    name: 'an account',
    hints: {
      samAccountName: 'the sAMAccountName is the mapping key',
      sAMAccountName: 'the sAMAccountName is the mapping key',
      servicePrincipalName: 'servicePrincipalNames',
      'msDS-AllowedToDelegateTo': 'allowedToDelegateTo',
      'msDS-AllowedToActOnBehalfOfOtherIdentity': 'allowedToActOnBehalfOfOtherIdentity',
      ServicePrincipalNames: 'servicePrincipalNames',
      sensitive: 'accountNotDelegated',
      unconstrained: 'trustedForDelegation',
      protocolTransition: 'trustedToAuthForDelegation',
    },
  },
);

/** @internal The domains section. */
export const domainsSchema = record(
  domainSchema,
  'The domains, by DNS name; default one domain, corp.example.',
  {
    key: dnsName,
    emptyAsObject: true,
  },
);
/** @internal The trusts section. */
export const trustsSchema = list(trustSchema, 'Trusts beyond those that parent and forest imply.');
/** @internal The accounts section. */
export const accountsSchema = record(
  accountSchema,
  'The accounts, by sAMAccountName (computers end with `$`), or by `DOMAIN\\sAMAccountName` when several domains have one.',
  {
    key: str('An sAMAccountName, or `DOMAIN\\sAMAccountName`.', { means: 'an account name' }),
    emptyAsObject: true,
  },
);

/** @internal The directory sections of a file, as written (scenario and model files alike). */
export interface DirectoryDocument {
  /** The domains section. */
  readonly domains?: Infer<typeof domainsSchema>;
  /** The trusts section. */
  readonly trusts?: Infer<typeof trustsSchema>;
  /** The accounts section. */
  readonly accounts?: Infer<typeof accountsSchema>;
}
/** @internal An account as written. */
export type AccountDocument = Infer<typeof accountSchema>;
