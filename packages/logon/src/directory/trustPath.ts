import type { Directory } from './directory.js';
import { findDomain } from './findDomain.js';
import type { Trust } from './trust.js';

/**
 * How accounts of one domain reach resources of another: the same domain, another domain of the same
 * forest (every intra-forest trust is two-way and transitive), or across one trust between forests.
 *
 * @example
 * ```ts
 * import type { TrustPath } from '@doublehop/logon';
 *
 * function crossesForest(p: TrustPath): boolean {
 *   return p.kind === 'cross-forest';
 * }
 * ```
 */
export type TrustPath =
  | { readonly kind: 'same-domain' }
  | { readonly kind: 'same-forest' }
  | {
      readonly kind: 'cross-forest';
      /** The forest or external trust crossed, in the direction used (trusting = the resource side). */
      readonly trust: Trust;
    };

/**
 * Whether accounts of `accountDomain` may authenticate to resources in `resourceDomain`, and through which
 * trust.
 *
 * @remarks
 * Inside a forest every domain trusts every other (transitively). Between forests, a forest trust in which the
 * resource forest trusts the account forest covers every domain of both forests; an external trust covers
 * exactly its two domains; trusts are never chained across a third forest.
 * @param dir - the directory
 * @param resourceDomain - the domain of the machine or service being accessed (DNS or NetBIOS name)
 * @param accountDomain - the domain of the account
 * @returns the path, or `undefined` when no trust allows it (or a domain is unknown)
 * @example
 * ```ts
 * import { directory, trustPath } from '@doublehop/logon';
 *
 * const dir = directory({
 *   domains: [{ dnsName: 'corp.example' }, { dnsName: 'emea.corp.example', parent: 'corp.example' }, { dnsName: 'other.example' }],
 * });
 * trustPath(dir, 'emea.corp.example', 'corp.example')?.kind; // 'same-forest'
 * trustPath(dir, 'other.example', 'corp.example');           // undefined
 * ```
 * @see MS-ADTS 6.1.6 (trusted domain objects); "How Domain and Forest Trusts Work",
 * https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2003/cc773178(v=ws.10)
 */
export function trustPath(
  dir: Directory,
  resourceDomain: string,
  accountDomain: string,
): TrustPath | undefined {
  const resource = findDomain(dir, resourceDomain);
  const account = findDomain(dir, accountDomain);
  if (resource === undefined || account === undefined) return undefined;
  if (resource === account) return { kind: 'same-domain' };
  if (resource.forest === account.forest) return { kind: 'same-forest' };
  const forestTrust = dir.trusts.find(
    (t) => t.type === 'forest' && t.trusting === resource.forest && t.trusted === account.forest,
  );
  if (forestTrust !== undefined) return { kind: 'cross-forest', trust: forestTrust };
  const external = dir.trusts.find(
    (t) => t.type !== 'forest' && t.trusting === resource.dnsName && t.trusted === account.dnsName,
  );
  return external === undefined ? undefined : { kind: 'cross-forest', trust: external };
}
