import {
  ACCESS_RIGHTS,
  accessCheck,
  createMachine,
  createProcess,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  mapGenericMask,
  OBJECT_TYPES,
  registerFile,
  registerToken,
  type TokenType,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import {
  fileDesiredAccessArbitrary,
  pooledSidArbitrary,
  securityDescriptorArbitrary,
  tokenArbitrary,
} from '@doublehop/core-token/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceToken } from './fixtures.js';

const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const FILE = OBJECT_TYPES.file;
const CREATE_FILE_EXTRA = ACCESS_RIGHTS.SYNCHRONIZE | 0x80; // what CreateFileW adds
const rank = (level: ImpersonationLevel | null) => (level === null ? 4 : IMPERSONATION_LEVELS.indexOf(level));

describe('properties', () => {
  // STYLE.md: "an impersonating thread never gets more access than the client's own token" — compared with a
  // direct AccessCheck of the client token against the same descriptor and request.
  it('a thread impersonating a client never gets more access to a file than the client’s own token would', () => {
    fc.assert(
      fc.property(
        tokenArbitrary(),
        securityDescriptorArbitrary(),
        fileDesiredAccessArbitrary(),
        fc.boolean(),
        (client, sd, desired, privileged) => {
          const machine = createMachine();
          const service = createProcess(machine, {
            name: 'svc.exe',
            token: serviceToken(SYSTEM, privileged ? ['SeImpersonatePrivilege'] : []),
          });
          registerFile(machine, 'C:\\f', sd);
          const h = registerToken(machine, service.processId, client);
          expect(win32.impersonateLoggedOnUser(machine, service.threadId, h).ok).toBe(true);
          const opened = win32.createFile(machine, service.threadId, 'C:\\f', desired);
          const direct = accessCheck({
            securityDescriptor: sd,
            token: client,
            desiredAccess: mapGenericMask(desired | CREATE_FILE_EXTRA, FILE.genericMapping),
            objectType: FILE,
          });
          if (!opened.ok) return;
          const granted = machine.trace.at(-1)?.grantedAccess ?? 0;
          expect(direct.ok && direct.value.granted).toBe(true);
          const clientGranted = direct.ok ? direct.value.grantedAccess : 0;
          expect((granted & ~clientGranted) >>> 0).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('RevertToSelf restores exactly the process identity, whatever the thread impersonated before', () => {
    fc.assert(
      fc.property(fc.array(tokenArbitrary({ unrestricted: true }), { maxLength: 4 }), (clients) => {
        const machine = createMachine();
        const service = createProcess(machine, {
          name: 'svc.exe',
          token: serviceToken(SYSTEM, ['SeImpersonatePrivilege']),
        });
        const process = machine.processes.get(service.processId);
        const before = process?.primaryToken;
        for (const client of clients) {
          win32.impersonateLoggedOnUser(
            machine,
            service.threadId,
            registerToken(machine, service.processId, client),
          );
        }
        win32.revertToSelf(machine, service.threadId);
        const thread = machine.threads.get(service.threadId);
        expect(thread?.impersonationToken).toBeNull();
        expect(process?.primaryToken).toBe(before);
        win32.revertToSelf(machine, service.threadId);
        expect(machine.trace.at(-1)?.impersonating).toBeNull();
        expect(machine.trace.at(-1)?.user.tokenId).toBe(before?.token.tokenId);
      }),
      { numRuns: 100 },
    );
  });

  it('duplication never raises an impersonation level', () => {
    const levels = fc.constantFrom<ImpersonationLevel>(...IMPERSONATION_LEVELS);
    fc.assert(
      fc.property(
        levels,
        fc.constantFrom<TokenType>('impersonation', 'primary'),
        levels,
        fc.constantFrom<TokenType>('impersonation', 'primary'),
        pooledSidArbitrary(),
        (sourceLevel, sourceType, level, type, user) => {
          const machine = createMachine();
          const service = createProcess(machine, { name: 'svc.exe', token: serviceToken(SYSTEM) });
          const source = token({
            user,
            type: sourceType,
            impersonationLevel: sourceType === 'primary' ? null : sourceLevel,
          });
          const h = registerToken(machine, service.processId, source);
          const r = win32.duplicateTokenEx(machine, service.threadId, h, 0, null, level, type);
          if (!r.ok) {
            expect(r.error.code).toBe('ERROR_BAD_IMPERSONATION_LEVEL');
            return;
          }
          const entry = machine.processes.get(service.processId)?.handles.get(r.value);
          const copy = entry?.object.kind === 'token' ? entry.object.token : undefined;
          expect(copy?.type).toBe(type);
          if (source.type === 'impersonation') {
            expect(rank(copy?.impersonationLevel ?? null)).toBeLessThanOrEqual(
              type === 'primary' ? 4 : rank(sourceLevel),
            );
            if (type === 'primary') expect(rank(sourceLevel)).toBeGreaterThanOrEqual(rank('Impersonation'));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
