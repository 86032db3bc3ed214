import type { EstateMachine, EstateUserRights } from '../estate/estateModel.js';
import type { FixEdit } from './fixEdit.js';

type RightList = NonNullable<EstateUserRights['add']>;

/**
 * @internal A machine's User Rights Assignment changes after a `grant` or `revoke` edit. The model states changes
 * on top of Windows' defaults, and a removal wins over an addition (compileEstate), so: a grant takes the holder off
 * the removals and puts it in the additions; a revocation takes it off the additions — where the model added it —
 * and otherwise lists it in the removals. Names compare case-insensitively, as Windows' account names do.
 * @throws TypeError - `applyFix: …` for a machine the model does not have
 * @see "User Rights Assignment", https://learn.microsoft.com/windows/security/threat-protection/security-policy-settings/user-rights-assignment
 */
export function editUserRights(
  machines: readonly EstateMachine[] | undefined,
  edit: Extract<FixEdit, { op: 'grant' | 'revoke' }>,
): EstateMachine[] {
  const list = machines ?? [];
  const wanted = edit.machine.toUpperCase();
  if (!list.some((m) => m.name.toUpperCase() === wanted))
    throw new TypeError(`applyFix: the estate has no machine named "${edit.machine}"`);
  return list.map((m) => (m.name.toUpperCase() === wanted ? withRight(m, edit) : m));
}

function withRight(m: EstateMachine, edit: Extract<FixEdit, { op: 'grant' | 'revoke' }>): EstateMachine {
  const same = (name: string): boolean => name.toLowerCase() === edit.holder.toLowerCase();
  const add: RightList = m.userRights?.add ?? {};
  const remove: RightList = m.userRights?.remove ?? {};
  const added = add[edit.right] ?? [];
  const removed = remove[edit.right] ?? [];
  let nextAdd: readonly string[];
  let nextRemove: readonly string[];
  if (edit.op === 'grant') {
    nextRemove = removed.filter((h) => !same(h));
    nextAdd = added.some(same) ? added : [...added, edit.holder];
  } else {
    nextAdd = added.filter((h) => !same(h));
    nextRemove = nextAdd.length < added.length || removed.some(same) ? removed : [...removed, edit.holder];
  }
  const rights: EstateUserRights = {
    ...(m.userRights ?? {}),
    add: withList(add, edit.right, nextAdd),
    remove: withList(remove, edit.right, nextRemove),
  };
  const { add: a, remove: r } = rights;
  const kept: EstateUserRights = {
    ...(a !== undefined && Object.keys(a).length > 0 ? { add: a } : {}),
    ...(r !== undefined && Object.keys(r).length > 0 ? { remove: r } : {}),
  };
  const { userRights: _old, ...rest } = m;
  return Object.keys(kept).length === 0 ? rest : { ...rest, userRights: kept };
}

/** The list of rights with one right's holders replaced; a right left without holders is dropped. */
function withList(rights: RightList, right: string, holders: readonly string[]): RightList {
  const { [right]: _old, ...others } = rights as Record<string, readonly string[]>;
  return (holders.length === 0 ? others : { ...others, [right]: holders }) as RightList;
}
