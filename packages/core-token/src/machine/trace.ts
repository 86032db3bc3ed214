import type { AccessMask } from '../access/accessMask.js';
import type { ObjectTypeKey } from '../access/objectTypes.js';
import type { AccessCheckResult } from '../accessCheck/accessCheckResult.js';
import type { Win32ErrorName } from '../errors.js';
import type { Sid } from '../sid/sid.js';
import type { ImpersonationLevel, Luid, TokenType } from '../token/token.js';
import type { ProcessId, ThreadId } from './machine.js';

/**
 * A token as a trace names it: whose it is, its type and level, and its TokenId.
 *
 * @example
 * ```ts
 * import type { TraceIdentity } from '@doublehop/core-token';
 * import { sid } from '@doublehop/core-token';
 *
 * const system: TraceIdentity = { user: sid('S-1-5-18'), type: 'primary', level: null, tokenId: 0x10000 };
 * ```
 */
export interface TraceIdentity {
  /** The token's user SID. */
  readonly user: Sid;
  /** Primary or impersonation. */
  readonly type: TokenType;
  /** The impersonation level, `null` for a primary token. */
  readonly level: ImpersonationLevel | null;
  /** The token's TokenId. */
  readonly tokenId: Luid;
}

/**
 * One operation on the machine, as Process Monitor would show it: who called (process, thread, the process
 * user and whom the thread was impersonating), what on which object, the access asked and granted, and
 * the Win32 result.
 *
 * @example
 * ```ts
 * import type { TraceEvent } from '@doublehop/core-token';
 *
 * const denied = (e: TraceEvent) => e.result === 'ERROR_ACCESS_DENIED';
 * ```
 */
export interface TraceEvent {
  /** 1, 2, 3 … in the order the operations ran. */
  readonly sequence: number;
  /** The Win32 function, e.g. `'OpenThreadToken'`. */
  readonly operation: string;
  /** The calling process. */
  readonly processId: ProcessId;
  /** The calling process's image name. */
  readonly processName: string;
  /** The calling thread. */
  readonly threadId: ThreadId;
  /** The process token when the call was made ("User" in Process Monitor). */
  readonly user: TraceIdentity;
  /** The thread's impersonation token when the call was made ("Impersonating"), or `null`. */
  readonly impersonating: TraceIdentity | null;
  /**
   * The token an access or privilege check ran as, when it is not the thread's effective token — the
   * process token for OpenThreadToken(OpenAsSelf = TRUE) and CreateProcessAsUser's privileges; else `null`.
   */
  readonly checkedAs: TraceIdentity | null;
  /** The object's type, or `null` when the operation has no object. */
  readonly objectType: ObjectTypeKey | null;
  /** The object, e.g. `\\WtipFS1\Tools\test.txt` or `Token 0x10004`. */
  readonly object: string | null;
  /** For a token object, its user (traces print `Token 0x10004 (WTIP\Billy)`); else `null`. */
  readonly objectUser: Sid | null;
  /** The access asked for (on an open) or needed on the handle (on a use), or `null`. */
  readonly desiredAccess: AccessMask | null;
  /** The access the new handle carries, or `null` when no handle was opened. */
  readonly grantedAccess: AccessMask | null;
  /** `'ERROR_SUCCESS'` or the Win32 error the call failed with. */
  readonly result: Win32ErrorName;
  /** The error's number (0 for success). */
  readonly win32: number;
  /** What else happened, in words (a silent downgrade, where a descriptor came from …), or `null`. */
  readonly detail: string | null;
  /** The access check behind an open, for {@link explainAccessCheck}, or `null`. */
  readonly accessCheck: AccessCheckResult | null;
}
