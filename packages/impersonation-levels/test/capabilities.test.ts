import {
  accessCheck,
  IMPERSONATION_LEVELS,
  OBJECT_TYPES,
  objectOpenCheck,
  openThreadTokenRules,
  sddl,
} from '@doublehop/core-token';
import { capabilities, LEVEL_CAPABILITIES, threadMachine } from '@doublehop/impersonation-levels';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { billyNetwork, builtin, client, corpLsa } from './fixtures.js';

// The learners' table is written out by hand; each cell is checked here against the rule that decides it.
describe('LEVEL_CAPABILITIES agrees with core-token and the thread machine', () => {
  const sd = sddl('O:BAG:SYD:(A;;FA;;;WD)');
  const lsa = corpLsa();
  const delegated = billyNetwork(lsa, { kind: 'kerberos', delegatedTgt: true });

  for (const level of IMPERSONATION_LEVELS) {
    it(`${level}`, () => {
      const t = client(level);
      const row = capabilities(level);
      expect(row).toBe(LEVEL_CAPABILITIES[level]);
      expect(row.queryIdentity).toBe(openThreadTokenRules(t).ok);
      expect(row.accessCheck).toBe(
        accessCheck({ securityDescriptor: sd, token: t, desiredAccess: 1, objectType: OBJECT_TYPES.file }).ok,
      );
      expect(row.openLocalObjects).toBe(objectOpenCheck(t, sd, OBJECT_TYPES.file, 1).result.ok);
      // The level alone, with the client's forwarded TGT in its logon session:
      let [s] = initialTransition(threadMachine, { session: builtin(lsa, 0x3e7) });
      [s] = transition(threadMachine, s, {
        type: 'thread.impersonate',
        token: { ...delegated.token, impersonationLevel: level },
        session: delegated,
      });
      [s] = transition(threadMachine, s, { type: 'remote.connect', service: 'cifs/fs01' });
      const last = s.context.last;
      expect(row.authenticateRemotely).toBe(
        last?.operation === 'remote.connect' && last.ok && last.remote.asClient,
      );
    });
  }
});
