import type { EstateCall, EstateService } from '@doublehop/delegation';
import type { Entry } from '../schema/collections.js';
import type { LoadContext } from '../source/loadContext.js';
import { canonicalAccount, lookupName, type ModelNames } from './modelNames.js';
import type { ServiceDocument } from './modelSchema.js';
import { builtInIdentity } from './resolveRunsAs.js';

/**
 * @internal Checks the services — the machine each runs on, the identity it runs as (a built-in identity, a
 * virtual account, or an account of the directory), the services it calls — and converts them to the engine's
 * `EstateService`s. Returns `undefined` when a problem was reported.
 */
export function checkServices(
  entries: readonly Entry<ServiceDocument>[],
  names: ModelNames,
  cx: LoadContext,
): EstateService[] | undefined {
  let valid = true;
  const out: EstateService[] = [];
  for (const { key, value } of entries) {
    const path = ['services', key];
    const machine = lookupName(cx, 'machine', value.machine, names.machines, [...path, 'machine']);
    const runsAs =
      builtInIdentity(value.runsAs) ??
      (names.dir === undefined
        ? undefined
        : canonicalAccount(
            cx,
            names.dir,
            value.runsAs,
            [...path, 'runsAs'],
            'the identity a service runs as',
          ));
    if (value.authentication.length === 0 && !cx.has([...path, 'authentication', 0])) {
      valid = false;
      cx.problem('invalid-value', [...path, 'authentication'], {
        message: `the service "${key}" accepts no authentication method`,
        found: 'an empty list',
        expected: 'at least one of negotiate, kerberos, ntlm, basic, credssp, forms, anonymous',
        hint: 'write [anonymous] for a service that asks for none',
      });
    }
    const calls: EstateCall[] = [];
    (value.calls ?? []).forEach((call, i) => {
      const target = lookupName(cx, 'service', call.service, names.services, [
        ...path,
        'calls',
        i,
        'service',
      ]);
      if (target === undefined) {
        valid = false;
        return;
      }
      calls.push({
        service: target,
        ...(call.as === undefined ? {} : { as: call.as }),
        ...(call.request === undefined ? {} : { request: call.request }),
      });
    });
    if (machine === undefined || runsAs === undefined) {
      valid = false;
      continue;
    }
    const e = value.endpoint;
    out.push({
      name: key,
      machine,
      runsAs,
      endpoint: {
        host: e.host,
        ...(e.serviceClass === undefined ? {} : { serviceClass: e.serviceClass }),
        ...(e.port === undefined ? {} : { port: e.port }),
        ...(e.canonicalName === undefined ? {} : { canonicalName: e.canonicalName }),
        ...(e.aliases === undefined ? {} : { aliases: e.aliases }),
        ...(e.spn === undefined ? {} : { spn: e.spn }),
      },
      authentication: value.authentication,
      ...(value.impersonates === undefined ? {} : { impersonates: value.impersonates }),
      ...(value.protocolTransition === undefined ? {} : { protocolTransition: value.protocolTransition }),
      ...(value.calls === undefined ? {} : { calls }),
    });
  }
  return valid ? out : undefined;
}
