import { describe, expect, it } from 'vitest';
import { fileServerReport } from '../examples/fileServerImpersonation.mjs';

describe('examples/fileServerImpersonation.mjs (What’s in a Token, Part 2: the file server)', () => {
  const report: string = fileServerReport();

  it('grants SYSTEM, acting as itself, read access through its own ACE', () => {
    expect(report).toContain('GRANTED FILE_GENERIC_READ to NT AUTHORITY\\SYSTEM.');
  });

  it('denies the thread impersonating Billy, because the DACL denies Billy — although SYSTEM would be granted', () => {
    expect(report).toContain(
      'DENIED FILE_GENERIC_READ to WTIP\\Billy: ACE #1 (ACCESS_DENIED, WTIP\\Billy) denies FILE_GENERIC_READ.',
    );
  });

  it('is deterministic: the same input gives a byte-identical report', () => {
    expect(fileServerReport()).toBe(report);
  });
});
