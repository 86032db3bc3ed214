import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { asExchange, createKdc, TICKET_FLAGS, ticketFlagsRecord } from '../src/index.js';
import { corpSid, patchedKdc, refusal, tgtOf, value } from './fixtures.js';

describe('asExchange', () => {
  it('issues an ordinary user a TGT with the flags klist shows as 0x40e10000 (MS-KILE 3.1.5.4)', () => {
    const tgt = tgtOf(patchedKdc, 'alice');
    const mask = tgt.flags.reduce((m, f) => m | TICKET_FLAGS[f], 0) >>> 0;
    expect(mask).toBe(0x40e10000);
    expect(tgt.kind).toBe('tgt');
    expect(tgt.server.spn).toBe('krbtgt/CORP.EXAMPLE');
    expect(tgt.client).toMatchObject({ name: 'alice', realm: 'CORP.EXAMPLE' });
    expect(tgt.client.sid).toBe(corpSid(1101));
  });

  it('puts S-1-18-1 and the groups in the PAC, and no ticket signature on a TGT (MS-PAC 2.8.3)', () => {
    const { pac } = tgtOf(patchedKdc, 'alice');
    expect(pac.assertedIdentity.text).toBe('S-1-18-1');
    expect(pac.groups.map((g) => g.sid.text)).toContain('S-1-5-21-1-2-3-513');
    expect(pac.ticketSignature).toBeNull();
    expect(pac.notDelegated).toBe(false);
  });

  it('MS-KILE 3.3.5.1: a NOT_DELEGATED account gets a TGT, but not FORWARDABLE', () => {
    const r = value(asExchange(patchedKdc, { client: 'admin' }));
    expect(ticketFlagsRecord(r.ticket).forwardable).toBe(false);
    expect(r.ticket.pac.notDelegated).toBe(true);
    expect(r.explanation.map((s) => [s.rule, s.outcome])).toContainEqual([
      'kile.delegation-not-allowed',
      'applied',
    ]);
  });

  it('MS-KILE 3.3.5.1 / Samba protected_users_tests test_forwardable_as_protected: Protected Users get no FORWARDABLE TGT', () => {
    expect(ticketFlagsRecord(tgtOf(patchedKdc, 'pu')).forwardable).toBe(false);
  });

  it('Samba test_proxiable_as_protected: no PROXIABLE for Protected Users, PROXIABLE for others when asked', () => {
    expect(value(asExchange(patchedKdc, { client: 'pu', proxiable: true })).ticket.flags).not.toContain(
      'PROXIABLE',
    );
    expect(value(asExchange(patchedKdc, { client: 'alice', proxiable: true })).ticket.flags).toContain(
      'PROXIABLE',
    );
  });

  it('MS-KILE 3.3.5.1: Protected Users is enforced only at domain functional level 2012 R2 (6) or higher', () => {
    const kdc = createKdc(
      directory({
        domains: [{ dnsName: 'old.example', functionalLevel: 5 }],
        accounts: [{ kind: 'user', samAccountName: 'pu', memberOf: ['Protected Users'] }],
      }),
    );
    expect(ticketFlagsRecord(tgtOf(kdc, 'pu')).forwardable).toBe(true);
  });

  it('a TGT is not FORWARDABLE when not asked for', () => {
    expect(ticketFlagsRecord(tgtOf(patchedKdc, 'alice', false)).forwardable).toBe(false);
  });

  it('RFC 4120 7.5.9: unknown client → KDC_ERR_C_PRINCIPAL_UNKNOWN (6); a group is no client', () => {
    expect(refusal(asExchange(patchedKdc, { client: 'nobody' }))).toMatchObject({
      code: 'KDC_ERR_C_PRINCIPAL_UNKNOWN',
      krb: 6,
      rule: 'as.client-unknown',
    });
    expect(refusal(asExchange(patchedKdc, { client: 'Domain Users' })).code).toBe(
      'KDC_ERR_C_PRINCIPAL_UNKNOWN',
    );
  });

  it('RFC 4120 7.5.9: a disabled account → KDC_ERR_CLIENT_REVOKED (18) with STATUS_ACCOUNT_DISABLED', () => {
    expect(refusal(asExchange(patchedKdc, { client: 'off' }))).toMatchObject({
      code: 'KDC_ERR_CLIENT_REVOKED',
      krb: 18,
      ntstatus: 'STATUS_ACCOUNT_DISABLED',
      source: expect.stringContaining('RFC 4120'),
    });
  });

  it('MS-KILE 3.1.5.4: DONT_REQ_PREAUTH → no PRE-AUTHENT', () => {
    const kdc = createKdc(
      directory({
        domains: [{ dnsName: 'corp.example' }],
        accounts: [{ kind: 'user', samAccountName: 'roast', userAccountControl: 0x200 | 0x400000 }],
      }),
    );
    expect(tgtOf(kdc, 'roast').flags).not.toContain('PRE-AUTHENT');
  });
});
