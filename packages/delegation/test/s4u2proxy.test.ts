import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { createKdc, type Kdc, s4u2proxy, s4u2self, tgsExchange, ticketFlagsRecord } from '../src/index.js';
import { corpInit, patchedKdc, refusal, serviceTicket, tgtOf, unpatchedKdc, value } from './fixtures.js';

/** corp.example plus the accounts the RBCD-with-KCD cases need. */
const extended = directory({
  ...corpInit,
  accounts: [
    ...(corpInit.accounts ?? []),
    // RBCD from WEB02$ (which has "Kerberos only" KCD elsewhere): its S4U2Self tickets are not forwardable.
    {
      kind: 'computer',
      samAccountName: 'SQL02',
      servicePrincipalNames: ['MSSQLSvc/sql02.corp.example:1433'],
      principalsAllowedToDelegateToAccount: ['WEB02$'],
    },
    // Both KCD (WEB04$ → cifs/fs04) and RBCD (FS04$ allows WEB04$).
    {
      kind: 'computer',
      samAccountName: 'WEB04',
      servicePrincipalNames: ['HTTP/web04'],
      allowedToDelegateTo: ['cifs/fs04'],
    },
    {
      kind: 'computer',
      samAccountName: 'FS04',
      servicePrincipalNames: ['HOST/fs04'],
      principalsAllowedToDelegateToAccount: ['WEB04$'],
    },
    // RBCD to itself.
    {
      kind: 'computer',
      samAccountName: 'WEB05',
      servicePrincipalNames: ['HTTP/web05'],
      allowedToDelegateTo: ['cifs/none'],
    },
    // RBCD through a group, and a descriptor granting only read.
    { kind: 'group', samAccountName: 'Front Ends', members: ['WEB03$'] },
    {
      kind: 'computer',
      samAccountName: 'API01',
      servicePrincipalNames: ['HTTP/api01'],
      allowedToActOnBehalfOfOtherIdentity: 'O:BAD:(A;;CR;;;S-1-5-21-1-2-3-1200)',
    },
    {
      kind: 'computer',
      samAccountName: 'API02',
      servicePrincipalNames: ['HTTP/api02'],
      allowedToActOnBehalfOfOtherIdentity: 'O:BAD:(A;;RP;;;S-1-5-21-1-2-3-1200)',
    },
    { kind: 'group', samAccountName: 'Front Ends RID', rid: 1200, members: ['WEB03$'] },
  ],
});
const kdc = createKdc(extended);
const oldKdc = createKdc(extended, { patched: false });

/** `service` gets `user`'s ticket by S4U2Self, then asks S4U2Proxy for `target`. */
function viaS4u2self(k: Kdc, service: string, user: string, target: string, resourceBased?: boolean) {
  const serviceTgt = tgtOf(k, service);
  const evidence = value(s4u2self(k, { serviceTgt, user })).ticket;
  return s4u2proxy(k, {
    serviceTgt,
    evidence,
    target,
    ...(resourceBased === undefined ? {} : { resourceBased }),
  });
}

/** `user` authenticates to `service` with Kerberos; `service` asks S4U2Proxy for `target` with that ticket. */
function viaKerberos(
  k: Kdc,
  service: string,
  serviceSpn: string,
  user: string,
  target: string,
  resourceBased?: boolean,
) {
  const evidence = serviceTicket(k, user, serviceSpn).ticket;
  return s4u2proxy(k, {
    serviceTgt: tgtOf(k, service),
    evidence,
    target,
    ...(resourceBased === undefined ? {} : { resourceBased }),
  });
}

describe('s4u2proxy: classic constrained delegation (MS-SFU 3.2.5.2.1)', () => {
  it('Samba test_constrained_delegation: the SPN is listed and the evidence forwardable → a ticket to the target', () => {
    const r = value(
      viaKerberos(patchedKdc, 'WEB02$', 'HTTP/web02.corp.example', 'alice', 'cifs/fs01.corp.example', false),
    );
    expect(r.ticket.client.name).toBe('alice');
    expect(r.ticket.server).toMatchObject({ spn: 'cifs/fs01.corp.example', account: 'FS01$' });
    expect(r.explanation.map((s) => s.rule)).toContain('s4u2proxy.kcd-allowed');
  });

  it('Samba test_constrained_delegation_pac_options_rbcd: KCD also succeeds with the RBCD bit', () => {
    expect(
      viaKerberos(patchedKdc, 'WEB02$', 'HTTP/web02.corp.example', 'alice', 'cifs/fs01.corp.example').ok,
    ).toBe(true);
  });

  it('Samba test_constrained_delegation_not_allowed: empty list, no RBCD bit → KDC_ERR_BADOPTION, STATUS_NOT_SUPPORTED', () => {
    const e = refusal(
      viaKerberos(patchedKdc, 'WEB01$', 'HTTP/web01', 'alice', 'HTTP/web02.corp.example', false),
    );
    expect(e).toMatchObject({
      code: 'KDC_ERR_BADOPTION',
      krb: 13,
      ntstatus: 'STATUS_NOT_SUPPORTED',
      rule: 's4u2proxy.kcd-target-not-allowed',
    });
  });

  it('Samba test_rbcd_no_pac_options_b: a non-empty list without the SPN → STATUS_NO_MATCH', () => {
    const e = refusal(
      viaKerberos(patchedKdc, 'WEB02$', 'HTTP/web02.corp.example', 'alice', 'HTTP/web01', false),
    );
    expect(e).toMatchObject({ code: 'KDC_ERR_BADOPTION', ntstatus: 'STATUS_NO_MATCH' });
  });

  it('Samba test_constrained_delegation_non_forwardable: → STATUS_ACCOUNT_RESTRICTION (MS-SFU text says STATUS_NO_MATCH)', () => {
    const e = refusal(
      viaKerberos(patchedKdc, 'WEB02$', 'HTTP/web02.corp.example', 'admin', 'cifs/fs01.corp.example', false),
    );
    expect(e).toMatchObject({
      code: 'KDC_ERR_BADOPTION',
      ntstatus: 'STATUS_ACCOUNT_RESTRICTION',
      rule: 's4u2proxy.kcd-evidence-not-forwardable',
    });
  });

  it('KCD is per SPN: the same account under another SPN is not allowed', () => {
    const e = refusal(
      viaKerberos(patchedKdc, 'WEB02$', 'HTTP/web02.corp.example', 'alice', 'HOST/fs01.corp.example', false),
    );
    expect(e.ntstatus).toBe('STATUS_NO_MATCH');
  });

  it('protocol transition: S4U2Self by a "use any authentication protocol" service feeds KCD', () => {
    expect(viaS4u2self(patchedKdc, 'WEB03$', 'alice', 'MSSQLSvc/sql01.corp.example:1433', false).ok).toBe(
      true,
    );
  });

  it('"Kerberos only": the non-forwardable S4U2Self ticket does not feed KCD → STATUS_ACCOUNT_RESTRICTION', () => {
    const e = refusal(viaS4u2self(patchedKdc, 'WEB02$', 'alice', 'cifs/fs01.corp.example', false));
    expect(e.ntstatus).toBe('STATUS_ACCOUNT_RESTRICTION');
  });

  it('with the RBCD bit, a failed KCD check falls through to RBCD: not granted → STATUS_NOT_FOUND', () => {
    const e = refusal(viaS4u2self(patchedKdc, 'WEB02$', 'alice', 'cifs/fs01.corp.example'));
    expect(e).toMatchObject({
      code: 'KDC_ERR_BADOPTION',
      ntstatus: 'STATUS_NOT_FOUND',
      rule: 's4u2proxy.rbcd-not-allowed',
    });
  });
});

describe('s4u2proxy: resource-based constrained delegation (MS-SFU 3.2.5.2.3)', () => {
  it("WEB01$ is in FS01$'s descriptor → a ticket, checked with the real access check", () => {
    const r = value(viaKerberos(patchedKdc, 'WEB01$', 'HTTP/web01', 'alice', 'cifs/fs01.corp.example'));
    expect(r.explanation.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['s4u2proxy.kcd-target-not-allowed', 's4u2proxy.rbcd-allowed']),
    );
  });

  it('RBCD is per account: every SPN of FS01$ is reachable', () => {
    expect(viaKerberos(patchedKdc, 'WEB01$', 'HTTP/web01', 'alice', 'HOST/fs01.corp.example').ok).toBe(true);
  });

  it('Samba test_rbcd_no_pac_options_a: RBCD needs the PA-PAC-OPTIONS bit', () => {
    expect(
      refusal(viaKerberos(patchedKdc, 'WEB01$', 'HTTP/web01', 'alice', 'cifs/fs01.corp.example', false))
        .ntstatus,
    ).toBe('STATUS_NOT_SUPPORTED');
  });

  it('Samba test_rbcd_not_allowed: not in the descriptor → KDC_ERR_BADOPTION, STATUS_NOT_FOUND', () => {
    const e = refusal(viaKerberos(patchedKdc, 'WEB01$', 'HTTP/web01', 'alice', 'HTTP/app01.corp.example'));
    expect(e).toMatchObject({ ntstatus: 'STATUS_NOT_FOUND', rule: 's4u2proxy.rbcd-not-allowed' });
  });

  it('the access check sees group membership and wants control access (CR), not just any right', () => {
    expect(viaS4u2self(kdc, 'WEB03$', 'alice', 'HTTP/api01').ok).toBe(true);
    expect(refusal(viaS4u2self(kdc, 'WEB03$', 'alice', 'HTTP/api02')).ntstatus).toBe('STATUS_NOT_FOUND');
  });

  it('Samba test_rbcd_non_forwardable: a non-forwardable Kerberos ticket → STATUS_ACCOUNT_RESTRICTION', () => {
    const evidence = value(
      tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice', false), service: 'HTTP/web01' }),
    ).ticket;
    const e = refusal(
      s4u2proxy(patchedKdc, {
        serviceTgt: tgtOf(patchedKdc, 'WEB01$'),
        evidence,
        target: 'cifs/fs01.corp.example',
      }),
    );
    expect(e).toMatchObject({
      ntstatus: 'STATUS_ACCOUNT_RESTRICTION',
      rule: 's4u2proxy.rbcd-evidence-not-forwardable',
    });
  });

  it('MS-SFU 3.1.5.2.1 / Wagging the Dog: RBCD accepts a non-forwardable S4U2Self ticket, and the result is FORWARDABLE', () => {
    const serviceTgt = tgtOf(kdc, 'WEB02$');
    const evidence = value(s4u2self(kdc, { serviceTgt, user: 'alice' })).ticket;
    expect(ticketFlagsRecord(evidence).forwardable).toBe(false);
    const r = value(s4u2proxy(kdc, { serviceTgt, evidence, target: 'MSSQLSvc/sql02.corp.example:1433' }));
    expect(ticketFlagsRecord(r.ticket).forwardable).toBe(true);
    expect(r.explanation.map((s) => s.rule)).toContain('s4u2proxy.rbcd-s4u2self-exception');
  });

  it('the exception excludes a NOT_DELEGATED user (PAC USER_NOT_DELEGATED), patched or not', () => {
    for (const k of [kdc, oldKdc]) {
      expect(refusal(viaS4u2self(k, 'WEB02$', 'admin', 'MSSQLSvc/sql02.corp.example:1433')).ntstatus).toBe(
        'STATUS_ACCOUNT_RESTRICTION',
      );
    }
  });

  it('CVE-2020-16996 (KB4577252): the exception excludes Protected Users only on a patched KDC', () => {
    expect(refusal(viaS4u2self(kdc, 'WEB02$', 'pu', 'MSSQLSvc/sql02.corp.example:1433')).rule).toBe(
      's4u2proxy.rbcd-evidence-not-forwardable',
    );
    expect(viaS4u2self(oldKdc, 'WEB02$', 'pu', 'MSSQLSvc/sql02.corp.example:1433').ok).toBe(true);
  });

  it('Windows (MS-SFU 3.2.5.2.1): KCD matching with a non-forwardable evidence falls through to RBCD (MIT refuses)', () => {
    expect(refusal(viaS4u2self(kdc, 'WEB04$', 'alice', 'cifs/fs04', false)).ntstatus).toBe(
      'STATUS_ACCOUNT_RESTRICTION',
    );
    expect(value(viaS4u2self(kdc, 'WEB04$', 'alice', 'cifs/fs04')).explanation.map((s) => s.rule)).toContain(
      's4u2proxy.rbcd-allowed',
    );
  });

  it('no implicit delegation to self: an own SPN needs KCD or RBCD like any other', () => {
    expect(refusal(viaS4u2self(kdc, 'WEB05$', 'alice', 'HTTP/web05')).ntstatus).toBe('STATUS_NOT_FOUND');
    const selfRbcd = createKdc(
      directory({
        domains: [{ dnsName: 'corp.example' }],
        accounts: [
          { kind: 'user', samAccountName: 'alice' },
          {
            kind: 'computer',
            samAccountName: 'WEB05',
            servicePrincipalNames: ['HTTP/web05'],
            principalsAllowedToDelegateToAccount: ['WEB05$'],
          },
        ],
      }),
    );
    expect(viaS4u2self(selfRbcd, 'WEB05$', 'alice', 'HTTP/web05').ok).toBe(true);
  });
});

describe('s4u2proxy: request checks and the result', () => {
  it('the evidence must be a ticket to the requesting service → KDC_ERR_BADOPTION', () => {
    const evidence = serviceTicket(patchedKdc, 'alice', 'HTTP/web01').ticket;
    const e = refusal(
      s4u2proxy(patchedKdc, {
        serviceTgt: tgtOf(patchedKdc, 'WEB02$'),
        evidence,
        target: 'cifs/fs01.corp.example',
      }),
    );
    expect(e).toMatchObject({ code: 'KDC_ERR_BADOPTION', rule: 's4u2proxy.evidence-not-for-requester' });
    const tgt = tgtOf(patchedKdc, 'alice');
    expect(
      refusal(
        s4u2proxy(patchedKdc, {
          serviceTgt: tgtOf(patchedKdc, 'WEB02$'),
          evidence: tgt,
          target: 'cifs/fs01.corp.example',
        }),
      ).code,
    ).toBe('KDC_ERR_BADOPTION');
  });

  it('an unknown or duplicate target → KDC_ERR_S_PRINCIPAL_UNKNOWN', () => {
    expect(refusal(viaS4u2self(patchedKdc, 'WEB01$', 'alice', 'cifs/ghost')).code).toBe(
      'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    );
    expect(refusal(viaS4u2self(patchedKdc, 'WEB01$', 'alice', 'HTTP/dup.corp.example')).code).toBe(
      'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    );
  });

  it('MS-SFU 3.2.5.2.4 / MS-PAC 2.9: S4U_DELEGATION_INFO accumulates over a two-hop chain', () => {
    const web03 = tgtOf(patchedKdc, 'WEB03$');
    const self = value(s4u2self(patchedKdc, { serviceTgt: web03, user: 'alice' })).ticket;
    const hop1 = value(
      s4u2proxy(patchedKdc, {
        serviceTgt: web03,
        evidence: self,
        target: 'MSSQLSvc/sql01.corp.example:1433',
      }),
    ).ticket;
    expect(hop1.pac.delegationInfo).toEqual({
      s4u2proxyTarget: 'MSSQLSvc/sql01.corp.example:1433',
      transitedServices: ['HTTP/web03.corp.example@CORP.EXAMPLE'],
    });
    const hop2 = value(
      s4u2proxy(patchedKdc, {
        serviceTgt: tgtOf(patchedKdc, 'svc-sql'),
        evidence: hop1,
        target: 'cifs/fs01.corp.example',
      }),
    ).ticket;
    expect(hop2.pac.delegationInfo).toEqual({
      s4u2proxyTarget: 'cifs/fs01.corp.example',
      transitedServices: [
        'HTTP/web03.corp.example@CORP.EXAMPLE',
        'MSSQLSvc/sql01.corp.example:1433@CORP.EXAMPLE',
      ],
    });
    expect(hop2.pac.assertedIdentity.text).toBe('S-1-18-2');
    expect(hop2.client.name).toBe('alice');
  });

  it('an evidence ticket from an unpatched KDC has no ticket signature: a patched KDC refuses it (KRB_AP_ERR_MODIFIED)', () => {
    const evidence = serviceTicket(unpatchedKdc, 'alice', 'HTTP/web02.corp.example').ticket;
    const e = refusal(
      s4u2proxy(patchedKdc, {
        serviceTgt: tgtOf(patchedKdc, 'WEB02$'),
        evidence,
        target: 'cifs/fs01.corp.example',
      }),
    );
    expect(e).toMatchObject({ code: 'KRB_AP_ERR_MODIFIED', krb: 41 });
  });
});
