/**
 * fast-check arbitraries for doublehop's KDC model — directories with random delegation settings (KCD, protocol
 * transition, RBCD through accounts and groups, unconstrained delegation, sensitive and Protected Users accounts)
 * and delegation attempts over them; whole estates (machines, services, calls, flows) — and a naive oracle for
 * the estate graph's analyses — for property tests of your own code, and of ours.
 *
 * @remarks
 * Import from `@doublehop/delegation/testing`; `fast-check` (v4) is a peer dependency.
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { delegationDirectoryArbitrary } from '@doublehop/delegation/testing';
 *
 * fc.assert(fc.property(delegationDirectoryArbitrary(), (g) => g.services.length >= 2), { numRuns: 5 });
 * ```
 * @packageDocumentation
 */

export {
  type DelegationAttempt,
  type DelegationDirectoryOptions,
  delegationAttemptArbitrary,
  delegationDirectoryArbitrary,
  type EvidenceSource,
  type GeneratedDelegationDirectory,
} from './delegationArbitraries.js';
export {
  type EstateArbitraryOptions,
  estateArbitrary,
  type GeneratedEstate,
} from './estateArbitraries.js';
export { type EstateOracleAnswer, estateReachOracle } from './estateOracle.js';
export {
  type SharpHoundCollection,
  type SharpHoundFile,
  sharpHoundCollection,
} from './sharpHoundCollection.js';
