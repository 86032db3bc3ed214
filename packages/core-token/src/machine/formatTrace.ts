import type { AccessMask } from '../access/accessMask.js';
import { maskToNames, OBJECT_TYPES, type ObjectTypeKey } from '../access/objectTypes.js';
import type { Sid } from '../sid/sid.js';
import { sidDisplayName } from '../sid/wellKnownSids.js';
import { hex } from './callContext.js';
import type { Machine } from './machine.js';
import type { TraceEvent, TraceIdentity } from './trace.js';

/**
 * What {@link formatTrace} accepts.
 *
 * @example
 * ```ts
 * import type { FormatTraceOptions } from '@doublehop/core-token';
 * import { sid } from '@doublehop/core-token';
 *
 * const options: FormatTraceOptions = { names: new Map([[sid('S-1-5-21-1-2-3'), 'CORP']]), from: 3 };
 * ```
 */
export interface FormatTraceOptions {
  /** Names of accounts or of domain SIDs (`S-1-5-21-…` → `CORP`), as {@link sidDisplayName} takes. */
  readonly names?: ReadonlyMap<Sid, string>;
  /** Only the events from this sequence number on (default: all). */
  readonly from?: number;
}

/**
 * Writes a machine's trace as text, one block per operation, in the manner of Process Monitor's event
 * properties: the call and its result, the process **User** and, while the thread impersonates, whom it is
 * **Impersonating** — the column that shows the Server service acting as `CORP\Billy` in "What's in a Token
 * (Part 2)" — then the token a check ran as when it was neither (OpenAsSelf), the object, the access asked
 * for and granted, and what else happened. The text is deterministic.
 *
 * @param machine - the machine whose trace to print
 * @param options - account names, and where to start
 * @returns the trace, blocks separated by blank lines; `''` for an empty trace
 * @example
 * ```ts
 * import { WELL_KNOWN_SIDS, createMachine, createProcess, formatTrace, token, win32 } from '@doublehop/core-token';
 *
 * const machine = createMachine();
 * const { threadId } = createProcess(machine, { name: 'svchost.exe', token: token({ user: WELL_KNOWN_SIDS.SYSTEM.sid, type: 'primary' }) });
 * win32.revertToSelf(machine, threadId);
 * formatTrace(machine).split('\n')[0]; // '#1 svchost.exe (pid 4) thread 8: RevertToSelf → ERROR_SUCCESS'
 * ```
 * @see Process Monitor, https://learn.microsoft.com/sysinternals/downloads/procmon
 */
export function formatTrace(machine: Machine, options: FormatTraceOptions = {}): string {
  const from = options.from ?? 0;
  return machine.trace
    .filter((e) => e.sequence >= from)
    .map((e) => formatEvent(e, options.names))
    .join('\n\n');
}

function formatEvent(e: TraceEvent, names: ReadonlyMap<Sid, string> | undefined): string {
  const result = e.result === 'ERROR_SUCCESS' ? e.result : `${e.result} (${e.win32})`;
  const lines = [
    `#${e.sequence} ${e.processName} (pid ${e.processId}) thread ${e.threadId}: ${e.operation} → ${result}`,
  ];
  lines.push(`    User: ${identity(e.user, names)}`);
  if (e.impersonating !== null) lines.push(`    Impersonating: ${identity(e.impersonating, names)}`);
  if (e.checkedAs !== null) lines.push(`    Checked as: ${identity(e.checkedAs, names)}`);
  if (e.object !== null) {
    const user = e.objectUser === null ? '' : ` (${sidDisplayName(e.objectUser, names)})`;
    lines.push(`    Object: ${e.object}${user}`);
  }
  if (e.desiredAccess !== null) lines.push(`    Desired Access: ${rights(e.desiredAccess, e.objectType)}`);
  if (e.grantedAccess !== null) lines.push(`    Granted Access: ${rights(e.grantedAccess, e.objectType)}`);
  if (e.detail !== null) lines.push(`    Detail: ${e.detail}`);
  return lines.join('\n');
}

function identity(who: TraceIdentity, names: ReadonlyMap<Sid, string> | undefined): string {
  const kind =
    who.type === 'primary'
      ? `primary token ${hex(who.tokenId)}`
      : `impersonation token ${hex(who.tokenId)}, ${who.level ?? '?'} level`;
  return `${sidDisplayName(who.user, names)} (${kind})`;
}

function rights(mask: AccessMask, objectType: ObjectTypeKey | null): string {
  if (mask === 0) return 'none';
  return maskToNames(mask, objectType === null ? undefined : OBJECT_TYPES[objectType]).join(' | ');
}
