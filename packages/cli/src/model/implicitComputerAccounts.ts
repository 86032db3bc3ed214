import type { AccountDocument } from '../directory/directorySchema.js';
import type { Entry } from '../schema/collections.js';
import type { MachineDocument } from './modelSchema.js';

/**
 * @internal The computer accounts domain join creates for the machines that `accounts` does not declare
 * (`computerAccount`, default `NAME$`, in the machine's domain) — as `EstateMachine.computerAccount` says the
 * engine adds them — so that names such as `SRV03$` in an RBCD list resolve while the file is checked. They
 * are only used to check names; the model passed to the engine keeps the accounts as declared.
 */
export function implicitComputerAccounts(
  machines: readonly Entry<MachineDocument>[],
  declared: readonly Entry<AccountDocument>[],
  domainKnown: (name: string) => boolean,
): Entry<AccountDocument>[] {
  const sam = (name: string): string => name.toLowerCase().replace(/\$?$/, '$');
  const taken = new Set(declared.map((a) => `${(a.value.domain ?? '').toLowerCase()}\\${sam(a.key)}`));
  const takenAnyDomain = new Set(declared.map((a) => sam(a.key)));
  const out: Entry<AccountDocument>[] = [];
  for (const m of machines) {
    if (m.value.workgroup === true) continue;
    const name = m.value.computerAccount ?? `${m.key.toUpperCase()}$`;
    const domain = m.value.domain;
    if (domain !== undefined && !domainKnown(domain)) continue; // reported at the machine
    const key = sam(name);
    if (
      domain === undefined
        ? takenAnyDomain.has(key)
        : taken.has(`${domain.toLowerCase()}\\${key}`) || takenAnyDomain.has(key)
    )
      continue;
    takenAnyDomain.add(key);
    out.push({
      key: name.endsWith('$') ? name : `${name}$`,
      keySpan: m.keySpan,
      value: { kind: 'computer', ...(domain === undefined ? {} : { domain }) },
    });
  }
  return out;
}
