import { directory } from '@doublehop/logon';
import { describe, expect, it } from 'vitest';
import { createKdc, s4u2self, ticketFlagsRecord } from '../src/index.js';
import { corpInit, patchedKdc, refusal, tgtOf, value } from './fixtures.js';

/** S4U2Self by `service` for `user`, on a KDC over corp.example plus `extra` accounts. */
function selfTicket(
  service: string,
  user: string,
  options: { forwardable?: boolean; serviceTgtForwardable?: boolean } = {},
) {
  const tgt = tgtOf(patchedKdc, service, options.serviceTgtForwardable ?? true);
  return s4u2self(patchedKdc, {
    serviceTgt: tgt,
    user,
    ...(options.forwardable === undefined ? {} : { forwardable: options.forwardable }),
  });
}

describe('s4u2self (MS-SFU 3.2.5.1.2, mirroring Samba s4u_tests)', () => {
  it('test_s4u2self_trusted_nonempty_allowed: TRUSTED_TO_AUTH_FOR_DELEGATION with a list → FORWARDABLE', () => {
    expect(ticketFlagsRecord(value(selfTicket('WEB03$', 'alice')).ticket).forwardable).toBe(true);
  });

  it('test_s4u2self_not_trusted_nonempty_allowed: "Kerberos only" KCD → not FORWARDABLE', () => {
    const r = value(selfTicket('WEB02$', 'alice'));
    expect(ticketFlagsRecord(r.ticket).forwardable).toBe(false);
    expect(r.explanation.find((s) => s.rule === 's4u2self.forwardable')?.detail).toContain('Kerberos only');
  });

  it('test_s4u2self_not_trusted_empty_allowed: no delegation settings at all → FORWARDABLE', () => {
    expect(ticketFlagsRecord(value(selfTicket('WEB01$', 'alice')).ticket).forwardable).toBe(true);
  });

  it('test_s4u2self_trusted_empty_allowed: TRUSTED_TO_AUTH_FOR_DELEGATION without a list → FORWARDABLE', () => {
    const kdc = createKdc(
      directory({
        ...corpInit,
        accounts: [
          ...(corpInit.accounts ?? []),
          {
            kind: 'computer',
            samAccountName: 'T2A',
            servicePrincipalNames: ['HTTP/t2a'],
            trustedToAuthForDelegation: true,
          },
        ],
      }),
    );
    expect(
      ticketFlagsRecord(value(s4u2self(kdc, { serviceTgt: tgtOf(kdc, 'T2A$'), user: 'alice' })).ticket)
        .forwardable,
    ).toBe(true);
  });

  it('test_s4u2self_client_not_delegated: a NOT_DELEGATED user → not FORWARDABLE (MS-SFU 3.2.5.1.2 <17>)', () => {
    expect(ticketFlagsRecord(value(selfTicket('WEB03$', 'admin')).ticket).forwardable).toBe(false);
  });

  it('MS-KILE 3.3.5.1: a Protected Users member → not FORWARDABLE', () => {
    expect(ticketFlagsRecord(value(selfTicket('WEB03$', 'pu')).ticket).forwardable).toBe(false);
  });

  it('test_s4u2self_not_forwardable: a non-forwardable service TGT → not FORWARDABLE', () => {
    expect(
      ticketFlagsRecord(value(selfTicket('WEB03$', 'alice', { serviceTgtForwardable: false })).ticket)
        .forwardable,
    ).toBe(false);
  });

  it('test_s4u2self_without_forwardable: FORWARDABLE not requested → not FORWARDABLE', () => {
    expect(
      ticketFlagsRecord(value(selfTicket('WEB03$', 'alice', { forwardable: false })).ticket).forwardable,
    ).toBe(false);
  });

  it("MS-SFU 3.2.5.1.2: the PAC asserts S-1-18-2, never S-1-18-1; the ticket is the user's, to the service", () => {
    const { ticket } = value(selfTicket('WEB03$', 'alice'));
    expect(ticket.pac.assertedIdentity.text).toBe('S-1-18-2');
    expect(ticket.client.name).toBe('alice');
    expect(ticket.server).toMatchObject({ account: 'WEB03$', spn: 'HTTP/web03.corp.example' });
    expect(ticket.origin).toBe('s4u2self');
    expect(ticket.pac.ticketSignature).not.toBeNull();
  });

  it('MS-SFU 3.2.5.1: an sname of another account → KRB_AP_ERR_BADMATCH (36)', () => {
    const e = refusal(
      s4u2self(patchedKdc, { serviceTgt: tgtOf(patchedKdc, 'WEB03$'), user: 'alice', service: 'HTTP/web01' }),
    );
    expect(e).toMatchObject({ code: 'KRB_AP_ERR_BADMATCH', krb: 36, rule: 's4u2self.wrong-sname' });
    const own = value(
      s4u2self(patchedKdc, { serviceTgt: tgtOf(patchedKdc, 'WEB01$'), user: 'alice', service: 'HTTP/web01' }),
    );
    expect(own.ticket.server.spn).toBe('HTTP/web01');
  });

  it('an account without an SPN cannot use S4U2Self: KDC_ERR_S_PRINCIPAL_UNKNOWN', () => {
    expect(
      refusal(s4u2self(patchedKdc, { serviceTgt: tgtOf(patchedKdc, 'alice'), user: 'admin' })),
    ).toMatchObject({
      code: 'KDC_ERR_S_PRINCIPAL_UNKNOWN',
      rule: 's4u2self.requester-has-no-spn',
    });
  });

  it('an unknown user → KDC_ERR_C_PRINCIPAL_UNKNOWN; a disabled one → KDC_ERR_CLIENT_REVOKED', () => {
    expect(refusal(selfTicket('WEB03$', 'ghost')).code).toBe('KDC_ERR_C_PRINCIPAL_UNKNOWN');
    expect(refusal(selfTicket('WEB03$', 'off')).code).toBe('KDC_ERR_CLIENT_REVOKED');
  });

  it('OK-AS-DELEGATE when the service itself is TRUSTED_FOR_DELEGATION', () => {
    expect(ticketFlagsRecord(value(selfTicket('APP01$', 'alice')).ticket).okAsDelegate).toBe(true);
  });
});
