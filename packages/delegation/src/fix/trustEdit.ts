import { type Directory, findDomain, type TrustInit } from '@doublehop/logon';
import type { FixEdit } from './fixEdit.js';

/**
 * @internal The model's trusts after a `trust` edit, which sets an attribute of one direction: in a one-way trust
 * declared `trusting` → `trusted`, the trust itself; in a two-way trust, the whole trust when the other direction
 * already has the value, else the trust written as its two directions — the edited one with the value, the other
 * as it was — since netdom sets CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION per direction (`netdom trust <trusting>
 * /domain:<trusted>`) and a {@link TrustInit} states one value for both.
 * @throws TypeError - `applyFix: …` when no declared trust has that direction
 * @see MS-ADTS 6.1.6.7.9 trustAttributes; netdom trust, https://learn.microsoft.com/windows-server/administration/windows-commands/netdom-trust
 */
export function editTrusts(
  dir: Directory,
  trusts: readonly TrustInit[] | undefined,
  edit: Extract<FixEdit, { op: 'trust' }>,
): TrustInit[] {
  const dns = (name: string): string | undefined => findDomain(dir, name)?.dnsName;
  const trusting = dns(edit.trusting);
  const trusted = dns(edit.trusted);
  const out: TrustInit[] = [];
  let found = false;
  for (const t of trusts ?? []) {
    const [a, b] = [dns(t.between[0]), dns(t.between[1])];
    const twoWay = (t.direction ?? 'two-way') === 'two-way';
    const forward = a === trusting && b === trusted;
    const backward = twoWay && a === trusted && b === trusting;
    if (found || (!forward && !backward)) {
      out.push(t);
      continue;
    }
    found = true;
    const sameForest = findDomain(dir, a ?? '')?.forest === findDomain(dir, b ?? '')?.forest;
    const current = t[edit.attribute] ?? sameForest;
    if (!twoWay || current === edit.value) {
      out.push({ ...t, [edit.attribute]: edit.value });
      continue;
    }
    const [first, second] = forward ? t.between : [t.between[1], t.between[0]];
    out.push(
      { ...t, between: [first, second], direction: 'one-way', [edit.attribute]: edit.value },
      { ...t, between: [second, first], direction: 'one-way', [edit.attribute]: current },
    );
  }
  if (!found)
    throw new TypeError(
      `applyFix: the estate declares no trust in which ${edit.trusting} trusts ${edit.trusted}`,
    );
  return out;
}
