import { describe, expect, it } from 'vitest';
import type { FlowVerdict } from '../../src/index.js';
import { estate, expectWhyNot, files, MACHINES, run, twoForests, web } from './estateFixtures.js';

// The diagram draws each KDC exchange as it happens across trusts (RFC 4120 1.2, 3.3; RFC 6806 8; MS-KILE
// 3.3.5.7.5; MS-SFU 3.1.5.1.1.2, 3.1.5.2.2, 4.2): the client asks the KDC of its TGT's realm, receives a referral
// TGT, asks the next KDC with it, … until the KDC of the service's realm answers — or refuses.

/** A hop's messages as `from → to kind: text`. */
function exchanges(v: FlowVerdict, hop: number): string[] {
  return v.diagram.messages
    .filter((m) => m.hop === hop)
    .map((m) => `${m.from} → ${m.to} ${m.kind}: ${m.text}`);
}

const CORP = { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' };
const FLAGS = 'FORWARDABLE RENEWABLE PRE-AUTHENT NAME-CANONICALIZE';
const DELEGABLE = 'FORWARDABLE RENEWABLE PRE-AUTHENT OK-AS-DELEGATE NAME-CANONICALIZE';

describe('two forests: referrals across a forest trust (MS-KILE 3.3.5.7.5)', () => {
  const model = twoForests;

  it("the client's KDC refers it to partner.example's, which issues the ticket; the referral without OK-AS-DELEGATE is where the TGT stays home", () => {
    const v = run(model(false), 'alice', ['pweb', 'psql']);
    expect(exchanges(v, 1)).toEqual([
      'client → client note: Interactive logon of CORP\\alice on WS01',
      'client → kdc_corp_example request: TGS-REQ HTTP/pweb.partner.example (CORP\\alice)',
      `kdc_corp_example → client reply: TGS-REP referral krbtgt/PARTNER.EXAMPLE@CORP.EXAMPLE [${FLAGS}]`,
      'kdc_corp_example → kdc_corp_example note: the referral does not carry OK-AS-DELEGATE: the trust does not enable TGT delegation (netdom trust /EnableTgtDelegation)',
      'client → kdc_partner_example request: TGS-REQ HTTP/pweb.partner.example (CORP\\alice)',
      `kdc_partner_example → client reply: TGS-REP HTTP/pweb.partner.example [${FLAGS}]`,
      'client → svc_pweb request: AP-REQ HTTP/pweb.partner.example',
      'svc_pweb → svc_pweb note: pweb impersonates CORP\\alice at Impersonation (Impersonation token, S-1-18-1)',
    ]);
    // Participants in order of first use: each KDC where the client first asks it.
    expect(v.diagram.participants.map((p) => p.id).slice(0, 4)).toEqual([
      'client',
      'kdc_corp_example',
      'kdc_partner_example',
      'svc_pweb',
    ]);
    expect(v.diagram.participants.find((p) => p.id === 'kdc_partner_example')?.label).toBe(
      'KDC partner.example',
    );
    // The hop's tickets, as klist lists them: the TGT, the referral, the service ticket.
    expect(v.hops[0]?.tickets.map((t) => `${t.server} ${t.account} ${t.origin}`)).toEqual([
      'krbtgt/CORP.EXAMPLE krbtgt as-req',
      'krbtgt/PARTNER.EXAMPLE PARTNER$ referral',
      'HTTP/pweb.partner.example svc-pweb tgs-req',
    ]);
    expectWhyNot(v, 2, 'trust-blocks-tgt-delegation');
  });

  it('with TGT delegation enabled: the forwarded TGT comes from the home KDC, and the next hop chases the referral again', () => {
    const v = run(model(true), 'alice', ['pweb', 'psql']);
    expect(exchanges(v, 1).slice(1, 7)).toEqual([
      'client → kdc_corp_example request: TGS-REQ HTTP/pweb.partner.example (CORP\\alice)',
      `kdc_corp_example → client reply: TGS-REP referral krbtgt/PARTNER.EXAMPLE@CORP.EXAMPLE [${DELEGABLE}]`,
      'client → kdc_partner_example request: TGS-REQ HTTP/pweb.partner.example (CORP\\alice)',
      `kdc_partner_example → client reply: TGS-REP HTTP/pweb.partner.example [${DELEGABLE}]`,
      'client → kdc_corp_example request: TGS-REQ krbtgt/CORP.EXAMPLE (FORWARDED)',
      'kdc_corp_example → client reply: TGS-REP forwarded TGT [FORWARDABLE FORWARDED RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
    ]);
    expect(exchanges(v, 2).slice(0, 4)).toEqual([
      'svc_pweb → kdc_corp_example request: TGS-REQ MSSQLSvc/psql.partner.example:1433 (CORP\\alice)',
      'kdc_corp_example → svc_pweb reply: TGS-REP referral krbtgt/PARTNER.EXAMPLE@CORP.EXAMPLE [FORWARDABLE FORWARDED RENEWABLE PRE-AUTHENT OK-AS-DELEGATE NAME-CANONICALIZE]',
      'svc_pweb → kdc_partner_example request: TGS-REQ MSSQLSvc/psql.partner.example:1433 (CORP\\alice)',
      'kdc_partner_example → svc_pweb reply: TGS-REP MSSQLSvc/psql.partner.example:1433 [FORWARDABLE FORWARDED RENEWABLE PRE-AUTHENT NAME-CANONICALIZE]',
    ]);
    expect(v.reached).toBe(true);
  });
});

describe('parent and child domain: referrals inside a forest', () => {
  // alice is in corp.example; the file server and the forms application are in the child, emea.corp.example.
  // The file server's account lets CORP\\svc-web delegate to it (RBCD); the application uses protocol transition.
  const model = estate({
    domains: [
      CORP,
      { dnsName: 'emea.corp.example', netbiosName: 'EMEA', sid: 'S-1-5-21-4-5-6', parent: 'corp.example' },
    ],
    machines: [...MACHINES.filter((m) => m.name !== 'FS01'), { name: 'FS01', domain: 'emea.corp.example' }],
    accounts: [
      { kind: 'user', samAccountName: 'svc-web', servicePrincipalNames: ['HTTP/web01.corp.example'] },
      {
        kind: 'user',
        samAccountName: 'svc-fs',
        domain: 'emea.corp.example',
        servicePrincipalNames: ['cifs/fs01.emea.corp.example'],
        principalsAllowedToDelegateToAccount: ['CORP\\svc-web'],
      },
      {
        kind: 'user',
        samAccountName: 'svc-app',
        domain: 'emea.corp.example',
        servicePrincipalNames: ['HTTP/app.emea.corp.example'],
        trustedToAuthForDelegation: true,
        allowedToDelegateTo: ['cifs/fs01.emea.corp.example'],
      },
    ],
    services: [
      web({ calls: [{ service: 'files' }] }),
      files({ runsAs: 'EMEA\\svc-fs', endpoint: { serviceClass: 'cifs', host: 'fs01.emea.corp.example' } }),
      {
        name: 'app',
        machine: 'FS01',
        runsAs: 'EMEA\\svc-app',
        endpoint: { serviceClass: 'HTTP', host: 'app.emea.corp.example' },
        authentication: ['forms'],
      },
    ],
  });

  it("the client's TGS exchange: the root KDC refers it to the child's, which issues the ticket", () => {
    expect(exchanges(run(model, 'alice', ['files']), 1).slice(1, 5)).toEqual([
      'client → kdc_corp_example request: TGS-REQ cifs/fs01.emea.corp.example (CORP\\alice)',
      `kdc_corp_example → client reply: TGS-REP referral krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE [${DELEGABLE}]`,
      'client → kdc_emea_corp_example request: TGS-REQ cifs/fs01.emea.corp.example (CORP\\alice)',
      `kdc_emea_corp_example → client reply: TGS-REP cifs/fs01.emea.corp.example [${FLAGS}]`,
    ]);
  });

  it("RBCD to the child domain: the root KDC answers with the user's referral TGT, the child KDC issues (MS-SFU 3.1.5.2.2)", () => {
    const v = run(model, 'alice', ['web', 'files']);
    expect(exchanges(v, 2)).toEqual([
      'svc_web → kdc_corp_example request: S4U2Proxy TGS-REQ cifs/fs01.emea.corp.example for CORP\\alice',
      `kdc_corp_example → svc_web reply: TGS-REP referral krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE [${FLAGS}]`,
      'svc_web → kdc_emea_corp_example request: S4U2Proxy TGS-REQ cifs/fs01.emea.corp.example for CORP\\alice',
      `kdc_emea_corp_example → svc_web reply: TGS-REP cifs/fs01.emea.corp.example for CORP\\alice [${FLAGS}]`,
      'svc_web → svc_files request: AP-REQ cifs/fs01.emea.corp.example',
      'svc_files → svc_files note: files impersonates CORP\\alice at Impersonation (Impersonation token, S-1-18-1)',
    ]);
    expect(v.hops[1]?.mechanism).toBe('rbcd');
    expect(v.hops[1]?.tickets.map((t) => `${t.client} ${t.server} ${t.origin}`)).toEqual([
      'svc-web@CORP.EXAMPLE krbtgt/CORP.EXAMPLE as-req',
      'alice@CORP.EXAMPLE krbtgt/EMEA.CORP.EXAMPLE referral',
      'alice@CORP.EXAMPLE cifs/fs01.emea.corp.example s4u2proxy',
    ]);
  });

  it("S4U2Self for a user of the parent domain: to the user's KDC and back (MS-SFU 4.2)", () => {
    const v = run(model, 'alice', ['app']);
    expect(exchanges(v, 1).slice(2, 8)).toEqual([
      'svc_app → kdc_emea_corp_example request: TGS-REQ krbtgt/CORP.EXAMPLE',
      `kdc_emea_corp_example → svc_app reply: TGS-REP referral krbtgt/CORP.EXAMPLE@EMEA.CORP.EXAMPLE [${DELEGABLE}]`,
      'svc_app → kdc_corp_example request: S4U2Self TGS-REQ for CORP\\alice',
      `kdc_corp_example → svc_app reply: TGS-REP referral krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE [${DELEGABLE}]`,
      'svc_app → kdc_emea_corp_example request: S4U2Self TGS-REQ for CORP\\alice',
      `kdc_emea_corp_example → svc_app reply: TGS-REP HTTP/app.emea.corp.example for CORP\\alice [${FLAGS}]`,
    ]);
    // The user's KDC's referral carries the user's PAC, asserting S-1-18-2.
    expect(
      v.hops[0]?.tickets.map((t) => `${t.client} ${t.server} ${t.origin} ${t.assertedIdentity}`),
    ).toEqual([
      'svc-app@EMEA.CORP.EXAMPLE krbtgt/CORP.EXAMPLE referral S-1-18-1',
      'svc-app@EMEA.CORP.EXAMPLE krbtgt/EMEA.CORP.EXAMPLE referral S-1-18-2',
      'alice@CORP.EXAMPLE HTTP/app.emea.corp.example s4u2self S-1-18-2',
    ]);
  });
});

describe('a refusal is drawn from the KDC that refused', () => {
  it("selective authentication: KDC_ERR_POLICY comes from the service's realm's KDC, after the referral", () => {
    const v = run(
      estate({
        domains: [CORP, { dnsName: 'sel.example', netbiosName: 'SEL', sid: 'S-1-5-21-10-11-12' }],
        trusts: [{ between: ['sel.example', 'corp.example'], type: 'forest', selectiveAuthentication: true }],
        machines: [...MACHINES, { name: 'SRV', domain: 'sel.example' }],
        accounts: [
          {
            kind: 'user',
            samAccountName: 'svc-srv',
            domain: 'sel.example',
            servicePrincipalNames: ['HTTP/srv.sel.example'],
          },
        ],
        services: [
          {
            name: 'srv',
            machine: 'SRV',
            runsAs: 'SEL\\svc-srv',
            endpoint: { serviceClass: 'HTTP', host: 'srv.sel.example' },
            authentication: ['kerberos'],
          },
        ],
      }),
      'alice',
      ['srv'],
    );
    expect(exchanges(v, 1).slice(1)).toEqual([
      'client → kdc_corp_example request: TGS-REQ HTTP/srv.sel.example (CORP\\alice)',
      `kdc_corp_example → client reply: TGS-REP referral krbtgt/SEL.EXAMPLE@CORP.EXAMPLE [${FLAGS}]`,
      'client → kdc_sel_example request: TGS-REQ HTTP/srv.sel.example (CORP\\alice)',
      'kdc_sel_example → client error: KDC_ERR_POLICY (tgs.selective-authentication)',
      'svc_srv → client error: KDC_ERR_POLICY',
    ]);
    expect(v.hops[0]?.tickets.map((t) => t.origin)).toEqual(['as-req', 'referral']);
  });
});
