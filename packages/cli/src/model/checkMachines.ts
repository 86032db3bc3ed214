import type { EstateMachine, EstateUserRights } from '@doublehop/delegation';
import { type Directory, findDomain, machine } from '@doublehop/logon';
import type { Entry } from '../schema/collections.js';
import type { LoadContext } from '../source/loadContext.js';
import type { MachineDocument } from './modelSchema.js';

/**
 * @internal Checks the machines — a declared domain, names unique regardless of case, and local group members and
 * user-right holders that `@doublehop/logon` can resolve on that machine — and converts them to the engine's
 * `EstateMachine`s. Returns `undefined` when a problem was reported.
 */
export function checkMachines(
  entries: readonly Entry<MachineDocument>[],
  dir: Directory | undefined,
  cx: LoadContext,
): EstateMachine[] | undefined {
  let valid = true;
  const seen = new Map<string, string>();
  const out: EstateMachine[] = [];
  for (const { key, value } of entries) {
    const upper = key.toUpperCase();
    const first = seen.get(upper);
    if (first !== undefined) {
      valid = false;
      cx.problem(
        'duplicate',
        ['machines', key],
        {
          message: `"${key}" and "${first}" are the same machine (computer names ignore case)`,
          found: `a second ${upper}`,
          expected: 'each machine once',
        },
        { key: true },
      );
      continue;
    }
    seen.set(upper, key);
    const domain = value.workgroup === true ? undefined : (value.domain ?? dir?.domains[0]?.dnsName);
    if (value.workgroup === true && value.domain !== undefined) {
      valid = false;
      cx.problem('invalid-value', ['machines', key, 'workgroup'], {
        message: `the machine "${key}" cannot be in a workgroup and joined to ${value.domain}`,
        found: 'workgroup: true with a domain',
        expected: 'either workgroup: true or a domain',
      });
      continue;
    }
    if (dir === undefined) continue;
    const userRights = rights(value.userRights);
    const m: EstateMachine = {
      name: key,
      ...(domain === undefined ? {} : { domain }),
      ...(value.role === undefined ? {} : { role: value.role }),
      ...(value.credentialGuard === undefined ? {} : { credentialGuard: value.credentialGuard }),
      ...(value.uac === undefined ? {} : { uac: value.uac }),
      ...(value.localAccountTokenFilterPolicy === undefined
        ? {}
        : { localAccountTokenFilterPolicy: value.localAccountTokenFilterPolicy }),
      ...(value.localGroupMembers === undefined
        ? {}
        : { localGroupMembers: Object.fromEntries(value.localGroupMembers.map((e) => [e.key, e.value])) }),
      ...(userRights === undefined ? {} : { userRights }),
    };
    if (!namesResolve(m, key, dir, cx)) valid = false;
    out.push(m);
  }
  return valid ? out : undefined;
}

function rights(doc: MachineDocument['userRights']): EstateUserRights | undefined {
  if (doc === undefined) return undefined;
  const table = (entries: typeof doc.add) =>
    entries === undefined ? undefined : Object.fromEntries(entries.map((e) => [e.key, e.value]));
  const add = table(doc.add);
  const remove = table(doc.remove);
  return { ...(add === undefined ? {} : { add }), ...(remove === undefined ? {} : { remove }) };
}

/**
 * Whether `@doublehop/logon`'s machine() accepts the domain, the local group names and members and the user-right
 * holders (each right given the union of its added and removed holders, only to check the names); a refusal is
 * reported at the name it is about.
 */
function namesResolve(m: EstateMachine, key: string, dir: Directory, cx: LoadContext): boolean {
  // A machine that names nothing but a domain the directory has cannot be refused: skip building it (an imported
  // directory has tens of thousands).
  if (
    m.domain !== undefined &&
    findDomain(dir, m.domain) !== undefined &&
    m.localGroupMembers === undefined &&
    m.userRights === undefined
  ) {
    return true;
  }
  const userRights: Record<string, string[]> = {};
  for (const table of [m.userRights?.add, m.userRights?.remove]) {
    for (const [right, list] of Object.entries(table ?? {})) {
      userRights[right] = [...(userRights[right] ?? []), ...(list ?? [])];
    }
  }
  try {
    machine(
      {
        name: m.name,
        ...(m.domain === undefined ? {} : { domain: m.domain }),
        ...(m.role === undefined ? {} : { role: m.role }),
        ...(m.localGroupMembers === undefined ? {} : { localGroupMembers: m.localGroupMembers }),
        userRights,
      },
      dir,
    );
    return true;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/^machine: /, '');
    cx.problem(...placeMachineError(message, m, key));
    return false;
  }
}

function placeMachineError(
  message: string,
  m: EstateMachine,
  key: string,
): Parameters<LoadContext['problem']> {
  const quoted = /"([^"]+)"/.exec(message)?.[1];
  const text = {
    message: `the machine "${key}" is invalid: ${message}`,
    found: quoted === undefined ? message : `"${quoted}"`,
    expected: 'a name @doublehop/logon resolves on this machine',
  };
  if (/domain/.test(message) && m.domain !== undefined)
    return ['unknown-domain', ['machines', key, 'domain'], text];
  if (quoted !== undefined) {
    for (const [group, members] of Object.entries(m.localGroupMembers ?? {})) {
      if (group === quoted)
        return ['invalid-value', ['machines', key, 'localGroupMembers', group], text, { key: true }];
      const i = members.indexOf(quoted);
      if (i >= 0) return ['unknown-account', ['machines', key, 'localGroupMembers', group, i], text];
    }
    for (const verb of ['add', 'remove'] as const) {
      for (const [right, list] of Object.entries(m.userRights?.[verb] ?? {})) {
        const i = (list ?? []).indexOf(quoted);
        if (i >= 0) return ['unknown-account', ['machines', key, 'userRights', verb, right, i], text];
      }
    }
  }
  return ['invalid-value', ['machines', key], text, { key: true }];
}
