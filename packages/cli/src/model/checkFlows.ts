import type { EstateFlow } from '@doublehop/delegation';
import type { Entry } from '../schema/collections.js';
import type { LoadContext } from '../source/loadContext.js';
import { canonicalAccount, lookupName, type ModelNames } from './modelNames.js';
import type { FlowDocument, ServiceDocument } from './modelSchema.js';

/**
 * @internal Checks the flows — the user, the machine they start at, and a path of declared services in which
 * each service calls the next (hop N is the call of `path[N-2]` to `path[N-1]`) — and converts them to the
 * engine's `EstateFlow`s. Returns `undefined` when a problem was reported.
 */
export function checkFlows(
  entries: readonly Entry<FlowDocument>[],
  services: readonly Entry<ServiceDocument>[],
  names: ModelNames,
  cx: LoadContext,
): EstateFlow[] | undefined {
  let valid = true;
  const callsOf = new Map(services.map((s) => [s.key, (s.value.calls ?? []).map((c) => c.service)]));
  const out: EstateFlow[] = [];
  for (const { key, value } of entries) {
    const path = ['flows', key];
    const user =
      names.dir === undefined
        ? undefined
        : canonicalAccount(cx, names.dir, value.user, [...path, 'user'], "a flow's user");
    const machine = lookupName(cx, 'machine', value.start.machine, names.machines, [
      ...path,
      'start',
      'machine',
    ]);
    if (value.path.length === 0 && !cx.has([...path, 'path', 0])) {
      valid = false;
      cx.problem('invalid-value', [...path, 'path'], {
        message: `the flow "${key}" crosses no service`,
        found: 'an empty list',
        expected: 'the services the request crosses, in order (at least one)',
      });
    }
    let pathValid = true;
    value.path.forEach((service, i) => {
      const found = lookupName(cx, 'service', service, names.services, [...path, 'path', i]);
      if (found === undefined) {
        pathValid = false;
        return;
      }
      const previous = i === 0 ? undefined : value.path[i - 1];
      const calls = previous === undefined ? undefined : callsOf.get(previous);
      if (previous !== undefined && calls !== undefined && !calls.includes(service)) {
        pathValid = false;
        cx.problem('invalid-value', [...path, 'path', i], {
          message: `hop ${i + 1} of the flow "${key}" goes from "${previous}" to "${service}", but "${previous}" does not call "${service}"`,
          found: `"${service}"`,
          expected:
            calls.length === 0
              ? `a service "${previous}" calls (it calls none)`
              : `a service "${previous}" calls: ${calls.map((c) => `"${c}"`).join(', ')}`,
          hint: `add { service: ${service} } to the calls of "${previous}"`,
        });
      }
    });
    if (user === undefined || machine === undefined || !pathValid || value.path.length === 0) {
      valid = false;
      continue;
    }
    out.push({
      name: key,
      user,
      start: {
        machine,
        ...(value.start.logonType === undefined ? {} : { logonType: value.start.logonType }),
      },
      path: value.path,
      ...(value.request === undefined ? {} : { request: value.request }),
    });
  }
  return valid ? out : undefined;
}
