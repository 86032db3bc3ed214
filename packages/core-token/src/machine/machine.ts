import type { AccessMask } from '../access/accessMask.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import type { Luid, Token } from '../token/token.js';
import type { TraceEvent } from './trace.js';

/**
 * A process id (PID). Windows takes process and thread ids from one pool of multiples of 4.
 *
 * @example
 * ```ts
 * import type { ProcessId } from '@doublehop/core-token';
 *
 * const first: ProcessId = 4; // the machine's first process
 * ```
 */
export type ProcessId = number;

/**
 * A thread id (TID), from the same pool as process ids; every {@link win32} operation takes the calling
 * thread's id.
 *
 * @example
 * ```ts
 * import type { ThreadId } from '@doublehop/core-token';
 *
 * const firstThread: ThreadId = 8; // the first process's first thread
 * ```
 */
export type ThreadId = number;

/**
 * A handle value in one process's handle table: a multiple of 4 from 4 up, or a pseudo-handle
 * (`-1` = GetCurrentProcess(), `-2` = GetCurrentThread()).
 *
 * @example
 * ```ts
 * import { type Handle, win32 } from '@doublehop/core-token';
 *
 * const self: Handle = win32.getCurrentProcess(); // -1
 * ```
 */
export type Handle = number;

/**
 * An access token as a kernel object: the token (an immutable value, replaced when AdjustTokenPrivileges or
 * AdjustTokenGroups change it — the object stays the same, so every thread and handle using it sees the
 * change) and the id of the token it was filtered from.
 *
 * @remarks
 * The object's security descriptor is the token's own {@link Token.securityDescriptor}.
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const p = createProcess(machine, { name: 'a.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * machine.processes.get(p.processId)?.primaryToken.token.tokenId; // 0x10000
 * ```
 */
export interface TokenObject {
  /** Discriminant. */
  readonly kind: 'token';
  /** The token as it is now. */
  token: Token;
  /**
   * The kernel's ParentTokenId: the TokenId of the token this one was filtered from (CreateRestrictedToken,
   * UAC), kept by duplication; 0 for a token LSA created. CreateProcessAsUser uses it to tell a restricted
   * child or a sibling of the caller's own token from someone else's.
   */
  readonly parentTokenId: Luid;
}

/**
 * A process: its primary token and its handle table.
 *
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const p = createProcess(machine, { name: 'a.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * machine.processes.get(p.processId)?.name; // 'a.exe'
 * ```
 */
export interface ProcessObject {
  /** Discriminant. */
  readonly kind: 'process';
  /** The process id. */
  readonly processId: ProcessId;
  /** The image name shown in traces, e.g. `svchost.exe`. */
  readonly name: string;
  /** The process (primary) token object. */
  readonly primaryToken: TokenObject;
  /** Who may open the process, and for what. */
  readonly securityDescriptor: SecurityDescriptor;
  /** The handle table: handle value → the object and the access granted when the handle was opened. */
  readonly handles: Map<Handle, HandleEntry>;
  /** The next handle value to hand out. */
  nextHandle: Handle;
}

/**
 * A thread: the process it belongs to and the impersonation token it may carry.
 *
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, token } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const p = createProcess(machine, { name: 'a.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * machine.threads.get(p.threadId)?.impersonationToken; // null
 * ```
 */
export interface ThreadObject {
  /** Discriminant. */
  readonly kind: 'thread';
  /** The thread id. */
  readonly threadId: ThreadId;
  /** The process the thread belongs to. */
  readonly process: ProcessObject;
  /** Who may open the thread, and for what. */
  readonly securityDescriptor: SecurityDescriptor;
  /** The impersonation token the thread acts with, or `null` when it acts as its process. */
  impersonationToken: TokenObject | null;
}

/**
 * A file registered on the machine (see {@link registerFile}).
 *
 * @example
 * ```ts
 * import { createMachine, registerFile, sddl } from '@doublehop/core-token';
 *
 * const file = registerFile(createMachine(), 'C:\\a.txt', sddl('O:BAG:SYD:(A;;FA;;;SY)'));
 * file.kind; // 'file'
 * ```
 */
export interface FileObject {
  /** Discriminant. */
  readonly kind: 'file';
  /** The path as registered, e.g. `\\WtipFS1\Tools\test.txt`; CreateFile matches it case-insensitively. */
  readonly path: string;
  /** The file's security descriptor. */
  readonly securityDescriptor: SecurityDescriptor;
}

/**
 * A securable kernel object of the machine, discriminated on `kind` (which is also its {@link OBJECT_TYPES} key).
 *
 * @example
 * ```ts
 * import type { KernelObject } from '@doublehop/core-token';
 *
 * const describe = (o: KernelObject) => (o.kind === 'file' ? o.path : o.kind);
 * ```
 */
export type KernelObject = TokenObject | ProcessObject | ThreadObject | FileObject;

/**
 * One entry of a handle table: which object, and the access granted when it was opened.
 *
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, registerToken, token } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const p = createProcess(machine, { name: 'a.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * const h = registerToken(machine, p.processId, token({ user: WELL_KNOWN_SIDS.SYSTEM.sid }), { access: 0x8 });
 * machine.processes.get(p.processId)?.handles.get(h)?.grantedAccess; // 8
 * ```
 */
export interface HandleEntry {
  /** The object the handle refers to. */
  readonly object: KernelObject;
  /** The access granted at open time; using the handle checks this mask, never the object's DACL again. */
  readonly grantedAccess: AccessMask;
}

/**
 * A simulated Windows machine: processes with primary tokens, threads that may impersonate, kernel objects
 * with security descriptors, per-process handle tables, and the trace of every operation.
 *
 * @remarks
 * The machine is mutable and owned by the caller: operations ({@link win32}) change it in place. It is
 * deterministic — LUIDs, process and thread ids and handle values come from counters — so the same calls
 * give the same ids, results and trace.
 * @example
 * ```ts
 * import { createMachine } from '@doublehop/core-token';
 *
 * const machine = createMachine({ name: 'WTIPFS1' });
 * machine.trace.length; // 0
 * ```
 */
export interface Machine {
  /** The computer name, shown in traces. */
  readonly name: string;
  /** Whether UAC is on (the EnableLUA policy); the impersonation check's elevated-token rule needs it. */
  readonly uacEnabled: boolean;
  /** The processes, by id. */
  readonly processes: Map<ProcessId, ProcessObject>;
  /** The threads, by id. */
  readonly threads: Map<ThreadId, ThreadObject>;
  /** The registered files, by lower-cased path. */
  readonly files: Map<string, FileObject>;
  /** Every operation, in order (see {@link formatTrace}); the caller may clear it. */
  readonly trace: TraceEvent[];
  /** The next LUID to allocate (token ids, modified ids). */
  nextLuid: Luid;
  /** The next process or thread id. */
  nextClientId: number;
  /** The next trace sequence number. */
  nextSequence: number;
}

/**
 * What {@link createMachine} accepts.
 *
 * @example
 * ```ts
 * import type { MachineOptions } from '@doublehop/core-token';
 *
 * const uacOff: MachineOptions = { name: 'LEGACY', uacEnabled: false };
 * ```
 */
export interface MachineOptions {
  /** The computer name; default `'WORKSTATION'`. */
  readonly name?: string;
  /** Whether UAC is on; default `true`. */
  readonly uacEnabled?: boolean;
}

/**
 * Creates an empty simulated Windows machine, to which {@link createProcess}, {@link registerFile} and
 * {@link registerToken} add processes, files and tokens, and on which the {@link win32} operations run.
 *
 * @param options - the computer name, and whether UAC is on
 * @returns a new machine with no processes
 * @example
 * ```ts
 * import { createMachine } from '@doublehop/core-token';
 *
 * const machine = createMachine({ name: 'WTIPFS1' });
 * machine.processes.size; // 0
 * ```
 */
export function createMachine(options: MachineOptions = {}): Machine {
  return {
    name: options.name ?? 'WORKSTATION',
    uacEnabled: options.uacEnabled ?? true,
    processes: new Map(),
    threads: new Map(),
    files: new Map(),
    trace: [],
    // LUIDs below 0x3e8 are Windows' well-known logon sessions (0x3e7 SYSTEM …); start well above them.
    nextLuid: 0x1_0000,
    nextClientId: 4,
    nextSequence: 1,
  };
}
