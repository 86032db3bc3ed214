import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditLog, createLsa, type Lsa, logoff, logonSessions, lsaLogonUser, machine } from '../src/index.js';
import { corp } from './fixtures.js';

// Model-based test (fast-check fc.commands + fc.modelRun): the model is a multiset of live sessions per user
// and the counts of 4624 and 4634 events. A UAC administrator's interactive logon opens two linked sessions
// (and two 4624s); logging off either ends both.
interface Model {
  live: { user: string; ids: number[] }[];
  logons: number;
  logoffs: number;
}
interface Real {
  lsa: Lsa;
}

const USERS = [
  { account: 'CORP\\billy', password: 'Billy-pw1', admin: false },
  { account: 'CORP\\alice', password: 'Alice-pw1', admin: true },
  { account: 'CORP\\svc-report', password: 'Report-pw1', admin: false },
] as const;

class LogonCommand implements fc.Command<Model, Real> {
  constructor(
    readonly user: number,
    readonly interactive: boolean,
  ) {}
  check(): boolean {
    return true;
  }
  run(m: Model, r: Real): void {
    const u = USERS[this.user] ?? USERS[0];
    const result = lsaLogonUser(r.lsa, {
      logonType: this.interactive ? 'Interactive' : 'Network',
      account: u.account,
      credential: this.interactive ? { kind: 'password', password: u.password } : { kind: 'kerberos' },
    });
    if (!result.ok) throw new Error(result.error.message);
    const ids = [
      result.value.session.logonId,
      ...(result.value.linkedSession === null ? [] : [result.value.linkedSession.logonId]),
    ];
    expect(ids.length).toBe(this.interactive && u.admin ? 2 : 1);
    m.live.push({ user: u.account, ids });
    m.logons += ids.length;
  }
  toString(): string {
    return `logon(${USERS[this.user]?.account}, ${this.interactive ? 'Interactive' : 'Network'})`;
  }
}

class LogoffCommand implements fc.Command<Model, Real> {
  constructor(
    readonly pick: number,
    readonly twin: boolean,
  ) {}
  check(m: Readonly<Model>): boolean {
    return m.live.length > 0;
  }
  run(m: Model, r: Real): void {
    const index = this.pick % m.live.length;
    const entry = m.live[index];
    if (entry === undefined) return;
    const id = this.twin && entry.ids.length > 1 ? (entry.ids[1] as number) : (entry.ids[0] as number);
    const result = logoff(r.lsa, id);
    expect(result.ok && result.value.length).toBe(entry.ids.length);
    m.live.splice(index, 1);
    m.logoffs += entry.ids.length;
  }
  toString(): string {
    return `logoff(#${this.pick}${this.twin ? ', twin' : ''})`;
  }
}

class LogoffUnknownCommand implements fc.Command<Model, Real> {
  check(): boolean {
    return true;
  }
  run(_m: Model, r: Real): void {
    const result = logoff(r.lsa, 0x7fff_ffff);
    expect(!result.ok && result.error.code).toBe('ERROR_NO_SUCH_LOGON_SESSION');
  }
  toString(): string {
    return 'logoff(unknown)';
  }
}

function invariants(m: Model, r: Real): void {
  const sessions = logonSessions(r.lsa).filter((s) => s.logonId >= 0x10000);
  expect(sessions.length).toBe(m.live.reduce((n, e) => n + e.ids.length, 0));
  for (const user of USERS) {
    const expected = m.live.filter((e) => e.user === user.account).reduce((n, e) => n + e.ids.length, 0);
    expect(sessions.filter((s) => `${s.domainName}\\${s.userName}` === user.account).length).toBe(expected);
  }
  const log = auditLog(r.lsa);
  expect(log.filter((e) => e.eventId === 4624).length).toBe(m.logons);
  expect(log.filter((e) => e.eventId === 4634).length).toBe(m.logoffs);
  expect(log.map((e) => e.recordId)).toEqual(log.map((_, i) => i + 1));
}

describe('logon sessions, model-based (fc.commands)', () => {
  it('live sessions per user and the 4624/4634 counts follow the model through any logon/logoff sequence', () => {
    const dir = corp();
    const commands = [
      fc
        .tuple(fc.integer({ min: 0, max: USERS.length - 1 }), fc.boolean())
        .map(([u, i]) => new LogonCommand(u, i)),
      fc.tuple(fc.nat(), fc.boolean()).map(([p, t]) => new LogoffCommand(p, t)),
      fc.constant(new LogoffUnknownCommand()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 30 }), (cmds) => {
        const setup = () => ({
          model: { live: [], logons: 0, logoffs: 0 } as Model,
          real: {
            lsa: createLsa(machine({ name: 'WS01', role: 'workstation', domain: 'corp.example' }, dir), dir),
          },
        });
        fc.modelRun(
          setup,
          [...cmds].flatMap((c) => [
            c,
            { check: () => true, run: invariants, toString: () => 'check' } as fc.Command<Model, Real>,
          ]),
        );
      }),
      { numRuns: 100 },
    );
  });
});
