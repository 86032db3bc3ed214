import type { Domain } from './domain.js';
import { compareText } from './order.js';
import type { Trust, TrustInit, TrustType } from './trust.js';

/**
 * @internal The trusts of a directory, one value per direction, sorted: the two-way transitive parent-child and
 * tree-root trusts each domain's place in its forest implies, then the declared ones (a forest trust only
 * between forest roots). Defaults follow Windows: inside a forest TGT delegation is allowed and SIDs are not
 * filtered; across forests the reverse; external trusts are not transitive.
 * @see MS-ADTS 6.1.6 (trusted domain objects); "How Domain and Forest Trusts Work"; "Updates to TGT delegation
 * across incoming trusts in Windows Server"
 */
export function buildTrusts(
  declared: readonly TrustInit[],
  domains: readonly Domain[],
  resolveDomain: (name: string) => Domain,
): Trust[] {
  const trusts = new Map<string, Trust>();
  const add = (
    trusting: Domain,
    trusted: Domain,
    type: TrustType,
    init: TrustInit | undefined,
    twoWay: boolean,
  ): void => {
    const sameForest = trusting.forest === trusted.forest;
    const value: Trust = Object.freeze({
      trusting: trusting.dnsName,
      trusted: trusted.dnsName,
      twoWay,
      type,
      transitive: init?.transitive ?? type !== 'external',
      selectiveAuthentication: init?.selectiveAuthentication ?? false,
      enableTgtDelegation: init?.enableTgtDelegation ?? sameForest,
      sidFiltering: init?.sidFiltering ?? !sameForest,
    });
    trusts.set(`${trusting.dnsName}>${trusted.dnsName}`, value);
  };
  for (const d of domains) {
    if (d.parent !== null) {
      const parent = resolveDomain(d.parent);
      add(parent, d, 'parent-child', undefined, true);
      add(d, parent, 'parent-child', undefined, true);
    } else if (d.forest !== d.dnsName) {
      const root = resolveDomain(d.forest);
      add(root, d, 'tree-root', undefined, true);
      add(d, root, 'tree-root', undefined, true);
    }
  }
  for (const t of declared) {
    const a = resolveDomain(t.between[0]);
    const b = resolveDomain(t.between[1]);
    const type = t.type ?? (a.forest === b.forest ? 'shortcut' : 'forest');
    if (type === 'forest' && (a.forest !== a.dnsName || b.forest !== b.dnsName)) {
      throw new TypeError(
        `directory: a forest trust joins two forest root domains, not ${a.dnsName} and ${b.dnsName}`,
      );
    }
    const twoWay = (t.direction ?? 'two-way') === 'two-way';
    add(a, b, type, t, twoWay);
    if (twoWay) add(b, a, type, t, true);
  }
  return [...trusts.values()].sort((x, y) =>
    compareText(`${x.trusting}>${x.trusted}`, `${y.trusting}>${y.trusted}`),
  );
}
