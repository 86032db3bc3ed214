import {
  adjustTokenPrivileges,
  GROUP_ATTRIBUTES,
  type ImpersonationLevel,
  impersonationCheck,
  type Token,
} from '@doublehop/core-token';
import {
  type ClientRequest,
  type ConnectionLevel,
  connectionLevel,
  type NegotiatedProtocol,
} from '@doublehop/impersonation-levels';
import {
  type Logon,
  type LogonCredential,
  type LogonError,
  type LogonTypeName,
  lsaLogonUser,
} from '@doublehop/logon';
import type { CompiledService } from '../compileEstate.js';
import type { EstateRequest } from '../estateModel.js';
import type { HopLogon } from '../estateResults.js';
import type { EstateRuntime } from './estateRuntime.js';
import type { HopRecorder } from './hopRecorder.js';

/** @internal The SSPI request a calling code's `request` stands for. */
export function clientRequest(request: EstateRequest): ClientRequest {
  switch (request) {
    case 'identify':
      return IDENTIFY;
    case 'delegate':
      return DELEGATE;
    default:
      return IMPERSONATE;
  }
}

// Frozen constants: the level rules remember what a frozen request amounts to.
const IDENTIFY: ClientRequest = Object.freeze({
  api: 'sspi',
  flags: Object.freeze(['ISC_REQ_IDENTIFY'] as const),
});
const DELEGATE: ClientRequest = Object.freeze({
  api: 'sspi',
  flags: Object.freeze(['ISC_REQ_DELEGATE', 'ISC_REQ_MUTUAL_AUTH'] as const),
});
const IMPERSONATE: ClientRequest = Object.freeze({ api: 'sspi', flags: Object.freeze([] as const) });

/** @internal LsaLogonUser on the service's machine for the arriving identity; records the logon step. */
export function serverLogon(
  runtime: EstateRuntime,
  target: CompiledService,
  account: string,
  logonType: LogonTypeName,
  credential: LogonCredential,
  rec: HopRecorder,
  caller?: { readonly logonId: number; readonly token: Token },
): { readonly ok: true; readonly logon: Logon } | { readonly ok: false; readonly error: LogonError } {
  const m = target.machine;
  const r = lsaLogonUser(runtime.lsa(m), {
    logonType,
    account,
    credential,
    ...(caller === undefined ? {} : { caller: caller.logonId, callerToken: caller.token }),
  });
  runtime.logon(m);
  if (!r.ok) {
    rec.step({
      origin: '@doublehop/logon',
      rule: r.error.reason,
      source: r.error.rule,
      outcome: 'refused',
      detail: `LsaLogonUser on ${m.name} refused ${account}: ${r.error.code} (${r.error.win32}): ${r.error.message}`,
    });
    return r;
  }
  const t = r.value.token;
  rec.step({
    origin: '@doublehop/logon',
    rule: 'lsaLogonUser',
    source: 'LsaLogonUser, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser',
    outcome: 'applied',
    detail: `${logonType} logon of ${account} on ${m.name} (${r.value.session.authenticationPackage}): ${t.type} token${t.impersonationLevel === null ? '' : ` at ${t.impersonationLevel}`}, credentials kept: ${r.value.session.credentials.kind}`,
  });
  return { ok: true, logon: r.value };
}

/**
 * @internal What a service's code does before KERB_S4U_LOGON when it wants a token it can impersonate: enable
 * SeTcbPrivilege in its process token. User Rights Assignment grants the privilege *disabled* (only SYSTEM has it
 * enabled by default), and LSA checks the enabled set — so the adjustment, through core-token's rule, decides
 * between an Impersonation and an Identification token. Recorded, ERROR_NOT_ALL_ASSIGNED included.
 * @see AdjustTokenPrivileges, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokenprivileges;
 * LsaLogonUser, LsaHandle, https://learn.microsoft.com/windows/win32/api/ntsecapi/nf-ntsecapi-lsalogonuser
 */
export function enableTcbForS4u(process: Token, runsAs: string, rec: HopRecorder): Token {
  // The new ModifiedId would be a LUID from the machine's LSA; no report shows LUIDs, and the adjusted token only
  // serves this one KERB_S4U_LOGON, so the process token's is kept rather than drawing on the LSA's counter.
  const r = adjustTokenPrivileges(
    process,
    { privileges: [{ name: 'SeTcbPrivilege', enable: true }] },
    process.modifiedId,
  );
  rec.step({
    origin: '@doublehop/core-token',
    rule: 'adjustTokenPrivileges',
    source: ADJUST_TOKEN_PRIVILEGES,
    outcome: r.status === 'ERROR_SUCCESS' ? 'applied' : 'refused',
    detail:
      r.status === 'ERROR_SUCCESS'
        ? `${runsAs} enables SeTcbPrivilege for KERB_S4U_LOGON${r.previous.length === 0 ? ' (already enabled)' : ''}`
        : `${runsAs} does not hold SeTcbPrivilege: AdjustTokenPrivileges leaves ERROR_NOT_ALL_ASSIGNED`,
  });
  return r.token;
}

const ADJUST_TOKEN_PRIVILEGES =
  'AdjustTokenPrivileges, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-adjusttokenprivileges';

/** @internal The token as a hop reports it: no LUIDs (they depend on the LSA's history), groups sorted. */
export function hopLogon(logon: Logon): HopLogon {
  const t = logon.token;
  return Object.freeze({
    logonType: logon.session.logonType,
    account: `${logon.session.domainName}\\${logon.session.userName}`,
    authenticationPackage: logon.session.authenticationPackage,
    tokenType: t.type,
    impersonationLevel: t.impersonationLevel,
    groups: Object.freeze(groupTexts(t.groups)),
    credentials: logon.session.credentials.kind,
  });
}

/**
 * The SIDs of a token's groups as text, but its logon SID, in text order (as `Array.prototype.sort` orders
 * strings). Inserted in order as they are read: for a dozen SIDs that beats copying them into `sort`.
 */
function groupTexts(groups: Token['groups']): string[] {
  const texts: string[] = [];
  // An index loop: callback methods and for…of are slow on frozen arrays in V8.
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as Token['groups'][number];
    const logonId =
      (g.attributes & GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID) >>> 0 === GROUP_ATTRIBUTES.SE_GROUP_LOGON_ID;
    if (logonId) continue;
    const text = g.sid.text;
    let at = texts.length;
    while (at > 0 && (texts[at - 1] as string) > text) {
      texts[at] = texts[at - 1] as string;
      at--;
    }
    texts[at] = text;
  }
  return texts;
}

/** @internal What the level rules decide for a connection; records each reason as a step. */
export function connectionOutcome(
  input: {
    readonly request: EstateRequest;
    readonly local: boolean;
    readonly protocol: NegotiatedProtocol;
    readonly okAsDelegate: boolean;
    readonly tgtForwardable: boolean;
    readonly credentialGuard: boolean;
    readonly server: Token;
    readonly client: Token | null;
    readonly uacEnabled: boolean;
  },
  rec: HopRecorder,
): ConnectionLevel {
  const c = connectionLevel({
    request: clientRequest(input.request),
    local: input.local,
    protocol: input.protocol,
    okAsDelegate: input.okAsDelegate,
    tgtForwardable: input.tgtForwardable,
    credentialGuard: input.credentialGuard,
    server: input.server,
    ...(input.client === null ? {} : { client: input.client }),
    uacEnabled: input.uacEnabled,
  });
  for (const r of c.reasons) {
    rec.step({
      origin: '@doublehop/impersonation-levels',
      rule: r.code,
      source: r.source,
      outcome: 'applied',
      detail: `level ${r.level}${r.detail === undefined ? '' : ` (${r.detail})`}`,
    });
  }
  return c;
}

/**
 * @internal The level a server thread gets impersonating a token it did not receive from a connection (protocol
 * transition: a KERB_S4U_LOGON token) — core-token's impersonation check, recorded.
 */
export function impersonationLevelOf(
  server: Token,
  client: Token,
  uacEnabled: boolean,
  rec: HopRecorder,
): ImpersonationLevel {
  const check = impersonationCheck(server, client, { uacEnabled });
  rec.step({
    origin: '@doublehop/impersonation-levels',
    rule: check.downgraded ? 'no-impersonate-privilege' : 'impersonation-check',
    source: check.source,
    outcome: check.downgraded ? 'applied' : 'passed',
    detail: `impersonating the ${client.impersonationLevel} token: ${check.level} (${check.rule})`,
  });
  return check.level;
}
