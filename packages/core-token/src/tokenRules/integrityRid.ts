import type { Sid } from '../sid/sid.js';

/**
 * The RID of an integrity level SID (`S-1-16-RID`): Untrusted 0, Low 0x1000, Medium 0x2000, High 0x3000,
 * System 0x4000. Levels compare by this number, as RtlSidDominates compares them (MS-DTYP 2.5.3.1.2).
 *
 * @internal
 */
export function integrityRid(level: Sid): number {
  return level.subAuthorities[0] ?? 0;
}

/** Medium integrity, 0x2000 (`S-1-16-8192`). @internal */
export const MEDIUM_RID = 0x2000;
/** High integrity, 0x3000 (`S-1-16-12288`). @internal */
export const HIGH_RID = 0x3000;
