import { nodeKey } from '../estate/buildEstateGraph.js';
import type { CompiledEstate } from '../estate/compileEstate.js';
import type { EstateGraph } from '../estate/estateGraphTypes.js';

/**
 * @internal Who holds SeTcbPrivilege ("Act as part of the operating system") on each machine beyond SYSTEM — the
 * model's User Rights Assignment additions not taken away again (Windows grants it to no one by default) —, with the
 * account nodes whose keys are on that machine: its computer account and the accounts its services run as. The
 * holder can create a token for any user with any groups (LsaLogonUser with SeTcbPrivilege), so it is the machine's
 * — administrator, then SYSTEM — and holds those keys: it can forge a service ticket for any user to any SPN of
 * them, sensitive users and Protected Users included (the PAC is the forger's).
 * @see "Act as part of the operating system" ("Users with this user right can take complete control of the
 * device"), https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/act-as-part-of-the-operating-system
 */
export function tcbHolders(
  estate: CompiledEstate,
  graph: EstateGraph,
): { readonly machine: string; readonly holder: string; readonly keys: readonly string[] }[] {
  const out: { machine: string; holder: string; keys: string[] }[] = [];
  for (const m of estate.machines.values()) {
    const rights = m.def.userRights;
    const removed = (rights?.remove?.SeTcbPrivilege ?? []).map((h) => h.toLowerCase());
    const holders = (rights?.add?.SeTcbPrivilege ?? []).filter((h) => !removed.includes(h.toLowerCase()));
    if (holders.length === 0) continue;
    const machineNode = nodeKey.machine(m.name);
    const keys = new Set<string>();
    graph.forEachOutEdge(machineNode, (_e, a, _s, target) => {
      if (a.kind === 'computer-account') keys.add(target);
      if (a.kind !== 'hosts') return;
      graph.forEachOutEdge(target, (_e2, b, _s2, account) => {
        if (b.kind === 'runs-as') keys.add(account);
      });
    });
    for (const holder of holders) out.push({ machine: m.name, holder, keys: [...keys].sort() });
  }
  return out;
}
