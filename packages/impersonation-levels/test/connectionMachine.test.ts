import { IMPERSONATION_LEVELS, sid, token, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { type ConnectionInput, connectionLevel, connectionMachine } from '@doublehop/impersonation-levels';
import { connectionInputArbitrary } from '@doublehop/impersonation-levels/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { serviceToken } from './fixtures.js';

const rank = (level: string) => IMPERSONATION_LEVELS.indexOf(level as never);

/** The oracle: a connection run through xstate's own pure transition(), event by event. */
function throughTransition(input: ConnectionInput) {
  let [s] = initialTransition(connectionMachine);
  [s] = transition(connectionMachine, s, {
    type: 'client.request',
    request: input.request,
    local: input.local ?? false,
  });
  [s] = transition(connectionMachine, s, {
    type: 'connection.authenticate',
    protocol: input.protocol,
    okAsDelegate: input.okAsDelegate ?? false,
    tgtForwardable: input.tgtForwardable ?? true,
    credentialGuard: input.credentialGuard ?? false,
  });
  if (input.server !== undefined) {
    [s] = transition(connectionMachine, s, {
      type: 'server.impersonate',
      server: input.server,
      ...(input.client === undefined ? {} : { client: input.client }),
      ...(input.uacEnabled === undefined ? {} : { uacEnabled: input.uacEnabled }),
    });
  }
  return s;
}
const iis = serviceToken(true);
const delegate = { api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] } as const;
const codes = (input: ConnectionInput) => connectionLevel(input).reasons.map((r) => r.code);

describe('connectionMachine', () => {
  it('walks negotiation → requested level → protocol → server impersonation through pure transition()', () => {
    let [s] = initialTransition(connectionMachine);
    expect(s.value).toBe('negotiation');
    [s] = transition(connectionMachine, s, { type: 'client.request', request: delegate });
    expect(s.value).toBe('delegation');
    [s] = transition(connectionMachine, s, {
      type: 'connection.authenticate',
      protocol: 'kerberos',
      okAsDelegate: true,
    });
    expect(s.value).toBe('delegation');
    expect(s.context.onward).toBe('forwarded-tgt');
    [s] = transition(connectionMachine, s, { type: 'server.impersonate', server: iis });
    expect(s.value).toBe('delegation');
    expect(s.context.impersonationCheck?.rule).toBe('seImpersonatePrivilege');
  });

  it('takes each event once, in order: a second handshake or an early impersonation changes nothing', () => {
    let [s] = initialTransition(connectionMachine);
    [s] = transition(connectionMachine, s, { type: 'server.impersonate', server: iis });
    expect(s.value).toBe('negotiation');
    [s] = transition(connectionMachine, s, { type: 'client.request', request: delegate });
    [s] = transition(connectionMachine, s, { type: 'server.impersonate', server: serviceToken(false) });
    expect(s.value).toBe('delegation');
    [s] = transition(connectionMachine, s, { type: 'connection.authenticate', protocol: 'ntlm' });
    const again = transition(connectionMachine, s, { type: 'connection.authenticate', protocol: 'basic' })[0];
    expect(again.value).toBe('impersonation');
    expect(again.context.reasons).toEqual(s.context.reasons);
  });
});

describe('connectionLevel', () => {
  it('MS-KILE 3.2.5.1: Kerberos + ISC_REQ_DELEGATE + OK-AS-DELEGATE → Delegation with a forwarded TGT', () => {
    const r = connectionLevel({ request: delegate, protocol: 'kerberos', okAsDelegate: true, server: iis });
    expect(r).toMatchObject({
      level: 'Delegation',
      identity: 'client',
      requested: 'Delegation',
      onward: 'forwarded-tgt',
    });
    expect(codes({ request: delegate, protocol: 'kerberos', okAsDelegate: true })).toEqual([
      'client-requested-delegate',
      'forwarded',
    ]);
  });

  it('MS-NLMP: Negotiate fell back to NTLM → Impersonation, and the onward hop has nothing', () => {
    const r = connectionLevel({
      request: delegate,
      protocol: 'negotiate-ntlm',
      okAsDelegate: true,
      server: iis,
    });
    expect(r).toMatchObject({ level: 'Impersonation', onward: 'none' });
    expect(r.reasons.at(-1)).toMatchObject({ code: 'ntlm-cannot-delegate', level: 'Impersonation' });
  });

  it('the Kerberos client refuses for its reasons: OK-AS-DELEGATE, FORWARDABLE, Credential Guard', () => {
    expect(codes({ request: delegate, protocol: 'kerberos' }).at(-1)).toBe('ok-as-delegate-not-set');
    expect(
      codes({ request: delegate, protocol: 'kerberos', okAsDelegate: true, tgtForwardable: false }).at(-1),
    ).toBe('tgt-not-forwardable');
    expect(
      codes({ request: delegate, protocol: 'kerberos', okAsDelegate: true, credentialGuard: true }).at(-1),
    ).toBe('credential-guard-blocks-tgt-delegation');
  });

  it('CoSetProxyBlanket: NTLM supports delegate-level impersonation on the same computer', () => {
    const rpc = { api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_DELEGATE' } as const;
    expect(connectionLevel({ request: rpc, protocol: 'ntlm', local: true })).toMatchObject({
      level: 'Delegation',
      onward: 'logon-session',
    });
    expect(connectionLevel({ request: rpc, protocol: 'ntlm' }).level).toBe('Impersonation');
  });

  it('ISC_REQ_IDENTIFY keeps Identification whatever the protocol does', () => {
    const r = connectionLevel({
      request: { api: 'sspi', flags: ['ISC_REQ_IDENTIFY'] },
      protocol: 'kerberos',
      server: iis,
    });
    expect(r.level).toBe('Identification');
    expect(r.reasons.map((x) => x.code)).toEqual(['client-requested-identify']);
  });

  it('Basic and CredSSP hand the server the password: Delegation with password credentials', () => {
    const none = { api: 'sspi', flags: [] } as const;
    expect(connectionLevel({ request: none, protocol: 'basic' })).toMatchObject({
      level: 'Delegation',
      onward: 'password',
    });
    expect(codes({ request: none, protocol: 'credssp' }).at(-1)).toBe('credssp-credentials');
  });

  it('Basic: the server made the logon itself (LogonUser), so it may impersonate it without SeImpersonatePrivilege', () => {
    const app = token({ user: sid('S-1-5-21-1-2-3-2001'), type: 'primary', authenticationId: 0x1234 });
    const r = connectionLevel({ request: { api: 'sspi', flags: [] }, protocol: 'basic', server: app });
    expect(r.level).toBe('Delegation');
    expect(r.impersonationCheck?.rule).toBe('originIsCallerLogonSession');
  });

  it('no authentication: NT AUTHORITY\\ANONYMOUS LOGON, level anonymous', () => {
    const r = connectionLevel({ request: { api: 'sspi', flags: [] }, protocol: 'anonymous', server: iis });
    expect(r).toMatchObject({ level: 'Anonymous', identity: 'anonymous-logon' });
  });

  it('ImpersonateLoggedOnUser remarks: without SeImpersonatePrivilege the server silently gets Identification', () => {
    const r = connectionLevel({
      request: delegate,
      protocol: 'kerberos',
      okAsDelegate: true,
      server: serviceToken(false),
    });
    expect(r.level).toBe('Identification');
    expect(r.reasons.at(-1)).toMatchObject({ code: 'no-impersonate-privilege', detail: 'differentUser' });
  });

  it('Impersonation Levels (Authorization): a remote named pipe gets Delegation only from a server trusted for delegation', () => {
    const pipe = { api: 'named-pipe', sqos: 'SECURITY_IDENTIFICATION' } as const;
    expect(connectionLevel({ request: pipe, protocol: 'kerberos', okAsDelegate: true }).level).toBe(
      'Delegation',
    );
    expect(connectionLevel({ request: pipe, protocol: 'kerberos' }).level).toBe('Impersonation');
    expect(connectionLevel({ request: pipe, protocol: 'kerberos', local: true }).level).toBe(
      'Identification',
    );
  });

  describe('properties', () => {
    it('the level never exceeds what the client allowed, and the reasons end at the level', () => {
      fc.assert(
        fc.property(connectionInputArbitrary(), (input) => {
          const r = connectionLevel(input);
          expect(rank(r.level)).toBeLessThanOrEqual(rank(r.requested));
          expect(r.reasons.at(-1)?.level).toBe(r.level);
        }),
      );
    });

    it('connectionLevel’s shared-scope path agrees with xstate’s transition(), state and context', () => {
      fc.assert(
        fc.property(connectionInputArbitrary(), (input) => {
          const s = throughTransition(input);
          const r = connectionLevel(input);
          expect(r.reasons).toEqual(s.context.reasons);
          expect(r.level.toLowerCase()).toBe(s.value);
          expect(r.impersonationCheck).toEqual(s.context.impersonationCheck);
        }),
        { numRuns: 60 },
      );
    });

    it('remembering the step by its impersonation check agrees with transition(), for any client, server and UAC', () => {
      // The step after 'server.impersonate' is remembered by core-token's check of the two tokens; random server
      // and client tokens (same or another user, integrity, elevation, SeImpersonatePrivilege, SeTcbPrivilege)
      // and UAC settings, each seen several times over, must give what xstate's transition() gives.
      const users = [
        WELL_KNOWN_SIDS.NETWORK_SERVICE.sid,
        sid('S-1-5-21-1-2-3-1104'),
        sid('S-1-5-21-1-2-3-1105'),
      ];
      const levels = [
        WELL_KNOWN_SIDS.LOW_INTEGRITY.sid,
        WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid,
        WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
        WELL_KNOWN_SIDS.SYSTEM_INTEGRITY.sid,
      ];
      const tokenArb = (type: 'primary' | 'impersonation') =>
        fc
          .record({
            user: fc.constantFrom(...users),
            integrityLevel: fc.constantFrom(...levels),
            privileges: fc.subarray(['SeImpersonatePrivilege', 'SeTcbPrivilege'] as const),
            elevationType: fc.constantFrom('default', 'full', 'limited' as const),
          })
          .map((t) => token({ ...t, privileges: [...t.privileges], type }));
      fc.assert(
        fc.property(
          connectionInputArbitrary(),
          tokenArb('primary'),
          fc.option(tokenArb('impersonation'), { nil: undefined }),
          fc.option(fc.boolean(), { nil: undefined }),
          (input, server, client, uacEnabled) => {
            const full: ConnectionInput = {
              ...input,
              server,
              ...(client === undefined ? {} : { client }),
              ...(uacEnabled === undefined ? {} : { uacEnabled }),
            };
            const s = throughTransition(full);
            for (let again = 0; again < 2; again++) {
              const r = connectionLevel(full);
              expect(r.level.toLowerCase()).toBe(s.value);
              expect(r.reasons).toEqual(s.context.reasons);
              expect(r.impersonationCheck).toEqual(s.context.impersonationCheck);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('NTLM never yields Delegation between machines', () => {
      fc.assert(
        fc.property(
          connectionInputArbitrary(),
          fc.constantFrom('ntlm', 'negotiate-ntlm' as const),
          (input, protocol) => {
            expect(connectionLevel({ ...input, protocol, local: false }).level).not.toBe('Delegation');
          },
        ),
      );
    });

    it('removing SeImpersonatePrivilege never raises the level', () => {
      fc.assert(
        fc.property(connectionInputArbitrary(), (input) => {
          const withPrivilege = connectionLevel({ ...input, server: serviceToken(true) });
          const without = connectionLevel({ ...input, server: serviceToken(false) });
          expect(rank(without.level)).toBeLessThanOrEqual(rank(withPrivilege.level));
        }),
      );
    });
  });
});
