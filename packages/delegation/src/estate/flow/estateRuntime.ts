import type { Result, Token } from '@doublehop/core-token';
import {
  createLsa,
  type Logon,
  type LogonError,
  type LogonSession,
  type LogonTypeName,
  type Lsa,
  lsaLogonUser,
  type PrincipalAccount,
} from '@doublehop/logon';
import type { KdcError } from '../../errors.js';
import { asExchange } from '../../kdc/asExchange.js';
import type { KdcReply } from '../../kdc/reply.js';
import type { CompiledEstate, CompiledMachine, CompiledService } from '../compileEstate.js';

/** @internal A service's running process: its logon session and token, or why SCM could not log it on. */
export type ServiceProcess =
  | { readonly ok: true; readonly session: LogonSession; readonly token: Token }
  | { readonly ok: false; readonly error: LogonError };

/**
 * @internal What evaluations of one estate share: each machine's LSA with its services' logon sessions, and the
 * TGTs of accounts (the AS exchange is a pure function of the KDC and the account). Reports never show a LUID, so
 * an LSA is reused across evaluations, and replaced once it has served {@link LSA_LOGONS} logons (its session
 * table and event log only grow) — only when a hop to one of its services begins ({@link EstateRuntime.process}),
 * so a hop's logons share the LSA its service's process session lives in (S4U logons name it as their caller).
 */
export interface EstateRuntime {
  readonly estate: CompiledEstate;
  lsa(machine: CompiledMachine): Lsa;
  /** Counts a logon made on the machine's LSA. */
  logon(machine: CompiledMachine): void;
  /** The service's process, logged on once per LSA; a hop begins here, and a worn-out LSA is replaced here. */
  process(service: CompiledService): ServiceProcess;
  tgt(account: PrincipalAccount): Result<KdcReply, KdcError>;
  /** The user's logon at a flow's start machine (made once: the flow is one request of a logged-on user). */
  startLogon(
    machine: CompiledMachine,
    account: string,
    logonType: LogonTypeName,
    password: string,
  ): Result<Logon, LogonError>;
}

// Few: what an LSA keeps (sessions, tokens, its event log) then dies young, which keeps garbage collection cheap;
// a new LSA costs its services' logons again, which this many logons amortise.
const LSA_LOGONS = 16;

const runtimes = new WeakMap<CompiledEstate, EstateRuntime>();

/** @internal The runtime of a compiled estate. */
export function runtimeOf(estate: CompiledEstate): EstateRuntime {
  const hit = runtimes.get(estate);
  if (hit !== undefined) return hit;
  const lsas = new Map<string, { lsa: Lsa; logons: number; processes: Map<string, ServiceProcess> }>();
  const tgts = new Map<string, Result<KdcReply, KdcError>>();
  const starts = new Map<string, Result<Logon, LogonError>>();
  const slot = (m: CompiledMachine, renew = false) => {
    let s = lsas.get(m.name);
    if (s === undefined || (renew && s.logons >= LSA_LOGONS)) {
      s = { lsa: createLsa(m.machine, estate.directory), logons: 0, processes: new Map() };
      lsas.set(m.name, s);
    }
    return s;
  };
  const runtime: EstateRuntime = {
    estate,
    lsa: (m) => slot(m).lsa,
    logon: (m) => {
      slot(m).logons++;
    },
    process(service) {
      const s = slot(service.machine, true);
      const hit = s.processes.get(service.name);
      if (hit !== undefined) return hit;
      const id = service.identity;
      const secretless = id.kind !== 'domain' || id.account.kind === 'gmsa';
      const r = lsaLogonUser(s.lsa, {
        logonType: 'Service',
        account: id.logonName,
        credential: secretless ? { kind: 'none' } : { kind: 'password', password: id.account.password ?? '' },
        ...(id.kind === 'virtual' && id.serviceName !== null ? { serviceName: id.serviceName } : {}),
      });
      const process: ServiceProcess = r.ok
        ? { ok: true, session: r.value.session, token: r.value.session.token }
        : { ok: false, error: r.error };
      s.processes.set(service.name, process);
      return process;
    },
    startLogon(m, account, logonType, password) {
      const key = `${m.name}|${account}|${logonType}`;
      let r = starts.get(key);
      if (r === undefined) {
        r = lsaLogonUser(slot(m).lsa, { logonType, account, credential: { kind: 'password', password } });
        slot(m).logons++;
        starts.set(key, r);
      }
      return r;
    },
    tgt(account) {
      const key = account.sid.text;
      let r = tgts.get(key);
      if (r === undefined) {
        r = asExchange(estate.kdc, { client: account.sid.text });
        tgts.set(key, r);
      }
      return r;
    },
  };
  runtimes.set(estate, runtime);
  return runtime;
}
