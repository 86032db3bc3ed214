import { describe, expect, it } from 'vitest';
import { run } from './support.js';

// `doublehop graph` on a small estate with every kind of delegation edge — KCD (svc-a → HTTP/b), KCD with
// protocol transition (svc-b → HTTP/c), RBCD (svc-a → svc-c) and unconstrained (svc-c) — a service that does
// not impersonate and calls as itself, a sensitive user and a Credential Guard workstation.
const MODEL = [
  'accounts:',
  '  alice: { accountNotDelegated: true }',
  '  svc-a: { servicePrincipalNames: [HTTP/a.corp.example], allowedToDelegateTo: [HTTP/b.corp.example] }',
  '  svc-b: { servicePrincipalNames: [HTTP/b.corp.example], trustedToAuthForDelegation: true, allowedToDelegateTo: [HTTP/c.corp.example] }',
  '  svc-c: { servicePrincipalNames: [HTTP/c.corp.example], principalsAllowedToDelegateToAccount: [svc-a], trustedForDelegation: true }',
  'machines: { WS01: { role: workstation, credentialGuard: true }, APP01: {} }',
  'services:',
  '  a: { machine: APP01, runsAs: svc-a, endpoint: { serviceClass: HTTP, host: a.corp.example }, authentication: [negotiate], calls: [{ service: b }] }',
  '  b: { machine: APP01, runsAs: svc-b, endpoint: { serviceClass: HTTP, host: b.corp.example }, authentication: [negotiate, ntlm], impersonates: false, calls: [{ service: c, as: self }] }',
  '  c: { machine: APP01, runsAs: svc-c, endpoint: { serviceClass: HTTP, host: c.corp.example }, authentication: [kerberos] }',
  '',
].join('\n');
const files = { 'g.yaml': MODEL };

describe('doublehop graph', () => {
  it('mermaid (the default): machine boxes, stable ids, bold delegation edges', () => {
    const r = run(['graph', 'g.yaml'], files);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(MERMAID);
    expect(run(['graph', 'g.yaml', '--format', 'mermaid'], files).stdout).toBe(MERMAID);
  });

  it('dot: clusters per machine, quoted stable ids', () => {
    expect(run(['graph', 'g.yaml', '--format', 'dot'], files).stdout).toBe(DOT);
  });

  it('does not depend on the order of accounts and services in the file', () => {
    const lines = MODEL.split('\n');
    const reordered = [
      lines[0],
      lines[4],
      lines[3],
      lines[2],
      lines[1],
      lines[5],
      lines[6],
      lines[9],
      lines[8],
      lines[7],
      '',
    ].join('\n');
    expect(run(['graph', 'r.yaml'], { 'r.yaml': reordered }).stdout).toBe(MERMAID);
    expect(run(['graph', 'r.yaml', '--format', 'dot'], { 'r.yaml': reordered }).stdout).toBe(DOT);
  });

  it('an invalid file or a usage error is exit 2', () => {
    expect(run(['graph', 'g.yaml', '--format', 'svg'], files).stderr).toContain(
      'graph: --format must be mermaid or dot, not "svg"',
    );
    expect(run(['graph'], files).stderr).toContain('error: graph: no file given');
    expect(run(['graph', 'g.yaml', 'h.yaml'], files).stderr).toContain('graph: one file at a time, not 2');
    expect(run(['graph', 'nope.yaml'], files).code).toBe(2);
  });
});

const MERMAID = [
  'flowchart LR',
  '  subgraph group_machine_APP01["APP01"]',
  '    service_a("a<br/>negotiate"):::service',
  '    service_b("b<br/>negotiate, ntlm; no impersonation"):::service',
  '    service_c("c<br/>kerberos"):::service',
  '  end',
  '  account_CORP_alice[/"CORP\\alice<br/>sensitive, cannot be delegated"/]:::account',
  '  account_CORP_svc_a(["CORP\\svc-a"]):::user',
  '  account_CORP_svc_b[/"CORP\\svc-b<br/>protocol transition"/]:::account',
  '  account_CORP_svc_c[/"CORP\\svc-c<br/>unconstrained delegation"/]:::account',
  '  any_service_unconstrained>"any service<br/>(the users’ TGTs)"]:::spn',
  '  machine_WS01["WS01 (workstation)<br/>Credential Guard"]:::machine',
  '  spn_http_a_corp_example>"HTTP/a.corp.example"]:::spn',
  '  spn_http_b_corp_example>"HTTP/b.corp.example"]:::spn',
  '  spn_http_c_corp_example>"HTTP/c.corp.example"]:::spn',
  '  account_CORP_svc_a ==>|"RBCD"| account_CORP_svc_c',
  '  account_CORP_svc_a -.->|"holds"| spn_http_a_corp_example',
  '  account_CORP_svc_a ==>|"KCD"| spn_http_b_corp_example',
  '  account_CORP_svc_b -.->|"holds"| spn_http_b_corp_example',
  '  account_CORP_svc_b ==>|"KCD + protocol transition"| spn_http_c_corp_example',
  '  account_CORP_svc_c ==>|"unconstrained"| any_service_unconstrained',
  '  account_CORP_svc_c -.->|"holds"| spn_http_c_corp_example',
  '  service_a -.->|"runs as"| account_CORP_svc_a',
  '  service_a -->|"calls as caller (impersonate)"| service_b',
  '  service_a -.->|"clients ask for"| spn_http_a_corp_example',
  '  service_b -.->|"runs as"| account_CORP_svc_b',
  '  service_b -->|"calls as self (impersonate)"| service_c',
  '  service_b -.->|"clients ask for"| spn_http_b_corp_example',
  '  service_c -.->|"runs as"| account_CORP_svc_c',
  '  service_c -.->|"clients ask for"| spn_http_c_corp_example',
  '  classDef machine fill:#eef2f7,stroke:#5b6b82',
  '  classDef service fill:#e8f4ea,stroke:#2e7d32',
  '  classDef account fill:#fff8e1,stroke:#b28704',
  '  classDef spn fill:#f3e5f5,stroke:#7b1fa2',
  '  classDef user fill:#e3f2fd,stroke:#1565c0',
  '  classDef domain fill:#fafafa,stroke:#616161',
  '  linkStyle 0,2,4,5 stroke:#c62828,stroke-width:3px',
  '',
].join('\n');

const DOT = [
  'digraph "estate" {',
  '  rankdir=LR;',
  '  node [fontname="Helvetica"];',
  '  edge [fontname="Helvetica", fontsize=10];',
  '  subgraph "cluster_machine:APP01" {',
  '    label="APP01";',
  '    style="rounded";',
  '    "service:a" [label="a\\nnegotiate", shape=box, style="rounded,filled", fillcolor="#e8f4ea"];',
  '    "service:b" [label="b\\nnegotiate, ntlm; no impersonation", shape=box, style="rounded,filled", fillcolor="#e8f4ea"];',
  '    "service:c" [label="c\\nkerberos", shape=box, style="rounded,filled", fillcolor="#e8f4ea"];',
  '  }',
  '  "account:CORP\\\\alice" [label="CORP\\\\alice\\nsensitive, cannot be delegated", shape=parallelogram, style=filled, fillcolor="#fff8e1"];',
  '  "account:CORP\\\\svc-a" [label="CORP\\\\svc-a", shape=ellipse, style=filled, fillcolor="#e3f2fd"];',
  '  "account:CORP\\\\svc-b" [label="CORP\\\\svc-b\\nprotocol transition", shape=parallelogram, style=filled, fillcolor="#fff8e1"];',
  '  "account:CORP\\\\svc-c" [label="CORP\\\\svc-c\\nunconstrained delegation", shape=parallelogram, style=filled, fillcolor="#fff8e1"];',
  '  "any-service:unconstrained" [label="any service\\n(the users’ TGTs)", shape=note, style=filled, fillcolor="#f3e5f5"];',
  '  "machine:WS01" [label="WS01 (workstation)\\nCredential Guard", shape=box, style="rounded,filled", fillcolor="#eef2f7"];',
  '  "spn:http/a.corp.example" [label="HTTP/a.corp.example", shape=note, style=filled, fillcolor="#f3e5f5"];',
  '  "spn:http/b.corp.example" [label="HTTP/b.corp.example", shape=note, style=filled, fillcolor="#f3e5f5"];',
  '  "spn:http/c.corp.example" [label="HTTP/c.corp.example", shape=note, style=filled, fillcolor="#f3e5f5"];',
  '  "account:CORP\\\\svc-a" -> "account:CORP\\\\svc-c" [label="RBCD", penwidth=2.5, color="#c62828"];',
  '  "account:CORP\\\\svc-a" -> "spn:http/a.corp.example" [label="holds", style=dashed];',
  '  "account:CORP\\\\svc-a" -> "spn:http/b.corp.example" [label="KCD", penwidth=2.5, color="#c62828"];',
  '  "account:CORP\\\\svc-b" -> "spn:http/b.corp.example" [label="holds", style=dashed];',
  '  "account:CORP\\\\svc-b" -> "spn:http/c.corp.example" [label="KCD + protocol transition", penwidth=2.5, color="#c62828"];',
  '  "account:CORP\\\\svc-c" -> "any-service:unconstrained" [label="unconstrained", penwidth=2.5, color="#c62828", style=bold];',
  '  "account:CORP\\\\svc-c" -> "spn:http/c.corp.example" [label="holds", style=dashed];',
  '  "service:a" -> "account:CORP\\\\svc-a" [label="runs as", style=dashed];',
  '  "service:a" -> "service:b" [label="calls as caller (impersonate)"];',
  '  "service:a" -> "spn:http/a.corp.example" [label="clients ask for", style=dashed];',
  '  "service:b" -> "account:CORP\\\\svc-b" [label="runs as", style=dashed];',
  '  "service:b" -> "service:c" [label="calls as self (impersonate)"];',
  '  "service:b" -> "spn:http/b.corp.example" [label="clients ask for", style=dashed];',
  '  "service:c" -> "account:CORP\\\\svc-c" [label="runs as", style=dashed];',
  '  "service:c" -> "spn:http/c.corp.example" [label="clients ask for", style=dashed];',
  '}',
  '',
].join('\n');
