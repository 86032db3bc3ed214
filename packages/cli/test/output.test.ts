import { describe, expect, it } from 'vitest';
import { diagram } from '../src/output/diagram.js';
import { dotGraph } from '../src/output/dotGraph.js';
import { junitXml } from '../src/output/junitXml.js';
import { mdCode, mdFence, mdTable, mdText } from '../src/output/markdown.js';
import { mermaidFlowchart } from '../src/output/mermaidFlowchart.js';
import { mermaidSequence } from '../src/output/mermaidSequence.js';
import { mermaidId, mermaidText, uniqueIds } from '../src/output/mermaidText.js';
import { escapeXml } from '../src/output/xml.js';

// The writers the reports are made of, on small inputs, as explicit strings.

describe('junitXml', () => {
  it('writes totals, a suite per file, a case per check, failures and errors, escaped', () => {
    const xml = junitXml('doublehop check', [
      {
        name: 'a.yaml',
        cases: [
          { name: 'assertion 1: reaches <sql>', classname: 'a.yaml.assertions', failure: null },
          {
            name: 'lint spn-duplicate',
            classname: 'a.yaml.lints',
            failure: { kind: 'failure', type: 'spn-duplicate', message: 'two "owners"', text: 'A & B' },
          },
          {
            name: 'lint x',
            classname: 'a.yaml.lints',
            failure: null,
            output: "warning: it's fine",
          },
        ],
      },
      {
        name: 'b.yaml',
        cases: [
          {
            name: 'load',
            classname: 'b.yaml',
            failure: { kind: 'error', type: 'unknown-key', message: 'b.yaml:1:1', text: 'x' },
          },
        ],
      },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="doublehop check" tests="4" failures="1" errors="1">',
        '  <testsuite name="a.yaml" tests="3" failures="1" errors="0" skipped="0">',
        '    <testcase name="assertion 1: reaches &lt;sql&gt;" classname="a.yaml.assertions"/>',
        '    <testcase name="lint spn-duplicate" classname="a.yaml.lints">',
        '      <failure message="two &quot;owners&quot;" type="spn-duplicate">A &amp; B</failure>',
        '    </testcase>',
        '    <testcase name="lint x" classname="a.yaml.lints">',
        '      <system-out>warning: it&apos;s fine</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="b.yaml" tests="1" failures="0" errors="1" skipped="0">',
        '    <testcase name="load" classname="b.yaml">',
        '      <error message="b.yaml:1:1" type="unknown-key">x</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('replaces what XML cannot carry (controls, lone surrogates) and keeps the rest', () => {
    expect(escapeXml('a\u0000b\u0007\tc\n\ud800d😀')).toBe('a\ufffdb\ufffd\tc\n\ufffdd😀');
  });
});

describe('mermaid', () => {
  it('escapes the characters a sequence diagram reads as syntax', () => {
    expect(mermaidText('a; b #1 50%% <x>\nnext')).toBe('a#59; b #35;1 50#37;#37; #60;x#62;<br/>next');
    expect(mermaidId('service:web-01')).toBe('service_web_01');
    expect(mermaidId('1st')).toBe('n1st');
    expect([...uniqueIds(['b:x', 'a-x', 'a_x'])]).toEqual([
      ['a-x', 'a_x'],
      ['a_x', 'a_x_2'],
      ['b:x', 'b_x'],
    ]);
  });

  it('writes a sequence diagram with actors, arrows by kind, notes and blocks', () => {
    const text = mermaidSequence({
      participants: [
        { id: 'U', label: 'alice on WS01', actor: true },
        { id: 'KDC', label: 'KDC corp.example' },
        { id: 'WEB', label: 'web (WEB01)' },
      ],
      events: [
        { kind: 'message', from: 'U', to: 'KDC', text: 'TGS-REQ HTTP/web', style: 'request' },
        {
          kind: 'message',
          from: 'KDC',
          to: 'U',
          text: 'ticket [forwardable; ok-as-delegate]',
          style: 'reply',
        },
        {
          kind: 'block',
          type: 'break',
          label: 'hop 2 refused',
          events: [
            { kind: 'message', from: 'WEB', to: 'KDC', text: 'S4U2Proxy', style: 'refused' },
            { kind: 'note', over: ['WEB', 'KDC'], text: 'KDC_ERR_BADOPTION\n(13)' },
          ],
        },
      ],
    });
    expect(text).toBe(
      [
        'sequenceDiagram',
        '    autonumber',
        '    actor U as alice on WS01',
        '    participant KDC as KDC corp.example',
        '    participant WEB as web (WEB01)',
        '    U->>KDC: TGS-REQ HTTP/web',
        '    KDC-->>U: ticket [forwardable#59; ok-as-delegate]',
        '    break hop 2 refused',
        '        WEB-xKDC: S4U2Proxy',
        '        Note over WEB,KDC: KDC_ERR_BADOPTION<br/>(13)',
        '    end',
        '',
      ].join('\n'),
    );
  });

  it('writes a flowchart: machine boxes, shapes and classes by kind, bold delegation edges, sorted', () => {
    const d = diagram(
      [
        { key: 'service:web', kind: 'service', label: 'web', group: 'machine:WEB01' },
        { key: 'account:svc-web', kind: 'account', label: 'CORP\\svc-web', group: null },
        { key: 'service:sql', kind: 'service', label: 'sql "prod"', group: null },
      ],
      [{ key: 'machine:WEB01', label: 'WEB01' }],
      [
        { from: 'service:web', to: 'service:sql', kind: 'call', label: 'as caller' },
        { from: 'account:svc-web', to: 'service:sql', kind: 'kcd', label: 'KCD' },
        { from: 'service:web', to: 'account:svc-web', kind: 'runs-as', label: '' },
        { from: 'service:web', to: 'service:nowhere', kind: 'call', label: '' },
      ],
    );
    expect(mermaidFlowchart(d)).toBe(
      [
        'flowchart LR',
        '  subgraph group_machine_WEB01["WEB01"]',
        '    service_web("web"):::service',
        '  end',
        '  account_svc_web[/"CORP\\svc-web"/]:::account',
        '  service_sql("sql #34;prod#34;"):::service',
        '  account_svc_web ==>|"KCD"| service_sql',
        '  service_web -.-> account_svc_web',
        '  service_web -->|"as caller"| service_sql',
        '  classDef machine fill:#eef2f7,stroke:#5b6b82',
        '  classDef service fill:#e8f4ea,stroke:#2e7d32',
        '  classDef account fill:#fff8e1,stroke:#b28704',
        '  classDef spn fill:#f3e5f5,stroke:#7b1fa2',
        '  classDef user fill:#e3f2fd,stroke:#1565c0',
        '  classDef domain fill:#fafafa,stroke:#616161',
        '  linkStyle 0 stroke:#c62828,stroke-width:3px',
        '',
      ].join('\n'),
    );
    expect(dotGraph(d)).toBe(
      [
        'digraph "estate" {',
        '  rankdir=LR;',
        '  node [fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
        '  subgraph "cluster_machine:WEB01" {',
        '    label="WEB01";',
        '    style="rounded";',
        '    "service:web" [label="web", shape=box, style="rounded,filled", fillcolor="#e8f4ea"];',
        '  }',
        '  "account:svc-web" [label="CORP\\\\svc-web", shape=parallelogram, style=filled, fillcolor="#fff8e1"];',
        '  "service:sql" [label="sql \\"prod\\"", shape=box, style="rounded,filled", fillcolor="#e8f4ea"];',
        '  "account:svc-web" -> "service:sql" [label="KCD", penwidth=2.5, color="#c62828"];',
        '  "service:web" -> "account:svc-web" [style=dashed];',
        '  "service:web" -> "service:sql" [label="as caller"];',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('markdown', () => {
  it('escapes prose, picks fences longer than the content, and aligns tables', () => {
    expect(mdText('a|b *c* <d> CORP\\x snake_case [F]')).toBe(
      'a\\|b \\*c\\* \\<d> CORP\\\\x snake_case \\[F\\]',
    );
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdFence('mermaid', 'x\n')).toBe('```mermaid\nx\n```\n');
    expect(mdFence('', '```\n')).toBe('````\n```\n````\n');
    expect(
      mdTable(
        ['hop', 'level'],
        [
          ['1', 'delegation'],
          ['2', '—'],
        ],
      ),
    ).toBe(
      [
        '| hop | level      |',
        '| --- | ---------- |',
        '| 1   | delegation |',
        '| 2   | —          |',
        '',
      ].join('\n'),
    );
  });
});
