import type { AccountInit, Directory, DomainInit, TrustInit } from '@doublehop/logon';
import type { Entry } from '../schema/collections.js';
import type { LoadContext } from '../source/loadContext.js';
import type { AccountDocument, DirectoryDocument } from './directorySchema.js';

// The directory sections of a checked file (scenario or model) as the declarations `@doublehop/logon`'s directory() takes.

/** @internal The domain a file gets when it declares none. */
export const DEFAULT_DOMAIN = 'corp.example';

/**
 * @internal The sAMAccountName and the domain an entry of `accounts` names. The key is the sAMAccountName, or
 * `DOMAIN\\name` (the domain's DNS or NetBIOS name) — which a directory spanning several domains needs, each
 * with its own Administrator and krbtgt; a sAMAccountName never contains `\\` (MS-ADTS 3.1.1.5.2.2 forbids it),
 * so the two cannot be confused. A `domain` value wins over the key's, and checkEstate reports the two when
 * they differ.
 */
export function accountName(entry: Entry<AccountDocument>): {
  readonly sam: string;
  readonly domain: string | undefined;
} {
  const slash = entry.key.indexOf('\\');
  if (slash < 0) return { sam: entry.key, domain: entry.value.domain };
  return { sam: entry.key.slice(slash + 1), domain: entry.value.domain ?? entry.key.slice(0, slash) };
}

/** @internal An account's kind: declared, or `computer` for a name ending with `$`, else `user`. */
export function accountKind(entry: Entry<AccountDocument>): 'user' | 'computer' | 'gmsa' | 'group' {
  return entry.value.kind ?? (entry.key.endsWith('$') ? 'computer' : 'user');
}

/** @internal The trusts as `@doublehop/logon` takes them. */
export function trustInits(file: DirectoryDocument): TrustInit[] {
  return (file.trusts ?? []).map((t) => {
    const init: { -readonly [K in keyof TrustInit]: TrustInit[K] } = { between: t.between };
    if (t.type !== undefined) init.type = t.type;
    if (t.direction !== undefined) init.direction = t.direction;
    if (t.transitive !== undefined) init.transitive = t.transitive;
    if (t.selectiveAuthentication !== undefined) init.selectiveAuthentication = t.selectiveAuthentication;
    if (t.enableTgtDelegation !== undefined) init.enableTgtDelegation = t.enableTgtDelegation;
    if (t.sidFiltering !== undefined) init.sidFiltering = t.sidFiltering;
    return init;
  });
}

/** @internal The domains as `@doublehop/logon` takes them (the default domain when none is declared). */
export function domainInits(file: DirectoryDocument): DomainInit[] {
  const declared = file.domains ?? [];
  return declared.length === 0
    ? [{ dnsName: DEFAULT_DOMAIN }]
    : declared.map((d) => domainInit(d.key, d.value));
}

function domainInit(
  dnsName: string,
  d: NonNullable<DirectoryDocument['domains']>[number]['value'],
): DomainInit {
  const init: { -readonly [K in keyof DomainInit]: DomainInit[K] } = { dnsName };
  if (d.netbiosName !== undefined) init.netbiosName = d.netbiosName;
  if (d.sid !== undefined) init.sid = d.sid;
  if (d.functionalLevel !== undefined) init.functionalLevel = d.functionalLevel;
  if (d.parent !== undefined) init.parent = d.parent;
  if (d.forest !== undefined) init.forest = d.forest;
  if (d.machineAccountQuota !== undefined) init.machineAccountQuota = d.machineAccountQuota;
  return init;
}

/** @internal The declaration `@doublehop/logon` takes; without `references`, only what names and SIDs need. */
export function accountInit(
  entry: Entry<AccountDocument>,
  firstDomain: string | undefined,
  references: boolean,
): AccountInit {
  const { value } = entry;
  const kind = accountKind(entry);
  const name = accountName(entry);
  const domain = name.domain ?? firstDomain;
  const common = {
    samAccountName: name.sam,
    ...(domain === undefined ? {} : { domain }),
    ...(value.rid === undefined ? {} : { rid: value.rid }),
  };
  if (kind === 'group') {
    return {
      kind,
      ...common,
      ...(value.scope === undefined ? {} : { scope: value.scope }),
      ...(value.securityEnabled === undefined ? {} : { securityEnabled: value.securityEnabled }),
      ...(references && value.securityDescriptor !== undefined
        ? { securityDescriptor: value.securityDescriptor }
        : {}),
      ...(references && value.members !== undefined ? { members: value.members } : {}),
      ...(references && value.memberOf !== undefined ? { memberOf: value.memberOf } : {}),
      ...(references && value.sidHistory !== undefined ? { sidHistory: value.sidHistory } : {}),
    };
  }
  // Key by key rather than by spreads and rests: a directory of 150 000 accounts makes as many.
  const init: Record<string, unknown> = { kind, ...common };
  for (const k of Object.keys(value)) {
    if (!NOT_PLAIN.has(k)) init[k] = value[k as keyof AccountDocument];
  }
  if (references) {
    for (const k of REFERENCES) {
      const v = value[k];
      if (v !== undefined) init[k] = v;
    }
  }
  return init as unknown as AccountInit;
}

/** The keys a user's, computer's or gMSA's declaration passes on only with its references. */
const REFERENCES = [
  'memberOf',
  'sidHistory',
  'principalsAllowedToDelegateToAccount',
  'allowedToDelegateToAccounts',
  'allowedToActOnBehalfOfOtherIdentity',
  'securityDescriptor',
] as const;
/** The keys not copied as they are: group-only ones, those handled above, and the references. */
const NOT_PLAIN: ReadonlySet<string> = new Set([
  'scope',
  'securityEnabled',
  'members',
  'kind',
  'domain',
  'rid',
  ...REFERENCES,
]);

/** @internal Runs `directory()`, turning a model error it still finds into a diagnostic. */
export function attemptDirectory(cx: LoadContext, build: () => Directory): Directory | undefined {
  try {
    return build();
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/^directory: /, '');
    cx.problem(
      'invalid-directory',
      /trust/.test(message) ? ['trusts'] : /domain/.test(message) ? ['domains'] : ['accounts'],
      {
        message: `the directory is invalid: ${message}`,
        found: message,
        expected: 'a directory @doublehop/logon accepts',
      },
      { key: true },
    );
    return undefined;
  }
}
