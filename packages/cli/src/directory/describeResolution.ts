import type { Path } from '../schema/schema.js';
import { closest, oneOf } from '../schema/suggest.js';
import type { LoadContext } from '../source/loadContext.js';
import type { NameResolution } from './resolveAccountName.js';

/**
 * @internal Reports a name that did not resolve to an account, at the name's place (an unknown domain is
 * underlined inside the name; a malformed SID at the offending character). Returns whether it was reported.
 */
export function reportResolution(
  cx: LoadContext,
  path: Path,
  name: string,
  r: NameResolution,
  allowForeignSid: boolean,
): boolean {
  switch (r.kind) {
    case 'account':
      return false;
    case 'foreign-sid':
      if (allowForeignSid) return false;
      cx.problem('unknown-account', path, {
        message: `no account of this file has the SID ${name}`,
        found: `the SID ${name}`,
        expected: 'an account declared under accounts (or a built-in one)',
      });
      return true;
    case 'invalid-sid':
      cx.problem(
        'invalid-sid',
        path,
        {
          message: `invalid SID: expected ${r.error.expected}, found ${r.error.found}`,
          found: r.error.found,
          expected: r.error.expected,
        },
        { index: r.error.offset },
      );
      return true;
    case 'unknown-domain':
      cx.problem(
        'unknown-domain',
        path,
        {
          message: `unknown domain "${r.domain}" in the account name "${name}"`,
          found: `"${r.domain}"`,
          expected: 'a domain declared under domains (DNS or NetBIOS name)',
        },
        { index: r.index, length: r.domain.length },
      );
      return true;
    case 'unknown-account': {
      const bare = name.replace(/^.*\\/, '').replace(/@.*$/, '');
      const near = closest(bare, r.candidates);
      cx.problem('unknown-account', path, {
        message: `unknown account "${name}"`,
        found: `"${name}"`,
        expected: `an account of ${oneOf(r.domains)} declared under accounts (or a built-in one such as Administrator or Protected Users)`,
        hint: near === undefined ? undefined : `did you mean "${near}"?`,
      });
      return true;
    }
    case 'ambiguous': {
      cx.problem('ambiguous-account', path, {
        message: `"${name}" names ${r.matches.length} accounts`,
        found: `"${name}"`,
        expected: 'one account',
        hint: `qualify it: ${oneOf(r.qualified.map((q) => `"${q}"`))}`,
      });
      return true;
    }
  }
}
