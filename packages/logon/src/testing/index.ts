/**
 * fast-check arbitraries for doublehop's logon model — directories with nested (and cyclic) groups, machines,
 * and logon requests — for property tests of your own code, and of ours.
 *
 * @remarks
 * Import from `@doublehop/logon/testing`; `fast-check` (v4) is a peer dependency.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { directoryArbitrary } from '@doublehop/logon/testing';
 *
 * fc.assert(fc.property(directoryArbitrary(), (dir) => dir.domains.length >= 1));
 * ```
 * @packageDocumentation
 */

export {
  type DirectoryArbitraryOptions,
  directoryArbitrary,
  directoryInitArbitrary,
  type GeneratedDirectoryInit,
} from './directoryArbitraries.js';
export { type LogonScenario, logonScenarioArbitrary, machineInitArbitrary } from './logonArbitraries.js';
