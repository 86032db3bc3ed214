import { ACCESS_RIGHTS, type AccessMask, type GenericMapping } from './accessMask.js';

/**
 * A kind of securable object: its generic mapping and the names of its rights.
 *
 * @example
 * ```ts
 * import { OBJECT_TYPES } from '@doublehop/core-token';
 *
 * OBJECT_TYPES.token.rights.TOKEN_DUPLICATE; // 0x2
 * ```
 */
export interface ObjectType {
  /** The key in {@link OBJECT_TYPES}, e.g. `'file'`. */
  readonly key: ObjectTypeKey;
  /** The kernel or directory object type name, e.g. `'File'`, `'Token'`, `'DirectoryService'`. */
  readonly name: string;
  /** How GENERIC_READ/WRITE/EXECUTE/ALL map to this type's rights. */
  readonly genericMapping: GenericMapping;
  /** The type's single-bit specific rights, by their `winnt.h` name. */
  readonly rights: Readonly<Record<string, AccessMask>>;
  /** Its named combinations (`FILE_ALL_ACCESS`, `KEY_READ`, …), preferred when naming a mask. */
  readonly combinations: Readonly<Record<string, AccessMask>>;
}

/** The key of an object type in {@link OBJECT_TYPES}. */
export type ObjectTypeKey =
  | 'file'
  | 'directory'
  | 'registryKey'
  | 'token'
  | 'process'
  | 'thread'
  | 'directoryService';

const { READ_CONTROL, SYNCHRONIZE } = ACCESS_RIGHTS;

// winnt.h: FILE_GENERIC_READ = STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE …
const FILE_GENERIC_MAPPING: GenericMapping = {
  genericRead: 0x0012_0089,
  genericWrite: 0x0012_0116,
  genericExecute: 0x0012_00a0,
  genericAll: 0x001f_01ff,
};
const FILE_COMBINATIONS = {
  FILE_ALL_ACCESS: 0x001f_01ff,
  FILE_GENERIC_READ: 0x0012_0089,
  FILE_GENERIC_WRITE: 0x0012_0116,
  FILE_GENERIC_EXECUTE: 0x0012_00a0,
};

function objectType(
  key: ObjectTypeKey,
  name: string,
  genericMapping: GenericMapping,
  rights: Record<string, AccessMask>,
  combinations: Record<string, AccessMask>,
): ObjectType {
  return Object.freeze({
    key,
    name,
    genericMapping: Object.freeze(genericMapping),
    rights: Object.freeze(rights),
    combinations: Object.freeze(combinations),
  });
}

/**
 * The object types doublehop models, with their generic mappings and right names.
 *
 * @remarks
 * Sources: `winnt.h` and the access-rights pages of each type — File Security and Access Rights, Registry
 * Key Security and Access Rights, Access Rights for Access-Token Objects, Process and Thread Security and
 * Access Rights — and MS-ADTS 5.1.3.2 / the ADS_RIGHTS_ENUM page for directory-service objects. The process
 * and thread mappings are those the Windows 10+ kernel registers for its Process and Thread types.
 * @example
 * ```ts
 * import { OBJECT_TYPES } from '@doublehop/core-token';
 *
 * OBJECT_TYPES.registryKey.genericMapping.genericRead; // 0x20019 (KEY_READ)
 * OBJECT_TYPES.directoryService.rights.ADS_RIGHT_DS_WRITE_PROP; // 0x20
 * ```
 * @see https://learn.microsoft.com/windows/win32/secauthz/generic-access-rights
 */
export const OBJECT_TYPES: { readonly [K in ObjectTypeKey]: ObjectType } = Object.freeze({
  file: objectType(
    'file',
    'File',
    FILE_GENERIC_MAPPING,
    {
      FILE_READ_DATA: 0x1,
      FILE_WRITE_DATA: 0x2,
      FILE_APPEND_DATA: 0x4,
      FILE_READ_EA: 0x8,
      FILE_WRITE_EA: 0x10,
      FILE_EXECUTE: 0x20,
      FILE_DELETE_CHILD: 0x40,
      FILE_READ_ATTRIBUTES: 0x80,
      FILE_WRITE_ATTRIBUTES: 0x100,
    },
    FILE_COMBINATIONS,
  ),
  directory: objectType(
    'directory',
    'Directory',
    FILE_GENERIC_MAPPING,
    {
      FILE_LIST_DIRECTORY: 0x1,
      FILE_ADD_FILE: 0x2,
      FILE_ADD_SUBDIRECTORY: 0x4,
      FILE_READ_EA: 0x8,
      FILE_WRITE_EA: 0x10,
      FILE_TRAVERSE: 0x20,
      FILE_DELETE_CHILD: 0x40,
      FILE_READ_ATTRIBUTES: 0x80,
      FILE_WRITE_ATTRIBUTES: 0x100,
    },
    FILE_COMBINATIONS,
  ),
  registryKey: objectType(
    'registryKey',
    'Key',
    {
      genericRead: 0x0002_0019,
      genericWrite: 0x0002_0006,
      genericExecute: 0x0002_0019,
      genericAll: 0x000f_003f,
    },
    {
      KEY_QUERY_VALUE: 0x1,
      KEY_SET_VALUE: 0x2,
      KEY_CREATE_SUB_KEY: 0x4,
      KEY_ENUMERATE_SUB_KEYS: 0x8,
      KEY_NOTIFY: 0x10,
      KEY_CREATE_LINK: 0x20,
      KEY_WOW64_64KEY: 0x100,
      KEY_WOW64_32KEY: 0x200,
    },
    { KEY_ALL_ACCESS: 0x000f_003f, KEY_READ: 0x0002_0019, KEY_WRITE: 0x0002_0006 },
  ),
  token: objectType(
    'token',
    'Token',
    // TOKEN_READ = STANDARD_RIGHTS_READ | TOKEN_QUERY; TOKEN_WRITE = STANDARD_RIGHTS_WRITE | TOKEN_ADJUST_*;
    // TOKEN_EXECUTE = STANDARD_RIGHTS_EXECUTE — so GENERIC_EXECUTE alone does not allow impersonation.
    {
      genericRead: 0x0002_0008,
      genericWrite: 0x0002_00e0,
      genericExecute: 0x0002_0000,
      genericAll: 0x000f_01ff,
    },
    {
      TOKEN_ASSIGN_PRIMARY: 0x1,
      TOKEN_DUPLICATE: 0x2,
      TOKEN_IMPERSONATE: 0x4,
      TOKEN_QUERY: 0x8,
      TOKEN_QUERY_SOURCE: 0x10,
      TOKEN_ADJUST_PRIVILEGES: 0x20,
      TOKEN_ADJUST_GROUPS: 0x40,
      TOKEN_ADJUST_DEFAULT: 0x80,
      TOKEN_ADJUST_SESSIONID: 0x100,
    },
    { TOKEN_ALL_ACCESS: 0x000f_01ff, TOKEN_READ: 0x0002_0008, TOKEN_WRITE: 0x0002_00e0 },
  ),
  process: objectType(
    // Since Vista, PROCESS_TERMINATE is in GenericExecute (with PROCESS_QUERY_LIMITED_INFORMATION), no
    // longer in GenericWrite, as the kernel's PspProcessMapping registers it.
    'process',
    'Process',
    {
      genericRead: 0x0002_0410,
      genericWrite: 0x0002_0bea,
      genericExecute: 0x0012_1001,
      genericAll: 0x001f_ffff,
    },
    {
      PROCESS_TERMINATE: 0x1,
      PROCESS_CREATE_THREAD: 0x2,
      PROCESS_SET_SESSIONID: 0x4,
      PROCESS_VM_OPERATION: 0x8,
      PROCESS_VM_READ: 0x10,
      PROCESS_VM_WRITE: 0x20,
      PROCESS_DUP_HANDLE: 0x40,
      PROCESS_CREATE_PROCESS: 0x80,
      PROCESS_SET_QUOTA: 0x100,
      PROCESS_SET_INFORMATION: 0x200,
      PROCESS_QUERY_INFORMATION: 0x400,
      PROCESS_SUSPEND_RESUME: 0x800,
      PROCESS_QUERY_LIMITED_INFORMATION: 0x1000,
      PROCESS_SET_LIMITED_INFORMATION: 0x2000,
    },
    { PROCESS_ALL_ACCESS: 0x001f_ffff },
  ),
  thread: objectType(
    'thread',
    'Thread',
    {
      genericRead: 0x0002_0048,
      genericWrite: 0x0002_0437,
      genericExecute: 0x0012_1800,
      genericAll: 0x001f_ffff,
    },
    {
      THREAD_TERMINATE: 0x1,
      THREAD_SUSPEND_RESUME: 0x2,
      THREAD_ALERT: 0x4,
      THREAD_GET_CONTEXT: 0x8,
      THREAD_SET_CONTEXT: 0x10,
      THREAD_SET_INFORMATION: 0x20,
      THREAD_QUERY_INFORMATION: 0x40,
      THREAD_SET_THREAD_TOKEN: 0x80,
      THREAD_IMPERSONATE: 0x100,
      THREAD_DIRECT_IMPERSONATION: 0x200,
      THREAD_SET_LIMITED_INFORMATION: 0x400,
      THREAD_QUERY_LIMITED_INFORMATION: 0x800,
      THREAD_RESUME: 0x1000,
    },
    { THREAD_ALL_ACCESS: 0x001f_ffff },
  ),
  directoryService: objectType(
    'directoryService',
    'DirectoryService',
    // MS-ADTS 5.1.3.2: DS_GENERIC_READ/WRITE/EXECUTE/ALL.
    {
      genericRead: 0x0002_0094,
      genericWrite: 0x0002_0028,
      genericExecute: 0x0002_0004,
      genericAll: 0x000f_01ff,
    },
    {
      ADS_RIGHT_DS_CREATE_CHILD: 0x1,
      ADS_RIGHT_DS_DELETE_CHILD: 0x2,
      ADS_RIGHT_ACTRL_DS_LIST: 0x4,
      ADS_RIGHT_DS_SELF: 0x8,
      ADS_RIGHT_DS_READ_PROP: 0x10,
      ADS_RIGHT_DS_WRITE_PROP: 0x20,
      ADS_RIGHT_DS_DELETE_TREE: 0x40,
      ADS_RIGHT_DS_LIST_OBJECT: 0x80,
      ADS_RIGHT_DS_CONTROL_ACCESS: 0x100,
    },
    { DS_GENERIC_ALL: 0x000f_01ff, DS_GENERIC_READ: 0x0002_0094, DS_GENERIC_WRITE: 0x0002_0028 },
  ),
});

/** Names of the standard, special and generic rights, highest bit last, for {@link maskToNames}. */
const COMMON_RIGHT_NAMES: readonly (readonly [string, AccessMask])[] = [
  ['DELETE', ACCESS_RIGHTS.DELETE],
  ['READ_CONTROL', READ_CONTROL],
  ['WRITE_DAC', ACCESS_RIGHTS.WRITE_DAC],
  ['WRITE_OWNER', ACCESS_RIGHTS.WRITE_OWNER],
  ['SYNCHRONIZE', SYNCHRONIZE],
  ['ACCESS_SYSTEM_SECURITY', ACCESS_RIGHTS.ACCESS_SYSTEM_SECURITY],
  ['MAXIMUM_ALLOWED', ACCESS_RIGHTS.MAXIMUM_ALLOWED],
  ['GENERIC_ALL', ACCESS_RIGHTS.GENERIC_ALL],
  ['GENERIC_EXECUTE', ACCESS_RIGHTS.GENERIC_EXECUTE],
  ['GENERIC_WRITE', ACCESS_RIGHTS.GENERIC_WRITE],
  ['GENERIC_READ', ACCESS_RIGHTS.GENERIC_READ],
];

/**
 * Names the rights in a mask for people: the object type's largest named combinations that fit entirely
 * (e.g. `FILE_ALL_ACCESS`), then single specific rights, then standard/special/generic rights, and any
 * bit without a name as hex.
 *
 * @param mask - the access mask
 * @param type - the object type whose names to use; without one, specific bits print as hex
 * @returns the names, in a stable order; `[]` for 0
 * @example
 * ```ts
 * import { OBJECT_TYPES, maskToNames } from '@doublehop/core-token';
 *
 * maskToNames(0x1f01ff, OBJECT_TYPES.file);  // ['FILE_ALL_ACCESS']
 * maskToNames(0x20008, OBJECT_TYPES.token);  // ['TOKEN_READ']
 * maskToNames(0x60001, OBJECT_TYPES.file);   // ['FILE_READ_DATA', 'READ_CONTROL', 'WRITE_DAC']
 * ```
 * @see MS-DTYP 2.4.3
 */
export function maskToNames(mask: AccessMask, type?: ObjectType): string[] {
  let remaining = mask >>> 0;
  const names: string[] = [];
  if (type !== undefined) {
    const combinations = Object.entries(type.combinations).sort((a, b) => popCount(b[1]) - popCount(a[1]));
    for (const [name, bits] of combinations) {
      // Only name a combination that is wholly inside the mask and still covers bits not yet named.
      if ((mask & bits) >>> 0 === bits && (remaining & bits) !== 0) {
        names.push(name);
        remaining = (remaining & ~bits) >>> 0;
      }
    }
    for (const [name, bits] of Object.entries(type.rights)) {
      if ((remaining & bits) === bits) {
        names.push(name);
        remaining = (remaining & ~bits) >>> 0;
      }
    }
  }
  for (const [name, bits] of COMMON_RIGHT_NAMES) {
    if ((remaining & bits) >>> 0 === bits) {
      names.push(name);
      remaining = (remaining & ~bits) >>> 0;
    }
  }
  if (remaining !== 0) names.push(`0x${remaining.toString(16)}`);
  return names;
}

/**
 * Turns right names (as {@link maskToNames} prints them, or `winnt.h` names, or `0x…` hex) back into a mask.
 *
 * @param names - right names of the object type or common rights
 * @param type - the object type whose specific names are allowed
 * @returns the mask, or `undefined` naming the first unknown name
 * @example
 * ```ts
 * import { OBJECT_TYPES, namesToMask } from '@doublehop/core-token';
 *
 * namesToMask(['TOKEN_QUERY', 'TOKEN_DUPLICATE'], OBJECT_TYPES.token); // { mask: 0xa }
 * namesToMask(['TOKEN_FLY'], OBJECT_TYPES.token);                      // { unknown: 'TOKEN_FLY' }
 * ```
 * @see MS-DTYP 2.4.3
 */
export function namesToMask(
  names: readonly string[],
  type?: ObjectType,
): { readonly mask: AccessMask } | { readonly unknown: string } {
  let mask = 0;
  for (const name of names) {
    const bits =
      type?.combinations[name] ??
      type?.rights[name] ??
      (ACCESS_RIGHTS as Readonly<Record<string, AccessMask>>)[name] ??
      (/^0x[0-9a-f]{1,8}$/i.test(name) ? Number.parseInt(name, 16) : undefined);
    if (bits === undefined) return { unknown: name };
    mask |= bits;
  }
  return { mask: mask >>> 0 };
}

function popCount(value: number): number {
  let v = value >>> 0;
  let count = 0;
  while (v !== 0) {
    v &= v - 1;
    count++;
  }
  return count;
}
