import { sddl, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import { describe, expect, it } from 'vitest';
import { connectionActions } from '../src/connection/connectionActions.js';
import { connectionGuards } from '../src/connection/connectionGuards.js';
import type { ConnectionContext, ConnectionEvent } from '../src/connection/connectionTypes.js';
import { threadActions } from '../src/thread/threadActions.js';
import { threadGuards } from '../src/thread/threadGuards.js';
import type { ThreadContext, ThreadEvent } from '../src/thread/threadTypes.js';
import { builtin, client, corpLsa, serviceToken } from './fixtures.js';

const start: ConnectionContext = {
  phase: 'negotiation',
  requested: null,
  local: false,
  protocol: null,
  identity: 'client',
  onward: 'none',
  reasons: [],
  impersonationCheck: null,
};
const requested: ConnectionContext = {
  ...start,
  phase: 'requested',
  requested: 'Delegation',
  reasons: [{ code: 'client-requested-delegate', level: 'Delegation', source: 'ISC_REQ_DELEGATE' }],
};
const g = connectionGuards;
const on = (context: ConnectionContext, event: ConnectionEvent) => ({ context, event });

describe('connection guards (each alone)', () => {
  it('requests*: the level requestedLevel gives', () => {
    const e: ConnectionEvent = {
      type: 'client.request',
      request: { api: 'sspi', flags: ['ISC_REQ_IDENTIFY'] },
    };
    expect(g.requestsIdentification(on(start, e))).toBe(true);
    expect(g.requestsDelegation(on(start, e))).toBe(false);
    expect(g.requestsAnonymous(on(start, { type: 'connection.authenticate', protocol: 'ntlm' }))).toBe(false);
  });

  it('awaiting*: each event once, in order', () => {
    const auth: ConnectionEvent = { type: 'connection.authenticate', protocol: 'kerberos' };
    expect(g.awaitingAuthentication(on(start, auth))).toBe(false);
    expect(g.awaitingAuthentication(on(requested, auth))).toBe(true);
    const imp: ConnectionEvent = { type: 'server.impersonate', server: serviceToken(true) };
    expect(g.awaitingImpersonation(on(requested, imp))).toBe(false);
    expect(g.awaitingImpersonation(on({ ...requested, phase: 'authenticated' }, imp))).toBe(true);
  });

  it('protocol guards', () => {
    expect(
      g.anonymousProtocol(on(requested, { type: 'connection.authenticate', protocol: 'anonymous' })),
    ).toBe(true);
    expect(g.passwordProtocol(on(requested, { type: 'connection.authenticate', protocol: 'credssp' }))).toBe(
      true,
    );
    expect(
      g.localNtlm(
        on({ ...requested, local: true }, { type: 'connection.authenticate', protocol: 'negotiate-ntlm' }),
      ),
    ).toBe(true);
    expect(g.localNtlm(on(requested, { type: 'connection.authenticate', protocol: 'ntlm' }))).toBe(false);
    expect(
      g.tgtForwarded(
        on(requested, { type: 'connection.authenticate', protocol: 'kerberos', okAsDelegate: true }),
      ),
    ).toBe(true);
    expect(g.tgtForwarded(on(requested, { type: 'connection.authenticate', protocol: 'kerberos' }))).toBe(
      false,
    );
  });

  it('impersonationDowngraded: core-token’s impersonation check', () => {
    const authenticated = { ...requested, phase: 'authenticated' as const };
    expect(
      g.impersonationDowngraded(
        on(authenticated, { type: 'server.impersonate', server: serviceToken(false) }),
      ),
    ).toBe(true);
    expect(
      g.impersonationDowngraded(
        on(authenticated, { type: 'server.impersonate', server: serviceToken(true) }),
      ),
    ).toBe(false);
  });
});

describe('connection actions (each alone)', () => {
  const a = connectionActions;
  it('recordRequest records the level and the reason', () => {
    const u = a.recordRequest(
      on(start, { type: 'client.request', request: { api: 'named-pipe', sqos: null }, local: true }),
    );
    expect(u).toMatchObject({ phase: 'requested', requested: 'Impersonation', local: true });
    expect(u.reasons?.[0]?.code).toBe('api-default');
  });
  it('recordDelegation records the Kerberos client’s reason', () => {
    const u = a.recordDelegation(
      on(requested, {
        type: 'connection.authenticate',
        protocol: 'kerberos',
        credentialGuard: true,
        okAsDelegate: true,
      }),
    );
    expect(u.reasons?.at(-1)).toMatchObject({
      code: 'credential-guard-blocks-tgt-delegation',
      level: 'Impersonation',
    });
    expect(u.onward).toBe('none');
  });
  it('recordPassword, recordAnonymousLogon, recordLocalNtlm, recordProtocol', () => {
    expect(
      a.recordPassword(on(requested, { type: 'connection.authenticate', protocol: 'basic' })).onward,
    ).toBe('password');
    expect(
      a.recordAnonymousLogon(on(requested, { type: 'connection.authenticate', protocol: 'anonymous' }))
        .identity,
    ).toBe('anonymous-logon');
    expect(
      a.recordLocalNtlm(on(requested, { type: 'connection.authenticate', protocol: 'ntlm' })).onward,
    ).toBe('logon-session');
    expect(a.recordProtocol(on(requested, { type: 'connection.authenticate', protocol: 'ntlm' }))).toEqual({
      phase: 'authenticated',
      protocol: 'ntlm',
    });
  });
  it('actions ignore events of another type (never throw)', () => {
    const other: ConnectionEvent = { type: 'server.impersonate', server: serviceToken(true) };
    for (const action of [
      a.recordRequest,
      a.recordProtocol,
      a.recordAnonymousLogon,
      a.recordPassword,
      a.recordLocalNtlm,
      a.recordDelegation,
    ]) {
      expect(action(on(start, other))).toEqual({});
    }
    expect(a.recordImpersonation(on(start, { type: 'connection.authenticate', protocol: 'ntlm' }))).toEqual(
      {},
    );
  });
});

describe('thread guards and actions (each alone)', () => {
  const lsa = corpLsa();
  const ctx: ThreadContext = {
    session: builtin(lsa, 0x3e7),
    uacEnabled: true,
    impersonation: null,
    last: null,
  };
  const args = (context: ThreadContext, event: ThreadEvent) => ({ context, event });
  const impersonating: ThreadContext = {
    ...ctx,
    impersonation: { token: client('Identification'), session: null, tickets: [] },
  };

  it('impersonatesAt: core-token’s impersonation check decides the level', () => {
    const e: ThreadEvent = { type: 'thread.impersonate', token: client('Delegation') };
    expect(threadGuards.impersonatesAt(args(ctx, e), { level: 'Delegation' })).toBe(true);
    const noPrivilege = { ...ctx, session: { ...ctx.session, token: serviceToken(false) } };
    expect(threadGuards.impersonatesAt(args(noPrivilege, e), { level: 'Identification' })).toBe(true);
  });

  it('duplicatesTo: never upward (duplicateTokenRules), never without a token (OpenThreadToken)', () => {
    expect(
      threadGuards.duplicatesTo(args(impersonating, { type: 'token.duplicate', level: 'Impersonation' }), {
        level: 'Impersonation',
      }),
    ).toBe(false);
    expect(
      threadGuards.duplicatesTo(args(impersonating, { type: 'token.duplicate', level: 'Anonymous' }), {
        level: 'Anonymous',
      }),
    ).toBe(true);
    expect(
      threadGuards.duplicatesTo(args(ctx, { type: 'token.duplicate', level: 'Anonymous' }), {
        level: 'Anonymous',
      }),
    ).toBe(false);
  });

  it('recordOpen, recordConnect, recordTicket, recordRevert', () => {
    const open = threadActions.recordOpen(
      args(impersonating, {
        type: 'object.open',
        securityDescriptor: sddl('O:BAG:SYD:(A;;FA;;;WD)'),
        desiredAccess: 1,
      }),
    );
    expect(open.last).toMatchObject({ ok: false, error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL' } });
    const connect = threadActions.recordConnect(args(ctx, { type: 'remote.connect', service: 'cifs/fs01' }));
    expect(connect.last).toMatchObject({
      ok: true,
      remote: { name: 'CORP\\WEB01$', reason: 'process-identity' },
    });
    const ticket = threadActions.recordTicket(
      args(impersonating, { type: 'ticket.obtain', service: 'CIFS/fs01' }),
    );
    expect(ticket.impersonation?.tickets).toEqual(['cifs/fs01']);
    expect(threadActions.recordRevert()).toMatchObject({ impersonation: null, last: { ok: true } });
    expect(WELL_KNOWN_SIDS.SYSTEM.sid).toBe(ctx.session.user);
  });

  it('actions ignore events of another type (never throw)', () => {
    const other: ThreadEvent = { type: 'thread.revert' };
    for (const action of [
      threadActions.recordImpersonate,
      threadActions.recordDuplicate,
      threadActions.recordOpen,
      threadActions.recordTicket,
      threadActions.recordConnect,
    ]) {
      expect(action(args(ctx, other))).toEqual({});
    }
  });
});
