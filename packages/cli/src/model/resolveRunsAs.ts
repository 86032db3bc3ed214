/** @internal The built-in identities a service can run as, by the names people write, with the name the model uses. */
const BUILT_IN: Readonly<Record<string, string>> = {
  localsystem: 'LocalSystem',
  system: 'LocalSystem',
  'nt authority\\system': 'LocalSystem',
  networkservice: 'NetworkService',
  'network service': 'NetworkService',
  'nt authority\\network service': 'NetworkService',
  'nt authority\\networkservice': 'NetworkService',
  localservice: 'LocalService',
  'local service': 'LocalService',
  'nt authority\\local service': 'LocalService',
  'nt authority\\localservice': 'LocalService',
};

/** @internal The virtual-account prefixes, with the spelling the model uses. */
const VIRTUAL_PREFIXES: readonly (readonly [string, string])[] = [
  ['nt service\\', 'NT SERVICE\\'],
  ['iis apppool\\', 'IIS AppPool\\'],
];

/**
 * @internal A `runsAs` value that names a built-in identity or a virtual account, in the model's spelling
 * (`LocalSystem`, `NetworkService`, `LocalService`, `NT SERVICE\x`, `IIS AppPool\x`); `undefined` for anything
 * else (a domain account, resolved against the directory).
 */
export function builtInIdentity(runsAs: string): string | undefined {
  const lower = runsAs.trim().toLowerCase();
  const builtIn = BUILT_IN[lower];
  if (builtIn !== undefined) return builtIn;
  for (const [prefix, spelling] of VIRTUAL_PREFIXES) {
    if (lower.startsWith(prefix) && lower.length > prefix.length) {
      return `${spelling}${runsAs.trim().slice(prefix.length)}`;
    }
  }
  return undefined;
}
