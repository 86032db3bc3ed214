import {
  type KerberosDelegationInput,
  kerberosDelegationDecision,
  NEGOTIATED_PROTOCOLS,
} from '@doublehop/impersonation-levels';
import { kerberosDelegationInputArbitrary } from '@doublehop/impersonation-levels/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const all: KerberosDelegationInput = {
  requested: true,
  okAsDelegate: true,
  tgtForwardable: true,
  credentialGuard: false,
  protocol: 'kerberos',
};

describe('kerberosDelegationDecision', () => {
  it('MS-KILE 3.2.5.1: ISC_REQ_DELEGATE + OK-AS-DELEGATE + a FORWARDABLE TGT → a forwarded TGT in the AP-REQ', () => {
    expect(kerberosDelegationDecision(all)).toMatchObject({ forwardedTgt: true, reason: 'forwarded' });
    expect(kerberosDelegationDecision(all).source).toMatch(/MS-KILE 3\.2\.5\.1/);
  });

  it('MS-NLMP: NTLM, asked for or as Negotiate’s fallback, cannot delegate', () => {
    for (const protocol of ['ntlm', 'negotiate-ntlm'] as const) {
      expect(kerberosDelegationDecision({ ...all, protocol })).toMatchObject({
        forwardedTgt: false,
        reason: 'ntlm-cannot-delegate',
      });
    }
  });

  it('Basic, CredSSP and anonymous send no AP-REQ: not-kerberos', () => {
    for (const protocol of ['basic', 'credssp', 'anonymous'] as const) {
      expect(kerberosDelegationDecision({ ...all, protocol }).reason).toBe('not-kerberos');
    }
  });

  it('InitializeSecurityContext (Kerberos): without ISC_REQ_DELEGATE nothing is forwarded', () => {
    expect(kerberosDelegationDecision({ ...all, requested: false }).reason).toBe('client-did-not-request');
  });

  it('MS-KILE 3.2.5.1: "does not forward the ticket unless … OK-AS-DELEGATE"', () => {
    expect(kerberosDelegationDecision({ ...all, okAsDelegate: false }).reason).toBe('ok-as-delegate-not-set');
  });

  it('MS-KILE 3.3.5.1: a sensitive or Protected Users account has no FORWARDABLE TGT', () => {
    const d = kerberosDelegationDecision({ ...all, tgtForwardable: false });
    expect(d.reason).toBe('tgt-not-forwardable');
    expect(d.source).toMatch(/RFC 4120 2\.6/);
  });

  it('Credential Guard considerations: no unconstrained delegation from a Credential Guard client', () => {
    expect(kerberosDelegationDecision({ ...all, credentialGuard: true }).reason).toBe(
      'credential-guard-blocks-tgt-delegation',
    );
  });

  it('reports the first failing rule in the documented order', () => {
    expect(
      kerberosDelegationDecision({
        requested: false,
        okAsDelegate: false,
        tgtForwardable: false,
        credentialGuard: true,
        protocol: 'kerberos',
      }).reason,
    ).toBe('client-did-not-request');
    expect(kerberosDelegationDecision({ ...all, okAsDelegate: false, credentialGuard: true }).reason).toBe(
      'ok-as-delegate-not-set',
    );
    expect(kerberosDelegationDecision({ ...all, tgtForwardable: false, credentialGuard: true }).reason).toBe(
      'tgt-not-forwardable',
    );
  });

  describe('properties', () => {
    it('forwards exactly when every condition holds', () => {
      fc.assert(
        fc.property(kerberosDelegationInputArbitrary(), (input) => {
          const expected =
            input.protocol === 'kerberos' &&
            input.requested &&
            input.okAsDelegate &&
            input.tgtForwardable &&
            !input.credentialGuard;
          const d = kerberosDelegationDecision(input);
          expect(d.forwardedTgt).toBe(expected);
          expect(d.forwardedTgt).toBe(d.reason === 'forwarded');
        }),
      );
    });

    it('only Kerberos ever forwards', () => {
      for (const protocol of NEGOTIATED_PROTOCOLS) {
        expect(kerberosDelegationDecision({ ...all, protocol }).forwardedTgt).toBe(protocol === 'kerberos');
      }
    });
  });
});
