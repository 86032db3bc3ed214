import { parseSddl, parseSid } from '@doublehop/core-token';
import { type Directory, findAccount, findDomain } from '@doublehop/logon';
import type { LoadContext } from '../source/loadContext.js';
import { reportResolution } from './describeResolution.js';
import { accountName, DEFAULT_DOMAIN } from './directoryInits.js';
import type { DirectoryDocument } from './directorySchema.js';
import { resolveAccountName } from './resolveAccountName.js';

/**
 * @internal Checks what accounts refer to, against the directory of their names (`skeleton`): memberships
 * (groups only), members, RBCD principals (users, computers, gMSAs or foreign SIDs), sIDHistory SIDs and the RBCD
 * descriptor's SDDL, each problem at its place. Returns whether all held.
 */
export function checkAccountReferences(
  file: DirectoryDocument,
  skeleton: Directory,
  cx: LoadContext,
): boolean {
  let valid = true;
  const problem: LoadContext['problem'] = (...args) => {
    valid = false;
    cx.problem(...args);
  };
  const accounts = file.accounts ?? [];
  for (const entry of accounts) {
    const { key, value } = entry;
    const name = accountName(entry);
    const self = findAccount(skeleton, `${name.domain ?? skeleton.domains[0]?.dnsName}\\${name.sam}`);
    const context = findDomain(skeleton, self?.domain ?? name.domain ?? DEFAULT_DOMAIN) ?? null;
    const refs = [
      ['memberOf', value.memberOf, 'group'],
      ['members', value.members, 'any'],
      ['principalsAllowedToDelegateToAccount', value.principalsAllowedToDelegateToAccount, 'principal'],
      ['allowedToDelegateToAccounts', value.allowedToDelegateToAccounts, 'principal'],
    ] as const;
    for (const [field, list, wanted] of refs) {
      if (list === undefined) continue;
      for (let i = 0; i < list.length; i++) {
        const name = list[i] as string;
        const r = resolveAccountName(skeleton, name, context);
        // The path is made only for a problem: a directory of 100 000 accounts has as many references.
        if (r.kind === 'account') {
          const isGroup = r.account.kind === 'group';
          if ((wanted === 'group' && !isGroup) || (wanted === 'principal' && isGroup)) {
            problem('wrong-account-kind', ['accounts', key, field, i], {
              message: `"${name}" is a ${r.account.kind}, but ${field} lists ${wanted === 'group' ? 'groups' : 'users, computers or gMSAs'}`,
              found: `the ${r.account.kind} ${r.account.samAccountName}`,
              expected: wanted === 'group' ? 'a group' : 'a user, computer or gMSA',
            });
          }
        } else if (reportResolution(cx, ['accounts', key, field, i], name, r, true)) valid = false;
      }
    }
    (value.sidHistory ?? []).forEach((text, i) => {
      const parsed = parseSid(text);
      if (parsed.ok) return;
      problem(
        'invalid-sid',
        ['accounts', key, 'sidHistory', i],
        {
          message: `invalid SID: expected ${parsed.error.expected}, found ${parsed.error.found}`,
          found: parsed.error.found,
          expected: parsed.error.expected,
        },
        { index: parsed.error.offset },
      );
    });
    const home = context ?? skeleton.domains[0];
    for (const field of ['allowedToActOnBehalfOfOtherIdentity', 'securityDescriptor'] as const) {
      const sddlText = value[field];
      if (sddlText === undefined || home === undefined) continue;
      const root = findDomain(skeleton, home.forest) ?? home;
      const parsed = parseSddl(sddlText, { domainSid: home.sid, rootDomainSid: root.sid });
      if (!parsed.ok) {
        problem(
          'invalid-sddl',
          ['accounts', key, field],
          {
            message: `invalid SDDL (${parsed.error.code}): expected ${parsed.error.expected}, found ${parsed.error.found}`,
            found: parsed.error.found,
            expected: parsed.error.expected,
          },
          { index: parsed.error.offset },
        );
      }
    }
  }
  return valid;
}
