import { appPoolSid, type Sid, serviceSid } from '@doublehop/core-token';
import {
  accountBySid,
  type Directory,
  directory,
  findAccount,
  findDomain,
  type Machine,
  type MachineInit,
  type MachineRole,
  machine,
  machineDomain,
  type PrincipalAccount,
  type UserRight,
} from '@doublehop/logon';
import { createKdc, type Kdc } from '../kdc/kdc.js';
import { estateDirectoryOf } from './estateDirectory.js';
import type {
  EstateCall,
  EstateFlow,
  EstateMachine,
  EstateModel,
  EstateRequest,
  EstateService,
} from './estateModel.js';
import { cmp, sortedBy } from './ordinal.js';

export { cmp };

/** @internal How a service's process identity was declared, resolved. */
export type ServiceIdentity =
  | {
      readonly kind: 'builtin';
      readonly which: 'SYSTEM' | 'NETWORK SERVICE' | 'LOCAL SERVICE';
      readonly logonName: string;
    }
  | { readonly kind: 'virtual'; readonly logonName: string; readonly serviceName: string | null }
  | { readonly kind: 'domain'; readonly account: PrincipalAccount; readonly logonName: string };

/** @internal A machine of the estate, built by `@doublehop/logon`. */
export interface CompiledMachine {
  readonly name: string;
  readonly def: EstateMachine;
  /** `machine.role`, `.domain`, `.computerAccount` and `.credentialGuard`, known without building the machine. */
  readonly role: MachineRole;
  readonly domain: string | null;
  readonly computerAccount: Sid | null;
  readonly credentialGuard: boolean;
  /**
   * The machine. Built on first use when the model changes nothing of its local policy (most computers of an
   * imported directory, which no flow visits), up front otherwise — so a model error still shows at compile.
   */
  readonly machine: Machine;
}

/** @internal A call with its defaults applied. */
export interface CompiledCall {
  readonly service: string;
  readonly as: 'caller' | 'self';
  readonly request: EstateRequest;
}

/** @internal A service of the estate, resolved against the directory and its machine. */
export interface CompiledService {
  readonly name: string;
  readonly def: EstateService;
  readonly machine: CompiledMachine;
  readonly identity: ServiceIdentity;
  /** The account whose keys accept Kerberos and which S4U and `as: self` use: its own, or the computer account. */
  readonly keyAccount: PrincipalAccount | null;
  /** How it appears on the network when calling as itself. */
  readonly networkIdentity: 'account' | 'computer' | 'anonymous';
  /** The SPN clients ask for. */
  readonly spn: string;
  readonly impersonates: boolean;
  readonly protocolTransition: boolean;
  readonly calls: readonly CompiledCall[];
}

/** @internal An estate resolved once: directory, KDC, machines, services, flows. */
export interface CompiledEstate {
  readonly model: EstateModel;
  readonly directory: Directory;
  readonly kdc: Kdc;
  /** SIDs (text) of the accounts the model declares (and the computer accounts it adds for its machines). */
  readonly declared: ReadonlySet<string>;
  readonly machines: ReadonlyMap<string, CompiledMachine>;
  readonly services: ReadonlyMap<string, CompiledService>;
  readonly flows: ReadonlyMap<string, EstateFlow>;
  /** Services no other service calls. */
  readonly entries: ReadonlySet<string>;
}

export { MODEL_PASSWORD } from './estateDirectory.js';

const BUILTINS: Readonly<Record<string, 'SYSTEM' | 'NETWORK SERVICE' | 'LOCAL SERVICE'>> = {
  localsystem: 'SYSTEM',
  system: 'SYSTEM',
  'nt authority\\system': 'SYSTEM',
  networkservice: 'NETWORK SERVICE',
  'network service': 'NETWORK SERVICE',
  'nt authority\\network service': 'NETWORK SERVICE',
  'nt authority\\networkservice': 'NETWORK SERVICE',
  localservice: 'LOCAL SERVICE',
  'local service': 'LOCAL SERVICE',
  'nt authority\\local service': 'LOCAL SERVICE',
  'nt authority\\localservice': 'LOCAL SERVICE',
};

const cache = new WeakMap<EstateModel, CompiledEstate>();

/**
 * @internal Resolves a model once (cached per model object): the directory (with the computer accounts domain
 * join creates, and a stand-in password for every declared principal without one), the KDC, each machine with
 * its User Rights Assignment changes, each service's identity and endpoint SPN.
 * @throws TypeError - `evaluateFlow`-style messages naming the unknown machine, service or account
 */
export function compileEstate(model: EstateModel, caller = 'compileEstate'): CompiledEstate {
  const hit = cache.get(model);
  if (hit !== undefined) return hit;
  const compiled = compile(model, caller);
  cache.set(model, compiled);
  return compiled;
}

function compile(model: EstateModel, caller: string): CompiledEstate {
  if (model === null || typeof model !== 'object' || !Array.isArray(model.domains)) {
    throw new TypeError(`${caller}: pass an EstateModel with at least one domain`);
  }
  const machineDefs = sortedBy(model.machines ?? [], (m) => m.name.toUpperCase());
  const probe = directory({ domains: model.domains, ...(model.trusts ? { trusts: model.trusts } : {}) });
  for (const m of machineDefs) {
    if (m.domain !== undefined && findDomain(probe, m.domain) === undefined)
      throw new TypeError(`${caller}: machine ${m.name} is joined to an unknown domain "${m.domain}"`);
  }
  const { directory: dir, declared } = estateDirectoryOf(model);

  const serviceDefs = sortedBy(model.services ?? [], (s) => s.name);
  const machineByName = new Map(machineDefs.map((m) => [m.name.toUpperCase(), m]));
  const runAsByMachine = new Map<string, string[]>();
  for (const s of serviceDefs) {
    const host = machineByName.get(s.machine.toUpperCase());
    if (host === undefined)
      throw new TypeError(`${caller}: service ${s.name} runs on an unknown machine "${s.machine}"`);
    if (builtinOf(s.runsAs) !== undefined || isVirtual(s.runsAs)) continue;
    const account = findAccount(
      dir,
      s.runsAs,
      host.domain === undefined ? undefined : findDomain(dir, host.domain)?.dnsName,
    );
    if (account === undefined || account.kind === 'group') {
      throw new TypeError(`${caller}: service ${s.name} runs as an unknown account "${s.runsAs}"`);
    }
    const key = host.name.toUpperCase();
    const list = runAsByMachine.get(key);
    if (list === undefined) runAsByMachine.set(key, [s.runsAs]);
    else list.push(s.runsAs);
  }
  const machines = new Map<string, CompiledMachine>();
  for (const m of machineDefs) {
    const name = m.name.toUpperCase();
    if (machines.has(name)) throw new TypeError(`${caller}: two machines are named ${name}`);
    machines.set(name, compileMachine(m, name, dir, runAsByMachine.get(name) ?? []));
  }

  const services = new Map<string, CompiledService>();
  for (const s of serviceDefs) {
    if (services.has(s.name)) throw new TypeError(`${caller}: two services are named ${s.name}`);
    const host = machines.get(s.machine.toUpperCase());
    if (host === undefined)
      throw new TypeError(`${caller}: service ${s.name} runs on an unknown machine "${s.machine}"`);
    services.set(s.name, compileService(s, host, dir, caller));
  }
  const called = new Set<string>();
  for (const s of services.values()) {
    for (const c of s.calls) {
      if (!services.has(c.service))
        throw new TypeError(`${caller}: service ${s.name} calls an unknown service "${c.service}"`);
      called.add(c.service);
    }
  }
  const flows = new Map<string, EstateFlow>();
  for (const f of model.flows ?? []) {
    if (flows.has(f.name)) throw new TypeError(`${caller}: two flows are named ${f.name}`);
    flows.set(f.name, f);
  }
  const entries = new Set([...services.keys()].filter((n) => !called.has(n)));
  return Object.freeze({
    model,
    directory: dir,
    kdc: createKdc(dir, { patched: model.kdc?.patched ?? true }),
    declared,
    machines,
    services,
    flows,
    entries,
  });
}

/** @internal The SPN a client asks for when it connects to an endpoint. */
export function endpointSpn(service: EstateService): string {
  const e = service.endpoint;
  if (e.spn !== undefined) return e.spn;
  const serviceClass = e.serviceClass ?? 'HOST';
  const port = serviceClass.toLowerCase() === 'mssqlsvc' && e.port !== undefined ? `:${e.port}` : '';
  return `${serviceClass}/${e.canonicalName ?? e.host}${port}`;
}

/** @internal The built-in service account a `runsAs` names, if any. */
export function builtinOf(runsAs: string): 'SYSTEM' | 'NETWORK SERVICE' | 'LOCAL SERVICE' | undefined {
  return BUILTINS[runsAs.toLowerCase()];
}

function isVirtual(runsAs: string): boolean {
  return /^(nt service|iis apppool)\\./i.test(runsAs);
}

function compileService(
  s: EstateService,
  host: CompiledMachine,
  dir: Directory,
  caller: string,
): CompiledService {
  const computer = host.computerAccount === null ? undefined : accountBySid(dir, host.computerAccount);
  const computerAccount = computer !== undefined && computer.kind !== 'group' ? computer : null;
  const builtin = builtinOf(s.runsAs);
  let identity: ServiceIdentity;
  let keyAccount: PrincipalAccount | null;
  let networkIdentity: CompiledService['networkIdentity'];
  if (builtin !== undefined) {
    identity = { kind: 'builtin', which: builtin, logonName: `NT AUTHORITY\\${builtin}` };
    keyAccount = computerAccount;
    networkIdentity = builtin === 'LOCAL SERVICE' || computerAccount === null ? 'anonymous' : 'computer';
  } else if (isVirtual(s.runsAs)) {
    const slash = s.runsAs.indexOf('\\');
    const prefix = s.runsAs.slice(0, slash).toUpperCase();
    const bare = s.runsAs.slice(slash + 1);
    identity = {
      kind: 'virtual',
      logonName: `${prefix}\\${bare}`,
      serviceName: prefix === 'NT SERVICE' ? bare : null,
    };
    keyAccount = computerAccount;
    networkIdentity = computerAccount === null ? 'anonymous' : 'computer';
  } else {
    const account = findAccount(dir, s.runsAs, host.domain ?? undefined);
    if (account === undefined || account.kind === 'group') {
      throw new TypeError(`${caller}: service ${s.name} runs as an unknown account "${s.runsAs}"`);
    }
    const netbios = findDomain(dir, account.domain)?.netbiosName ?? account.domain;
    identity = { kind: 'domain', account, logonName: `${netbios}\\${account.samAccountName}` };
    keyAccount = account;
    networkIdentity = 'account';
  }
  const usesForms = s.authentication.includes('forms');
  return Object.freeze({
    name: s.name,
    def: s,
    machine: host,
    identity,
    keyAccount,
    networkIdentity,
    spn: endpointSpn(s),
    impersonates: s.impersonates ?? true,
    protocolTransition: s.protocolTransition ?? usesForms,
    calls: Object.freeze(
      [...(s.calls ?? [])].map(
        (c: EstateCall): CompiledCall =>
          Object.freeze({ service: c.service, as: c.as ?? 'caller', request: c.request ?? 'impersonate' }),
      ),
    ),
  });
}

function compileMachine(
  def: EstateMachine,
  name: string,
  dir: Directory,
  serviceAccounts: readonly string[],
): CompiledMachine {
  const role = def.role ?? 'server';
  // The joined domain and the computer account NAME$, as machine() resolves them.
  const joined = machineDomain(def.domain, name, role, dir);
  const cheap = {
    name,
    def,
    role,
    domain: joined.dnsName,
    computerAccount: joined.computerAccount,
    credentialGuard: def.credentialGuard ?? false,
  } as const;
  const plain =
    serviceAccounts.length === 0 && def.userRights === undefined && def.localGroupMembers === undefined;
  if (!plain) return Object.freeze({ ...cheap, machine: buildMachine(def, dir, serviceAccounts) });
  let built: Machine | undefined;
  return Object.freeze({
    ...cheap,
    get machine(): Machine {
      built ??= buildMachine(def, dir, serviceAccounts);
      return built;
    },
  });
}

/**
 * The machine with Windows' defaults, plus: the service logon right for the domain accounts its services run as
 * (services.msc and SQL Server setup grant it when the account is set), then the model's additions and removals.
 */
function buildMachine(def: EstateMachine, dir: Directory, serviceAccounts: readonly string[]): Machine {
  const base: MachineInit = {
    name: def.name,
    ...(def.domain === undefined ? {} : { domain: def.domain }),
    ...(def.role === undefined ? {} : { role: def.role }),
    ...(def.credentialGuard === undefined ? {} : { credentialGuard: def.credentialGuard }),
    ...(def.uac === undefined ? {} : { uac: def.uac }),
    ...(def.localAccountTokenFilterPolicy === undefined
      ? {}
      : { localAccountTokenFilterPolicy: def.localAccountTokenFilterPolicy }),
    ...(def.localGroupMembers === undefined ? {} : { localGroupMembers: def.localGroupMembers }),
  };
  const defaults = machine(base, dir);
  const add: Partial<Record<UserRight, string[]>> = {};
  for (const [right, holders] of Object.entries(def.userRights?.add ?? {}) as [
    UserRight,
    readonly string[],
  ][]) {
    add[right] = [...holders];
  }
  if (serviceAccounts.length > 0)
    add.SeServiceLogonRight = [...(add.SeServiceLogonRight ?? []), ...serviceAccounts];
  const remove = (def.userRights?.remove ?? {}) as Partial<Record<UserRight, readonly string[]>>;
  const touched = [...new Set([...Object.keys(add), ...Object.keys(remove)])].sort() as UserRight[];
  if (touched.length === 0) return defaults;
  const resolve = (right: UserRight, names: readonly string[]): string[] =>
    names.length === 0
      ? []
      : (
          machine({ ...base, userRights: { [right]: names.map(virtualSid) } }, dir).userRights[right] ?? []
        ).map((s) => s.text);
  const rights: Partial<Record<UserRight, readonly string[]>> = {};
  for (const right of touched) {
    const removed = new Set(resolve(right, remove[right] ?? []));
    const holders = new Set([
      ...(defaults.userRights[right] ?? []).map((s) => s.text),
      ...resolve(right, add[right] ?? []),
    ]);
    rights[right] = [...holders].filter((h) => !removed.has(h)).sort();
  }
  return machine({ ...base, userRights: rights }, dir);
}

/** `NT SERVICE\x` and `IIS APPPOOL\x` as their SIDs (machine() resolves other names itself). */
function virtualSid(name: string): string {
  const m = /^(nt service|iis apppool)\\(.+)$/i.exec(name);
  if (m === null) return name;
  return (m[1]?.toLowerCase() === 'nt service' ? serviceSid(m[2] as string) : appPoolSid(m[2] as string))
    .text;
}
