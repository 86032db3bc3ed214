import { readFileSync } from 'node:fs';
import type { FlowVerdict } from '@doublehop/delegation';
import { describe, expect, it } from 'vitest';
import { explainMarkdown } from '../src/report/explainMarkdown.js';
import { run } from './support.js';

// A verdict written out by hand (so the expected text does not depend on the engine's wording): Alice reaches
// the web site with Kerberos, which falls back to NTLM, and the site's call to SQL Server arrives anonymous.
const verdict: FlowVerdict = {
  flow: 'report',
  user: 'CORP\\alice',
  start: 'WS01',
  path: ['web', 'sql'],
  reached: false,
  hops: [
    {
      hop: 1,
      from: 'WS01',
      to: 'web',
      machine: 'WEB01',
      as: 'caller',
      presents: 'CORP\\alice',
      spn: 'HTTP/web01',
      spnLookup: 'missing',
      spnAccount: null,
      authentication: 'negotiate',
      protocol: 'negotiate-ntlm',
      mechanism: 'logon-session',
      tickets: [],
      logon: {
        logonType: 'Network',
        account: 'CORP\\alice',
        authenticationPackage: 'NTLM',
        tokenType: 'impersonation',
        impersonationLevel: 'Impersonation',
        groups: ['S-1-1-0', 'S-1-5-2'],
        credentials: 'none',
      },
      level: 'Impersonation',
      identity: { kind: 'user', name: 'CORP\\alice', sid: 'S-1-5-21-1-2-3-1001' },
      outcome: 'reached',
      onward: 'none',
      reason: null,
      steps: [
        {
          origin: 'estate',
          rule: 'negotiate.protocol',
          source: 'MS-SPNG 3.2.5',
          outcome: 'applied',
          detail: 'no ticket for HTTP/web01: NTLM',
        },
      ],
    },
    {
      hop: 2,
      from: 'web',
      to: 'sql',
      machine: 'SQL01',
      as: 'caller',
      presents: null,
      spn: 'MSSQLSvc/sql01:1433',
      spnLookup: 'found',
      spnAccount: 'CORP\\svc-sql',
      authentication: 'negotiate',
      protocol: 'anonymous',
      mechanism: 'none',
      tickets: [],
      logon: null,
      level: 'Anonymous',
      identity: { kind: 'anonymous', name: 'NT AUTHORITY\\ANONYMOUS LOGON', sid: 'S-1-5-7' },
      outcome: 'anonymous',
      onward: 'none',
      reason: 'ntlm-cannot-delegate',
      steps: [
        {
          origin: '@doublehop/impersonation-levels',
          rule: 'ntlm-cannot-delegate',
          source: 'MS-NLMP 1.3',
          outcome: 'refused',
          detail: 'web holds no credential for CORP\\alice',
        },
      ],
    },
  ],
  whyNot: {
    hop: 2,
    service: 'sql',
    reason: 'ntlm-cannot-delegate',
    rule: 'ntlm-cannot-delegate',
    source: 'MS-NLMP 1.3',
    message: 'the hop before used NTLM',
    causes: [
      {
        hop: 1,
        reason: 'spn-missing',
        rule: 'tgs.service-unknown',
        source: 'RFC 4120 7.5.9',
        message: 'no account has HTTP/web01',
      },
    ],
  },
  diagram: {
    participants: [
      { id: 'client', label: 'CORP\\alice on WS01', kind: 'client' },
      { id: 'kdc', label: 'KDC corp.example', kind: 'kdc' },
      { id: 'web', label: 'web (WEB01)', kind: 'service' },
      { id: 'sql', label: 'sql (SQL01)', kind: 'service' },
    ],
    messages: [
      { hop: 1, from: 'client', to: 'kdc', kind: 'request', text: 'TGS-REQ HTTP/web01' },
      { hop: 1, from: 'kdc', to: 'client', kind: 'error', text: 'KDC_ERR_S_PRINCIPAL_UNKNOWN' },
      { hop: 1, from: 'client', to: 'web', kind: 'request', text: 'NTLM NEGOTIATE; CHALLENGE; AUTHENTICATE' },
      { hop: 2, from: 'web', to: 'sql', kind: 'request', text: 'null session' },
      { hop: 2, from: 'sql', to: 'sql', kind: 'note', text: 'sql sees ANONYMOUS LOGON' },
    ],
  },
};

describe('explainMarkdown', () => {
  it('tells the story: headline, hop table, the Mermaid diagram, each hop, the why-not', () => {
    expect(explainMarkdown('m.yaml', verdict)).toBe(EXPECTED);
  });
});

const EXPECTED = [
  '# Flow `report`: `CORP\\alice` from `WS01` through `web` → `sql`',
  '',
  'Model: `m.yaml`',
  '',
  '**Not reached: hop 2 (→ `sql`), `ntlm-cannot-delegate`.** the hop before used NTLM — rule `ntlm-cannot-delegate` (MS-NLMP 1.3).',
  '',
  '| hop | from → to          | authentication | protocol         | mechanism       | identity arriving                          | level         | outcome                              |',
  '| --- | ------------------ | -------------- | ---------------- | --------------- | ------------------------------------------ | ------------- | ------------------------------------ |',
  '| 1   | WS01 → web (WEB01) | `negotiate`    | `negotiate-ntlm` | `logon-session` | `CORP\\alice` (user)                        | Impersonation | reached                              |',
  '| 2   | web → sql (SQL01)  | `negotiate`    | `anonymous`      | `none`          | `NT AUTHORITY\\ANONYMOUS LOGON` (anonymous) | Anonymous     | **anonymous** `ntlm-cannot-delegate` |',
  '',
  '## Sequence diagram',
  '',
  '```mermaid',
  'sequenceDiagram',
  '    autonumber',
  '    actor client as CORP\\alice on WS01',
  '    participant kdc as KDC corp.example',
  '    participant web as web (WEB01)',
  '    participant sql as sql (SQL01)',
  '    Note over client,web: Hop 1: WS01 → web (negotiate-ntlm, logon-session)',
  '    client->>kdc: TGS-REQ HTTP/web01',
  '    kdc-xclient: KDC_ERR_S_PRINCIPAL_UNKNOWN',
  '    client->>web: NTLM NEGOTIATE#59; CHALLENGE#59; AUTHENTICATE',
  '    Note over web,sql: Hop 2: web → sql (anonymous, none)',
  '    break hop 2 arrives as ANONYMOUS LOGON: ntlm-cannot-delegate',
  '        web->>sql: null session',
  '        Note over sql: sql sees ANONYMOUS LOGON',
  '    end',
  '```',
  '',
  '## Hop 1: WS01 → web (on WEB01)',
  '',
  '- **Client side**: as the caller, presenting `CORP\\alice`',
  '- **Authentication**: `negotiate`, protocol `negotiate-ntlm`',
  '- **SPN**: `HTTP/web01` — **no account holds it**',
  "- **Delegation mechanism**: `logon-session` — the user's own logon session (its TGT or password)",
  '- **Server logon**: Network logon of `CORP\\alice` (NTLM), impersonation token at Impersonation; credentials kept: `none`; groups: `S-1-1-0` `S-1-5-2`',
  '- **Identity arriving**: `CORP\\alice` (user) at **Impersonation**',
  '- **Onward**: `none`',
  '',
  'Rules applied:',
  '',
  '| outcome | rule                          | what it found                  | source        |',
  '| ------- | ----------------------------- | ------------------------------ | ------------- |',
  '| applied | `negotiate.protocol` (estate) | no ticket for HTTP/web01: NTLM | MS-SPNG 3.2.5 |',
  '',
  '## Hop 2: web → sql (on SQL01)',
  '',
  '- **Client side**: as the caller, presenting no identity',
  '- **Authentication**: `negotiate`, protocol `anonymous`',
  '- **SPN**: `MSSQLSvc/sql01:1433` — found on `CORP\\svc-sql`',
  '- **Delegation mechanism**: `none` — nothing: no credential to authenticate with',
  '- **Identity arriving**: `NT AUTHORITY\\ANONYMOUS LOGON` (anonymous) at **Anonymous**',
  '- **Onward**: `none`',
  '- **Why not**: `ntlm-cannot-delegate`',
  '',
  'Rules applied:',
  '',
  '| outcome     | rule                                                     | what it found                           | source      |',
  '| ----------- | -------------------------------------------------------- | --------------------------------------- | ----------- |',
  '| **refused** | `ntlm-cannot-delegate` (@doublehop/impersonation-levels) | web holds no credential for CORP\\\\alice | MS-NLMP 1.3 |',
  '',
  '## Why not',
  '',
  'Hop 2 (→ `sql`): `ntlm-cannot-delegate` — the hop before used NTLM',
  '',
  'Rule `ntlm-cannot-delegate`; source: MS-NLMP 1.3.',
  '',
  'Earlier facts that led there:',
  '',
  '- hop 1: `spn-missing` — no account has HTTP/web01 (rule `tgs.service-unknown`; RFC 4120 7.5.9)',
  '',
].join('\n');

describe('doublehop explain', () => {
  const model = [
    'accounts: { alice: {}, svc-web: { servicePrincipalNames: [HTTP/web01.corp.example] } }',
    'machines: { WS01: { role: workstation }, WEB01: {} }',
    'services:',
    '  web: { machine: WEB01, runsAs: svc-web, endpoint: { serviceClass: HTTP, host: web01.corp.example }, authentication: [negotiate] }',
    'flows:',
    '  browse: { user: alice, start: { machine: WS01 }, path: [web] }',
    '',
  ].join('\n');
  const files = { 'm.yaml': model };

  it('prints markdown with a mermaid block, or the verdict as JSON; byte-identical for identical input', () => {
    const md = run(['explain', 'm.yaml', '--flow', 'browse'], files);
    expect([md.code, md.stderr]).toEqual([0, '']);
    expect(md.stdout.startsWith('# Flow `browse`: `CORP\\alice` from `WS01` through `web`\n')).toBe(true);
    expect(md.stdout).toContain(
      '\n```mermaid\nsequenceDiagram\n    autonumber\n    actor client as CORP\\alice on WS01\n',
    );
    expect(run(['explain', 'm.yaml', '--flow', 'browse'], files).stdout).toBe(md.stdout);
    const json = run(['explain', 'm.yaml', '--flow', 'browse', '--format', 'json'], files);
    const report = JSON.parse(json.stdout);
    expect([report.format, report.version, report.file, report.verdict.flow, report.verdict.reached]).toEqual(
      ['doublehop-explain-report', 1, 'm.yaml', 'browse', true],
    );
    expect(report.verdict.hops[0].identity.name).toBe('CORP\\alice');
  });

  it('an unknown flow is exit 2 with "did you mean"; so are a missing --flow and an invalid file', () => {
    expect(run(['explain', 'm.yaml', '--flow', 'brwose'], files)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: explain: m.yaml has no flow "brwose"\n  help: did you mean "browse"?\nRun "doublehop --help" for usage.\n',
    });
    expect(run(['explain', 'm.yaml', '--flow', 'zzz'], files).stderr).toContain('help: its flows: browse');
    expect(run(['explain', 'm.yaml'], files).stderr).toContain('error: explain: which flow?');
    expect(run(['explain', '--flow', 'browse'], files).stderr).toContain('error: explain: no file given');
    const bad = run(['explain', 'b.yaml', '--flow', 'browse'], { 'b.yaml': model.replace('[web]', '[wbe]') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error[unknown-service]: unknown service "wbe"\n --> b.yaml:6:59\n');
  });
});

describe('doublehop explain across a forest trust (examples/estates/cross-forest.yaml)', () => {
  // RFC 4120 1.2, 3.3; RFC 6806 8; MS-KILE 3.3.5.7.5: paul asks his own KDC, gets a referral TGT for
  // corp.example, and asks corp.example's KDC with it — each KDC is drawn, in order of first use.
  const path = 'examples/estates/cross-forest.yaml';
  const files = { [path]: readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8') };
  const diagramOf = (flow: string): string => {
    const md = run(['explain', path, '--flow', flow], files).stdout;
    return md.slice(md.indexOf('```mermaid\n') + 11, md.indexOf('\n```\n', md.indexOf('```mermaid')));
  };

  it('paul-orders: the referral from partner.example, then the ticket from corp.example; RBCD in corp.example alone', () => {
    expect(diagramOf('paul-orders').split('\n')).toEqual([
      'sequenceDiagram',
      '    autonumber',
      '    actor client as PARTNER\\paul on PWS01',
      '    participant kdc_partner_example as KDC partner.example',
      '    participant kdc_corp_example as KDC corp.example',
      '    participant svc_orders as orders (WEB01)',
      '    participant svc_sql as sql (SQL01)',
      '    Note over client,svc_orders: Hop 1: PWS01 → orders (kerberos, logon-session)',
      '    Note over client: Interactive logon of PARTNER\\paul on PWS01',
      '    client->>kdc_partner_example: TGS-REQ HTTP/orders.corp.example (PARTNER\\paul)',
      '    kdc_partner_example-->>client: TGS-REP referral krbtgt/CORP.EXAMPLE@PARTNER.EXAMPLE [FORWARDABLE RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
      '    client->>kdc_corp_example: TGS-REQ HTTP/orders.corp.example (PARTNER\\paul)',
      '    kdc_corp_example-->>client: TGS-REP HTTP/orders.corp.example [FORWARDABLE RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
      '    client->>svc_orders: AP-REQ HTTP/orders.corp.example',
      '    Note over svc_orders: orders impersonates PARTNER\\paul at Impersonation (Impersonation token, S-1-18-1)',
      '    Note over svc_orders,svc_sql: Hop 2: orders → sql (kerberos, rbcd)',
      '    svc_orders->>kdc_corp_example: S4U2Proxy TGS-REQ MSSQLSvc/sql01.corp.example:1433 for PARTNER\\paul',
      '    kdc_corp_example-->>svc_orders: TGS-REP MSSQLSvc/sql01.corp.example:1433 for PARTNER\\paul [FORWARDABLE RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
      '    svc_orders->>svc_sql: AP-REQ MSSQLSvc/sql01.corp.example:1433',
      '    Note over svc_sql: sql impersonates PARTNER\\paul at Impersonation (Impersonation token, S-1-18-1)',
    ]);
    // The hop's ticket table lists the referral between the TGT and the service ticket.
    const md = run(['explain', path, '--flow', 'paul-orders'], files).stdout;
    expect(md).toMatch(
      /\| `paul@PARTNER\.EXAMPLE` +\| `krbtgt\/CORP\.EXAMPLE` +\| `CORP\$` +\| [A-Z -]+\| `referral` /,
    );
  });

  it('paul-catalog: the referral without OK-AS-DELEGATE is drawn where the trust stops the TGT', () => {
    const lines = diagramOf('paul-catalog').split('\n');
    const referral = lines.indexOf(
      '    kdc_partner_example-->>client: TGS-REP referral krbtgt/CORP.EXAMPLE@PARTNER.EXAMPLE [FORWARDABLE RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
    );
    expect(referral).toBeGreaterThan(0);
    expect(lines.slice(referral + 1, referral + 3)).toEqual([
      '    Note over kdc_partner_example: the referral does not carry OK-AS-DELEGATE: the trust does not enable TGT delegation (netdom trust /EnableTgtDelegation)',
      '    client->>kdc_corp_example: TGS-REQ HTTP/catalog.corp.example (PARTNER\\paul)',
    ]);
  });
});
