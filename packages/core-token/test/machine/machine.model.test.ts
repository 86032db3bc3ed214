import {
  ACCESS_RIGHTS,
  createMachine,
  createProcess,
  type ImpersonationLevel,
  type Machine,
  registerFile,
  registerToken,
  type Sid,
  sddl,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALICE, BILLY, billyNetworkToken, CAROL, DAVE, serviceToken } from './fixtures.js';

// Model-based test (fast-check `fc.commands` + `fc.modelRun`, after fast-check's ModelBased docs): random
// sequences of impersonate / revert / duplicate / OpenThreadToken / CreateFile / SetThreadToken /
// AdjustTokenPrivileges / CloseHandle on the machine, checked against a much simpler model — who each thread
// is, at which level, which handles exist and which users a token's DACL lets open it.

const NS = WELL_KNOWN_SIDS.NETWORK_SERVICE.sid;
const SYSTEM = WELL_KNOWN_SIDS.SYSTEM.sid;
const TOKEN_ALL_ACCESS = 0xf01ff;
const TOKEN_DUPLICATE = 0x2;
const TOKEN_IMPERSONATE = 0x4;
const TOKEN_QUERY = 0x8;
const LEVELS: readonly ImpersonationLevel[] = ['Anonymous', 'Identification', 'Impersonation', 'Delegation'];
const rank = (l: ImpersonationLevel) => LEVELS.indexOf(l);

/** A token as the model sees it: whose, which level (null: primary), and who may open it (by user SID). */
interface ModelToken {
  readonly user: Sid;
  readonly level: ImpersonationLevel | null;
  readonly openers: ReadonlySet<Sid>;
}
type ModelHandle =
  | { readonly kind: 'token'; readonly token: ModelToken; readonly access: number }
  | { readonly kind: 'file' };
interface Model {
  readonly threads: Map<number, ModelToken | null>;
  readonly handles: Map<number, ModelHandle>;
  /** Every handle value ever handed out, closed ones included: commands pick from it. */
  readonly known: number[];
  nextHandle: number;
  impersonatePrivilege: boolean;
}
interface Real {
  readonly machine: Machine;
  readonly pid: number;
  readonly threads: readonly number[];
  readonly privilegeHandle: number;
}

const FILES: Readonly<Record<string, ReadonlySet<Sid> | 'everyone'>> = {
  'C:\\billy.txt': new Set([BILLY]),
  'C:\\public.txt': 'everyone',
  'C:\\service.txt': new Set([NS]),
};

function effective(model: Model, tid: number): ModelToken {
  return model.threads.get(tid) ?? { user: NS, level: null, openers: new Set([NS, SYSTEM]) };
}
function pick(model: Model, n: number): number {
  return model.known[n % model.known.length] ?? -99;
}
function issue(model: Model, handle: ModelHandle): number {
  const value = model.nextHandle;
  model.nextHandle += 4;
  model.handles.set(value, handle);
  model.known.push(value);
  return value;
}
/** The level a thread gets: the token's, or Identification when the service may not impersonate (the silent downgrade). */
function grantedLevel(model: Model, t: ModelToken): ImpersonationLevel {
  const level = t.level ?? 'Impersonation';
  if (rank(level) < rank('Impersonation') || model.impersonatePrivilege || t.user === NS) return level;
  return 'Identification';
}
const outcome = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

type Cmd = fc.Command<Model, Real>;

class Impersonate implements Cmd {
  constructor(
    readonly thread: number,
    readonly handle: number,
    readonly viaSetThreadToken: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const tid = r.threads[this.thread % r.threads.length] ?? 0;
    const h = pick(m, this.handle);
    const entry = m.handles.get(h);
    const result = this.viaSetThreadToken
      ? win32.setThreadToken(r.machine, tid, null, h)
      : win32.impersonateLoggedOnUser(r.machine, tid, h);
    let expected = 'ok';
    if (entry?.kind !== 'token') expected = 'ERROR_INVALID_HANDLE';
    else {
      const needed = this.viaSetThreadToken
        ? TOKEN_IMPERSONATE
        : TOKEN_QUERY | (entry.token.level === null ? TOKEN_DUPLICATE : TOKEN_IMPERSONATE);
      if ((entry.access & needed) !== needed) expected = 'ERROR_ACCESS_DENIED';
      else if (this.viaSetThreadToken && entry.token.level === null) expected = 'ERROR_BAD_TOKEN_TYPE';
      else m.threads.set(tid, { ...entry.token, level: grantedLevel(m, entry.token) });
    }
    expect(outcome(result)).toBe(expected);
  }
  toString = () =>
    `${this.viaSetThreadToken ? 'SetThreadToken' : 'ImpersonateLoggedOnUser'}(t${this.thread}, #${this.handle})`;
}

class Revert implements Cmd {
  constructor(readonly thread: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const tid = r.threads[this.thread % r.threads.length] ?? 0;
    expect(win32.revertToSelf(r.machine, tid).ok).toBe(true);
    m.threads.set(tid, null);
  }
  toString = () => `RevertToSelf(t${this.thread})`;
}

class OpenThreadToken implements Cmd {
  constructor(
    readonly thread: number,
    readonly asSelf: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const tid = r.threads[this.thread % r.threads.length] ?? 0;
    const result = win32.openThreadToken(
      r.machine,
      tid,
      win32.getCurrentThread(),
      TOKEN_ALL_ACCESS,
      this.asSelf,
    );
    const current = m.threads.get(tid) ?? null;
    let expected = 'ok';
    if (current === null) expected = 'ERROR_NO_TOKEN';
    else if (current.level === 'Anonymous') expected = 'ERROR_CANT_OPEN_ANONYMOUS';
    else if (!this.asSelf && current.level === 'Identification') expected = 'ERROR_BAD_IMPERSONATION_LEVEL';
    else if (!current.openers.has(this.asSelf ? NS : current.user)) expected = 'ERROR_ACCESS_DENIED';
    expect(outcome(result)).toBe(expected);
    if (result.ok && current !== null) {
      expect(result.value).toBe(issue(m, { kind: 'token', token: current, access: TOKEN_ALL_ACCESS }));
    }
  }
  toString = () => `OpenThreadToken(t${this.thread}, OpenAsSelf=${this.asSelf})`;
}

class Duplicate implements Cmd {
  constructor(
    readonly thread: number,
    readonly handle: number,
    readonly level: ImpersonationLevel,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const tid = r.threads[this.thread % r.threads.length] ?? 0;
    const h = pick(m, this.handle);
    const entry = m.handles.get(h);
    const result = win32.duplicateToken(r.machine, tid, h, this.level);
    let expected = 'ok';
    if (entry?.kind !== 'token') expected = 'ERROR_INVALID_HANDLE';
    else if ((entry.access & TOKEN_DUPLICATE) === 0) expected = 'ERROR_ACCESS_DENIED';
    else if (entry.token.level !== null && rank(this.level) > rank(entry.token.level)) {
      expected = 'ERROR_BAD_IMPERSONATION_LEVEL';
    }
    expect(outcome(result)).toBe(expected);
    if (result.ok && entry?.kind === 'token') {
      // The copy's DACL is the *caller's* default: its effective user and SYSTEM.
      const creator = effective(m, tid).user;
      const token: ModelToken = {
        user: entry.token.user,
        level: this.level,
        openers: new Set([creator, SYSTEM]),
      };
      expect(result.value).toBe(issue(m, { kind: 'token', token, access: TOKEN_IMPERSONATE | TOKEN_QUERY }));
    }
  }
  toString = () => `DuplicateToken(t${this.thread}, #${this.handle}, ${this.level})`;
}

class OpenFile implements Cmd {
  constructor(
    readonly thread: number,
    readonly path: string,
  ) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const tid = r.threads[this.thread % r.threads.length] ?? 0;
    const who = effective(m, tid);
    const result = win32.createFile(r.machine, tid, this.path, ACCESS_RIGHTS.GENERIC_READ);
    const allowed = FILES[this.path];
    let expected = 'ok';
    if (who.level !== null && rank(who.level) < rank('Impersonation'))
      expected = 'ERROR_BAD_IMPERSONATION_LEVEL';
    else if (allowed !== 'everyone' && !allowed?.has(who.user)) expected = 'ERROR_ACCESS_DENIED';
    expect(outcome(result)).toBe(expected);
    if (result.ok) expect(result.value).toBe(issue(m, { kind: 'file' }));
  }
  toString = () => `CreateFile(t${this.thread}, ${this.path})`;
}

class AdjustImpersonatePrivilege implements Cmd {
  constructor(readonly enable: boolean) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const result = win32.adjustTokenPrivileges(r.machine, r.threads[0] ?? 0, r.privilegeHandle, {
      privileges: [{ name: 'SeImpersonatePrivilege', enable: this.enable }],
    });
    if (!m.handles.has(r.privilegeHandle)) {
      expect(outcome(result)).toBe('ERROR_INVALID_HANDLE');
      return;
    }
    expect(result.ok && result.value.status).toBe('ERROR_SUCCESS');
    m.impersonatePrivilege = this.enable;
  }
  toString = () => `AdjustTokenPrivileges(SeImpersonatePrivilege ${this.enable ? 'on' : 'off'})`;
}

class Close implements Cmd {
  constructor(readonly handle: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const h = pick(m, this.handle);
    const result = win32.closeHandle(r.machine, r.threads[0] ?? 0, h);
    expect(outcome(result)).toBe(m.handles.has(h) ? 'ok' : 'ERROR_INVALID_HANDLE');
    m.handles.delete(h);
  }
  toString = () => `CloseHandle(#${this.handle})`;
}

/** After every command: the same identity and level on every thread, and the same open handles. */
class Invariant implements Cmd {
  check = () => true;
  run(m: Model, r: Real): void {
    for (const tid of r.threads) {
      const real = r.machine.threads.get(tid)?.impersonationToken?.token ?? null;
      const model = m.threads.get(tid) ?? null;
      expect(real === null ? null : [real.user.sid, real.impersonationLevel]).toEqual(
        model === null ? null : [model.user, model.level],
      );
    }
    const realHandles = [...(r.machine.processes.get(r.pid)?.handles.keys() ?? [])].sort((a, b) => a - b);
    expect(realHandles).toEqual([...m.handles.keys()].sort((a, b) => a - b));
  }
  toString = () => 'check';
}

function setup(): { model: Model; real: Real } {
  const machine = createMachine({ name: 'MODEL' });
  const service = createProcess(machine, {
    name: 'svc.exe',
    token: serviceToken(NS, ['SeImpersonatePrivilege', 'SeChangeNotifyPrivilege']),
  });
  for (const [path, allowed] of Object.entries(FILES)) {
    const aces =
      allowed === 'everyone' ? '(A;;FR;;;WD)' : [...allowed].map((s) => `(A;;FR;;;${s.text})`).join('');
    registerFile(machine, path, sddl(`O:SYG:SYD:${aces}`));
  }
  const model: Model = {
    threads: new Map(),
    handles: new Map(),
    known: [],
    nextHandle: 4,
    impersonatePrivilege: true,
  };
  const privilegeHandle = win32.openProcessToken(machine, service.threadId, win32.getCurrentProcess(), 0x28);
  if (!privilegeHandle.ok) throw new Error(privilegeHandle.error.message);
  issue(model, {
    kind: 'token',
    token: { user: NS, level: null, openers: new Set([NS, SYSTEM]) },
    access: 0x28,
  });
  const clients: readonly [Sid, ImpersonationLevel][] = [
    [BILLY, 'Impersonation'],
    [ALICE, 'Identification'],
    [CAROL, 'Delegation'],
    [DAVE, 'Anonymous'],
  ];
  for (const [user, level] of clients) {
    const h = registerToken(machine, service.processId, {
      ...billyNetworkToken(NS, user),
      impersonationLevel: level,
    });
    expect(h).toBe(
      issue(model, {
        kind: 'token',
        token: { user, level, openers: new Set([user, SYSTEM, NS]) },
        access: TOKEN_ALL_ACCESS,
      }),
    );
  }
  const worker = win32.createThread(machine, service.threadId);
  if (!worker.ok) throw new Error('createThread');
  // The worker's thread handle: for the model, any handle that is not a token's.
  expect(worker.value.handle).toBe(issue(model, { kind: 'file' }));
  const threads = [service.threadId, worker.value.threadId];
  for (const t of threads) model.threads.set(t, null);
  machine.trace.length = 0;
  return {
    model,
    real: { machine, pid: service.processId, threads, privilegeHandle: privilegeHandle.value },
  };
}

describe('properties', () => {
  it('the machine agrees with a simple model of identities, levels and handles over random call sequences', () => {
    const thread = fc.nat(1);
    const handle = fc.nat(40);
    const level = fc.constantFrom<ImpersonationLevel>(...LEVELS);
    const commands = [
      fc.tuple(thread, handle, fc.boolean()).map(([t, h, s]) => new Impersonate(t, h, s)),
      thread.map((t) => new Revert(t)),
      fc.tuple(thread, fc.boolean()).map(([t, s]) => new OpenThreadToken(t, s)),
      fc.tuple(thread, handle, level).map(([t, h, l]) => new Duplicate(t, h, l)),
      fc.tuple(thread, fc.constantFrom(...Object.keys(FILES))).map(([t, p]) => new OpenFile(t, p)),
      fc.boolean().map((e) => new AdjustImpersonatePrivilege(e)),
      handle.map((h) => new Close(h)),
      fc.constant(new Invariant()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
        fc.modelRun(setup, [...cmds, new Invariant()]);
      }),
      { numRuns: 400 },
    );
  });
});
