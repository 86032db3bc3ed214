import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_RIGHTS,
  GENERIC_RIGHTS_MASK,
  mapGenericMask,
  maskToNames,
  namesToMask,
  OBJECT_TYPES,
  type ObjectTypeKey,
} from '../src/index.js';

const { GENERIC_READ, GENERIC_WRITE, GENERIC_EXECUTE, GENERIC_ALL, READ_CONTROL, SYNCHRONIZE } =
  ACCESS_RIGHTS;

describe('ACCESS_MASK layout (MS-DTYP 2.4.3)', () => {
  it('generic rights are the top four bits and GENERIC_READ is unsigned 0x80000000', () => {
    expect(GENERIC_READ).toBe(0x8000_0000);
    expect((GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL) >>> 0).toBe(GENERIC_RIGHTS_MASK);
    expect(ACCESS_RIGHTS.STANDARD_RIGHTS_REQUIRED).toBe(
      ACCESS_RIGHTS.DELETE | READ_CONTROL | ACCESS_RIGHTS.WRITE_DAC | ACCESS_RIGHTS.WRITE_OWNER,
    );
  });
});

describe('generic mappings (GENERIC_MAPPING pages, winnt.h)', () => {
  it('FILE_GENERIC_READ is STANDARD_RIGHTS_READ | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE (File Security and Access Rights)', () => {
    const r = OBJECT_TYPES.file.rights;
    expect(OBJECT_TYPES.file.genericMapping.genericRead).toBe(
      READ_CONTROL |
        (r['FILE_READ_DATA'] ?? 0) |
        (r['FILE_READ_ATTRIBUTES'] ?? 0) |
        (r['FILE_READ_EA'] ?? 0) |
        SYNCHRONIZE,
    );
  });

  it('token GENERIC_EXECUTE maps to READ_CONTROL only, so it never grants TOKEN_IMPERSONATE (Access Rights for Access-Token Objects)', () => {
    const mapped = mapGenericMask(GENERIC_EXECUTE, OBJECT_TYPES.token.genericMapping);
    expect(mapped).toBe(READ_CONTROL);
    expect(mapped & (OBJECT_TYPES.token.rights['TOKEN_IMPERSONATE'] ?? 0)).toBe(0);
  });

  it('DS_GENERIC_READ = READ_CONTROL | ACTRL_DS_LIST | READ_PROP | LIST_OBJECT (MS-ADTS 5.1.3.2)', () => {
    expect(OBJECT_TYPES.directoryService.genericMapping.genericRead).toBe(0x20094);
  });

  it('MapGenericMask adds each generic bit’s mapping and clears the generic bits (MapGenericMask)', () => {
    const m = OBJECT_TYPES.registryKey.genericMapping;
    expect(mapGenericMask(GENERIC_READ | GENERIC_WRITE, m)).toBe(m.genericRead | m.genericWrite);
    expect(mapGenericMask(0x1, m)).toBe(0x1);
  });
});

describe('right names (winnt.h)', () => {
  it('prefers whole named combinations: FILE_ALL_ACCESS, TOKEN_READ', () => {
    expect(maskToNames(0x1f01ff, OBJECT_TYPES.file)).toEqual(['FILE_ALL_ACCESS']);
    expect(maskToNames(0x20008, OBJECT_TYPES.token)).toEqual(['TOKEN_READ']);
  });

  it('names single rights, then standard and generic ones, and unnamed bits in hex', () => {
    expect(maskToNames(0x60001, OBJECT_TYPES.file)).toEqual(['FILE_READ_DATA', 'READ_CONTROL', 'WRITE_DAC']);
    expect(maskToNames(GENERIC_READ | 0x1)).toEqual(['GENERIC_READ', '0x1']);
    expect(maskToNames(0)).toEqual([]);
  });

  it('reports the first unknown name', () => {
    expect(namesToMask(['TOKEN_QUERY', 'FILE_READ_DATA'], OBJECT_TYPES.token)).toEqual({
      unknown: 'FILE_READ_DATA',
    });
  });

  describe('properties', () => {
    const types = Object.keys(OBJECT_TYPES) as ObjectTypeKey[];
    it('namesToMask(maskToNames(m)) gives m back for every object type and any mask', () => {
      fc.assert(
        fc.property(fc.constantFrom(...types), fc.integer({ min: 0, max: 0xffff_ffff }), (key, mask) => {
          const type = OBJECT_TYPES[key];
          expect(namesToMask(maskToNames(mask, type), type)).toEqual({ mask });
        }),
      );
    });

    it('a mapped mask never contains generic bits, and mapping is idempotent', () => {
      fc.assert(
        fc.property(fc.constantFrom(...types), fc.integer({ min: 0, max: 0xffff_ffff }), (key, mask) => {
          const mapping = OBJECT_TYPES[key].genericMapping;
          const once = mapGenericMask(mask, mapping);
          expect(once & GENERIC_RIGHTS_MASK).toBe(0);
          expect(mapGenericMask(once, mapping)).toBe(once);
          expect(once >= 0).toBe(true);
        }),
      );
    });
  });
});
