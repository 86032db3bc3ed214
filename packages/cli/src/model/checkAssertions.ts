import type { EstateAssertion, EstateFlow } from '@doublehop/delegation';
import type { Path } from '../schema/schema.js';
import { oneOf } from '../schema/suggest.js';
import type { LoadContext } from '../source/loadContext.js';
import { canonicalAccount, lookupName, type ModelNames } from './modelNames.js';
import type { AssertionDocument } from './modelSchema.js';

/**
 * @internal Checks the assertions — flows, services on the flow's path, hops within it, users, reason codes and
 * lint rule ids the engine knows — and converts them to the engine's `EstateAssertion`s (in file order). Returns
 * `undefined` when a problem was reported.
 */
export function checkAssertions(
  docs: readonly (AssertionDocument | undefined)[],
  flows: ReadonlyMap<string, Pick<EstateFlow, 'path'>>,
  names: ModelNames,
  cx: LoadContext,
): EstateAssertion[] | undefined {
  let valid = true;
  const out: EstateAssertion[] = [];
  const onPath = (flow: string, service: string, path: Path): boolean => {
    const f = flows.get(flow);
    if (f === undefined || f.path.includes(service)) return true;
    cx.problem('invalid-value', path, {
      message: `the service "${service}" is not on the path of the flow "${flow}"`,
      found: `"${service}"`,
      expected: `one of ${oneOf(f.path.map((s) => `"${s}"`))}`,
    });
    return false;
  };
  docs.forEach((doc, i) => {
    const at = ['assertions', i];
    if (doc === undefined) {
      valid = false;
      return;
    }
    if (doc.reaches !== undefined) {
      const a = doc.reaches;
      const p = [...at, 'reaches'];
      const flow = lookupName(cx, 'flow', a.flow, names.flows, [...p, 'flow']);
      const service = lookupName(cx, 'service', a.service, names.services, [...p, 'service']);
      if (flow === undefined || service === undefined || !onPath(flow, service, [...p, 'service'])) {
        valid = false;
        return;
      }
      out.push({
        reaches: {
          flow,
          service,
          ...(a.atLeast === undefined ? {} : { atLeast: a.atLeast }),
          ...(a.asUser === undefined ? {} : { asUser: a.asUser }),
        },
      });
    } else if (doc.refused !== undefined) {
      const a = doc.refused;
      const p = [...at, 'refused'];
      const flow = lookupName(cx, 'flow', a.flow, names.flows, [...p, 'flow']);
      let hopOk = true;
      if (flow !== undefined) {
        const length = flows.get(flow)?.path.length;
        if (typeof a.hop === 'number') {
          if (length !== undefined && a.hop > length) {
            hopOk = false;
            cx.problem('invalid-value', [...p, 'hop'], {
              message: `the flow "${flow}" has ${length} hop${length === 1 ? '' : 's'}, not ${a.hop}`,
              found: String(a.hop),
              expected: `a hop from 1 to ${length}, or the service it goes to`,
            });
          }
        } else {
          const service = lookupName(cx, 'service', a.hop, names.services, [...p, 'hop']);
          hopOk = service !== undefined && onPath(flow, service, [...p, 'hop']);
        }
      }
      if (flow === undefined || !hopOk) {
        valid = false;
        return;
      }
      out.push({ refused: { flow, hop: a.hop, reason: a.reason } });
    } else if (doc.reachableBy !== undefined) {
      const a = doc.reachableBy;
      const p = [...at, 'reachableBy'];
      const service = lookupName(cx, 'service', a.service, names.services, [...p, 'service']);
      const users = a.users.map((u, j) =>
        names.dir === undefined
          ? undefined
          : canonicalAccount(cx, names.dir, u, [...p, 'users', j], 'a user'),
      );
      if (service === undefined || users.some((u) => u === undefined)) {
        valid = false;
        return;
      }
      out.push({ reachableBy: { service, users: users as string[] } });
    } else if (doc.lint !== undefined) {
      const a = doc.lint;
      out.push({
        lint: {
          rule: a.rule,
          ...(a.subject === undefined ? {} : { subject: a.subject }),
          ...(a.present === undefined ? {} : { present: a.present }),
        },
      });
    }
  });
  return valid ? out : undefined;
}
