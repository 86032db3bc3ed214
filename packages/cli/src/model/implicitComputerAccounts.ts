import { type EstateMachine, joinedComputerAccounts } from '@doublehop/delegation';
import { type DomainInit, directory } from '@doublehop/logon';
import { accountKind, accountName, domainInits } from '../directory/directoryInits.js';
import type { AccountDocument, DirectoryDocument } from '../directory/directorySchema.js';
import type { Entry } from '../schema/collections.js';
import type { MachineDocument } from './modelSchema.js';

/**
 * @internal The computer accounts domain join creates for the machines that `accounts` does not declare — the
 * engine's own rule (`joinedComputerAccounts`), so that names such as `SRV03$` in an RBCD list resolve while the
 * file is checked, and each points at its machine. They are only used to check names; the model passed to the
 * engine keeps the accounts as declared. A machine without `domain` is joined to the file's first domain, as
 * `checkMachines` reads it.
 */
export function implicitComputerAccounts(
  machines: readonly Entry<MachineDocument>[],
  declared: readonly Entry<AccountDocument>[],
  file: DirectoryDocument,
): Entry<AccountDocument>[] {
  const domains = domainInits(file);
  let joined: ReturnType<typeof joinedComputerAccounts>;
  try {
    joined = joinedComputerAccounts({
      domains,
      accounts: declared.map((a) => {
        const { sam, domain } = accountName(a);
        return { kind: accountKind(a), samAccountName: sam, ...(domain === undefined ? {} : { domain }) };
      }),
      machines: joinedMachines(machines, domains),
    });
  } catch {
    return []; // inconsistent domains: buildDirectory reports them, and no name can resolve
  }
  const spans = new Map(machines.map((m) => [m.key, m.keySpan]));
  return joined.map((j) => ({
    key: j.account.samAccountName,
    keySpan: spans.get(j.machine) ?? { offset: 0, length: 0 },
    value: { kind: 'computer', ...(j.account.domain === undefined ? {} : { domain: j.account.domain }) },
  }));
}

/**
 * @internal The machines as the engine will see them, as far as their computer accounts go (name, domain, role):
 * a machine without a domain is joined to the file's first domain by DNS name, as checkMachines reads it; a
 * workgroup machine has no computer account.
 */
export function joinedMachines(
  machines: readonly Entry<MachineDocument>[],
  domains: readonly DomainInit[],
): Pick<EstateMachine, 'name' | 'domain' | 'role'>[] {
  let first: string | undefined;
  try {
    first = directory({ domains }).domains[0]?.dnsName;
  } catch {
    first = undefined; // inconsistent domains: the directory is refused, and reported, anyway
  }
  return machines
    .filter((m) => m.value.workgroup !== true)
    .map((m) => {
      const domain = m.value.domain ?? first;
      return {
        name: m.key,
        ...(domain === undefined ? {} : { domain }),
        ...(m.value.role === undefined ? {} : { role: m.value.role }),
      };
    });
}
