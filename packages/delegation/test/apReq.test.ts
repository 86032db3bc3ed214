import { describe, expect, it } from 'vitest';
import { apReqDelegation, tgsExchange } from '../src/index.js';
import { patchedKdc, refusal, serviceTicket, tgtOf, value } from './fixtures.js';

describe('apReqDelegation (MS-KILE 3.2.5.1, via kerberosDelegationDecision)', () => {
  it('forwards the TGT to an OK-AS-DELEGATE service when delegation is requested', () => {
    const r = value(
      apReqDelegation(patchedKdc, {
        tgt: tgtOf(patchedKdc, 'alice'),
        service: 'HTTP/app01.corp.example',
        delegate: true,
      }),
    );
    expect(r.decision).toMatchObject({ forwardedTgt: true, reason: 'forwarded' });
    expect(r.forwardedTgt?.origin).toBe('forwarded');
    expect(r.ticket.server.account).toBe('APP01$');
    expect(r.explanation.map((s) => s.rule)).toEqual(
      expect.arrayContaining(['apreq.delegation-decision', 'tgs.forwarded-tgt']),
    );
  });

  it('does not forward to a service that is not trusted for delegation', () => {
    const r = value(
      apReqDelegation(patchedKdc, { tgt: tgtOf(patchedKdc, 'alice'), service: 'HTTP/web01', delegate: true }),
    );
    expect(r).toMatchObject({ forwardedTgt: null, decision: { reason: 'ok-as-delegate-not-set' } });
  });

  it("does not forward when the client did not ask, nor with Credential Guard, nor a sensitive user's TGT", () => {
    const ask = (client: string, delegate: boolean, credentialGuard = false) =>
      value(
        apReqDelegation(patchedKdc, {
          tgt: tgtOf(patchedKdc, client),
          service: 'HTTP/app01.corp.example',
          delegate,
          credentialGuard,
        }),
      ).decision.reason;
    expect(ask('alice', false)).toBe('client-did-not-request');
    expect(ask('alice', true, true)).toBe('credential-guard-blocks-tgt-delegation');
    expect(ask('admin', true)).toBe('tgt-not-forwardable');
    expect(ask('pu', true)).toBe('tgt-not-forwardable');
  });

  it('uses a service ticket the client already holds', () => {
    const held = serviceTicket(patchedKdc, 'alice', 'HTTP/app01.corp.example').ticket;
    const r = value(
      apReqDelegation(patchedKdc, {
        tgt: tgtOf(patchedKdc, 'alice'),
        service: 'HTTP/app01.corp.example',
        delegate: true,
        serviceTicket: held,
      }),
    );
    expect(r.ticket).toBe(held);
  });

  it("passes the KDC's refusal of the service ticket through", () => {
    expect(
      refusal(
        apReqDelegation(patchedKdc, {
          tgt: tgtOf(patchedKdc, 'alice'),
          service: 'HTTP/none',
          delegate: true,
        }),
      ).code,
    ).toBe('KDC_ERR_S_PRINCIPAL_UNKNOWN');
  });

  it('the server can use the forwarded TGT for a second hop as the user', () => {
    const r = value(
      apReqDelegation(patchedKdc, {
        tgt: tgtOf(patchedKdc, 'alice'),
        service: 'HTTP/app01.corp.example',
        delegate: true,
      }),
    );
    const second = value(
      tgsExchange(patchedKdc, {
        tgt: r.forwardedTgt ?? tgtOf(patchedKdc, 'alice'),
        service: 'cifs/fs01.corp.example',
      }),
    );
    expect(second.ticket.client.name).toBe('alice');
    expect(second.ticket.flags).toContain('FORWARDED');
  });
});
