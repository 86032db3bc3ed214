import type { Lsa } from './lsa.js';

/**
 * @internal A memo table per (machine, directory) pair. Both are frozen values, so an answer derived from them
 * and a key never goes stale; LSAs come and go (the estate engine replaces them), the tables stay with the
 * machine.
 * @returns a function giving the LSA's table
 */
export function machineMemo<K, V>(): (lsa: Lsa) => Map<K, V> {
  const byMachine = new WeakMap<Lsa['machine'], WeakMap<object, Map<K, V>>>();
  const workgroup = {}; // the key for an LSA without a directory
  return (lsa) => {
    let byDirectory = byMachine.get(lsa.machine);
    if (byDirectory === undefined) {
      byDirectory = new WeakMap();
      byMachine.set(lsa.machine, byDirectory);
    }
    const directory = lsa.directory ?? workgroup;
    let table = byDirectory.get(directory);
    if (table === undefined) {
      table = new Map();
      byDirectory.set(directory, table);
    }
    return table;
  };
}
