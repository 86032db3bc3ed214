import { type Directory, directory } from '@doublehop/logon';
import { checkAccountReferences } from './checkAccountReferences.js';
import { checkEstate } from './checkEstate.js';
import { accountInit, attemptDirectory, domainInits, trustInits } from './directoryInits.js';
import type { ScenarioDocument } from './documentSchema.js';
import type { LoadContext } from './loadContext.js';

/** @internal What {@link buildScenarioDirectory} built. */
export interface ScenarioDirectory {
  /** The directory, or `undefined` when a problem was reported. */
  readonly directory: Directory | undefined;
  /**
   * The directory without references between accounts (memberships, RBCD), enough to resolve the names steps
   * use even when a reference is wrong; `undefined` when domains or account names themselves are wrong.
   */
  readonly names: Directory | undefined;
}

/**
 * @internal Checks the estate part of a scenario (domains, trusts, accounts) name by name, reporting each
 * problem at its place, then builds the directory with `@doublehop/logon`: first a skeleton without the
 * references between accounts, to resolve those references against, then the whole directory.
 */
export function buildScenarioDirectory(file: ScenarioDocument, cx: LoadContext): ScenarioDirectory {
  if (!checkEstate(file, cx)) return { directory: undefined, names: undefined };
  const domains = domainInits(file);
  const trusts = trustInits(file);
  const accounts = file.accounts ?? [];
  const first = file.domains?.[0]?.key;
  const skeleton = attemptDirectory(cx, () =>
    directory({ domains, trusts, accounts: accounts.map((a) => accountInit(a, first, false)) }),
  );
  if (skeleton === undefined) return { directory: undefined, names: undefined };
  if (!checkAccountReferences(file, skeleton, cx)) return { directory: undefined, names: skeleton };
  const full = attemptDirectory(cx, () =>
    directory({ domains, trusts, accounts: accounts.map((a) => accountInit(a, first, true)) }),
  );
  return { directory: full, names: full ?? skeleton };
}
