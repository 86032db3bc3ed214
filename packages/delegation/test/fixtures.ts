import { type Result, sid } from '@doublehop/core-token';
import { type DirectoryInit, directory } from '@doublehop/logon';
import { expect } from 'vitest';
import {
  asExchange,
  createKdc,
  type Kdc,
  type KdcError,
  type KdcReply,
  type Ticket,
  tgsExchange,
} from '../src/index.js';

/**
 * One domain, corp.example, with the delegation configurations the tests exercise:
 * - alice: an ordinary user; admin: NOT_DELEGATED; pu: in Protected Users; off: disabled;
 * - WEB01$: no delegation settings of its own (an RBCD front end for FS01$);
 * - WEB02$: KCD "Kerberos only" to cifs/fs01.corp.example;
 * - WEB03$: KCD with protocol transition to MSSQLSvc/sql01.corp.example:1433;
 * - APP01$: unconstrained delegation (TRUSTED_FOR_DELEGATION);
 * - FS01$: HOST/fs01.corp.example (so cifs/… finds it), RBCD allows WEB01$;
 * - svc-sql: MSSQLSvc/sql01.corp.example:1433, KCD to cifs/fs01.corp.example (a second hop);
 * - DUP1$ and DUP2$ both hold HTTP/dup.corp.example.
 */
export const corpInit: DirectoryInit = {
  domains: [{ dnsName: 'corp.example', netbiosName: 'CORP', sid: 'S-1-5-21-1-2-3' }],
  accounts: [
    { kind: 'user', samAccountName: 'alice', rid: 1101 },
    { kind: 'user', samAccountName: 'admin', rid: 1102, accountNotDelegated: true },
    { kind: 'user', samAccountName: 'pu', rid: 1103, memberOf: ['Protected Users'] },
    { kind: 'user', samAccountName: 'off', rid: 1104, enabled: false },
    {
      kind: 'computer',
      samAccountName: 'WEB01',
      servicePrincipalNames: ['HTTP/web01.corp.example', 'HTTP/web01'],
    },
    {
      kind: 'computer',
      samAccountName: 'WEB02',
      servicePrincipalNames: ['HTTP/web02.corp.example'],
      allowedToDelegateTo: ['cifs/fs01.corp.example'],
    },
    {
      kind: 'computer',
      samAccountName: 'WEB03',
      servicePrincipalNames: ['HTTP/web03.corp.example'],
      trustedToAuthForDelegation: true,
      allowedToDelegateTo: ['MSSQLSvc/sql01.corp.example:1433'],
    },
    {
      kind: 'computer',
      samAccountName: 'APP01',
      servicePrincipalNames: ['HTTP/app01.corp.example'],
      trustedForDelegation: true,
    },
    {
      kind: 'computer',
      samAccountName: 'FS01',
      servicePrincipalNames: ['HOST/fs01.corp.example'],
      principalsAllowedToDelegateToAccount: ['WEB01$'],
    },
    {
      kind: 'user',
      samAccountName: 'svc-sql',
      servicePrincipalNames: ['MSSQLSvc/sql01.corp.example:1433'],
      allowedToDelegateTo: ['cifs/fs01.corp.example'],
    },
    { kind: 'computer', samAccountName: 'DUP1', servicePrincipalNames: ['HTTP/dup.corp.example'] },
    { kind: 'computer', samAccountName: 'DUP2', servicePrincipalNames: ['HTTP/dup.corp.example'] },
  ],
};

/** The corp.example directory, built once. */
export const corp = directory(corpInit);

/** A patched and an unpatched KDC over corp.example. */
export const patchedKdc = createKdc(corp);
export const unpatchedKdc = createKdc(corp, { patched: false });

/** Unwraps a successful result, failing the test with the KDC error otherwise. */
export function value<T>(r: Result<T, KdcError>): T {
  if (!r.ok) expect.fail(`${r.error.code} (${r.error.rule}): ${r.error.message}`);
  return r.value;
}

/** Unwraps a failed result, failing the test if it succeeded. */
export function refusal<T>(r: Result<T, KdcError>): KdcError {
  if (r.ok) expect.fail('expected a KDC refusal, got a ticket');
  return r.error;
}

/** A TGT for `client`. */
export function tgtOf(kdc: Kdc, client: string, forwardable = true): Ticket {
  return value(asExchange(kdc, { client, forwardable })).ticket;
}

/** `client`'s service ticket to `service` (via its TGT). */
export function serviceTicket(kdc: Kdc, client: string, service: string): KdcReply {
  return value(tgsExchange(kdc, { tgt: tgtOf(kdc, client), service }));
}

/** The SID of corp.example's account with `rid`. */
export const corpSid = (rid: number) => sid(`S-1-5-21-1-2-3-${rid}`);
