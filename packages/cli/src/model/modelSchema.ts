import { IMPERSONATION_LEVELS } from '@doublehop/core-token';
import { LINT_RULES, type LintRuleId, WHY_NOT_REASONS, type WhyNotReason } from '@doublehop/delegation';
import { LOGON_TYPES, type LogonTypeName, USER_RIGHTS } from '@doublehop/logon';
import {
  accountName,
  accountsSchema,
  domainsSchema,
  kdcSchema,
  spn,
  trustsSchema,
} from '../directory/directorySchema.js';
import { annotated, list, numberOrString, record } from '../schema/collections.js';
import { object, optional, required } from '../schema/object.js';
import { bool, int, literal, str } from '../schema/primitives.js';
import type { Infer } from '../schema/schema.js';

// The model file format, once: the loader checks files against these schemas and `modelJsonSchema` publishes
// them. The directory sections (kdc, domains, trusts, accounts) are the scenario files' own
// (../directory/directorySchema.ts). Each key maps onto `EstateModel` of @doublehop/delegation key for key;
// docs/model-files.md describes every one (a test checks that it names each).

/** @internal What a model file takes as the name of a machine, service or flow. */
export const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.$-]*$/;
const name = (what: string) =>
  str(`The name of ${what} (letters, digits, \`_\`, \`.\`, \`-\`, \`$\`).`, {
    pattern: NAME_PATTERN,
    means: `a name (letters, digits, _, ., - or $) of ${what}`,
  });
const machineName = name('a machine');
const serviceName = name('a service');
const flowName = name('a flow');
const hostName = str('A DNS host name, e.g. `web01.corp.example`.', {
  pattern: /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*$/,
  means: 'a DNS host name such as web01.corp.example',
});
const holder = str(
  'A holder: `DOMAIN\\name`, a local account, `BUILTIN\\Administrators`, `NT AUTHORITY\\SERVICE`, `IIS APPPOOL\\x`, `NT SERVICE\\x` or a SID.',
  { means: 'an account or group name' },
);
const holders = (description: string) => list(holder, description);
const levels = IMPERSONATION_LEVELS as readonly (
  | 'Anonymous'
  | 'Identification'
  | 'Impersonation'
  | 'Delegation'
)[];

const WHY_NOT_REASON_CODES = Object.keys(WHY_NOT_REASONS).sort() as WhyNotReason[];
const LINT_RULE_IDS = Object.keys(LINT_RULES).sort() as LintRuleId[];

/** @internal How a service accepts callers. */
export const AUTHENTICATIONS = [
  'negotiate',
  'kerberos',
  'ntlm',
  'basic',
  'credssp',
  'forms',
  'anonymous',
] as const;
/** @internal What a client's code asks for. */
export const REQUESTS = ['identify', 'impersonate', 'delegate'] as const;

const userRightsChange = (verb: string) =>
  record(holders(`The holders ${verb}.`), `Holders ${verb}, by right name.`, {
    key: literal(USER_RIGHTS, 'A User Rights Assignment entry: a logon right or a privilege.'),
  });

const machineSchema = object(
  {
    domain: optional(
      str('The domain it is joined to (DNS or NetBIOS name); default the first domain.', {
        means: 'a domain name',
      }),
    ),
    workgroup: optional(bool('A workgroup machine (not joined to any domain); default `false`.'), false),
    role: optional(
      literal(
        ['workstation', 'server', 'domainController'],
        "The machine's role: selects Windows' default rights and groups.",
      ),
      'server',
    ),
    credentialGuard: optional(
      bool('Credential Guard (LSAIso): TGTs of sessions here cannot be delegated unconstrained.'),
      false,
    ),
    uac: optional(bool('UAC (EnableLUA).'), true),
    localAccountTokenFilterPolicy: optional(
      bool('LocalAccountTokenFilterPolicy: UAC remote restrictions off for local accounts.'),
      false,
    ),
    localGroupMembers: optional(
      record(
        holders('The members added.'),
        'Members added to local groups, by group name (`Administrators` …).',
        {
          key: str('A local group name.', { means: 'a local group name' }),
        },
      ),
    ),
    userRights: optional(
      object(
        { add: optional(userRightsChange('added')), remove: optional(userRightsChange('removed')) },
        "User Rights Assignment changes on top of Windows' defaults for the role.",
        { name: 'a userRights block', hints: { grant: 'add', revoke: 'remove' } },
      ),
    ),
  },
  'A machine, named by the mapping key (its NetBIOS computer name).',
  {
    name: 'a machine',
    hints: {
      cg: 'credentialGuard',
      CredentialGuard: 'credentialGuard',
      EnableLUA: 'uac',
      rights: 'userRights',
      groups: 'localGroupMembers',
    },
  },
);

const endpointSchema = object(
  {
    serviceClass: optional(
      str('The SPN service class: `HTTP`, `MSSQLSvc`, `cifs`, `WSMAN`, `HOST` …', {
        pattern: /^[A-Za-z][A-Za-z0-9_.-]*$/,
        means: 'an SPN service class such as HTTP or MSSQLSvc',
      }),
      'HOST',
    ),
    host: required(annotated(hostName, { description: 'The DNS name clients connect to.' })),
    port: optional(int('The TCP port (part of the SPN for MSSQLSvc).', 1, 65535)),
    canonicalName: optional(
      annotated(hostName, {
        description: 'When `host` is a DNS alias (CNAME), the canonical name it points at.',
      }),
    ),
    aliases: optional(list(hostName, 'Other DNS names (CNAMEs) clients also use for this endpoint.')),
    spn: optional(
      annotated(spn, { description: 'The exact SPN clients ask for (a connection string’s ServerSPN).' }),
    ),
  },
  'The endpoint clients use: host, port, aliases, and the SPN they ask the KDC for.',
  { name: 'an endpoint', hints: { hostname: 'host', cname: 'canonicalName', class: 'serviceClass' } },
);

const callSchema = object(
  {
    service: required(annotated(serviceName, { description: 'The service called.' })),
    as: optional(
      literal(
        ['caller', 'self'],
        '`caller`: as the identity the service received; `self`: as its own identity.',
      ),
      'caller',
    ),
    request: optional(
      literal(REQUESTS, 'What the calling code asks for: ISC_REQ_IDENTIFY, nothing, or ISC_REQ_DELEGATE.'),
      'impersonate',
    ),
  },
  'An outgoing call: the service called, as whom, and what the calling code asks for.',
  { name: 'a call', hints: { to: 'service', identity: 'as', level: 'request' } },
);

const serviceSchema = object(
  {
    machine: required(annotated(machineName, { description: 'The machine it runs on.' })),
    runsAs: required(
      str(
        'The identity the process runs as: `LocalSystem`, `NetworkService`, `LocalService`, a virtual account (`NT SERVICE\\MSSQLSERVER`, `IIS AppPool\\Sales`) or a domain account (`svc-sql`, `CORP\\gmsa-web$`).',
        {
          means:
            'an identity (LocalSystem, NetworkService, LocalService, NT SERVICE\\x, IIS AppPool\\x or an account)',
        },
      ),
    ),
    endpoint: required(endpointSchema),
    authentication: required(
      list(
        literal(AUTHENTICATIONS, 'An authentication method.'),
        'The authentication methods it accepts, in the order it offers them.',
      ),
    ),
    impersonates: optional(bool('Whether a server thread impersonates the caller.'), true),
    protocolTransition: optional(
      bool(
        'Whether the code turns a non-Kerberos caller into a Windows identity with S4U2Self; default `true` with `forms`.',
      ),
    ),
    calls: optional(list(callSchema, 'The services it calls, and how.')),
  },
  'A service, named by the mapping key: where it runs, as whom, reached how, calling what.',
  {
    name: 'a service',
    hints: {
      runAs: 'runsAs',
      identity: 'runsAs',
      auth: 'authentication',
      spn: 'put the SPN under endpoint: { spn: … }',
      host: 'put the host under endpoint: { host: … }',
      impersonate: 'impersonates',
      call: 'calls',
    },
  },
);

const flowSchema = object(
  {
    user: required(
      annotated(accountName, { description: 'The user: `alice`, `CORP\\alice`, `alice@corp.example`.' }),
    ),
    start: required(
      object(
        {
          machine: required(annotated(machineName, { description: 'The machine the user is logged on at.' })),
          logonType: optional(
            literal(
              Object.keys(LOGON_TYPES) as LogonTypeName[],
              'The logon type (Interactive, RemoteInteractive …).',
            ),
            'Interactive',
          ),
        },
        'Where the flow starts: the machine the user is logged on at, and how.',
        { name: 'a start block', hints: { logon: 'logonType', host: 'machine' } },
      ),
    ),
    path: required(list(serviceName, 'The services the request crosses, in order (at least one).')),
    request: optional(
      literal(REQUESTS, "What the user's client asks for at hop 1 (Windows' HTTP clients: delegate)."),
      'delegate',
    ),
  },
  'A flow, named by the mapping key: a user, where they start, and the services a request crosses.',
  {
    name: 'a flow',
    hints: { from: 'start', hops: 'path', through: 'path', services: 'path', client: 'user' },
  },
);

const reachesSchema = object(
  {
    flow: required(flowName),
    service: required(annotated(serviceName, { description: "A service on the flow's path." })),
    atLeast: optional(literal(levels, 'The lowest acceptable impersonation level.'), 'Impersonation'),
    asUser: optional(
      bool("`true`: the identity arriving is the flow's user; `false`: the calling service's own."),
      true,
    ),
  },
  "The flow's identity arrives at a service, as the user (by default), at least at a level.",
  { name: 'a reaches assertion', hints: { level: 'atLeast', as: 'asUser' } },
);

const refusedSchema = object(
  {
    flow: required(flowName),
    hop: required(
      numberOrString(
        int('The hop: 1-based.', 1, 1000),
        annotated(serviceName, { description: 'The service the hop goes to.' }),
        'The hop: its 1-based number, or the service it goes to.',
      ),
    ),
    reason: required(
      literal(WHY_NOT_REASON_CODES, 'The why-not reason code (WHY_NOT_REASONS of @doublehop/delegation).'),
    ),
  },
  'The flow stops at a hop, for a reason.',
  { name: 'a refused assertion', hints: { because: 'reason', at: 'hop' } },
);

const reachableBySchema = object(
  {
    service: required(serviceName),
    users: required(
      list(accountName, 'Exactly the declared users whose identity can arrive at the service.'),
    ),
  },
  'Exactly these declared users can reach a service.',
  { name: 'a reachableBy assertion' },
);

const lintAssertionSchema = object(
  {
    rule: required(literal(LINT_RULE_IDS, 'The lint rule id (LINT_RULES of @doublehop/delegation).')),
    subject: optional(str("The finding's subject (an SPN, an account, a service); any when omitted.")),
    present: optional(bool('Whether the finding is expected.'), true),
  },
  'A lint finding is present (or absent).',
  { name: 'a lint assertion', hints: { id: 'rule' } },
);

/** @internal The assertion kinds, by their key. */
export const ASSERTION_KINDS = ['reaches', 'refused', 'reachableBy', 'lint'] as const;

/** @internal One assertion. */
export const assertionSchema = object(
  {
    reaches: optional(reachesSchema),
    refused: optional(refusedSchema),
    reachableBy: optional(reachableBySchema),
    lint: optional(lintAssertionSchema),
  },
  'An expectation: exactly one of reaches, refused, reachableBy, lint.',
  {
    name: 'an assertion',
    exactlyOne: ASSERTION_KINDS,
    hints: { reach: 'reaches', refuses: 'refused', denied: 'refused', reachable: 'reachableBy' },
  },
);

/** @internal The machines section. */
export const machinesSchema = record(machineSchema, 'The machines, by computer name.', {
  key: machineName,
  emptyAsObject: true,
});
/** @internal The services section. */
export const servicesSchema = record(serviceSchema, 'The services, by name.', { key: serviceName });
/** @internal The flows section. */
export const flowsSchema = record(flowSchema, 'The flows, by name.', { key: flowName });
/** @internal The assertions section. */
export const assertionsSchema = list(
  assertionSchema,
  'What the estate is expected to do; `doublehop check` checks every one.',
);

/** @internal The root keys, in order. */
export const MODEL_KEYS = [
  'directory',
  'kdc',
  'domains',
  'trusts',
  'accounts',
  'machines',
  'services',
  'flows',
  'assertions',
] as const;

/** @internal How the root mapping is named in messages. */
export const MODEL_ROOT_OPTIONS = {
  name: 'the model',
  hints: {
    machine: 'machines',
    service: 'services',
    flow: 'flows',
    assertion: 'assertions',
    expect: 'assertions',
    account: 'accounts',
    domain: 'domains',
    trust: 'trusts',
    steps: 'steps belong in scenario files (doublehop scenario); a model has flows',
  },
};

/** @internal The `directory` key: the file of a directory this one builds on. */
export const directoryReferenceSchema = str(
  'A model file holding the directory this file builds on — domains, trusts, accounts and machines, as `doublehop import` writes them — relative to this file. Its sections come first; this file adds to them.',
  { means: 'a file name such as directory.yaml' },
);

/** @internal The sections a directory file named by `directory` may hold. */
export const DIRECTORY_FILE_KEYS = ['kdc', 'domains', 'trusts', 'accounts', 'machines'] as const;

/** @internal The whole model file (its JSON Schema; the loader checks the sections one by one). */
export const modelDocumentSchema = object(
  {
    directory: optional(directoryReferenceSchema),
    kdc: optional(kdcSchema),
    domains: optional(domainsSchema),
    trusts: optional(trustsSchema),
    accounts: optional(accountsSchema),
    machines: optional(machinesSchema),
    services: optional(servicesSchema),
    flows: optional(flowsSchema),
    assertions: optional(assertionsSchema),
  },
  'A doublehop model: an estate (directory, machines, services), the flows users start, and what they are expected to do.',
  MODEL_ROOT_OPTIONS,
);

/** @internal A machine as written. */
export type MachineDocument = Infer<typeof machineSchema>;
/** @internal A service as written. */
export type ServiceDocument = Infer<typeof serviceSchema>;
/** @internal A flow as written. */
export type FlowDocument = Infer<typeof flowSchema>;
/** @internal An assertion as written. */
export type AssertionDocument = Infer<typeof assertionSchema>;
