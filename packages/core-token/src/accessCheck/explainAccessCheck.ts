import { ACCESS_RIGHTS, type AccessMask, MANDATORY_LABEL_POLICY } from '../access/accessMask.js';
import { maskToNames, type ObjectType } from '../access/objectTypes.js';
import type { Sid } from '../sid/sid.js';
import { sidDisplayName } from '../sid/wellKnownSids.js';
import type { AccessCheckResult, AccessCheckStep, AceStep } from './accessCheckResult.js';

/**
 * How {@link explainAccessCheck} names rights and SIDs.
 *
 * @example
 * ```ts
 * import type { ExplainAccessCheckOptions } from '@doublehop/core-token';
 * import { OBJECT_TYPES, sid } from '@doublehop/core-token';
 *
 * const options: ExplainAccessCheckOptions = {
 *   objectType: OBJECT_TYPES.file,
 *   names: new Map([[sid('S-1-5-21-1-2-3-1104'), 'CORP\\Billy']]),
 * };
 * ```
 */
export interface ExplainAccessCheckOptions {
  /** The object type, to name its specific rights (`FILE_READ_DATA`); without it they print as hex. */
  readonly objectType?: ObjectType | undefined;
  /** Names of SIDs (accounts) or of domain SIDs (`S-1-5-21-…` → `CORP`), as {@link sidDisplayName} takes. */
  readonly names?: ReadonlyMap<Sid, string> | undefined;
}

/**
 * Explains an access check result in sentences a person can read: the verdict first — for a denial,
 * with the step that decided it — then every other decisive step, each citing its source.
 *
 * @remarks
 * The text depends only on the result and the options, so it is stable enough to compare in tests and
 * to show in reports. ACEs are numbered from 1 (`ACE #1` is the DACL's first ACE, `aceIndex` 0).
 *
 * @param result - a result from {@link accessCheck}
 * @param options - the object type for right names, and names for SIDs
 * @returns one line for the verdict, then one line per further step
 * @example
 * ```ts
 * import { OBJECT_TYPES, ace, accessCheck, explainAccessCheck, securityDescriptor, sid, token } from '@doublehop/core-token';
 *
 * const billy = sid('S-1-5-21-1-2-3-1104');
 * const sd = securityDescriptor({
 *   owner: sid('S-1-5-32-544'),
 *   group: sid('S-1-5-18'),
 *   dacl: [ace('ACCESS_DENIED', billy, 0x1), ace('ACCESS_ALLOWED', sid('S-1-1-0'), 0x120089)],
 * });
 * const r = accessCheck({
 *   securityDescriptor: sd,
 *   token: token({ user: billy, groups: [sid('S-1-1-0')] }),
 *   desiredAccess: 0x1,
 *   objectType: OBJECT_TYPES.file,
 * });
 * const names = new Map([[billy, 'CORP\\Billy']]);
 * r.ok && explainAccessCheck(r.value, { objectType: OBJECT_TYPES.file, names }); // 'DENIED FILE_READ_DATA to CORP\\Billy: ACE #1 (ACCESS_DENIED, CORP\\Billy) denies FILE_READ_DATA. (MS-DTYP 2.5.3.2)'
 * ```
 * @see MS-DTYP 2.5.3.2; How AccessCheck Works, https://learn.microsoft.com/windows/win32/secauthz/how-dacls-control-access-to-an-object
 */
export function explainAccessCheck(
  result: AccessCheckResult,
  options: ExplainAccessCheckOptions = {},
): string {
  const say = new Sentences(options);
  const user = say.sid(result.user);
  const lines = result.steps.map((step) => say.step(step));
  if (result.granted) {
    const head =
      (result.desiredAccess & ACCESS_RIGHTS.MAXIMUM_ALLOWED) !== 0
        ? `GRANTED ${say.rights(result.grantedAccess)} to ${user} (MAXIMUM_ALLOWED).`
        : `GRANTED ${say.rights(result.desiredAccess)} to ${user}.`;
    return [head, ...lines.map((line) => `- ${line}`)].join('\n');
  }
  let decisive = -1;
  for (let i = result.steps.length - 1; i >= 0 && decisive < 0; i--) {
    if (denies(result.steps[i] as AccessCheckStep)) decisive = i;
  }
  const verdict = `DENIED ${say.rights(result.desiredAccess)} to ${user}`;
  const head = decisive < 0 ? `${verdict}.` : `${verdict}: ${lines[decisive] as string}`;
  return [head, ...lines.filter((_, i) => i !== decisive).map((line) => `- ${line}`)].join('\n');
}

function denies(step: AccessCheckStep): boolean {
  switch (step.kind) {
    case 'mandatoryLabel':
    case 'privilege':
    case 'ace':
      return step.effect === 'deny';
    case 'restrictedPass':
    case 'notGranted':
    case 'emptyRequest':
      return true;
    default:
      return false;
  }
}

const POLICY_NAMES: readonly (readonly [string, number])[] = [
  ['NO_WRITE_UP', MANDATORY_LABEL_POLICY.SYSTEM_MANDATORY_LABEL_NO_WRITE_UP],
  ['NO_READ_UP', MANDATORY_LABEL_POLICY.SYSTEM_MANDATORY_LABEL_NO_READ_UP],
  ['NO_EXECUTE_UP', MANDATORY_LABEL_POLICY.SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP],
];

const NO_CLAIMS = 'its condition evaluates to UNKNOWN (doublehop models no claims)';

class Sentences {
  readonly #options: ExplainAccessCheckOptions;

  constructor(options: ExplainAccessCheckOptions) {
    this.#options = options;
  }

  rights(mask: AccessMask): string {
    return mask === 0 ? 'no rights' : maskToNames(mask, this.#options.objectType).join(' | ');
  }

  sid(value: Sid): string {
    return sidDisplayName(value, this.#options.names);
  }

  step(step: AccessCheckStep): string {
    switch (step.kind) {
      case 'mandatoryLabel': {
        const policy = POLICY_NAMES.filter(([, bit]) => (step.policy & bit) !== 0).map(([name]) => name);
        const label = `${this.sid(step.label)}${step.defaulted ? ', the default for an unlabelled object' : ''}`;
        const what = `${policy.length === 0 ? 'no policy' : policy.join(' | ')}`;
        const verb = step.effect === 'deny' ? 'blocks' : 'removes';
        const whom = step.effect === 'deny' ? 'for' : 'from the maximum allowed access of';
        return `The mandatory label (${label}; ${what}) ${verb} ${this.rights(step.access)} ${whom} a token at ${this.sid(step.tokenIntegrityLevel)}. (MS-DTYP 2.5.3.3)`;
      }
      case 'privilege':
        return step.effect === 'grant'
          ? `${step.privilege} grants ${this.rights(step.access)}. (${step.privilege === 'SeRelabelPrivilege' ? 'MS-DTYP 2.5.3.3' : 'MS-DTYP 2.5.3.2'})`
          : `${this.rights(step.access)} needs ${step.privilege} enabled, which the token lacks: ERROR_PRIVILEGE_NOT_HELD. (MS-DTYP 2.5.3.2)`;
      case 'owner':
        return step.effect === 'grant'
          ? `The owner, ${this.sid(step.owner)}, is implicitly granted ${this.rights(step.access)}. (MS-DTYP 2.5.3.2)`
          : `The owner, ${this.sid(step.owner)}, is not implicitly granted ${this.rights(step.access)}: ACE #${(step.aceIndex ?? 0) + 1} names OWNER RIGHTS. (MS-DTYP 2.4.2.4)`;
      case 'nullDacl':
        return `The DACL is NULL (no access control), which grants ${this.rights(step.access)}. (MS-DTYP 2.5.3.2)`;
      case 'ace':
        return this.ace(step);
      case 'restrictedPass':
        return step.writeRestricted
          ? `The write-restricted second pass (restricting SIDs, write rights only) does not grant ${this.rights(step.access)}. (CreateRestrictedToken WRITE_RESTRICTED)`
          : `The restricted second pass (restricting SIDs) does not grant ${this.rights(step.access)}. (Restricted Tokens)`;
      case 'notGranted':
        return step.access === 0
          ? 'No ACE grants any right. (MS-DTYP 2.5.3.2)'
          : `No ACE grants ${this.rights(step.access)}, so it is implicitly denied. (MS-DTYP 2.5.3.2)`;
      case 'emptyRequest':
        return 'Nothing was requested, and a request for no rights is denied. (SeAccessCheck)';
    }
  }

  ace(step: AceStep): string {
    const as = step.matchedSid === step.sid ? '' : ` as ${this.sid(step.matchedSid)}`;
    const node = step.objectType === null ? '' : `, object type ${step.objectType}`;
    const pass = step.pass === 'restricted' ? 'In the restricted second pass, ACE' : 'ACE';
    const which = `${pass} #${step.aceIndex + 1} (${step.aceType}, ${this.sid(step.sid)}${as}${node})`;
    const rights = this.rights(step.access);
    switch (step.effect) {
      case 'grant':
        return `${which} grants ${rights}. (MS-DTYP 2.5.3.2)`;
      case 'deny':
        return step.aceType === 'ACCESS_DENIED_CALLBACK'
          ? `${which} denies ${rights}: ${NO_CLAIMS}, and an UNKNOWN deny-callback ACE applies. (MS-DTYP 2.5.3.2, 2.4.4.17.3)`
          : `${which} denies ${rights}. (MS-DTYP 2.5.3.2)`;
      case 'conditionUnknown':
        return `${which} does not grant ${rights}: ${NO_CLAIMS}, and an UNKNOWN allow-callback ACE grants nothing. (MS-DTYP 2.5.3.2, 2.4.4.17.3)`;
      case 'genericNotMapped':
        return `${which} carries ${rights}, which the access check compares as stored and never maps to specific rights, so those bits match no mapped request. (MS-DTYP 2.4.3)`;
    }
  }
}
