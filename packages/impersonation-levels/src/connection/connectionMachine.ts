import { and, assign, setup } from 'xstate';
import { connectionActions } from './connectionActions.js';
import { connectionGuards } from './connectionGuards.js';
import type { ConnectionContext, ConnectionEvent } from './connectionTypes.js';

const a = connectionActions;

/**
 * The level a server ends up with for one authenticated connection, as an xstate v5 machine.
 *
 * @remarks
 * It starts in `negotiation`; `'client.request'` moves it to the level the client allows
 * ({@link requestedLevel}); `'connection.authenticate'` applies the protocol — NTLM cannot delegate, Kerberos
 * delegates only when {@link kerberosDelegationDecision} forwards the TGT, Basic and CredSSP hand the server
 * the password, no authentication means ANONYMOUS LOGON; `'server.impersonate'` runs core-token's
 * impersonation check on the server's process token, which silently downgrades to Identification without
 * SeImpersonatePrivilege. States: `negotiation`, `anonymous`, `identification`, `impersonation`,
 * `delegation`; the context's `reasons` say why it landed where it did. Use {@link connectionLevel} to ask
 * the question in one call; the chart is {@link connectionChart}.
 *
 * @example
 * ```ts
 * import { initialTransition, transition } from 'xstate';
 * import { connectionMachine } from '@doublehop/impersonation-levels';
 *
 * let [s] = initialTransition(connectionMachine);
 * [s] = transition(connectionMachine, s, { type: 'client.request', request: { api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] } });
 * s.value; // 'delegation'
 * [s] = transition(connectionMachine, s, { type: 'connection.authenticate', protocol: 'negotiate-ntlm' });
 * s.value; // 'impersonation'
 * s.context.reasons.at(-1)?.code; // 'ntlm-cannot-delegate'
 * ```
 * @see Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels;
 * Client Impersonation, https://learn.microsoft.com/windows/win32/secauthz/client-impersonation
 */
export const connectionMachine = setup({
  types: {
    context: {} as ConnectionContext,
    events: {} as ConnectionEvent,
  },
  guards: connectionGuards,
  actions: {
    recordRequest: assign(a.recordRequest),
    recordProtocol: assign(a.recordProtocol),
    recordAnonymousLogon: assign(a.recordAnonymousLogon),
    recordPassword: assign(a.recordPassword),
    recordLocalNtlm: assign(a.recordLocalNtlm),
    recordDelegation: assign(a.recordDelegation),
    recordImpersonation: assign(a.recordImpersonation),
  },
}).createMachine({
  id: 'connection',
  initial: 'negotiation',
  context: {
    phase: 'negotiation',
    requested: null,
    local: false,
    protocol: null,
    identity: 'client',
    onward: 'none',
    reasons: [],
    impersonationCheck: null,
  },
  states: {
    negotiation: {
      on: {
        'client.request': [
          { guard: 'requestsAnonymous', target: 'anonymous', actions: 'recordRequest' },
          { guard: 'requestsIdentification', target: 'identification', actions: 'recordRequest' },
          { guard: 'requestsDelegation', target: 'delegation', actions: 'recordRequest' },
          { target: 'impersonation', actions: 'recordRequest' },
        ],
      },
    },
    anonymous: {
      on: {
        'connection.authenticate': [
          {
            guard: and(['awaitingAuthentication', 'anonymousProtocol']),
            target: 'anonymous',
            actions: 'recordAnonymousLogon',
          },
          {
            guard: and(['awaitingAuthentication', 'passwordProtocol']),
            target: 'delegation',
            actions: 'recordPassword',
          },
          { guard: 'awaitingAuthentication', actions: 'recordProtocol' },
        ],
        'server.impersonate': [{ guard: 'awaitingImpersonation', actions: 'recordImpersonation' }],
      },
    },
    identification: {
      on: {
        'connection.authenticate': [
          {
            guard: and(['awaitingAuthentication', 'anonymousProtocol']),
            target: 'anonymous',
            actions: 'recordAnonymousLogon',
          },
          {
            guard: and(['awaitingAuthentication', 'passwordProtocol']),
            target: 'delegation',
            actions: 'recordPassword',
          },
          { guard: 'awaitingAuthentication', actions: 'recordProtocol' },
        ],
        'server.impersonate': [{ guard: 'awaitingImpersonation', actions: 'recordImpersonation' }],
      },
    },
    impersonation: {
      on: {
        'connection.authenticate': [
          {
            guard: and(['awaitingAuthentication', 'anonymousProtocol']),
            target: 'anonymous',
            actions: 'recordAnonymousLogon',
          },
          {
            guard: and(['awaitingAuthentication', 'passwordProtocol']),
            target: 'delegation',
            actions: 'recordPassword',
          },
          { guard: 'awaitingAuthentication', actions: 'recordProtocol' },
        ],
        'server.impersonate': [
          {
            guard: and(['awaitingImpersonation', 'impersonationDowngraded']),
            target: 'identification',
            actions: 'recordImpersonation',
          },
          { guard: 'awaitingImpersonation', actions: 'recordImpersonation' },
        ],
      },
    },
    delegation: {
      on: {
        'connection.authenticate': [
          {
            guard: and(['awaitingAuthentication', 'anonymousProtocol']),
            target: 'anonymous',
            actions: 'recordAnonymousLogon',
          },
          {
            guard: and(['awaitingAuthentication', 'passwordProtocol']),
            target: 'delegation',
            actions: 'recordPassword',
          },
          {
            guard: and(['awaitingAuthentication', 'localNtlm']),
            target: 'delegation',
            actions: 'recordLocalNtlm',
          },
          {
            guard: and(['awaitingAuthentication', 'tgtForwarded']),
            target: 'delegation',
            actions: 'recordDelegation',
          },
          { guard: 'awaitingAuthentication', target: 'impersonation', actions: 'recordDelegation' },
        ],
        'server.impersonate': [
          {
            guard: and(['awaitingImpersonation', 'impersonationDowngraded']),
            target: 'identification',
            actions: 'recordImpersonation',
          },
          { guard: 'awaitingImpersonation', actions: 'recordImpersonation' },
        ],
      },
    },
  },
});
