import type { AccessMask } from '../access/accessMask.js';
import { OBJECT_TYPES, type ObjectTypeKey } from '../access/objectTypes.js';

// The specific rights the machine's operations need on handles, read from the one definition of each
// right in OBJECT_TYPES (winnt.h values).

function right(type: ObjectTypeKey, name: string): AccessMask {
  const value = OBJECT_TYPES[type].rights[name];
  if (value === undefined) throw new Error(`rights: ${type} has no right ${name}`);
  return value;
}

/** @internal */
export const TOKEN_ASSIGN_PRIMARY = right('token', 'TOKEN_ASSIGN_PRIMARY');
/** @internal */
export const TOKEN_DUPLICATE = right('token', 'TOKEN_DUPLICATE');
/** @internal */
export const TOKEN_IMPERSONATE = right('token', 'TOKEN_IMPERSONATE');
/** @internal */
export const TOKEN_QUERY = right('token', 'TOKEN_QUERY');
/** @internal */
export const TOKEN_QUERY_SOURCE = right('token', 'TOKEN_QUERY_SOURCE');
/** @internal */
export const TOKEN_ADJUST_PRIVILEGES = right('token', 'TOKEN_ADJUST_PRIVILEGES');
/** @internal */
export const TOKEN_ADJUST_GROUPS = right('token', 'TOKEN_ADJUST_GROUPS');
/** @internal */
export const THREAD_QUERY_INFORMATION = right('thread', 'THREAD_QUERY_INFORMATION');
/** @internal */
export const THREAD_SET_THREAD_TOKEN = right('thread', 'THREAD_SET_THREAD_TOKEN');
/** @internal */
export const PROCESS_QUERY_LIMITED_INFORMATION = right('process', 'PROCESS_QUERY_LIMITED_INFORMATION');
/** @internal */
export const FILE_READ_ATTRIBUTES = right('file', 'FILE_READ_ATTRIBUTES');
