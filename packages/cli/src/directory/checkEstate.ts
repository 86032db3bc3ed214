import { parseSid } from '@doublehop/core-token';
import type { LoadContext } from '../source/loadContext.js';
import { accountKind, accountName, DEFAULT_DOMAIN } from './directoryInits.js';
import type { DirectoryDocument } from './directorySchema.js';

const GROUP_ONLY = ['scope', 'securityEnabled', 'members'] as const;
const PRINCIPAL_ONLY = [
  'userPrincipalName',
  'enabled',
  'userAccountControl',
  'trustedForDelegation',
  'trustedToAuthForDelegation',
  'accountNotDelegated',
  'servicePrincipalNames',
  'allowedToDelegateTo',
  'allowedToActOnBehalfOfOtherIdentity',
  'principalsAllowedToDelegateToAccount',
  'allowedToDelegateToAccounts',
  'primaryGroupId',
] as const;

/**
 * @internal Checks the declarations of the estate before anything is built: unique domain names (DNS and
 * NetBIOS), parseable domain SIDs, declared parents, forests and trust ends, account domains, keys that apply
 * to the account's kind, unique account names and RIDs. Returns whether all held.
 */
export function checkEstate(file: DirectoryDocument, cx: LoadContext): boolean {
  let valid = true;
  const problem: LoadContext['problem'] = (...args) => {
    valid = false;
    cx.problem(...args);
  };

  // Domains: unique DNS and NetBIOS names, parseable SIDs, declared parents and forests.
  const declared = file.domains ?? [];
  const byDns = new Map<string, string>();
  const byNetbios = new Map<string, string>();
  for (const { key, value } of declared) {
    const dns = key.toLowerCase();
    const netbios = (value.netbiosName ?? key.split('.')[0] ?? key).toUpperCase();
    if (byDns.has(dns)) {
      problem(
        'duplicate',
        ['domains', key],
        {
          message: `the domain "${key}" is declared twice`,
          found: `a second "${key}"`,
          expected: 'each domain once',
        },
        { key: true },
      );
    } else if (byNetbios.has(netbios)) {
      problem(
        'duplicate',
        value.netbiosName === undefined ? ['domains', key] : ['domains', key, 'netbiosName'],
        {
          message: `the NetBIOS name ${netbios} is already ${byNetbios.get(netbios)}'s`,
          found: netbios,
          expected: 'a NetBIOS name no other domain has',
          hint: value.netbiosName === undefined ? 'give the domain a netbiosName' : undefined,
        },
        { key: value.netbiosName === undefined },
      );
    }
    byDns.set(dns, key);
    byNetbios.set(netbios, key);
    if (value.sid !== undefined) {
      const parsed = parseSid(value.sid);
      if (!parsed.ok) {
        problem(
          'invalid-sid',
          ['domains', key, 'sid'],
          {
            message: `invalid SID: expected ${parsed.error.expected}, found ${parsed.error.found}`,
            found: parsed.error.found,
            expected: parsed.error.expected,
          },
          { index: parsed.error.offset },
        );
      }
    }
  }
  const domainKnown = (name: string): boolean =>
    byDns.has(name.toLowerCase()) ||
    byNetbios.has(name.toUpperCase()) ||
    (declared.length === 0 && isDefault(name));
  for (const { key, value } of declared) {
    for (const field of ['parent', 'forest'] as const) {
      const target = value[field];
      if (target === undefined) continue;
      if (!byDns.has(target.toLowerCase())) {
        problem('unknown-domain', ['domains', key, field], {
          message: `unknown ${field} domain "${target}"`,
          found: `"${target}"`,
          expected: 'the DNS name of a domain declared under domains',
        });
      } else if (target.toLowerCase() === key.toLowerCase()) {
        problem('invalid-value', ['domains', key, field], {
          message: `the domain "${key}" cannot be its own ${field}`,
          found: `"${target}"`,
          expected: 'another domain',
        });
      }
    }
  }

  // Trusts: two distinct, declared domains.
  (file.trusts ?? []).forEach((trust, i) => {
    trust.between.forEach((name, j) => {
      if (!domainKnown(name)) {
        problem('unknown-domain', ['trusts', i, 'between', j], {
          message: `unknown domain "${name}"`,
          found: `"${name}"`,
          expected: 'a domain declared under domains (DNS or NetBIOS name)',
        });
      }
    });
    const [a, b] = trust.between;
    if (
      domainKnown(a) &&
      domainKnown(b) &&
      canonical(a, byDns, byNetbios) === canonical(b, byDns, byNetbios)
    ) {
      problem('invalid-value', ['trusts', i, 'between', 1], {
        message: `a trust joins two different domains, not "${a}" and "${b}"`,
        found: `"${b}"`,
        expected: `a domain other than "${a}"`,
      });
    }
  });

  // Accounts: a declared domain, keys that apply to the kind, unique names and RIDs.
  const accounts = file.accounts ?? [];
  const names = new Map<string, string>();
  const rids = new Map<string, string>();
  for (const entry of accounts) {
    const { key, value } = entry;
    const kind = accountKind(entry);
    const name = accountName(entry);
    const domain = name.domain ?? declared[0]?.key ?? DEFAULT_DOMAIN;
    const keyDomain = key.includes('\\') ? key.slice(0, key.indexOf('\\')) : undefined;
    if (keyDomain !== undefined && !domainKnown(keyDomain)) {
      problem(
        'unknown-domain',
        ['accounts', key],
        {
          message: `unknown domain "${keyDomain}" in the account name "${key}"`,
          found: `"${keyDomain}"`,
          expected: 'a domain declared under domains (DNS or NetBIOS name)',
        },
        { key: true, index: 0, length: keyDomain.length },
      );
    } else if (
      keyDomain !== undefined &&
      value.domain !== undefined &&
      domainKnown(value.domain) &&
      canonical(keyDomain, byDns, byNetbios) !== canonical(value.domain, byDns, byNetbios)
    ) {
      problem('invalid-value', ['accounts', key, 'domain'], {
        message: `the account "${key}" names the domain ${keyDomain}, but its domain is "${value.domain}"`,
        found: `"${value.domain}"`,
        expected: `${keyDomain}, or no domain key`,
      });
    }
    if (value.domain !== undefined && !domainKnown(value.domain)) {
      problem('unknown-domain', ['accounts', key, 'domain'], {
        message: `unknown domain "${value.domain}"`,
        found: `"${value.domain}"`,
        expected:
          declared.length === 0
            ? `"${DEFAULT_DOMAIN}" (the default domain), or a domain declared under domains`
            : 'a domain declared under domains (DNS or NetBIOS name)',
      });
    }
    const inapplicable = kind === 'group' ? PRINCIPAL_ONLY : GROUP_ONLY;
    for (const k of inapplicable) {
      if (value[k] === undefined) continue;
      problem(
        'unknown-key',
        ['accounts', key, k],
        {
          message: `the key "${k}" does not apply to ${kind === 'group' ? 'a group' : `a ${kind}`}`,
          found: `"${k}"`,
          expected: kind === 'group' ? 'a key of a group' : 'a key of a user, computer or gMSA',
          hint: kind === 'group' ? undefined : 'set kind: group to declare a group',
        },
        { key: true },
      );
    }
    const domainKey = canonical(domain, byDns, byNetbios) ?? domain.toLowerCase();
    const sam = kind === 'computer' || kind === 'gmsa' ? name.sam.replace(/\$?$/, '$') : name.sam;
    const nameKey = `${domainKey}\\${sam.toLowerCase()}`;
    const first = names.get(nameKey);
    if (first !== undefined) {
      problem(
        'duplicate',
        ['accounts', key],
        {
          message: `"${key}" and "${first}" are the same account (${sam} in ${domainKey})`,
          found: `a second ${sam}`,
          expected: 'each account once per domain',
        },
        { key: true },
      );
    } else names.set(nameKey, key);
    if (value.rid !== undefined) {
      const ridKey = `${domainKey}\\${value.rid}`;
      const other = rids.get(ridKey);
      if (other !== undefined) {
        problem('duplicate', ['accounts', key, 'rid'], {
          message: `the RID ${value.rid} is already "${other}"'s`,
          found: `the RID ${value.rid}`,
          expected: 'a RID no other account of the domain has',
        });
      } else rids.set(ridKey, key);
    }
  }
  return valid;
}

function isDefault(name: string): boolean {
  return name.toLowerCase() === DEFAULT_DOMAIN || name.toUpperCase() === 'CORP';
}

function canonical(
  name: string,
  byDns: Map<string, string>,
  byNetbios: Map<string, string>,
): string | undefined {
  const key = byDns.get(name.toLowerCase()) ?? byNetbios.get(name.toUpperCase());
  if (key !== undefined) return key.toLowerCase();
  return isDefault(name) ? DEFAULT_DOMAIN : undefined;
}
