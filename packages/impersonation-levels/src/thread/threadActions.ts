import { win32Error } from '@doublehop/core-token';
import { remoteIdentityOf } from './remoteIdentity.js';
import type { ThreadArgs } from './threadGuards.js';
import { duplicateFor, impersonationFor, openFor, remoteLevelCheck } from './threadRules.js';
import type { ThreadContext, ThreadOutcome } from './threadTypes.js';

type Update = Partial<ThreadContext>;
const last = (outcome: ThreadOutcome): Update => ({ last: Object.freeze(outcome) });

/**
 * The thread machine's actions: pure functions from the context and the event to the part of the context that
 * changes (wrapped in xstate's `assign`). Refusals are recorded in `last` as errors; they never throw.
 */
export const threadActions = {
  /** ImpersonateLoggedOnUser: the thread now carries the client's token at the level the check allowed. */
  recordImpersonate: ({ context, event }: ThreadArgs): Update => {
    const imp = impersonationFor(context, event);
    if (imp === null || event.type !== 'thread.impersonate') return {};
    return {
      impersonation: Object.freeze({
        token: imp.token,
        session: event.session ?? null,
        tickets: Object.freeze([]),
      }),
      ...last({ operation: 'thread.impersonate', ok: true, check: imp.check }),
    };
  },
  /** OpenThreadToken + DuplicateTokenEx + impersonate the duplicate, or the error that stopped it. */
  recordDuplicate: ({ context, event }: ThreadArgs): Update => {
    if (event.type !== 'token.duplicate') return {};
    const r = duplicateFor(context, event.level);
    if (!r.ok) return last({ operation: 'token.duplicate', ok: false, error: r.error });
    const previous = context.impersonation;
    return {
      impersonation: Object.freeze({
        token: r.value.token,
        session: previous?.session ?? null,
        tickets: previous?.tickets ?? Object.freeze([]),
      }),
      ...last({ operation: 'token.duplicate', ok: true, check: r.value.check }),
    };
  },
  /** RevertToSelf: always succeeds; the thread acts as its process again. */
  recordRevert: (): Update => ({ impersonation: null, ...last({ operation: 'thread.revert', ok: true }) }),
  /** Opening a local object: core-token's open check as the effective token. */
  recordOpen: ({ context, event }: ThreadArgs): Update => {
    const open = openFor(context, event);
    if (open === null) return {};
    return last(
      open.result.ok
        ? { operation: 'object.open', ok: true, grantedAccess: open.result.value }
        : { operation: 'object.open', ok: false, error: open.result.error },
    );
  },
  /** A constrained-delegation ticket to a service, in the impersonated client's name. */
  recordTicket: ({ context, event }: ThreadArgs): Update => {
    if (event.type !== 'ticket.obtain') return {};
    const imp = context.impersonation;
    if (imp === null) {
      return last({
        operation: 'ticket.obtain',
        ok: false,
        error: win32Error('ERROR_NO_TOKEN', 'no impersonated client to obtain a ticket for'),
      });
    }
    const service = event.service.toLowerCase();
    const tickets = imp.tickets.includes(service) ? imp.tickets : Object.freeze([...imp.tickets, service]);
    return {
      impersonation: Object.freeze({ ...imp, tickets }),
      ...last({ operation: 'ticket.obtain', ok: true }),
    };
  },
  /** Connecting to another machine: as the client, as the service, as ANONYMOUS LOGON, or refused. */
  recordConnect: ({ context, event }: ThreadArgs): Update => {
    if (event.type !== 'remote.connect') return {};
    const allowed = remoteLevelCheck(context);
    return last(
      allowed.ok
        ? { operation: 'remote.connect', ok: true, remote: remoteIdentityOf(context, event.service) }
        : { operation: 'remote.connect', ok: false, error: allowed.error },
    );
  },
} as const;
