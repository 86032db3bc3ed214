import { describe, expect, it } from 'vitest';
import { type Kdc, s4u2proxy, s4u2self, tamperTicket, ticketFlagsRecord } from '../src/index.js';
import { patchedKdc, refusal, tgtOf, unpatchedKdc, value } from './fixtures.js';

/**
 * The Bronze Bit (CVE-2020-17049): `service` gets a non-forwardable S4U2Self ticket for a user who may not be
 * delegated, sets FORWARDABLE, and presents it to S4U2Proxy for `target`.
 */
function bronzeBit(kdc: Kdc, service: string, user: string, target: string, resourceBased: boolean) {
  const serviceTgt = tgtOf(kdc, service);
  const self = value(s4u2self(kdc, { serviceTgt, user })).ticket;
  expect(ticketFlagsRecord(self).forwardable).toBe(false);
  const forged = value(tamperTicket(self, { forwardable: true }));
  expect(forged.ticket.origin).toBe('tampered');
  expect(forged.explanation.map((s) => s.rule)).toEqual(['bronze-bit.tamper']);
  return s4u2proxy(kdc, { serviceTgt, evidence: forged.ticket, target, resourceBased });
}

describe('the Bronze Bit (CVE-2020-17049)', () => {
  it("an unpatched KDC gives a sensitive user's forged ticket to KCD a second hop (Karnes, NetSPI)", () => {
    const r = value(bronzeBit(unpatchedKdc, 'WEB02$', 'admin', 'cifs/fs01.corp.example', false));
    expect(r.ticket.client.name).toBe('admin');
    expect(ticketFlagsRecord(r.ticket).forwardable).toBe(true);
  });

  it("… and a Protected Users member's too", () => {
    expect(bronzeBit(unpatchedKdc, 'WEB02$', 'pu', 'cifs/fs01.corp.example', false).ok).toBe(true);
  });

  it('Samba test_bronze_bit_constrained_delegation_old_checksum: a patched KDC → KRB_AP_ERR_MODIFIED (41), no e-data status', () => {
    const e = refusal(bronzeBit(patchedKdc, 'WEB02$', 'admin', 'cifs/fs01.corp.example', false));
    expect(e).toMatchObject({ code: 'KRB_AP_ERR_MODIFIED', krb: 41, rule: 's4u2proxy.evidence-modified' });
    expect(e.ntstatus).toBeUndefined();
    expect(e.source).toContain('MS-PAC 2.8.3');
  });

  it('the RBCD variant: an unpatched KDC accepts the forged ticket', () => {
    expect(bronzeBit(unpatchedKdc, 'WEB01$', 'admin', 'cifs/fs01.corp.example', true).ok).toBe(true);
  });

  it('Samba test_bronze_bit_rbcd_old_checksum: patched → KRB_AP_ERR_MODIFIED with the KCD status, STATUS_NOT_SUPPORTED', () => {
    const e = refusal(bronzeBit(patchedKdc, 'WEB01$', 'admin', 'cifs/fs01.corp.example', true));
    expect(e).toMatchObject({ code: 'KRB_AP_ERR_MODIFIED', ntstatus: 'STATUS_NOT_SUPPORTED' });
  });

  it('clearing FORWARDABLE is a change too: a patched KDC refuses any edited ticket', () => {
    const serviceTgt = tgtOf(patchedKdc, 'WEB03$');
    const self = value(s4u2self(patchedKdc, { serviceTgt, user: 'alice' })).ticket;
    const edited = value(tamperTicket(self, { forwardable: false })).ticket;
    const e = refusal(
      s4u2proxy(patchedKdc, { serviceTgt, evidence: edited, target: 'MSSQLSvc/sql01.corp.example:1433' }),
    );
    expect(e.code).toBe('KRB_AP_ERR_MODIFIED');
  });

  it('an untouched ticket still passes the signature check', () => {
    const serviceTgt = tgtOf(patchedKdc, 'WEB03$');
    const self = value(s4u2self(patchedKdc, { serviceTgt, user: 'alice' })).ticket;
    const r = value(
      s4u2proxy(patchedKdc, { serviceTgt, evidence: self, target: 'MSSQLSvc/sql01.corp.example:1433' }),
    );
    expect(r.explanation.find((s) => s.rule === 's4u2proxy.evidence-modified')?.outcome).toBe('passed');
  });
});
