import { describe, expect, it } from 'vitest';
import { OBJECT_TYPES, objectOpenCheck, openThreadTokenRules, sddl, sid, token } from '../../src/index.js';

const billy = sid('S-1-5-21-1-2-3-1104');
const sd = sddl(`O:BAG:SYD:(A;;FA;;;SY)(A;;FR;;;${billy.text})`);

describe('objectOpenCheck (SeAccessCheck on open)', () => {
  it('OpenThreadToken: no object opens at Identification or Anonymous level — ERROR_BAD_IMPERSONATION_LEVEL before any DACL', () => {
    for (const level of ['Identification', 'Anonymous'] as const) {
      const r = objectOpenCheck(token({ user: billy, impersonationLevel: level }), sd, OBJECT_TYPES.file, 1);
      expect(r.result).toMatchObject({
        ok: false,
        error: { code: 'ERROR_BAD_IMPERSONATION_LEVEL', win32: 1346 },
      });
      expect(r.check).toBeNull();
    }
  });

  it('MS-DTYP 2.5.3: at Impersonation the DACL decides, with the access check for explanations', () => {
    const read = objectOpenCheck(token({ user: billy }), sd, OBJECT_TYPES.file, 1);
    expect(read.result).toEqual({ ok: true, value: 1 });
    const write = objectOpenCheck(token({ user: billy }), sd, OBJECT_TYPES.file, 2);
    expect(write.result).toMatchObject({ ok: false, error: { code: 'ERROR_ACCESS_DENIED' } });
    expect(write.check?.status).toBe('ERROR_ACCESS_DENIED');
  });

  it('a primary token is checked through an Impersonation-level view of it', () => {
    const primary = token({ user: billy, type: 'primary' });
    expect(objectOpenCheck(primary, sd, OBJECT_TYPES.file, 1).result.ok).toBe(true);
  });
});

describe('openThreadTokenRules (NtOpenThreadToken)', () => {
  it('ERROR_NO_TOKEN without an impersonation token, ERROR_CANT_OPEN_ANONYMOUS at Anonymous', () => {
    expect(openThreadTokenRules(null)).toMatchObject({
      ok: false,
      error: { code: 'ERROR_NO_TOKEN', win32: 1008 },
    });
    expect(openThreadTokenRules(token({ user: billy, impersonationLevel: 'Anonymous' }))).toMatchObject({
      ok: false,
      error: { code: 'ERROR_CANT_OPEN_ANONYMOUS', win32: 1347 },
    });
    expect(openThreadTokenRules(token({ user: billy, impersonationLevel: 'Identification' })).ok).toBe(true);
  });
});
