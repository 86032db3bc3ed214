import { describe, expect, it } from 'vitest';
import { explainAccessCheck, OBJECT_TYPES, sid, token } from '../src/index.js';
import {
  ACCESS_SYSTEM_SECURITY,
  BILLY,
  billyOverTheNetwork,
  check,
  DOMAIN,
  EVERYONE,
  entry,
  FILE,
  fileSd,
  GENERIC_READ,
  LOW,
  MAXIMUM_ALLOWED,
  OWNER_RIGHTS,
  PRINCIPAL_SELF,
  READ_CONTROL,
  USERS,
  WRITE_DAC,
  WRITE_OWNER,
} from './accessCheckFixtures.js';

const names = new Map([
  [BILLY, 'CORP\\Billy'],
  [sid(DOMAIN), 'CORP'],
]);
const file = { objectType: OBJECT_TYPES.file, names };
const explain = (...args: Parameters<typeof check>) => explainAccessCheck(check(...args), file);

describe('explainAccessCheck (deterministic text for people; MS-DTYP 2.5.3.2)', () => {
  it("states the verdict and the deciding ACE, numbering ACEs from 1 (the file server case of What's in a Token, Part 2)", () => {
    const sd = fileSd([
      entry('ACCESS_DENIED', FILE.READ_DATA, BILLY),
      entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE),
    ]);
    expect(explain(sd, billyOverTheNetwork(), FILE.READ_DATA)).toBe(
      'DENIED FILE_READ_DATA to CORP\\Billy: ACE #1 (ACCESS_DENIED, CORP\\Billy) denies FILE_READ_DATA. (MS-DTYP 2.5.3.2)',
    );
  });

  it('lists every step of a grant, naming domain SIDs through the names map', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA, sid(`${DOMAIN}-513`)),
      entry('ACCESS_ALLOWED', FILE.GENERIC_READ, EVERYONE),
    ]);
    expect(explain(sd, billyOverTheNetwork(), FILE.READ_DATA | FILE.READ_EA)).toBe(
      'GRANTED FILE_READ_DATA | FILE_READ_EA to CORP\\Billy.\n' +
        '- ACE #1 (ACCESS_ALLOWED, CORP\\Domain Users) grants FILE_READ_DATA. (MS-DTYP 2.5.3.2)\n' +
        '- ACE #2 (ACCESS_ALLOWED, Everyone) grants FILE_READ_EA. (MS-DTYP 2.5.3.2)',
    );
  });

  it('explains an implicit denial, keeping the partial grants as further lines', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, EVERYONE)]);
    expect(explain(sd, billyOverTheNetwork(), FILE.READ_DATA | FILE.WRITE_DATA)).toBe(
      'DENIED FILE_READ_DATA | FILE_WRITE_DATA to CORP\\Billy: No ACE grants FILE_WRITE_DATA, so it is implicitly denied. (MS-DTYP 2.5.3.2)\n' +
        '- ACE #1 (ACCESS_ALLOWED, Everyone) grants FILE_READ_DATA. (MS-DTYP 2.5.3.2)',
    );
  });

  it('explains the mandatory label, both when it blocks a request and when it trims MAXIMUM_ALLOWED', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE)]);
    const low = billyOverTheNetwork({ integrityLevel: LOW });
    expect(explain(sd, low, FILE.WRITE_DATA)).toBe(
      'DENIED FILE_WRITE_DATA to CORP\\Billy: The mandatory label (Mandatory Label\\Medium Mandatory Level, the default for an ' +
        'unlabelled object; NO_WRITE_UP) blocks FILE_WRITE_DATA for a token at Mandatory Label\\Low Mandatory Level. (MS-DTYP 2.5.3.3)',
    );
    expect(explain(sd, low, MAXIMUM_ALLOWED).split('\n')).toEqual([
      'GRANTED FILE_GENERIC_READ | FILE_GENERIC_EXECUTE to CORP\\Billy (MAXIMUM_ALLOWED).',
      '- ACE #1 (ACCESS_ALLOWED, Everyone) grants FILE_ALL_ACCESS. (MS-DTYP 2.5.3.2)',
      '- The mandatory label (Mandatory Label\\Medium Mandatory Level, the default for an unlabelled object; NO_WRITE_UP) removes ' +
        'FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_DELETE_CHILD | FILE_WRITE_ATTRIBUTES | DELETE | WRITE_DAC | ' +
        'WRITE_OWNER from the maximum allowed access of a token at Mandatory Label\\Low Mandatory Level. (MS-DTYP 2.5.3.3)',
    ]);
  });

  it('explains privileges: ERROR_PRIVILEGE_NOT_HELD, and a privilege that grants', () => {
    expect(explain(fileSd([]), billyOverTheNetwork(), ACCESS_SYSTEM_SECURITY)).toBe(
      'DENIED ACCESS_SYSTEM_SECURITY to CORP\\Billy: ACCESS_SYSTEM_SECURITY needs SeSecurityPrivilege enabled, which the token ' +
        'lacks: ERROR_PRIVILEGE_NOT_HELD. (MS-DTYP 2.5.3.2)',
    );
    const taker = billyOverTheNetwork({ privileges: ['SeTakeOwnershipPrivilege'] });
    expect(explain(fileSd([], { owner: BILLY }), taker, WRITE_OWNER | READ_CONTROL | WRITE_DAC)).toBe(
      'GRANTED READ_CONTROL | WRITE_DAC | WRITE_OWNER to CORP\\Billy.\n' +
        '- SeTakeOwnershipPrivilege grants WRITE_OWNER. (MS-DTYP 2.5.3.2)\n' +
        '- The owner, CORP\\Billy, is implicitly granted READ_CONTROL | WRITE_DAC. (MS-DTYP 2.5.3.2)',
    );
  });

  it('explains OWNER RIGHTS and PRINCIPAL SELF, naming the SID each stood for', () => {
    const sd = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, OWNER_RIGHTS)], { owner: BILLY });
    expect(explain(sd, billyOverTheNetwork(), MAXIMUM_ALLOWED)).toBe(
      'GRANTED FILE_READ_DATA to CORP\\Billy (MAXIMUM_ALLOWED).\n' +
        '- The owner, CORP\\Billy, is not implicitly granted READ_CONTROL | WRITE_DAC: ACE #1 names OWNER RIGHTS. (MS-DTYP 2.4.2.4)\n' +
        '- ACE #1 (ACCESS_ALLOWED, OWNER RIGHTS as CORP\\Billy) grants FILE_READ_DATA. (MS-DTYP 2.5.3.2)',
    );
    const self = fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA, PRINCIPAL_SELF)]);
    expect(explain(self, billyOverTheNetwork(), FILE.READ_DATA, { principalSelf: BILLY })).toBe(
      'GRANTED FILE_READ_DATA to CORP\\Billy.\n- ACE #1 (ACCESS_ALLOWED, NT AUTHORITY\\SELF as CORP\\Billy) grants FILE_READ_DATA. (MS-DTYP 2.5.3.2)',
    );
  });

  it('says that callback ACEs are evaluated as UNKNOWN, and points out unmapped generic bits', () => {
    const condition = { applicationData: '(@User.Project == "Apollo")' };
    const sd = fileSd([
      entry('ACCESS_ALLOWED_CALLBACK', FILE.READ_DATA, EVERYONE, condition),
      entry('ACCESS_ALLOWED', GENERIC_READ, EVERYONE),
    ]);
    expect(explain(sd, billyOverTheNetwork(), FILE.READ_DATA).split('\n')).toEqual([
      'DENIED FILE_READ_DATA to CORP\\Billy: No ACE grants FILE_READ_DATA, so it is implicitly denied. (MS-DTYP 2.5.3.2)',
      '- ACE #1 (ACCESS_ALLOWED_CALLBACK, Everyone) does not grant FILE_READ_DATA: its condition evaluates to UNKNOWN (doublehop ' +
        'models no claims), and an UNKNOWN allow-callback ACE grants nothing. (MS-DTYP 2.5.3.2, 2.4.4.17.3)',
      '- ACE #2 (ACCESS_ALLOWED, Everyone) carries GENERIC_READ, which the access check compares as stored and never maps to ' +
        'specific rights, so those bits match no mapped request. (MS-DTYP 2.4.3)',
    ]);
    const deny = fileSd([entry('ACCESS_DENIED_CALLBACK', FILE.READ_DATA, EVERYONE, condition)]);
    expect(explain(deny, billyOverTheNetwork(), FILE.READ_DATA)).toBe(
      'DENIED FILE_READ_DATA to CORP\\Billy: ACE #1 (ACCESS_DENIED_CALLBACK, Everyone) denies FILE_READ_DATA: its condition ' +
        'evaluates to UNKNOWN (doublehop models no claims), and an UNKNOWN deny-callback ACE applies. (MS-DTYP 2.5.3.2, 2.4.4.17.3)',
    );
  });

  it('explains the restricted second pass, and marks its ACEs', () => {
    const sd = fileSd([
      entry('ACCESS_ALLOWED', FILE.READ_DATA | FILE.WRITE_DATA, EVERYONE),
      entry('ACCESS_DENIED', FILE.WRITE_DATA, USERS),
    ]);
    const t = billyOverTheNetwork({ restrictedSids: [USERS] });
    expect(explain(sd, t, FILE.WRITE_DATA).split('\n')).toEqual([
      'DENIED FILE_WRITE_DATA to CORP\\Billy: The restricted second pass (restricting SIDs) does not grant FILE_WRITE_DATA. (Restricted Tokens)',
      '- ACE #1 (ACCESS_ALLOWED, Everyone) grants FILE_WRITE_DATA. (MS-DTYP 2.5.3.2)',
      '- In the restricted second pass, ACE #2 (ACCESS_DENIED, BUILTIN\\Users) denies FILE_WRITE_DATA. (MS-DTYP 2.5.3.2)',
    ]);
  });

  it('explains a NULL DACL, an empty request and an object ACE', () => {
    expect(explain(fileSd(null), billyOverTheNetwork(), MAXIMUM_ALLOWED)).toBe(
      'GRANTED FILE_ALL_ACCESS to CORP\\Billy (MAXIMUM_ALLOWED).\n- The DACL is NULL (no access control), which grants FILE_ALL_ACCESS. (MS-DTYP 2.5.3.2)',
    );
    expect(explain(fileSd([]), billyOverTheNetwork(), 0)).toBe(
      'DENIED no rights to CORP\\Billy: Nothing was requested, and a request for no rights is denied. (SeAccessCheck)',
    );
    const phone = 'bf967a49-0de6-11d0-a285-00aa003049e2';
    const sd = fileSd([entry('ACCESS_DENIED_OBJECT', 0x20, EVERYONE, { objectType: phone })]);
    const r = check(sd, billyOverTheNetwork(), 0x20, {
      objectType: OBJECT_TYPES.directoryService,
      objectTypeList: [
        { level: 0, guid: 'bf967aba-0de6-11d0-a285-00aa003049e2' },
        { level: 1, guid: phone },
      ],
    });
    expect(explainAccessCheck(r, { objectType: OBJECT_TYPES.directoryService, names })).toBe(
      `DENIED ADS_RIGHT_DS_WRITE_PROP to CORP\\Billy: ACE #1 (ACCESS_DENIED_OBJECT, Everyone, object type ${phone}) denies ADS_RIGHT_DS_WRITE_PROP. (MS-DTYP 2.5.3.2)`,
    );
  });

  it('without options, prints specific rights as hex and SIDs as their well-known names or strings', () => {
    const r = check(
      fileSd([entry('ACCESS_ALLOWED', FILE.READ_DATA | READ_CONTROL, EVERYONE)]),
      billyOverTheNetwork(),
      FILE.READ_DATA,
    );
    expect(explainAccessCheck(r)).toBe(
      `GRANTED 0x1 to ${BILLY.text}.\n- ACE #1 (ACCESS_ALLOWED, Everyone) grants 0x1. (MS-DTYP 2.5.3.2)`,
    );
  });

  it('is deterministic: equal checks explain identically, whatever the call order', () => {
    const sd = fileSd([
      entry('ACCESS_DENIED', WRITE_DAC, USERS),
      entry('ACCESS_ALLOWED', FILE.ALL_ACCESS, EVERYONE),
    ]);
    const a = explain(sd, token({ user: BILLY, groups: [EVERYONE, USERS] }), MAXIMUM_ALLOWED);
    explain(sd, billyOverTheNetwork(), FILE.READ_DATA);
    const b = explain(
      fileSd([...(sd.dacl ?? [])]),
      token({ user: BILLY, groups: [EVERYONE, USERS] }),
      MAXIMUM_ALLOWED,
    );
    expect(a).toBe(b);
    expect(a.split('\n')[0]).toBe(
      'GRANTED FILE_GENERIC_WRITE | FILE_GENERIC_READ | FILE_GENERIC_EXECUTE | FILE_DELETE_CHILD | DELETE | WRITE_OWNER ' +
        'to CORP\\Billy (MAXIMUM_ALLOWED).',
    );
  });
});
