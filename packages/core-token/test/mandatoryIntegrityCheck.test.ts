import { describe, expect, it } from 'vitest';
import {
  ACE_FLAGS,
  MANDATORY_LABEL_POLICY,
  mandatoryIntegrityCheck,
  OBJECT_TYPES,
  PRIVILEGE_ATTRIBUTES,
  TOKEN_MANDATORY_POLICY,
} from '../src/index.js';
import {
  billyOverTheNetwork,
  entry,
  fileSd,
  HIGH,
  LOW,
  MEDIUM,
  SYSTEM_IL,
  WRITE_OWNER,
} from './accessCheckFixtures.js';

const {
  SYSTEM_MANDATORY_LABEL_NO_WRITE_UP: NW,
  SYSTEM_MANDATORY_LABEL_NO_READ_UP: NR,
  SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP: NX,
} = MANDATORY_LABEL_POLICY;
const file = OBJECT_TYPES.file.genericMapping;
const labelled = (level: typeof LOW, policy: number, flags = 0) =>
  fileSd([], { sacl: [entry('SYSTEM_MANDATORY_LABEL', policy, level, { flags })] });

describe('mandatoryIntegrityCheck (MS-DTYP 2.5.3.3; Win32 Mandatory Integrity Control)', () => {
  it('an object without a label is Medium with NO_WRITE_UP ("Objects that lack an integrity label are treated as medium")', () => {
    const mic = mandatoryIntegrityCheck(fileSd([]), billyOverTheNetwork({ integrityLevel: LOW }), file);
    expect(mic).toEqual({
      enforced: true,
      label: MEDIUM,
      policy: NW,
      defaulted: true,
      tokenDominates: false,
      allowedAccess: file.genericRead | file.genericExecute,
    });
  });

  it('uses the first mandatory label ACE of the SACL (FindAceByType, MS-DTYP 2.5.3.3.1)', () => {
    const sd = fileSd([], {
      sacl: [
        entry('SYSTEM_AUDIT', 0x1, LOW),
        entry('SYSTEM_MANDATORY_LABEL', NR, HIGH),
        entry('SYSTEM_MANDATORY_LABEL', NW, LOW),
      ],
    });
    const mic = mandatoryIntegrityCheck(sd, billyOverTheNetwork(), file);
    expect([mic.label, mic.policy, mic.defaulted, mic.tokenDominates]).toEqual([HIGH, NR, false, false]);
    expect(mic.allowedAccess).toBe((file.genericWrite | file.genericExecute) >>> 0);
  });

  it('an inherit-only label labels children, not the object: the default applies (MS-DTYP 2.5.3.3)', () => {
    const mic = mandatoryIntegrityCheck(
      labelled(SYSTEM_IL, NW | NR, ACE_FLAGS.INHERIT_ONLY_ACE),
      billyOverTheNetwork(),
      file,
    );
    expect([mic.label, mic.policy, mic.defaulted, mic.tokenDominates]).toEqual([MEDIUM, NW, true, true]);
  });

  it('a token at or above the label is not restricted (SidDominates: compare the integrity RIDs)', () => {
    for (const level of [MEDIUM, HIGH, SYSTEM_IL]) {
      const mic = mandatoryIntegrityCheck(
        labelled(MEDIUM, NW | NR | NX),
        billyOverTheNetwork({ integrityLevel: level }),
        file,
      );
      expect([mic.tokenDominates, mic.allowedAccess]).toEqual([true, 0xffffffff]);
    }
  });

  it('builds the allowed set from the mapped generic rights the policy does not forbid', () => {
    const low = billyOverTheNetwork({ integrityLevel: LOW });
    const cases: [number, number][] = [
      [NW, file.genericRead | file.genericExecute],
      [NR, file.genericWrite | file.genericExecute],
      [NX, file.genericRead | file.genericWrite],
      [NW | NR, file.genericExecute],
      [NW | NR | NX, 0],
      [0, file.genericRead | file.genericWrite | file.genericExecute],
    ];
    for (const [policy, allowed] of cases) {
      expect(mandatoryIntegrityCheck(labelled(MEDIUM, policy), low, file).allowedAccess).toBe(allowed >>> 0);
    }
  });

  it("uses the object type's mapping: a Low token on a NO_READ_UP|NO_WRITE_UP process keeps only PROCESS GenericExecute", () => {
    const process = OBJECT_TYPES.process.genericMapping;
    const mic = mandatoryIntegrityCheck(
      labelled(MEDIUM, NW | NR),
      billyOverTheNetwork({ integrityLevel: LOW }),
      process,
    );
    expect(mic.allowedAccess).toBe(process.genericExecute);
  });

  it("is off when the token policy lacks the NO_WRITE_UP bit, and on for the usual 0x3 (the spec's EQUAL test is a defect)", () => {
    const off = billyOverTheNetwork({
      integrityLevel: LOW,
      mandatoryPolicy: TOKEN_MANDATORY_POLICY.TOKEN_MANDATORY_POLICY_NEW_PROCESS_MIN,
    });
    expect(mandatoryIntegrityCheck(fileSd([]), off, file)).toMatchObject({
      enforced: false,
      allowedAccess: 0xffffffff,
    });
    const usual = billyOverTheNetwork({ integrityLevel: LOW });
    expect(usual.mandatoryPolicy).toBe(0x3);
    expect(mandatoryIntegrityCheck(fileSd([]), usual, file).enforced).toBe(true);
  });

  it('an enabled SeRelabelPrivilege adds WRITE_OWNER to the allowed set; a disabled one does not', () => {
    const enabled = billyOverTheNetwork({ integrityLevel: LOW, privileges: ['SeRelabelPrivilege'] });
    expect(mandatoryIntegrityCheck(fileSd([]), enabled, file).allowedAccess).toBe(
      (file.genericRead | file.genericExecute | WRITE_OWNER) >>> 0,
    );
    const disabled = billyOverTheNetwork({
      integrityLevel: LOW,
      privileges: [
        { name: 'SeRelabelPrivilege', attributes: PRIVILEGE_ATTRIBUTES.SE_PRIVILEGE_ENABLED_BY_DEFAULT },
      ],
    });
    expect(mandatoryIntegrityCheck(fileSd([]), disabled, file).allowedAccess).toBe(
      file.genericRead | file.genericExecute,
    );
  });

  it('ignores the mandatory label bits above NO_EXECUTE_UP', () => {
    expect(mandatoryIntegrityCheck(labelled(HIGH, 0xf1), billyOverTheNetwork(), file).policy).toBe(NW);
  });
});
