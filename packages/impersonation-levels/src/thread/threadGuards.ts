import type { ImpersonationLevel } from '@doublehop/core-token';
import { duplicateFor, impersonationFor } from './threadRules.js';
import type { ThreadContext, ThreadEvent } from './threadTypes.js';

/** What xstate passes a guard or an action of the thread machine. */
export interface ThreadArgs {
  readonly context: ThreadContext;
  readonly event: ThreadEvent;
}

/**
 * The thread machine's guards: pure predicates calling core-token's rules (the impersonation check, the
 * duplication rules, OpenThreadToken's rules and the access check on the token object).
 */
export const threadGuards = {
  /** `'thread.impersonate'` leaves the thread at `level` (core-token's impersonation check). */
  impersonatesAt: ({ context, event }: ThreadArgs, params: { readonly level: ImpersonationLevel }) =>
    impersonationFor(context, event)?.check.level === params.level,
  /** `'token.duplicate'` succeeds and leaves the thread at `level`. */
  duplicatesTo: ({ context, event }: ThreadArgs, params: { readonly level: ImpersonationLevel }) => {
    if (event.type !== 'token.duplicate') return false;
    const r = duplicateFor(context, event.level);
    return r.ok && r.value.check.level === params.level;
  },
} as const;
