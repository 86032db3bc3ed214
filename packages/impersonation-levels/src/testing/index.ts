/**
 * fast-check arbitraries for `@doublehop/impersonation-levels`.
 *
 * @packageDocumentation
 */
import { token, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import fc from 'fast-check';
import type { ConnectionInput } from '../connection/connectionLevel.js';
import type { KerberosDelegationInput } from '../kerberosDelegationDecision.js';
import { NEGOTIATED_PROTOCOLS } from '../protocol.js';
import type { ClientRequest, RpcImpLevel, SqosLevel } from '../request/clientRequest.js';

/**
 * Any {@link KerberosDelegationInput}.
 *
 * @returns an arbitrary over every combination of flags and protocols
 * @example
 * ```ts
 * import { kerberosDelegationInputArbitrary } from '@doublehop/impersonation-levels/testing';
 * import fc from 'fast-check';
 *
 * fc.sample(kerberosDelegationInputArbitrary(), 1).length; // 1
 * ```
 */
export function kerberosDelegationInputArbitrary(): fc.Arbitrary<KerberosDelegationInput> {
  return fc.record({
    requested: fc.boolean(),
    okAsDelegate: fc.boolean(),
    tgtForwardable: fc.boolean(),
    credentialGuard: fc.boolean(),
    protocol: fc.constantFrom(...NEGOTIATED_PROTOCOLS),
  });
}

/**
 * Any {@link ClientRequest}: SSPI flag sets, RPC levels with either machine default, named pipes with or
 * without SECURITY_SQOS_PRESENT.
 *
 * @returns an arbitrary over client requests
 * @example
 * ```ts
 * import { clientRequestArbitrary } from '@doublehop/impersonation-levels/testing';
 * import fc from 'fast-check';
 *
 * fc.sample(clientRequestArbitrary(), 3).length; // 3
 * ```
 */
export function clientRequestArbitrary(): fc.Arbitrary<ClientRequest> {
  const rpcLevel = fc.constantFrom(
    'RPC_C_IMP_LEVEL_ANONYMOUS',
    'RPC_C_IMP_LEVEL_IDENTIFY',
    'RPC_C_IMP_LEVEL_IMPERSONATE',
    'RPC_C_IMP_LEVEL_DELEGATE',
  ) as fc.Arbitrary<Exclude<RpcImpLevel, 'RPC_C_IMP_LEVEL_DEFAULT'>>;
  return fc.oneof(
    fc
      .subarray(['ISC_REQ_IDENTIFY', 'ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] as const)
      .map((flags): ClientRequest => ({ api: 'sspi', flags })),
    fc
      .record({
        level: fc.oneof(rpcLevel, fc.constant('RPC_C_IMP_LEVEL_DEFAULT' as const)),
        machineDefault: rpcLevel,
      })
      .map(
        (r): ClientRequest => ({ api: 'rpc', impersonationLevel: r.level, machineDefault: r.machineDefault }),
      ),
    fc
      .constantFrom<SqosLevel | null>(
        null,
        'SECURITY_ANONYMOUS',
        'SECURITY_IDENTIFICATION',
        'SECURITY_IMPERSONATION',
        'SECURITY_DELEGATION',
      )
      .map((sqos): ClientRequest => ({ api: 'named-pipe', sqos })),
  );
}

/**
 * Any {@link ConnectionInput}: a request, a protocol, ticket facts, local or remote, and a server process token
 * with or without SeImpersonatePrivilege (or none).
 *
 * @returns an arbitrary over connection inputs
 * @example
 * ```ts
 * import { connectionLevel } from '@doublehop/impersonation-levels';
 * import { connectionInputArbitrary } from '@doublehop/impersonation-levels/testing';
 * import fc from 'fast-check';
 *
 * fc.sample(connectionInputArbitrary(), 5).every((input) => connectionLevel(input).reasons.length > 0); // true
 * ```
 */
export function connectionInputArbitrary(): fc.Arbitrary<ConnectionInput> {
  const server = fc.option(
    fc.boolean().map((privileged) =>
      token({
        user: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid,
        type: 'primary',
        privileges: privileged ? ['SeImpersonatePrivilege'] : [],
      }),
    ),
    { nil: undefined },
  );
  return fc
    .record({
      request: clientRequestArbitrary(),
      local: fc.boolean(),
      flags: kerberosDelegationInputArbitrary(),
      server,
    })
    .map(
      ({ request, local, flags, server: s }): ConnectionInput => ({
        request,
        local,
        protocol: flags.protocol,
        okAsDelegate: flags.okAsDelegate,
        tgtForwardable: flags.tgtForwardable,
        credentialGuard: flags.credentialGuard,
        ...(s === undefined ? {} : { server: s }),
      }),
    );
}
