import { appPoolSid, type Luid, type Sid, serviceSid, WELL_KNOWN_SIDS } from '@doublehop/core-token';
import type { PrincipalAccount } from '../directory/account.js';
import { findAccount } from '../directory/findAccount.js';
import { findDomain } from '../directory/findDomain.js';
import type { LocalUser } from '../machine/localUser.js';
import type { Lsa } from './lsa.js';
import { WELL_KNOWN_LUIDS } from './wellKnownLuids.js';

/** @internal Who a logon request names, once resolved. */
export type Principal =
  | {
      readonly kind: 'builtin';
      readonly which: 'SYSTEM' | 'LOCAL SERVICE' | 'NETWORK SERVICE' | 'IUSR';
      readonly sid: Sid;
      readonly name: string;
      readonly domain: 'NT AUTHORITY';
      readonly fixedLogonId: Luid;
    }
  | {
      readonly kind: 'virtual';
      readonly sid: Sid;
      readonly name: string;
      readonly domain: 'NT SERVICE' | 'IIS APPPOOL';
    }
  | {
      readonly kind: 'local';
      readonly user: LocalUser;
      readonly sid: Sid;
      readonly name: string;
      readonly domain: string;
    }
  | {
      readonly kind: 'domain';
      readonly account: PrincipalAccount;
      readonly sid: Sid;
      readonly name: string;
      readonly domain: string;
      readonly dnsDomain: string;
    };

const BUILTINS: Record<string, 'SYSTEM' | 'LOCAL SERVICE' | 'NETWORK SERVICE' | 'IUSR'> = {
  system: 'SYSTEM',
  localsystem: 'SYSTEM',
  'local service': 'LOCAL SERVICE',
  localservice: 'LOCAL SERVICE',
  'network service': 'NETWORK SERVICE',
  networkservice: 'NETWORK SERVICE',
  iusr: 'IUSR',
};

const FIXED: Record<'SYSTEM' | 'LOCAL SERVICE' | 'NETWORK SERVICE' | 'IUSR', { sid: Sid; luid: Luid }> = {
  SYSTEM: { sid: WELL_KNOWN_SIDS.SYSTEM.sid, luid: WELL_KNOWN_LUIDS.SYSTEM },
  'LOCAL SERVICE': { sid: WELL_KNOWN_SIDS.LOCAL_SERVICE.sid, luid: WELL_KNOWN_LUIDS['LOCAL SERVICE'] },
  'NETWORK SERVICE': { sid: WELL_KNOWN_SIDS.NETWORK_SERVICE.sid, luid: WELL_KNOWN_LUIDS['NETWORK SERVICE'] },
  IUSR: { sid: WELL_KNOWN_SIDS.IUSR.sid, luid: WELL_KNOWN_LUIDS.IUSR },
};

/** @internal The built-in principal for SYSTEM, LOCAL SERVICE, NETWORK SERVICE or IUSR. */
export function builtinPrincipal(which: 'SYSTEM' | 'LOCAL SERVICE' | 'NETWORK SERVICE' | 'IUSR'): Principal {
  return {
    kind: 'builtin',
    which,
    sid: FIXED[which].sid,
    name: which,
    domain: 'NT AUTHORITY',
    fixedLogonId: FIXED[which].luid,
  };
}

/**
 * @internal Resolves an account name as LogonUser does: `DOMAIN\name`, `name@domain`, `.\name` (local), a bare
 * name (local first, then the machine's domain), `NT AUTHORITY\…` built-ins, `NT SERVICE\x` and
 * `IIS APPPOOL\x` virtual accounts.
 */
export function resolvePrincipal(lsa: Lsa, account: string): Principal | undefined {
  const { machine, directory } = lsa;
  const slash = account.indexOf('\\');
  const prefix = slash < 0 ? null : account.slice(0, slash).toUpperCase();
  const bare = slash < 0 ? account : account.slice(slash + 1);
  const builtin = BUILTINS[bare.toLowerCase()];
  if (builtin !== undefined && (prefix === null || prefix === 'NT AUTHORITY' || prefix === '.')) {
    return builtinPrincipal(builtin);
  }
  if (prefix === 'NT SERVICE' && bare.length > 0) {
    return { kind: 'virtual', sid: serviceSid(bare), name: bare, domain: 'NT SERVICE' };
  }
  if (prefix === 'IIS APPPOOL' && bare.length > 0) {
    return { kind: 'virtual', sid: appPoolSid(bare), name: bare, domain: 'IIS APPPOOL' };
  }
  if (prefix === null || prefix === '.' || prefix === machine.name) {
    const local = machine.localUsers.find((u) => u.name.toLowerCase() === bare.toLowerCase());
    if (local !== undefined && !account.includes('@')) {
      return { kind: 'local', user: local, sid: local.sid, name: local.name, domain: machine.name };
    }
    if (prefix !== null) return undefined;
  }
  if (directory === null) return undefined;
  const found = findAccount(directory, account, machine.domain ?? undefined);
  if (found === undefined || found.kind === 'group') return undefined;
  const domain = findDomain(directory, found.domain);
  return {
    kind: 'domain',
    account: found,
    sid: found.sid,
    name: found.samAccountName,
    domain: domain?.netbiosName ?? found.domain.toUpperCase(),
    dnsDomain: found.domain,
  };
}

/**
 * @internal SYSTEM, LOCAL SERVICE, NETWORK SERVICE, IUSR and the virtual accounts: identities the system logs
 * on itself, without a secret ("Service User Accounts").
 */
export function isServiceIdentity(principal: Principal): boolean {
  return principal.kind === 'builtin' || principal.kind === 'virtual';
}

/**
 * @internal IUSR, the built-in identity of anonymous IIS requests: unlike the other built-ins it is no service
 * account (no implicit service logon right, no System integrity, no network credentials). "Understanding
 * Built-In User and Group Accounts in IIS".
 */
export function isIusr(principal: Principal): boolean {
  return principal.kind === 'builtin' && principal.which === 'IUSR';
}

/** @internal A group-managed service account: LSA fetches its password itself, and 4624 calls it virtual. */
export function isGmsa(principal: Principal): boolean {
  return principal.kind === 'domain' && principal.account.kind === 'gmsa';
}
