import { assign, setup } from 'xstate';
import { threadActions } from './threadActions.js';
import { threadGuards } from './threadGuards.js';
import type { ThreadContext, ThreadEvent, ThreadInput } from './threadTypes.js';

const a = threadActions;

/**
 * One server thread over time, as an xstate v5 machine: acting as its process, impersonating a client at a
 * level, reverted — and what each operation does at each level.
 *
 * @remarks
 * States: `process` (the thread acts with the process token), `client` with one child per level
 * (`anonymous`, `identification`, `impersonation`, `delegation` — the level the thread *really* has, after
 * core-token's impersonation check), and `reverted` (after RevertToSelf). Events (see {@link ThreadEvent}):
 * `'thread.impersonate'`, `'token.duplicate'` (never upward: core-token's duplication rules),
 * `'thread.revert'`, `'object.open'` (fails below Impersonation with ERROR_BAD_IMPERSONATION_LEVEL, else
 * core-token's access check decides), `'ticket.obtain'` (a constrained-delegation ticket from the delegation
 * package) and `'remote.connect'` (as the client with Delegation-level credentials or a constrained ticket;
 * otherwise as the service's own account when not impersonating, or as NT AUTHORITY\ANONYMOUS LOGON — the
 * NTLM double hop). Every outcome is in `context.last`; nothing throws. The chart is {@link threadChart}.
 *
 * @example
 * ```ts
 * import { initialTransition, transition } from 'xstate';
 * import { sid, token } from '@doublehop/core-token';
 * import { createLsa, logonSession, machine } from '@doublehop/logon';
 * import { threadMachine } from '@doublehop/impersonation-levels';
 *
 * const lsa = createLsa(machine({ name: 'WEB01', role: 'server' }));
 * const system = logonSession(lsa, 0x3e7);
 * if (system !== undefined) {
 *   let [s] = initialTransition(threadMachine, { session: system });
 *   [s] = transition(threadMachine, s, { type: 'thread.impersonate', token: token({ user: sid('S-1-5-21-1-2-3-1104') }) });
 *   s.value; // { client: 'impersonation' }
 *   [s] = transition(threadMachine, s, { type: 'remote.connect', service: 'MSSQLSvc/sql01:1433' });
 *   s.context.last; // { ok: true, remote: { name: 'NT AUTHORITY\\ANONYMOUS LOGON', reason: 'ntlm-double-hop' } }
 * }
 * ```
 * @see Client Impersonation, https://learn.microsoft.com/windows/win32/secauthz/client-impersonation;
 * Impersonation Levels (Authorization), https://learn.microsoft.com/windows/win32/secauthz/impersonation-levels
 */
export const threadMachine = setup({
  types: {
    context: {} as ThreadContext,
    events: {} as ThreadEvent,
    input: {} as ThreadInput,
  },
  guards: threadGuards,
  actions: {
    recordImpersonate: assign(a.recordImpersonate),
    recordDuplicate: assign(a.recordDuplicate),
    recordRevert: assign(a.recordRevert),
    recordOpen: assign(a.recordOpen),
    recordTicket: assign(a.recordTicket),
    recordConnect: assign(a.recordConnect),
  },
}).createMachine({
  id: 'thread',
  initial: 'process',
  context: ({ input }) => ({
    session: input.session,
    uacEnabled: input.uacEnabled ?? true,
    impersonation: null,
    last: null,
  }),
  on: {
    'thread.impersonate': [
      {
        guard: { type: 'impersonatesAt', params: { level: 'Anonymous' } },
        target: '.client.anonymous',
        actions: 'recordImpersonate',
      },
      {
        guard: { type: 'impersonatesAt', params: { level: 'Identification' } },
        target: '.client.identification',
        actions: 'recordImpersonate',
      },
      {
        guard: { type: 'impersonatesAt', params: { level: 'Delegation' } },
        target: '.client.delegation',
        actions: 'recordImpersonate',
      },
      { target: '.client.impersonation', actions: 'recordImpersonate' },
    ],
    'token.duplicate': { actions: 'recordDuplicate' },
    'thread.revert': { target: '.reverted', actions: 'recordRevert' },
    'object.open': { actions: 'recordOpen' },
    'ticket.obtain': { actions: 'recordTicket' },
    'remote.connect': { actions: 'recordConnect' },
  },
  states: {
    process: {
      on: { 'thread.revert': { actions: 'recordRevert' } },
    },
    /** The thread impersonates a client, with one child state per level it really has. */
    client: {
      // xstate needs an initial child; every transition into `client` names its level.
      initial: 'impersonation',
      on: {
        'token.duplicate': [
          {
            guard: { type: 'duplicatesTo', params: { level: 'Anonymous' } },
            target: '.anonymous',
            actions: 'recordDuplicate',
          },
          {
            guard: { type: 'duplicatesTo', params: { level: 'Identification' } },
            target: '.identification',
            actions: 'recordDuplicate',
          },
          {
            guard: { type: 'duplicatesTo', params: { level: 'Impersonation' } },
            target: '.impersonation',
            actions: 'recordDuplicate',
          },
          {
            guard: { type: 'duplicatesTo', params: { level: 'Delegation' } },
            target: '.delegation',
            actions: 'recordDuplicate',
          },
          { actions: 'recordDuplicate' },
        ],
      },
      states: {
        anonymous: {},
        identification: {},
        impersonation: {},
        delegation: {},
      },
    },
    reverted: {},
  },
});
