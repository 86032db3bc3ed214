import { type Directory, directory } from '@doublehop/logon';
import type { Entry } from '../schema/collections.js';
import type { LoadContext } from '../source/loadContext.js';
import { checkAccountReferences } from './checkAccountReferences.js';
import { checkEstate } from './checkEstate.js';
import { accountInit, attemptDirectory, domainInits, trustInits } from './directoryInits.js';
import type { AccountDocument, DirectoryDocument } from './directorySchema.js';

/** @internal What {@link buildDirectory} built. */
export interface BuiltDirectory {
  /** The directory, or `undefined` when a problem was reported. */
  readonly directory: Directory | undefined;
  /**
   * The directory without references between accounts (memberships, RBCD), enough to resolve the names steps
   * use even when a reference is wrong; `undefined` when domains or account names themselves are wrong.
   */
  readonly names: Directory | undefined;
}

/**
 * @internal Checks the directory sections of a file (domains, trusts, accounts — scenario and model files alike) name by name, reporting each
 * problem at its place, then builds the directory with `@doublehop/logon`: first a skeleton without the
 * references between accounts, to resolve those references against, then the whole directory.
 */
export function buildDirectory(
  file: DirectoryDocument,
  cx: LoadContext,
  engine?: {
    /** The directory the engine will use for the file, so that it is built once. */
    readonly whole: () => Directory;
    /**
     * The computer accounts the engine adds for the file's machines, needed only to resolve names in a skeleton
     * when the whole directory cannot be built (they need no check of their own: domain join makes them valid).
     */
    readonly implicit: () => readonly Entry<AccountDocument>[];
  },
): BuiltDirectory {
  if (!checkEstate(file, cx)) return { directory: undefined, names: undefined };
  const domains = domainInits(file);
  const trusts = trustInits(file);
  const first = file.domains?.[0]?.key;
  // The whole directory first: when it builds, its names are the skeleton's (the same accounts with the same
  // SIDs). When it does not, the skeleton tells where.
  const whole = quietly(
    engine?.whole ??
      (() =>
        directory({
          domains,
          trusts,
          accounts: (file.accounts ?? []).map((a) => accountInit(a, first, true)),
        })),
  );
  if (whole !== undefined) {
    if (!checkAccountReferences(file, whole, cx)) return { directory: undefined, names: whole };
    return { directory: whole, names: whole };
  }
  const all =
    engine === undefined ? file : { ...file, accounts: [...(file.accounts ?? []), ...engine.implicit()] };
  const accounts = all.accounts ?? [];
  const skeleton = attemptDirectory(cx, () =>
    directory({ domains, trusts, accounts: accounts.map((a) => accountInit(a, first, false)) }),
  );
  if (skeleton === undefined) return { directory: undefined, names: undefined };
  if (!checkAccountReferences(all, skeleton, cx)) return { directory: undefined, names: skeleton };
  const full = attemptDirectory(cx, () =>
    directory({ domains, trusts, accounts: accounts.map((a) => accountInit(a, first, true)) }),
  );
  return { directory: full, names: full ?? skeleton };
}

function quietly(build: () => Directory): Directory | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}
