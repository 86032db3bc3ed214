import { DNS_NAME_PATTERN } from '../directory/directorySchema.js';
import type { DirectoryFacts, TrustFacts } from './directoryFacts.js';
import type { ImportWarning } from './importProblems.js';

// trustAttributes (MS-ADTS 6.1.6.7.9).
const TRUST_ATTRIBUTE_NON_TRANSITIVE = 0x1;
const TRUST_ATTRIBUTE_QUARANTINED_DOMAIN = 0x4;
const TRUST_ATTRIBUTE_FOREST_TRANSITIVE = 0x8;
const TRUST_ATTRIBUTE_CROSS_ORGANIZATION = 0x10;
const TRUST_ATTRIBUTE_WITHIN_FOREST = 0x20;
const TRUST_ATTRIBUTE_TREAT_AS_EXTERNAL = 0x40;
const TRUST_ATTRIBUTE_CROSS_ORGANIZATION_NO_TGT_DELEGATION = 0x200;
const TRUST_ATTRIBUTE_CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION = 0x800;

/** @internal A trusted-domain object as a source gives it (the attributes of MS-ADTS 6.1.6.7). */
export interface TrustedDomainObject {
  /** The DNS name of the domain whose directory holds the object. */
  readonly self: string;
  /** trustPartner: the other domain's DNS name. */
  readonly target: string | undefined;
  /** trustDirection (MS-ADTS 6.1.6.7.12). */
  readonly direction: 'disabled' | 'inbound' | 'outbound' | 'bidirectional' | undefined;
  /** trustType (6.1.6.7.15): `uplevel`, `downlevel`, `mit`, `dce`. */
  readonly trustType: string | undefined;
  /** trustAttributes (6.1.6.7.9). */
  readonly attributes: number;
  /** Whether the other end is the root of another tree of this forest, when the source says (Get-ADTrust). */
  readonly treeRoot?: boolean | undefined;
  readonly file: string;
  readonly path: string;
}

/**
 * @internal Which end of a trust trusts which, from the direction one end reports it in (MS-ADTS 6.1.6.7.12):
 * inbound — the other domain trusts this one; outbound — this one trusts the other; bidirectional — both.
 */
export function trustEnds(
  self: string,
  other: string,
  direction: 'inbound' | 'outbound' | 'bidirectional',
): Pick<TrustFacts, 'trusting' | 'trusted' | 'twoWay'> {
  const inbound = direction === 'inbound';
  return {
    trusting: inbound ? other : self,
    trusted: inbound ? self : other,
    twoWay: direction === 'bidirectional',
  };
}

/**
 * @internal A trust as the model takes it, from a trusted-domain object: intra-forest (parent-child when one name
 * is under the other, tree-root, else shortcut), forest or external from trustAttributes; the direction in the
 * trusting side's words (inbound: the other domain trusts this one); transitivity, SID filtering (quarantine on
 * an external trust, unless TREAT_AS_EXTERNAL on a forest trust), TGT delegation across forests (only with
 * CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION), selective authentication (CROSS_ORGANIZATION). A realm trust, a
 * disabled one, or a partner without a DNS name is left out with a warning.
 */
export function trustFromAttributes(
  t: TrustedDomainObject,
  facts: DirectoryFacts,
  warn: (w: ImportWarning) => void,
): void {
  const skip = (why: string) =>
    warn({
      code: 'skipped-trust',
      file: t.file,
      path: t.path,
      message: `the trust to ${t.target ?? '?'} is left out: ${why}`,
    });
  const target = t.target?.toLowerCase();
  if (!DNS_NAME_PATTERN.test(t.self)) {
    skip(`the domain holding it, "${t.self}", has no DNS name`);
    return;
  }
  if (target === undefined || !DNS_NAME_PATTERN.test(target)) {
    skip('its target is not a DNS domain name');
    return;
  }
  if (t.trustType === 'mit' || t.trustType === 'dce') {
    skip(`the model has no ${t.trustType} realm trust`);
    return;
  }
  if (t.direction === undefined || t.direction === 'disabled') {
    skip(`its direction is ${String(t.direction)}`);
    return;
  }
  const a = t.attributes;
  const nested = t.self.endsWith(`.${target}`) || target.endsWith(`.${t.self}`);
  const type: TrustFacts['type'] =
    (a & TRUST_ATTRIBUTE_WITHIN_FOREST) !== 0
      ? nested
        ? 'parent-child'
        : t.treeRoot === true
          ? 'tree-root'
          : 'shortcut'
      : (a & TRUST_ATTRIBUTE_FOREST_TRANSITIVE) !== 0
        ? 'forest'
        : 'external';
  const acrossForests = type === 'forest' || type === 'external';
  facts.trusts.push({
    reportedBy: t.self,
    ...trustEnds(t.self, target, t.direction),
    type,
    transitive: (a & TRUST_ATTRIBUTE_NON_TRANSITIVE) === 0,
    sidFiltering:
      type === 'external'
        ? (a & TRUST_ATTRIBUTE_QUARANTINED_DOMAIN) !== 0
        : type === 'forest'
          ? (a & TRUST_ATTRIBUTE_TREAT_AS_EXTERNAL) === 0
          : undefined,
    tgtDelegation: acrossForests
      ? (a & TRUST_ATTRIBUTE_CROSS_ORGANIZATION_ENABLE_TGT_DELEGATION) !== 0 &&
        (a & TRUST_ATTRIBUTE_CROSS_ORGANIZATION_NO_TGT_DELEGATION) === 0
      : undefined,
    selectiveAuthentication: (a & TRUST_ATTRIBUTE_CROSS_ORGANIZATION) !== 0,
    file: t.file,
    path: t.path,
  });
}
