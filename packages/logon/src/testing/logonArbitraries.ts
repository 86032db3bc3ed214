import fc from 'fast-check';
import type { LogonRequest } from '../logon/logonRequest.js';
import type { LogonTypeName } from '../logon/logonType.js';
import type { MachineInit } from '../machine/machineInit.js';
import type { UserRight } from '../machine/userRights.js';
import { directoryInitArbitrary, type GeneratedDirectoryInit } from './directoryArbitraries.js';

/**
 * A directory, a machine in it, and a logon request against that machine.
 *
 * @example
 * ```ts
 * import type { LogonScenario } from '@doublehop/logon/testing';
 *
 * const typeOf = (s: LogonScenario) => s.request.logonType;
 * ```
 */
export interface LogonScenario {
  /** The directory declaration and its names. */
  readonly directory: GeneratedDirectoryInit;
  /** `SRV01` in `corp.example`. */
  readonly machine: MachineInit;
  /** A logon of one of the directory's users. */
  readonly request: LogonRequest;
}

const RIGHTS: readonly UserRight[] = [
  'SeNetworkLogonRight',
  'SeInteractiveLogonRight',
  'SeBatchLogonRight',
  'SeServiceLogonRight',
  'SeDenyNetworkLogonRight',
  'SeDenyInteractiveLogonRight',
  'SeDenyBatchLogonRight',
  'SeDenyServiceLogonRight',
];

/**
 * Machine declarations for `SRV01` in `corp.example`: workstation or server, UAC and Credential Guard on or off,
 * and User Rights Assignment overrides — allow and deny logon rights naming random users and groups of the
 * directory (or well-known groups).
 *
 * @param names - users and groups of the directory to draw right holders from
 * @returns an arbitrary of machine declarations
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { machineInitArbitrary } from '@doublehop/logon/testing';
 *
 * fc.assert(fc.property(machineInitArbitrary(['CORP\\u0']), (m) => m.name === 'SRV01'));
 * ```
 * @see "User Rights Assignment"
 */
export function machineInitArbitrary(names: readonly string[]): fc.Arbitrary<MachineInit> {
  const holders = fc.uniqueArray(
    fc.constantFrom(
      ...names,
      'S-1-1-0',
      'S-1-5-11',
      'S-1-5-32-545',
      'S-1-5-2',
      'S-1-5-4',
      'S-1-5-3',
      'S-1-5-6',
    ),
    { maxLength: 3 },
  );
  return fc
    .record({
      role: fc.constantFrom('workstation' as const, 'server' as const),
      uac: fc.boolean(),
      credentialGuard: fc.boolean(),
      overrides: fc.uniqueArray(fc.tuple(fc.constantFrom(...RIGHTS), holders), {
        maxLength: 3,
        selector: ([right]) => right,
      }),
    })
    .map(({ role, uac, credentialGuard, overrides }) => ({
      name: 'SRV01',
      domain: 'corp.example',
      role,
      uac,
      credentialGuard,
      userRights: Object.fromEntries(overrides),
    }));
}

/**
 * Logon scenarios: a generated directory, a generated machine and a logon request of one of its users with the
 * right or a wrong password, any logon type but NewCredentials, and any protocol the request allows.
 *
 * @returns an arbitrary of scenarios
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { createLsa, directory, lsaLogonUser, machine } from '@doublehop/logon';
 * import { logonScenarioArbitrary } from '@doublehop/logon/testing';
 *
 * fc.assert(fc.property(logonScenarioArbitrary(), (s) => {
 *   const dir = directory(s.directory.init);
 *   const r = lsaLogonUser(createLsa(machine(s.machine, dir), dir), s.request);
 *   return !r.ok || s.request.logonType !== 'Network' || r.value.token.type === 'impersonation';
 * }), { numRuns: 20 });
 * ```
 * @see LsaLogonUser
 */
export function logonScenarioArbitrary(): fc.Arbitrary<LogonScenario> {
  return directoryInitArbitrary().chain((dir) =>
    fc
      .record({
        machine: machineInitArbitrary([...dir.users, ...dir.groups]),
        user: fc.integer({ min: 0, max: dir.users.length - 1 }),
        logonType: fc.constantFrom<LogonTypeName>(
          'Interactive',
          'Network',
          'Batch',
          'Service',
          'RemoteInteractive',
          'NetworkCleartext',
          'Unlock',
        ),
        credential: fc.constantFrom('password', 'wrong', 'kerberos', 'ntlm', 'delegated', 's4u'),
      })
      .map(({ machine, user, logonType, credential }): LogonScenario => {
        const account = dir.users[user] as string;
        const password = `pw-u${user}`;
        const network = logonType === 'Network';
        const request: LogonRequest =
          credential === 'wrong'
            ? { logonType, account, credential: { kind: 'password', password: 'nope' } }
            : credential === 's4u'
              ? { logonType, account, credential: { kind: 's4u' } }
              : network && credential === 'kerberos'
                ? { logonType, account, credential: { kind: 'kerberos' } }
                : network && credential === 'delegated'
                  ? { logonType, account, credential: { kind: 'kerberos', delegatedTgt: true } }
                  : network && credential === 'ntlm'
                    ? { logonType, account, credential: { kind: 'ntlm', password } }
                    : { logonType, account, credential: { kind: 'password', password } };
        return { directory: dir, machine, request };
      }),
  );
}
