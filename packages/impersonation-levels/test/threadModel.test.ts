import {
  ACCESS_RIGHTS,
  createMachine,
  createProcess,
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  type Machine,
  OBJECT_TYPES,
  registerFile,
  registerToken,
  type SecurityDescriptor,
  sddl,
  sid,
  type Token,
  token,
  WELL_KNOWN_SIDS,
  win32,
} from '@doublehop/core-token';
import { type ThreadEvent, threadMachine } from '@doublehop/impersonation-levels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom, transition } from 'xstate';
import { BILLY, builtin, corpLsa } from './fixtures.js';

// STYLE.md "Stateful things … get model-based tests": the same random sequence of operations drives the thread
// machine and core-token's simulated machine (createMachine, win32.impersonateLoggedOnUser, win32.revertToSelf,
// win32.openThreadToken + win32.duplicateTokenEx, win32.createFile); after every step the thread's level and
// the operation's outcome (ok, or the Win32 error name) must agree.

const APP_USER = sid('S-1-5-21-1-2-3-2001');
const FILES: readonly { path: string; sd: SecurityDescriptor }[] = [
  { path: 'C:\\data\\billy.txt', sd: sddl(`O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;${BILLY.text})`) },
  { path: 'C:\\data\\system.txt', sd: sddl('O:BAG:SYD:(A;;FA;;;SY)') },
  { path: 'C:\\data\\app.txt', sd: sddl(`O:BAG:SYD:(A;;FA;;;${APP_USER.text})(A;;FR;;;WD)`) },
];
const EXTRA = ACCESS_RIGHTS.SYNCHRONIZE | (OBJECT_TYPES.file.rights['FILE_READ_ATTRIBUTES'] ?? 0x80);

interface Real {
  readonly machine: Machine;
  readonly threadId: number;
  readonly processId: number;
}
interface Model {
  snapshot: SnapshotFrom<typeof threadMachine>;
}

function level(snapshot: Model['snapshot']): ImpersonationLevel | null {
  return snapshot.context.impersonation?.token.impersonationLevel ?? null;
}
function realLevel(real: Real): ImpersonationLevel | null {
  return real.machine.threads.get(real.threadId)?.impersonationToken?.token.impersonationLevel ?? null;
}
function outcome(r: { ok: boolean; error?: { code: string } }): string {
  return r.ok ? 'ok' : (r.error?.code ?? 'error');
}
function modelOutcome(model: Model): string {
  const last = model.snapshot.context.last;
  return last === null ? 'none' : last.ok ? 'ok' : last.error.code;
}

function step(model: Model, event: ThreadEvent): void {
  [model.snapshot] = transition(threadMachine, model.snapshot, event);
}

class Impersonate implements fc.Command<Model, Real> {
  constructor(readonly client: Token) {}
  check = () => true;
  run(model: Model, real: Real): void {
    step(model, { type: 'thread.impersonate', token: this.client });
    const handle = registerToken(real.machine, real.processId, this.client);
    const r = win32.impersonateLoggedOnUser(real.machine, real.threadId, handle);
    expect(modelOutcome(model)).toBe(outcome(r));
    expect(level(model.snapshot)).toBe(realLevel(real));
  }
  toString = () => `impersonate(${this.client.user.sid.text}, ${this.client.impersonationLevel})`;
}

class Duplicate implements fc.Command<Model, Real> {
  constructor(readonly level: ImpersonationLevel) {}
  check = () => true;
  run(model: Model, real: Real): void {
    step(model, { type: 'token.duplicate', level: this.level });
    const { machine, threadId } = real;
    const tokenDuplicate = OBJECT_TYPES.token.rights['TOKEN_DUPLICATE'] ?? 2;
    const opened = win32.openThreadToken(machine, threadId, win32.getCurrentThread(), tokenDuplicate, true);
    let r: { ok: boolean; error?: { code: string } } = opened;
    if (opened.ok) {
      const dup = win32.duplicateTokenEx(
        machine,
        threadId,
        opened.value,
        ACCESS_RIGHTS.MAXIMUM_ALLOWED,
        null,
        this.level,
        'impersonation',
      );
      r = dup.ok ? win32.impersonateLoggedOnUser(machine, threadId, dup.value) : dup;
    }
    expect(modelOutcome(model)).toBe(outcome(r));
    expect(level(model.snapshot)).toBe(realLevel(real));
  }
  toString = () => `duplicate(${this.level})`;
}

class Revert implements fc.Command<Model, Real> {
  check = () => true;
  run(model: Model, real: Real): void {
    step(model, { type: 'thread.revert' });
    expect(modelOutcome(model)).toBe(outcome(win32.revertToSelf(real.machine, real.threadId)));
    expect(level(model.snapshot)).toBeNull();
    expect(realLevel(real)).toBeNull();
  }
  toString = () => 'revert';
}

class Open implements fc.Command<Model, Real> {
  constructor(
    readonly file: number,
    readonly access: number,
  ) {}
  check = () => true;
  run(model: Model, real: Real): void {
    const f = FILES[this.file % FILES.length] ?? FILES[0];
    if (f === undefined) return;
    step(model, { type: 'object.open', securityDescriptor: f.sd, desiredAccess: this.access | EXTRA });
    const r = win32.createFile(real.machine, real.threadId, f.path, this.access);
    expect(modelOutcome(model)).toBe(outcome(r));
  }
  toString = () => `open(${this.file}, 0x${this.access.toString(16)})`;
}

const levelArb = fc.constantFrom(...IMPERSONATION_LEVELS);
const clientArb = fc
  .record({
    user: fc.constantFrom(BILLY, APP_USER, WELL_KNOWN_SIDS.SYSTEM.sid),
    level: levelArb,
    high: fc.boolean(),
  })
  .map(({ user, level: l, high }) =>
    token({
      user,
      groups: [WELL_KNOWN_SIDS.EVERYONE.sid],
      impersonationLevel: l,
      integrityLevel: high ? WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid : WELL_KNOWN_SIDS.MEDIUM_INTEGRITY.sid,
    }),
  );
const commands = [
  clientArb.map((c) => new Impersonate(c)),
  levelArb.map((l) => new Duplicate(l)),
  fc.constant(new Revert()),
  fc
    .record({
      file: fc.nat(2),
      access: fc.constantFrom(ACCESS_RIGHTS.GENERIC_READ, ACCESS_RIGHTS.GENERIC_WRITE),
    })
    .map(({ file, access }) => new Open(file, access)),
];

describe('properties', () => {
  it('the thread machine agrees with core-token’s simulated machine on random sequences of operations', () => {
    const lsa = corpLsa();
    const base = builtin(lsa, 0x3e7);
    fc.assert(
      fc.property(fc.boolean(), fc.commands(commands, { size: '+1' }), (privileged, cmds) => {
        const processToken = privileged
          ? token({
              user: WELL_KNOWN_SIDS.SYSTEM.sid,
              type: 'primary',
              privileges: ['SeImpersonatePrivilege'],
            })
          : token({ user: APP_USER, type: 'primary', groups: [WELL_KNOWN_SIDS.EVERYONE.sid] });
        const machine = createMachine();
        for (const f of FILES) registerFile(machine, f.path, f.sd);
        const { processId, threadId } = createProcess(machine, { name: 'server.exe', token: processToken });
        const session = { ...base, token: processToken };
        const [snapshot] = initialTransition(threadMachine, { session });
        fc.modelRun(() => ({ model: { snapshot }, real: { machine, threadId, processId } }), cmds);
      }),
      { numRuns: 100 },
    );
  });
});
