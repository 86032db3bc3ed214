import { type Sid, sidWithRid } from '@doublehop/core-token';
import { builtinAccounts } from './builtinAccounts.js';
import { derivedRid } from './derivedSid.js';
import type { AccountInit } from './directoryInit.js';
import type { Domain } from './domain.js';
import { sortedByText } from './order.js';

/** @internal An account's identity, fixed before anything refers to it: its declaration, domain, name and SID. */
export interface AccountDraft {
  /** The declaration. */
  readonly init: AccountInit;
  /** Its domain. */
  readonly domain: Domain;
  /** sAMAccountName (with the `$` of a computer or gMSA). */
  readonly samAccountName: string;
  /** objectSid. */
  readonly sid: Sid;
}

/**
 * @internal Pass 1 of building a directory: the identity of every account — the declared ones, then each
 * domain's built-ins not declared over by name or by RID ({@link builtinAccounts}). Computer and gMSA names get their `$`. A
 * declared RID is kept; the others are derived from the name and probed upward past collisions, in name order,
 * so the result never depends on declaration order. Two accounts with one name or one SID are a model error.
 * @see MS-ADTS 3.1.1.1.5 (objectSid), 3.1.1.5.2.2 (sAMAccountName uniqueness)
 */
export function draftAccounts(
  declared: readonly AccountInit[],
  domains: readonly Domain[],
  resolveDomain: (name: string | undefined) => Domain,
): AccountDraft[] {
  const drafts: { init: AccountInit; domain: Domain; samAccountName: string; sid: Sid | undefined }[] = [];
  const names = new Set<string>();
  for (const a of declared) {
    const domain = resolveDomain(a.domain);
    const samAccountName =
      a.kind === 'computer' || a.kind === 'gmsa'
        ? a.samAccountName.endsWith('$')
          ? a.samAccountName
          : `${a.samAccountName}$`
        : a.samAccountName;
    const key = `${domain.dnsName}\\${samAccountName.toLowerCase()}`;
    if (names.has(key)) throw new TypeError(`directory: two accounts named "${key}"`);
    names.add(key);
    drafts.push({
      init: a,
      domain,
      samAccountName,
      sid: a.rid === undefined ? undefined : sidWithRid(domain.sid, a.rid),
    });
  }
  // A declared account holding a built-in's RID is that built-in, renamed — as directories often rename
  // Administrator (RID 500 is what makes it the built-in one; MS-DTYP 2.4.2.4).
  const declaredSids = new Set(drafts.flatMap((d) => (d.sid === undefined ? [] : [d.sid])));
  for (const domain of domains) {
    for (const a of builtinAccounts(domain, (rid) => declaredSids.has(sidWithRid(domain.sid, rid)))) {
      const key = `${domain.dnsName}\\${a.samAccountName.toLowerCase()}`;
      if (names.has(key) || declaredSids.has(sidWithRid(domain.sid, a.rid ?? 0))) continue;
      names.add(key);
      drafts.push({
        init: a,
        domain,
        samAccountName: a.samAccountName,
        sid: sidWithRid(domain.sid, a.rid ?? 0),
      });
    }
  }
  const taken = new Set<Sid>();
  for (const d of drafts) {
    if (d.sid === undefined) continue;
    if (taken.has(d.sid)) throw new TypeError(`directory: two accounts with SID ${d.sid.text}`);
    taken.add(d.sid);
  }
  const unnumbered = sortedByText(
    drafts.filter((d) => d.sid === undefined),
    (d) => `${d.domain.dnsName}\\${d.samAccountName}`,
  );
  for (const d of unnumbered) {
    let rid = derivedRid(d.samAccountName);
    while (taken.has(sidWithRid(d.domain.sid, rid))) rid++;
    d.sid = sidWithRid(d.domain.sid, rid);
    taken.add(d.sid);
  }
  return drafts.map((d) => ({ ...d, sid: d.sid as Sid }));
}
