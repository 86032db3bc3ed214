import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { createKdc, TICKET_FLAGS, tamperTicket, tgsExchange, ticketFlagsRecord } from '../src/index.js';
import { patchedKdc, refusal, serviceTicket, tgtOf, unpatchedKdc, value } from './fixtures.js';

describe('tgsExchange', () => {
  it('issues a service ticket with the flags klist shows as 0x40a10000, and a ticket signature on a patched KDC', () => {
    const { ticket } = serviceTicket(patchedKdc, 'alice', 'HTTP/web01.corp.example');
    expect(ticket.flags.reduce((m, f) => m | TICKET_FLAGS[f], 0) >>> 0).toBe(0x40a10000);
    expect(ticket.server).toMatchObject({
      spn: 'HTTP/web01.corp.example',
      account: 'WEB01$',
      realm: 'CORP.EXAMPLE',
    });
    expect(ticket.pac.ticketSignature).not.toBeNull();
    expect(
      serviceTicket(unpatchedKdc, 'alice', 'HTTP/web01.corp.example').ticket.pac.ticketSignature,
    ).toBeNull();
  });

  it('MS-KILE 3.3.5.1: TRUSTED_FOR_DELEGATION on the service account → OK-AS-DELEGATE (0x40a50000)', () => {
    const { ticket } = serviceTicket(patchedKdc, 'alice', 'HTTP/app01.corp.example');
    expect(ticketFlagsRecord(ticket).okAsDelegate).toBe(true);
    expect(ticket.flags.reduce((m, f) => m | TICKET_FLAGS[f], 0) >>> 0).toBe(0x40a50000);
    expect(ticketFlagsRecord(serviceTicket(patchedKdc, 'alice', 'HTTP/web01').ticket).okAsDelegate).toBe(
      false,
    );
  });

  it('RFC 4120 3.3.3: FORWARDABLE only when the TGT is — so sensitive and Protected Users service tickets are not', () => {
    expect(ticketFlagsRecord(serviceTicket(patchedKdc, 'admin', 'HTTP/web01').ticket).forwardable).toBe(
      false,
    );
    expect(ticketFlagsRecord(serviceTicket(patchedKdc, 'pu', 'HTTP/web01').ticket).forwardable).toBe(false);
    const tgt = tgtOf(patchedKdc, 'alice', false);
    expect(value(tgsExchange(patchedKdc, { tgt, service: 'HTTP/web01' })).ticket.flags).not.toContain(
      'FORWARDABLE',
    );
    const asked = value(
      tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'HTTP/web01', forwardable: false }),
    );
    expect(asked.ticket.flags).not.toContain('FORWARDABLE');
  });

  it('RFC 4120 3.3: in one realm the KDC of the TGT answers alone — no referrals, for a service ticket or a forwarded TGT', () => {
    const tgt = tgtOf(patchedKdc, 'alice');
    expect(value(tgsExchange(patchedKdc, { tgt, service: 'HTTP/web01' })).referrals).toEqual([]);
    const fwd = value(tgsExchange(patchedKdc, { tgt, service: 'krbtgt/CORP.EXAMPLE', forwarded: true }));
    expect(fwd.referrals).toEqual([]);
    expect(refusal(tgsExchange(patchedKdc, { tgt, service: 'HTTP/nowhere' })).referrals).toBe(undefined);
  });

  it('sPNMappings: cifs/fs01 finds the account holding HOST/fs01', () => {
    expect(serviceTicket(patchedKdc, 'alice', 'cifs/fs01.corp.example').ticket.server.account).toBe('FS01$');
  });

  it('MS-DRSR 4.1.4.2.14 LookupSPN: an exact SPN wins; the HOST/ mapping is tried only when no account has it', () => {
    const kdc = createKdc(
      directory({
        domains: [{ dnsName: 'corp.example' }],
        accounts: [
          { kind: 'user', samAccountName: 'alice' },
          { kind: 'user', samAccountName: 'svc-web', servicePrincipalNames: ['HTTP/web01.corp.example'] },
          { kind: 'computer', samAccountName: 'WEB01', servicePrincipalNames: ['HOST/web01.corp.example'] },
        ],
      }),
    );
    expect(serviceTicket(kdc, 'alice', 'HTTP/web01.corp.example').ticket.server.account).toBe('svc-web');
    expect(serviceTicket(kdc, 'alice', 'cifs/web01.corp.example').ticket.server.account).toBe('WEB01$');
  });

  it('RFC 4120 7.5.9: an unknown SPN → KDC_ERR_S_PRINCIPAL_UNKNOWN (7)', () => {
    const e = refusal(tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'HTTP/nowhere' }));
    expect(e).toMatchObject({ code: 'KDC_ERR_S_PRINCIPAL_UNKNOWN', krb: 7, rule: 'tgs.service-unknown' });
  });

  it('KDC event 11: a duplicate SPN → KDC_ERR_S_PRINCIPAL_UNKNOWN, not KDC_ERR_PRINCIPAL_NOT_UNIQUE', () => {
    const e = refusal(
      tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'HTTP/dup.corp.example' }),
    );
    expect(e).toMatchObject({ code: 'KDC_ERR_S_PRINCIPAL_UNKNOWN', rule: 'tgs.spn-not-unique' });
    expect(e.message).toContain('CORP\\DUP1$');
  });

  it('an account without an SPN is no service, even by its sAMAccountName', () => {
    expect(refusal(tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'admin' })).code).toBe(
      'KDC_ERR_S_PRINCIPAL_UNKNOWN',
    );
    expect(
      value(tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'WEB01$' })).ticket.server
        .account,
    ).toBe('WEB01$');
  });

  it('RFC 4120 2.6: a forwarded TGT (0x60a10000) from a forwardable TGT; KDC_ERR_BADOPTION from a non-forwardable one', () => {
    const fwd = value(
      tgsExchange(patchedKdc, {
        tgt: tgtOf(patchedKdc, 'alice'),
        service: 'krbtgt/CORP.EXAMPLE',
        forwarded: true,
      }),
    );
    expect(fwd.ticket.origin).toBe('forwarded');
    expect(fwd.ticket.flags.reduce((m, f) => m | TICKET_FLAGS[f], 0) >>> 0).toBe(0x60a10000);
    const e = refusal(
      tgsExchange(patchedKdc, {
        tgt: tgtOf(patchedKdc, 'admin'),
        service: 'krbtgt/CORP.EXAMPLE',
        forwarded: true,
      }),
    );
    expect(e).toMatchObject({ code: 'KDC_ERR_BADOPTION', krb: 13, rule: 'tgs.forwarded-tgt' });
  });

  it('a service ticket from a forwarded TGT is FORWARDED too', () => {
    const fwd = value(
      tgsExchange(patchedKdc, {
        tgt: tgtOf(patchedKdc, 'alice'),
        service: 'krbtgt/CORP.EXAMPLE',
        forwarded: true,
      }),
    );
    const st = value(
      tgsExchange(patchedKdc, { tgt: fwd.ticket, service: 'MSSQLSvc/sql01.corp.example:1433' }),
    );
    expect(ticketFlagsRecord(st.ticket)).toMatchObject({ forwarded: true, forwardable: true });
  });

  it('a TGT cannot be tampered with: it no longer decrypts (KRB_AP_ERR_BAD_INTEGRITY)', () => {
    expect(refusal(tamperTicket(tgtOf(patchedKdc, 'admin'), { forwardable: true }))).toMatchObject({
      code: 'KRB_AP_ERR_BAD_INTEGRITY',
      krb: 31,
    });
    const forged = { ...tgtOf(patchedKdc, 'admin'), origin: 'tampered' as const };
    expect(refusal(tgsExchange(patchedKdc, { tgt: forged, service: 'HTTP/web01' })).code).toBe(
      'KRB_AP_ERR_BAD_INTEGRITY',
    );
  });

  it('throws for a programmer error: a service ticket passed as a TGT, krbtgt/ without forwarded', () => {
    const st = serviceTicket(patchedKdc, 'alice', 'HTTP/web01').ticket;
    expect(() => tgsExchange(patchedKdc, { tgt: st, service: 'HTTP/web02.corp.example' })).toThrow(
      /^tgsExchange: /,
    );
    expect(() =>
      tgsExchange(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'krbtgt/CORP.EXAMPLE' }),
    ).toThrow(/^tgsExchange: /);
  });

  it('every step of the explanation names its source', () => {
    for (const s of serviceTicket(patchedKdc, 'alice', 'HTTP/app01.corp.example').explanation) {
      expect(s.source).toMatch(/MS-|RFC|KB|Samba|CVE/);
    }
  });
});
