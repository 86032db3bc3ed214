import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import {
  apReqDelegation,
  createKdc,
  type KdcReferral,
  s4u2proxy,
  s4u2self,
  tgsExchange,
  ticketFlagsRecord,
} from '../src/index.js';
import { refusal, tgtOf, value } from './fixtures.js';

/** The referrals of a reply or refusal as `krbtgt/TO@ISSUER → next KDC (sname) [OK-AS-DELEGATE?]`. */
const chain = (r: { readonly referrals?: readonly KdcReferral[] }): string[] =>
  (r.referrals ?? []).map(
    (x) =>
      `${x.ticket.server.spn}@${x.realm} → ${x.to} (${x.sname})${x.ticket.flags.includes('OK-AS-DELEGATE') ? ' OK-AS-DELEGATE' : ''}`,
  );

const dir = directory({
  domains: [
    { dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' },
    { dnsName: 'emea.corp.example', parent: 'corp.example' },
    { dnsName: 'partner.example' },
    { dnsName: 'trusting.example' },
    { dnsName: 'ext.example' },
    { dnsName: 'sel.example' },
    { dnsName: 'island.example' },
  ],
  trusts: [
    { between: ['partner.example', 'corp.example'], type: 'forest' },
    { between: ['trusting.example', 'corp.example'], type: 'forest', enableTgtDelegation: true },
    { between: ['ext.example', 'corp.example'], type: 'external', enableTgtDelegation: true },
    { between: ['sel.example', 'corp.example'], type: 'forest', selectiveAuthentication: true },
  ],
  accounts: [
    {
      kind: 'user',
      samAccountName: 'alice',
      domain: 'corp.example',
      rid: 1101,
      memberOf: ['CORP\\Local Readers'],
    },
    { kind: 'group', samAccountName: 'Local Readers', domain: 'corp.example', scope: 'domainLocal' },
    { kind: 'user', samAccountName: 'gone', domain: 'corp.example', enabled: false },
    {
      kind: 'computer',
      samAccountName: 'WEB01',
      domain: 'corp.example',
      servicePrincipalNames: ['HTTP/web01.corp.example'],
    },
    {
      kind: 'computer',
      samAccountName: 'WEBK',
      domain: 'corp.example',
      servicePrincipalNames: ['HTTP/webk.corp.example'],
      trustedToAuthForDelegation: true,
      allowedToDelegateTo: ['cifs/fse.emea.corp.example'],
    },
    {
      kind: 'computer',
      samAccountName: 'APPC',
      domain: 'corp.example',
      servicePrincipalNames: ['HTTP/appc.corp.example'],
      trustedForDelegation: true,
    },
    {
      kind: 'computer',
      samAccountName: 'APPE',
      domain: 'emea.corp.example',
      servicePrincipalNames: ['HTTP/appe.emea.corp.example'],
      trustedForDelegation: true,
    },
    {
      kind: 'computer',
      samAccountName: 'FSE',
      domain: 'emea.corp.example',
      servicePrincipalNames: ['cifs/fse.emea.corp.example'],
      principalsAllowedToDelegateToAccount: ['CORP\\WEB01$'],
    },
    {
      kind: 'computer',
      samAccountName: 'APPP',
      domain: 'partner.example',
      servicePrincipalNames: ['HTTP/appp.partner.example'],
      trustedForDelegation: true,
    },
    {
      kind: 'computer',
      samAccountName: 'FSP',
      domain: 'partner.example',
      servicePrincipalNames: ['cifs/fsp.partner.example'],
      principalsAllowedToDelegateToAccount: ['CORP\\WEB01$'],
    },
    {
      kind: 'computer',
      samAccountName: 'APPT',
      domain: 'trusting.example',
      servicePrincipalNames: ['HTTP/appt.trusting.example'],
      trustedForDelegation: true,
    },
    {
      kind: 'computer',
      samAccountName: 'APPX',
      domain: 'ext.example',
      servicePrincipalNames: ['HTTP/appx.ext.example'],
      trustedForDelegation: true,
    },
    {
      kind: 'computer',
      samAccountName: 'SRV',
      domain: 'sel.example',
      servicePrincipalNames: ['HTTP/srv.sel.example'],
    },
    {
      kind: 'computer',
      samAccountName: 'SRV2',
      domain: 'sel.example',
      servicePrincipalNames: ['HTTP/srv2.sel.example'],
      securityDescriptor:
        'O:DAG:DAD:(A;;RP;;;AU)(OA;;CR;68b1d179-0d15-4d4f-ab71-46152e79a7bc;;S-1-5-21-1-2-3-1101)',
    },
    {
      kind: 'computer',
      samAccountName: 'LONE',
      domain: 'island.example',
      servicePrincipalNames: ['HTTP/lone.island.example'],
    },
  ],
});
const kdc = createKdc(dir);
const aliceTgt = () => tgtOf(kdc, 'CORP\\alice');

describe('referrals (RFC 6806 8, MS-KILE 3.3.5.7.5)', () => {
  it("a service in the child domain: a referral TGT, then the service ticket from the child's KDC", () => {
    const r = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appe.emea.corp.example' }));
    expect(r.ticket.server).toMatchObject({ realm: 'EMEA.CORP.EXAMPLE', account: 'APPE$' });
    expect(r.explanation.filter((s) => s.rule === 'tgs.referral')).toHaveLength(1);
    expect(ticketFlagsRecord(r.ticket).okAsDelegate).toBe(true);
  });

  it('followReferrals: false returns the referral TGT krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE, with OK-AS-DELEGATE inside the forest', () => {
    const r = value(
      tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appe.emea.corp.example', followReferrals: false }),
    );
    expect(r.ticket.kind).toBe('referral');
    expect(r.ticket.server).toMatchObject({
      spn: 'krbtgt/EMEA.CORP.EXAMPLE',
      realm: 'CORP.EXAMPLE',
      sid: null,
    });
    expect(ticketFlagsRecord(r.ticket)).toMatchObject({
      okAsDelegate: true,
      forwardable: true,
      initial: false,
    });
    const st = value(tgsExchange(kdc, { tgt: r.ticket, service: 'HTTP/appe.emea.corp.example' }));
    expect(st.ticket.server.account).toBe('APPE$');
  });

  it('MS-KILE 3.3.5.7.5: a forest trust without TGT delegation → no OK-AS-DELEGATE, so no forwarded TGT', () => {
    const st = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appp.partner.example' }));
    expect(ticketFlagsRecord(st.ticket).okAsDelegate).toBe(false);
    expect(st.explanation.map((s) => s.detail).join(' ')).toContain('EnableTgtDelegation');
    const ap = value(
      apReqDelegation(kdc, { tgt: aliceTgt(), service: 'HTTP/appp.partner.example', delegate: true }),
    );
    expect(ap.forwardedTgt).toBeNull();
    expect(ap.decision.reason).toBe('ok-as-delegate-not-set');
  });

  it('… with enableTgtDelegation the forwarded TGT crosses the forest trust', () => {
    const ap = value(
      apReqDelegation(kdc, { tgt: aliceTgt(), service: 'HTTP/appt.trusting.example', delegate: true }),
    );
    expect(ap.forwardedTgt?.flags).toContain('FORWARDED');
  });

  it('… but not a quarantined (SID-filtering) external trust', () => {
    const st = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appx.ext.example' }));
    expect(ticketFlagsRecord(st.ticket).okAsDelegate).toBe(false);
  });

  it('no trust path → KDC_ERR_S_PRINCIPAL_UNKNOWN', () => {
    expect(refusal(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/lone.island.example' }))).toMatchObject(
      {
        code: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
        rule: 'tgs.no-trust-path',
      },
    );
  });

  it('selective authentication: no Allowed-To-Authenticate → KDC_ERR_POLICY (12), STATUS_AUTHENTICATION_FIREWALL_FAILED', () => {
    expect(refusal(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/srv.sel.example' }))).toMatchObject({
      code: 'KDC_ERR_POLICY',
      krb: 12,
      ntstatus: 'STATUS_AUTHENTICATION_FIREWALL_FAILED',
    });
    const ok = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/srv2.sel.example' }));
    expect(ok.ticket.pac.otherOrganization).toBe(true);
  });

  it("the PAC has the resource domain's domain-local groups only in that domain", () => {
    const local = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appc.corp.example' })).ticket.pac
      .groups;
    const remote = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appp.partner.example' })).ticket
      .pac.groups;
    const readers = dir.accounts.find((a) => a.samAccountName === 'Local Readers')?.sid;
    expect(local.map((g) => g.sid)).toContain(readers);
    expect(remote.map((g) => g.sid)).not.toContain(readers);
  });
});

describe('delegation across domains', () => {
  it('MS-SFU 3.2.5.2.1: classic KCD does not cross domains → KDC_ERR_BADOPTION (kcd-cross-domain)', () => {
    const serviceTgt = tgtOf(kdc, 'CORP\\WEBK$');
    const evidence = value(s4u2self(kdc, { serviceTgt, user: 'alice' })).ticket;
    const e = refusal(
      s4u2proxy(kdc, { serviceTgt, evidence, target: 'cifs/fse.emea.corp.example', resourceBased: false }),
    );
    expect(e).toMatchObject({ code: 'KDC_ERR_BADOPTION', rule: 's4u2proxy.kcd-cross-domain' });
    expect(
      refusal(s4u2proxy(kdc, { serviceTgt, evidence, target: 'cifs/fse.emea.corp.example' })).ntstatus,
    ).toBe('STATUS_NOT_FOUND');
  });

  it('"Resource-based constrained delegation across domains": RBCD to the child domain and across a forest trust', () => {
    const serviceTgt = tgtOf(kdc, 'CORP\\WEB01$');
    const evidence = value(s4u2self(kdc, { serviceTgt, user: 'alice' })).ticket;
    for (const target of ['cifs/fse.emea.corp.example', 'cifs/fsp.partner.example']) {
      const r = value(s4u2proxy(kdc, { serviceTgt, evidence, target }));
      expect(r.explanation.map((s) => s.rule)).toEqual(
        expect.arrayContaining(['s4u2proxy.rbcd-referral', 's4u2proxy.rbcd-allowed']),
      );
    }
  });

  it("MS-SFU 3.1.5.1.1.2: S4U2Self for a user of another domain goes through the user's KDC", () => {
    const r = value(s4u2self(kdc, { serviceTgt: tgtOf(kdc, 'EMEA\\FSE$'), user: 'CORP\\alice' }));
    expect(r.ticket.client.realm).toBe('CORP.EXAMPLE');
    expect(r.explanation.map((s) => s.rule)).toContain('s4u2self.cross-realm');
    expect(refusal(s4u2self(kdc, { serviceTgt: tgtOf(kdc, 'LONE$'), user: 'CORP\\alice' })).code).toBe(
      'KDC_ERR_C_PRINCIPAL_UNKNOWN',
    );
  });
});

describe('the referrals a reply reports, one per KDC on the way (RFC 4120 1.2, 3.3; RFC 6806 8)', () => {
  it('parent → child: the home KDC refers, the child KDC issues the ticket', () => {
    const r = value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appe.emea.corp.example' }));
    expect(chain(r)).toEqual([
      'krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE → EMEA.CORP.EXAMPLE (HTTP/appe.emea.corp.example) OK-AS-DELEGATE',
    ]);
    expect(r.referrals?.[0]?.ticket).toMatchObject({ kind: 'referral', origin: 'referral' });
    expect(r.referrals?.[0]?.explanation.map((s) => s.rule)).toEqual([
      'tgs.referral',
      'tgs.ok-as-delegate-cross-realm',
    ]);
    expect(r.ticket.server.realm).toBe('EMEA.CORP.EXAMPLE');
  });

  it('child → root → across a forest trust: two referrals, the second without OK-AS-DELEGATE (MS-KILE 3.3.5.7.5)', () => {
    const r = value(
      tgsExchange(kdc, { tgt: tgtOf(kdc, 'EMEA\\FSE$'), service: 'HTTP/appp.partner.example' }),
    );
    expect(chain(r)).toEqual([
      'krbtgt/CORP.EXAMPLE@EMEA.CORP.EXAMPLE → CORP.EXAMPLE (HTTP/appp.partner.example) OK-AS-DELEGATE',
      'krbtgt/PARTNER.EXAMPLE@CORP.EXAMPLE → PARTNER.EXAMPLE (HTTP/appp.partner.example)',
    ]);
    expect(r.referrals?.[1]?.explanation.at(-1)).toMatchObject({
      rule: 'tgs.ok-as-delegate-cross-realm',
      outcome: 'passed',
    });
    expect(r.ticket.server.realm).toBe('PARTNER.EXAMPLE');
  });

  it('one KDC answering alone reports no referral; followReferrals: false returns the first as the ticket', () => {
    expect(value(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appc.corp.example' })).referrals).toEqual(
      [],
    );
    const first = value(
      tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/appe.emea.corp.example', followReferrals: false }),
    );
    expect(first.ticket.kind).toBe('referral');
    expect(first.referrals).toEqual([]);
  });

  it('apReqDelegation reports the service ticket’s referrals; the forwarded TGT is still the home realm’s (RFC 4120 2.6)', () => {
    const ap = value(
      apReqDelegation(kdc, { tgt: aliceTgt(), service: 'HTTP/appt.trusting.example', delegate: true }),
    );
    expect(chain(ap)).toEqual([
      'krbtgt/TRUSTING.EXAMPLE@CORP.EXAMPLE → TRUSTING.EXAMPLE (HTTP/appt.trusting.example) OK-AS-DELEGATE',
    ]);
    expect(ap.forwardedTgt?.server).toMatchObject({ spn: 'krbtgt/CORP.EXAMPLE', realm: 'CORP.EXAMPLE' });
  });

  it("a refusal by the service's realm's KDC carries the referrals before it: KDC_ERR_POLICY from sel.example's KDC", () => {
    const e = refusal(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/srv.sel.example' }));
    expect(e.code).toBe('KDC_ERR_POLICY');
    expect(chain(e)).toEqual(['krbtgt/SEL.EXAMPLE@CORP.EXAMPLE → SEL.EXAMPLE (HTTP/srv.sel.example)']);
  });

  it('a refusal by the home KDC carries none (no trust path, unknown SPN)', () => {
    expect(
      refusal(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/lone.island.example' })).referrals,
    ).toBe(undefined);
    expect(refusal(tgsExchange(kdc, { tgt: aliceTgt(), service: 'HTTP/none.example' })).referrals).toBe(
      undefined,
    );
  });

  it("MS-SFU 3.2.5.2.3, 3.1.5.2.2: S4U2Proxy to another domain — the user's referral TGT, then RBCD at the target's KDC", () => {
    const serviceTgt = tgtOf(kdc, 'CORP\\WEB01$');
    const evidence = value(s4u2self(kdc, { serviceTgt, user: 'alice' })).ticket;
    expect(value(s4u2self(kdc, { serviceTgt, user: 'alice' })).referrals).toEqual([]);
    const child = value(s4u2proxy(kdc, { serviceTgt, evidence, target: 'cifs/fse.emea.corp.example' }));
    expect(chain(child)).toEqual([
      'krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE → EMEA.CORP.EXAMPLE (cifs/fse.emea.corp.example)',
    ]);
    expect(child.referrals?.[0]?.ticket.client.name).toBe('alice');
    const forest = value(s4u2proxy(kdc, { serviceTgt, evidence, target: 'cifs/fsp.partner.example' }));
    expect(chain(forest)).toEqual([
      'krbtgt/PARTNER.EXAMPLE@CORP.EXAMPLE → PARTNER.EXAMPLE (cifs/fsp.partner.example)',
    ]);
  });

  it("… RBCD refused by the target's KDC carries the referral; classic KCD refused at home carries none", () => {
    const serviceTgt = tgtOf(kdc, 'CORP\\WEBK$');
    const evidence = value(s4u2self(kdc, { serviceTgt, user: 'alice' })).ticket;
    const rbcd = refusal(s4u2proxy(kdc, { serviceTgt, evidence, target: 'cifs/fse.emea.corp.example' }));
    expect([rbcd.rule, rbcd.ntstatus]).toEqual(['s4u2proxy.rbcd-not-allowed', 'STATUS_NOT_FOUND']);
    expect(rbcd.referrals?.map((r) => r.to)).toEqual(['EMEA.CORP.EXAMPLE']);
    const kcd = refusal(
      s4u2proxy(kdc, { serviceTgt, evidence, target: 'cifs/fse.emea.corp.example', resourceBased: false }),
    );
    expect(kcd.rule).toBe('s4u2proxy.kcd-cross-domain');
    expect(kcd.referrals).toBe(undefined);
  });

  it("MS-SFU 4.2, 3.2.5.1.1: S4U2Self for a user of another domain — to the user's KDC, whose referral back carries the user's PAC", () => {
    const r = value(s4u2self(kdc, { serviceTgt: tgtOf(kdc, 'EMEA\\FSE$'), user: 'CORP\\alice' }));
    expect(chain(r)).toEqual([
      'krbtgt/CORP.EXAMPLE@EMEA.CORP.EXAMPLE → CORP.EXAMPLE (krbtgt/CORP.EXAMPLE) OK-AS-DELEGATE',
      'krbtgt/EMEA.CORP.EXAMPLE@CORP.EXAMPLE → EMEA.CORP.EXAMPLE (cifs/fse.emea.corp.example) OK-AS-DELEGATE',
    ]);
    const [out, back] = r.referrals ?? [];
    // Both referrals name the service as client (cname); the second is the user's KDC's, with the user's PAC.
    expect([out?.ticket.client.name, back?.ticket.client.name]).toEqual(['FSE$', 'FSE$']);
    const alice = dir.accounts.find((a) => a.samAccountName === 'alice')?.sid;
    expect(back?.ticket.pac.user).toBe(alice);
    expect(back?.ticket.pac.assertedIdentity.text).toBe('S-1-18-2');
    expect(r.ticket.server.realm).toBe('EMEA.CORP.EXAMPLE');
  });

  it("… a disabled user is refused by the user's KDC: the refusal carries the service's referral to it", () => {
    const e = refusal(s4u2self(kdc, { serviceTgt: tgtOf(kdc, 'EMEA\\FSE$'), user: 'CORP\\gone' }));
    expect(e.code).toBe('KDC_ERR_CLIENT_REVOKED');
    expect(chain(e)).toEqual([
      'krbtgt/CORP.EXAMPLE@EMEA.CORP.EXAMPLE → CORP.EXAMPLE (krbtgt/CORP.EXAMPLE) OK-AS-DELEGATE',
    ]);
  });
});
