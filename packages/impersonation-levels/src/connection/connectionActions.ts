import type { ImpersonationLevel } from '@doublehop/core-token';
import { SOURCES } from '../sources.js';
import { type ConnectionArgs, delegationOf, impersonationOf, requestOf } from './connectionGuards.js';
import type { ConnectionContext, LevelReason } from './connectionTypes.js';

type Update = Partial<ConnectionContext>;

const withReason = (context: ConnectionContext, reason: LevelReason): readonly LevelReason[] =>
  Object.freeze([...context.reasons, Object.freeze(reason)]);

/**
 * The connection machine's actions: pure functions from the context and the event to the part of the context
 * that changes (the machine wraps each in xstate's `assign`). They never throw; an event of another type
 * changes nothing.
 */
export const connectionActions = {
  /** Records the level the client asked for and why. */
  recordRequest: ({ context, event }: ConnectionArgs): Update => {
    const request = requestOf(event);
    if (request === null || event.type !== 'client.request') return {};
    return {
      phase: 'requested',
      requested: request.level,
      local: event.local ?? false,
      reasons: withReason(context, { code: request.code, level: request.level, source: request.source }),
    };
  },
  /** Records the protocol; the level stays (a Kerberos or NTLM connection that was not asked to delegate). */
  recordProtocol: ({ event }: ConnectionArgs): Update =>
    event.type === 'connection.authenticate' ? { phase: 'authenticated', protocol: event.protocol } : {},
  /** No authentication: the server sees NT AUTHORITY\ANONYMOUS LOGON. */
  recordAnonymousLogon: ({ context, event }: ConnectionArgs): Update =>
    event.type === 'connection.authenticate'
      ? {
          phase: 'authenticated',
          protocol: event.protocol,
          identity: 'anonymous-logon',
          reasons: withReason(context, {
            code: 'anonymous-authentication',
            level: 'Anonymous',
            source: SOURCES.anonymousLogon,
          }),
        }
      : {},
  /** Basic or CredSSP: the server holds the password, so it can act as the client anywhere. */
  recordPassword: ({ context, event }: ConnectionArgs): Update =>
    event.type === 'connection.authenticate'
      ? {
          phase: 'authenticated',
          protocol: event.protocol,
          requested: 'Delegation',
          onward: 'password',
          reasons: withReason(
            context,
            event.protocol === 'basic'
              ? { code: 'basic-password', level: 'Delegation', source: SOURCES.basic }
              : { code: 'credssp-credentials', level: 'Delegation', source: SOURCES.credssp },
          ),
        }
      : {},
  /** NTLM on the same computer keeps Delegation: the server gets the client's own logon session. */
  recordLocalNtlm: ({ context, event }: ConnectionArgs): Update =>
    event.type === 'connection.authenticate'
      ? {
          phase: 'authenticated',
          protocol: event.protocol,
          onward: 'logon-session',
          reasons: withReason(context, {
            code: 'local-ntlm-delegation',
            level: 'Delegation',
            source: SOURCES.ntlmLoopback,
          }),
        }
      : {},
  /** The client's Kerberos SSP forwarded its TGT, or refused to (and the level falls to Impersonation). */
  recordDelegation: ({ context, event }: ConnectionArgs): Update => {
    if (event.type !== 'connection.authenticate') return {};
    const d = delegationOf(event);
    const level: ImpersonationLevel = d.forwardedTgt ? 'Delegation' : 'Impersonation';
    return {
      phase: 'authenticated',
      protocol: event.protocol,
      onward: d.forwardedTgt ? 'forwarded-tgt' : 'none',
      reasons: withReason(context, { code: d.reason, level, source: d.source }),
    };
  },
  /** Records core-token's impersonation check; a downgrade adds the reason and lands in Identification. */
  recordImpersonation: ({ context, event }: ConnectionArgs): Update => {
    if (event.type !== 'server.impersonate') return {};
    const check = impersonationOf(context, event);
    const update: Update = { phase: 'impersonated', impersonationCheck: check };
    if (!check.downgraded) return update;
    return {
      ...update,
      reasons: withReason(context, {
        code: 'no-impersonate-privilege',
        level: check.level,
        source: check.source,
        detail: check.rule,
      }),
    };
  },
} as const;
