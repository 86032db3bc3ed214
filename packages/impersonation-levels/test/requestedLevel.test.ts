import { requestedLevel } from '@doublehop/impersonation-levels';
import { describe, expect, it } from 'vitest';

describe('requestedLevel', () => {
  describe('SSPI: InitializeSecurityContext (Kerberos) ISC_REQ_* flags', () => {
    it('no flag: Impersonation (the default)', () => {
      expect(requestedLevel({ api: 'sspi', flags: [] })).toMatchObject({
        level: 'Impersonation',
        code: 'api-default',
      });
    });
    it('ISC_REQ_IDENTIFY: Identification, even with ISC_REQ_DELEGATE', () => {
      expect(requestedLevel({ api: 'sspi', flags: ['ISC_REQ_IDENTIFY'] }).level).toBe('Identification');
      const both = requestedLevel({
        api: 'sspi',
        flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH', 'ISC_REQ_IDENTIFY'],
      });
      expect(both).toMatchObject({ level: 'Identification', code: 'client-requested-identify' });
    });
    it('ISC_REQ_DELEGATE "The ISC_REQ_MUTUAL_AUTH flag must be set for this flag to work"', () => {
      expect(requestedLevel({ api: 'sspi', flags: ['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] }).level).toBe(
        'Delegation',
      );
      const alone = requestedLevel({ api: 'sspi', flags: ['ISC_REQ_DELEGATE'] });
      expect(alone).toMatchObject({ level: 'Impersonation', code: 'delegate-needs-mutual-auth' });
      expect(alone.source).toMatch(/ISC_REQ_MUTUAL_AUTH/);
    });
  });

  describe('RPC and DCOM: Impersonation Level Constants', () => {
    it('each RPC_C_IMP_LEVEL_* names its level', () => {
      expect(requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_IDENTIFY' }).level).toBe(
        'Identification',
      );
      expect(requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_IMPERSONATE' }).level).toBe(
        'Impersonation',
      );
      expect(requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_DELEGATE' }).level).toBe(
        'Delegation',
      );
    });
    it('Impersonation Levels (COM): RPC_C_IMP_LEVEL_ANONYMOUS is local-only; other transports promote it to identify', () => {
      expect(
        requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_ANONYMOUS' }, true).level,
      ).toBe('Anonymous');
      expect(requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_ANONYMOUS' })).toMatchObject({
        level: 'Identification',
        code: 'anonymous-promoted-to-identify',
      });
    });
    it('RPC_C_IMP_LEVEL_DEFAULT: the machine-wide DCOM default, Identify unless changed', () => {
      expect(requestedLevel({ api: 'rpc', impersonationLevel: 'RPC_C_IMP_LEVEL_DEFAULT' })).toMatchObject({
        level: 'Identification',
        code: 'api-default',
      });
      const changed = {
        api: 'rpc',
        impersonationLevel: 'RPC_C_IMP_LEVEL_DEFAULT',
        machineDefault: 'RPC_C_IMP_LEVEL_IMPERSONATE',
      } as const;
      expect(requestedLevel(changed).level).toBe('Impersonation');
    });
  });

  describe('named pipes: CreateFile SECURITY_SQOS_PRESENT', () => {
    it('"By default, a server impersonates at the SecurityImpersonation impersonation level"', () => {
      expect(requestedLevel({ api: 'named-pipe', sqos: null }, true)).toMatchObject({
        level: 'Impersonation',
        code: 'api-default',
      });
    });
    it('SECURITY_SQOS_PRESENT with a SECURITY_* level, on the same machine', () => {
      expect(requestedLevel({ api: 'named-pipe', sqos: 'SECURITY_ANONYMOUS' }, true).level).toBe('Anonymous');
      expect(requestedLevel({ api: 'named-pipe', sqos: 'SECURITY_IDENTIFICATION' }, true).level).toBe(
        'Identification',
      );
      expect(requestedLevel({ api: 'named-pipe', sqos: 'SECURITY_DELEGATION' }, true).level).toBe(
        'Delegation',
      );
    });
    it('Impersonation Levels (Authorization): a remote pipe ignores the flags; the server’s delegation setting decides', () => {
      expect(requestedLevel({ api: 'named-pipe', sqos: 'SECURITY_IDENTIFICATION' })).toMatchObject({
        level: 'Delegation',
        code: 'remote-pipe-flags-ignored',
      });
    });
  });
});
