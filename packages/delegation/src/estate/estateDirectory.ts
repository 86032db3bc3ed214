import {
  type AccountInit,
  type Directory,
  type DomainInit,
  directory,
  findAccount,
  type TrustInit,
} from '@doublehop/logon';
import type { EstateMachine, EstateModel } from './estateModel.js';
import { joinedComputerAccounts } from './joinedComputerAccounts.js';

/**
 * The parts of an estate its directory is made of: the domains, trusts and accounts, and the machines, whose
 * computer accounts domain join adds.
 *
 * @example
 * ```ts
 * import type { EstateDirectoryInput } from '@doublehop/delegation';
 *
 * const input: EstateDirectoryInput = { domains: [{ dnsName: 'corp.example' }], machines: [{ name: 'WEB01', domain: 'corp.example' }] };
 * ```
 * @see {@link estateDirectory}
 */
export interface EstateDirectoryInput {
  /** The domains. */
  readonly domains: readonly DomainInit[];
  /** The trusts. */
  readonly trusts?: readonly TrustInit[] | undefined;
  /** The accounts. */
  readonly accounts?: readonly AccountInit[] | undefined;
  /** The machines (only their names, domains and roles are read). */
  readonly machines?: readonly Pick<EstateMachine, 'name' | 'domain' | 'role'>[] | undefined;
}

/** @internal The password the model stands in for an account the model gives none: the right one was typed. */
export const MODEL_PASSWORD = 'doublehop:estate-password';

/**
 * The directory every analysis of an estate sees: its domains, trusts and accounts — a user, computer or
 * `password`-less account logs on with a stand-in password, as if the right one was typed — and the computer
 * account domain join creates for each joined machine the accounts do not declare ({@link joinedComputerAccounts}).
 *
 * @remarks
 * Built once per set of declarations and remembered by the `accounts` list (or, without accounts, the `domains`
 * list): a loader that checks a model file builds it from the lists the model then carries, and every analysis of
 * that model finds it rather than building a directory of 150 000 accounts again. The machines need only be the
 * same by name, domain and role, in the same order.
 * @param estate - the estate, or the parts of it above
 * @returns the directory
 * @throws TypeError - `directory: …` for what `@doublehop/logon`'s `directory()` refuses (an unknown domain or
 * member, two accounts with one name or SID)
 * @example
 * ```ts
 * import { estateDirectory } from '@doublehop/delegation';
 * import { findAccount } from '@doublehop/logon';
 *
 * const dir = estateDirectory({
 *   domains: [{ dnsName: 'corp.example' }],
 *   accounts: [{ kind: 'user', samAccountName: 'alice' }],
 *   machines: [{ name: 'WEB01', domain: 'corp.example' }],
 * });
 * findAccount(dir, 'CORP\\WEB01$')?.kind;          // 'computer'
 * findAccount(dir, 'CORP\\alice')?.kind;           // 'user'
 * ```
 * @see {@link joinedComputerAccounts}; `@doublehop/logon`'s `directory()`
 */
export function estateDirectory(estate: EstateDirectoryInput | EstateModel): Directory {
  return estateDirectoryOf(estate).directory;
}

/** @internal The estate's directory with the SIDs (text) of the accounts it declares and those join adds. */
export interface EstateDirectory {
  readonly directory: Directory;
  readonly declared: ReadonlySet<string>;
}

interface Remembered extends EstateDirectory {
  readonly domains: readonly DomainInit[];
  readonly trusts: readonly TrustInit[] | undefined;
  readonly joined: string;
}

const remembered = new WeakMap<object, Remembered>();

/** @internal {@link estateDirectory}, with the declared accounts. */
export function estateDirectoryOf(estate: EstateDirectoryInput): EstateDirectory {
  // What the joined accounts depend on besides the lists: each joined machine's name, domain and role.
  const joinedKey = (estate.machines ?? [])
    .filter((m) => m.domain !== undefined)
    .map((m) => `${m.name}|${m.domain}|${m.role ?? ''}`)
    .join('\n');
  const key: object = estate.accounts ?? estate.domains;
  const hit = remembered.get(key);
  if (
    hit !== undefined &&
    hit.domains === estate.domains &&
    (hit.trusts ?? NONE) === (estate.trusts ?? NONE) &&
    hit.joined === joinedKey
  ) {
    return hit;
  }
  const accounts: AccountInit[] = (estate.accounts ?? []).map(withPassword);
  for (const j of joinedComputerAccounts(estate as EstateModel)) accounts.push(withPassword(j.account));
  const dir = directory({
    domains: estate.domains,
    ...(estate.trusts === undefined ? {} : { trusts: estate.trusts }),
    accounts,
  });
  // directory(): an account without a domain goes in the first domain by DNS name.
  const defaultDomain = dir.domains[0]?.dnsName ?? '';
  const declared = new Set<string>();
  for (const a of accounts) {
    const found = findAccount(dir, `${a.domain ?? defaultDomain}\\${a.samAccountName}`);
    if (found !== undefined) declared.add(found.sid.text);
  }
  const result: Remembered = {
    directory: dir,
    declared,
    domains: estate.domains,
    trusts: estate.trusts,
    joined: joinedKey,
  };
  remembered.set(key, result);
  return result;
}

const NONE: readonly TrustInit[] = [];

function withPassword(a: AccountInit): AccountInit {
  if (a.kind === 'group' || a.kind === 'gmsa' || a.password !== undefined) return a;
  return { ...a, password: MODEL_PASSWORD };
}
