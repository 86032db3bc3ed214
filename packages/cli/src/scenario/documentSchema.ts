import {
  accountName,
  accountsSchema,
  domainsSchema,
  kdcSchema,
  spn,
  trustsSchema,
} from '../directory/directorySchema.js';
import { annotated, either, list, record } from '../schema/collections.js';
import { object, optional, required } from '../schema/object.js';
import { bool, literal, str } from '../schema/primitives.js';
import type { Infer } from '../schema/schema.js';

// The scenario file format, once: the loader checks files against these schemas and `scenarioJsonSchema`
// publishes them. The directory sections (kdc, domains, trusts, accounts) are shared with model files
// (../directory/directorySchema.ts). docs/scenario-files.md describes every key (a test checks that it names each one).

const stepId = str('The id of an earlier step whose ticket is used.', {
  pattern: /^[A-Za-z_][A-Za-z0-9_.-]*$/,
  means: 'a step id (a letter or _, then letters, digits, _, . or -)',
});

const tamperSchema = object(
  {
    forwardable: optional(
      bool(
        'Sets (or clears) the FORWARDABLE flag in the encrypted part, as a front end holding the service key can (the Bronze Bit).',
      ),
    ),
  },
  'A change an attacker makes to a ticket it can decrypt (CVE-2020-17049, the Bronze Bit).',
  { name: 'a tamper block' },
);

const ticketObjectSchema = object(
  {
    step: optional(stepId),
    client: optional(annotated(accountName, { description: 'Whose ticket it is (a described ticket).' })),
    service: optional(
      str(
        "The ticket's service: an SPN, or an account for a TGT's realm; default the consuming step's service.",
        {
          means: 'an SPN or an account name',
        },
      ),
    ),
    forwardable: optional(bool('The FORWARDABLE flag of a described ticket.')),
    origin: optional(
      literal(
        ['as', 'tgs', 's4u2self'],
        'How a described ticket is obtained: `as` (a TGT), `tgs` (a service ticket; the default where a service ticket is needed) or `s4u2self`.',
      ),
    ),
    tamper: optional(tamperSchema),
  },
  'A ticket: an earlier step (`step`) or a description of one (`client`, `forwardable`, `origin`), optionally tampered with.',
  { name: 'a ticket', hints: { id: 'step' } },
);

const ticketRef = either(
  stepId,
  ticketObjectSchema,
  'A ticket: the id of the earlier step that obtained it, or a mapping.',
);

const asReqSchema = object(
  {
    client: required(annotated(accountName, { description: 'The user (or computer) asking for a TGT.' })),
    forwardable: optional(bool('Whether the client asks for a forwardable TGT (Windows clients do).'), true),
  },
  'AS-REQ: a client obtains a TGT.',
  { name: 'an as-req step' },
);

const tgsReqSchema = object(
  {
    service: optional(
      str(
        "The SPN asked for (`krbtgt/REALM` for a TGT); optional with `forwarded`, which asks for the TGT's own realm.",
        {
          pattern: /^[^\s/]+\/[^\s/]+(\/[^\s/]+)?$|^[^\s/]+\$$/,
          means: 'a service principal name such as cifs/fs01.corp.example',
        },
      ),
    ),
    client: optional(
      annotated(accountName, { description: "Whose TGT: the client's latest as-req TGT, or a fresh one." }),
    ),
    tgt: optional(ticketRef),
    forwardable: optional(bool('Whether FORWARDABLE is asked for (Windows clients do).'), true),
    forwarded: optional(
      bool('Ask for a forwarded TGT (KDC option FORWARDED), as unconstrained delegation does.'),
      false,
    ),
    followReferrals: optional(
      bool('Follow referrals to a service in another domain (default), or stop at the first referral TGT.'),
      true,
    ),
  },
  'TGS-REQ: a client presents a TGT and obtains a service ticket (or a forwarded or referral TGT).',
  { name: 'a tgs-req step', hints: { spn: 'service', target: 'service' } },
);

const s4u2selfSchema = object(
  {
    service: required(annotated(accountName, { description: 'The front-end service account asking.' })),
    user: required(
      annotated(accountName, { description: 'The user it asks a ticket for (protocol transition).' }),
    ),
    tgt: optional(ticketRef),
    forwardable: optional(bool('Whether FORWARDABLE is asked for (the Windows SSP does).'), true),
    sname: optional(
      str("The sname: one of the service's SPNs or its sAMAccountName; default its first SPN.", {
        means: 'an SPN or an account name',
      }),
    ),
  },
  'S4U2Self: a service obtains a ticket to itself on behalf of a user.',
  { name: 'an s4u2self step', hints: { client: 'user' } },
);

const s4u2proxySchema = object(
  {
    service: required(annotated(accountName, { description: 'The front-end service account asking.' })),
    evidence: required(ticketRef),
    target: required(spn),
    rbcd: optional(
      bool('Sets the PA-PAC-OPTIONS resource-based constrained delegation bit (Windows 2012+ clients do).'),
    ),
    tgt: optional(ticketRef),
  },
  "S4U2Proxy: a service presents a user's ticket (the evidence) and obtains a ticket to a back end as the user.",
  { name: 'an s4u2proxy step', hints: { resourceBased: 'rbcd', ticket: 'evidence', spn: 'target' } },
);

const apReqSchema = object(
  {
    service: required(spn),
    client: optional(
      annotated(accountName, { description: "Whose TGT: the client's latest as-req TGT, or a fresh one." }),
    ),
    tgt: optional(ticketRef),
    ticket: optional(ticketRef),
    delegate: optional(bool('Whether the client asks SSPI for delegation (ISC_REQ_DELEGATE).'), true),
    credentialGuard: optional(bool('Whether Credential Guard runs on the client.'), false),
  },
  'AP-REQ: the client authenticates to the service; if it asks for delegation, its Kerberos SSP may send a forwarded TGT.',
  { name: 'an ap-req step', hints: { delegation: 'delegate', spn: 'service' } },
);

const expectSchema = object(
  {
    ok: optional(bool('Whether the step succeeds.')),
    error: optional(
      str('The KDC error name, e.g. `KDC_ERR_BADOPTION`.', {
        pattern: /^[A-Z][A-Z0-9_]*$/,
        means: 'a KDC error name such as KDC_ERR_BADOPTION',
      }),
    ),
    delegated: optional(bool('For an ap-req step: whether the client sends a forwarded TGT.')),
    flags: optional(
      record(bool("The flag's expected value."), 'Expected ticket flags, e.g. `{ forwardable: false }`.', {
        key: str('A ticket flag name.', {
          pattern: /^[a-z][A-Za-z]*$/,
          means: 'a ticket flag name such as forwardable',
        }),
      }),
    ),
  },
  'What the step should do; the command exits 1 when it does not.',
  { name: 'an expect block', hints: { success: 'ok', code: 'error' } },
);

/** @internal The step kinds, by their key. */
export const STEP_KINDS = ['as-req', 'tgs-req', 's4u2self', 's4u2proxy', 'ap-req'] as const;

/** @internal One step. */
export const stepSchema = object(
  {
    id: optional(annotated(stepId, { description: "A name later steps use to consume this step's ticket." })),
    description: optional(str('A sentence printed with the step.')),
    'as-req': optional(asReqSchema),
    'tgs-req': optional(tgsReqSchema),
    s4u2self: optional(s4u2selfSchema),
    s4u2proxy: optional(s4u2proxySchema),
    'ap-req': optional(apReqSchema),
    expect: optional(expectSchema),
  },
  'One exchange: exactly one of as-req, tgs-req, s4u2self, s4u2proxy, ap-req.',
  {
    name: 'a step',
    exactlyOne: STEP_KINDS,
    hints: {
      asreq: 'as-req',
      as_req: 'as-req',
      tgsreq: 'tgs-req',
      tgs_req: 'tgs-req',
      apreq: 'ap-req',
      expected: 'expect',
    },
  },
);

/** @internal The steps section. */
export const stepsSchema = list(stepSchema, 'The exchanges, replayed in order.');

/** @internal How the root mapping is named in messages. */
export const ROOT_OPTIONS = {
  name: 'the scenario',
  hints: { step: 'steps', account: 'accounts', domain: 'domains', trust: 'trusts' },
};

/** @internal The whole scenario file (its JSON Schema; the loader checks the sections one by one). */
export const documentSchema = object(
  {
    kdc: optional(kdcSchema),
    domains: optional(domainsSchema),
    trusts: optional(trustsSchema),
    accounts: optional(accountsSchema),
    steps: required(stepsSchema),
  },
  'A doublehop scenario: an estate and the Kerberos exchanges to replay against its KDC.',
  ROOT_OPTIONS,
);

/** @internal The checked shape of a scenario file, before names are resolved. */
export type ScenarioDocument = Infer<typeof documentSchema>;
/** @internal One step as written. */
export type StepDocument = Infer<typeof stepSchema>;
/** @internal A ticket reference as written. */
export type TicketDocument = Infer<typeof ticketRef>;
/** @internal An expect block as written. */
export type ExpectDocument = Infer<typeof expectSchema>;
