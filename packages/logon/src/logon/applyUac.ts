import {
  DOMAIN_RIDS,
  filterAdministratorToken,
  isElevated,
  type Luid,
  linkUacTokens,
  type Token,
} from '@doublehop/core-token';
import type { Machine } from '../machine/machine.js';
import { isInteractiveLogon, isNetworkLogon, type LogonTypeName } from './logonType.js';
import type { Principal } from './principal.js';

/** @internal What UAC does to a logon's token: split it, filter it (remote restrictions), or nothing. */
export type UacMode = 'split' | 'remoteRestricted' | 'none';

/** @internal One token of a logon, with the logon session it lives in. */
export interface LogonHalf {
  /** The session's LUID. */
  readonly logonId: Luid;
  /** The token. */
  readonly token: Token;
  /** Whether the token is elevated (event 4624 "Elevated Token"). */
  readonly elevated: boolean;
}

/** @internal The tokens of a logon after UAC: the one LogonUser returns, and the elevated twin of a split. */
export interface UacHalves {
  /** The token returned (for a split logon, the filtered one). */
  readonly returned: LogonHalf;
  /** The elevated twin of a split logon, else `null`. */
  readonly linked: LogonHalf | null;
}

/**
 * @internal Step 8a of LsaLogonUser: which UAC rule applies. With UAC on, an elevated token from an interactive
 * logon (2, 7, 10, 11) is split; a local account's elevated network logon gets only the filtered token (UAC
 * remote restrictions) unless LocalAccountTokenFilterPolicy is set. The built-in Administrator (RID 500) is
 * exempt from both unless FilterAdministratorToken is set.
 * @see "How User Account Control works", https://learn.microsoft.com/windows/security/application-security/application-control/user-account-control/how-it-works;
 * "Description of User Account Control and remote restrictions in Windows Vista" (LocalAccountTokenFilterPolicy);
 * "User Account Control: Admin Approval Mode for the Built-in Administrator account"
 */
export function uacMode(
  machine: Machine,
  principal: Principal,
  logonType: LogonTypeName,
  elevated: boolean,
): UacMode {
  if (!machine.uac || !elevated) return 'none';
  const builtinAdmin =
    principal.kind === 'local' &&
    principal.sid.rid === DOMAIN_RIDS.ADMINISTRATOR.rid &&
    !machine.filterAdministratorToken;
  if (builtinAdmin) return 'none';
  if (isInteractiveLogon(logonType)) return 'split';
  if (isNetworkLogon(logonType) && principal.kind === 'local' && !machine.localAccountTokenFilterPolicy)
    return 'remoteRestricted';
  return 'none';
}

/**
 * @internal Step 8b of LsaLogonUser: applies the UAC rule with core-token's `filterAdministratorToken` and
 * `linkUacTokens`. A split puts the filtered token in a new logon session (its LUID and TokenId drawn from
 * `nextLuid`, in that order) linked to the full token's; a remote restriction replaces the token by its
 * filtered form in the same session.
 * @see "How User Account Control works"; TOKEN_LINKED_TOKEN, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_linked_token
 */
export function applyUac(full: Token, elevated: boolean, mode: UacMode, nextLuid: () => Luid): UacHalves {
  const ids = { tokenId: full.tokenId, modifiedId: full.tokenId, authenticationId: full.authenticationId };
  if (mode === 'remoteRestricted') {
    const restricted = filterAdministratorToken(full, ids);
    return {
      returned: { logonId: full.authenticationId, token: restricted, elevated: isElevated(restricted) },
      linked: null,
    };
  }
  if (mode === 'none')
    return { returned: { logonId: full.authenticationId, token: full, elevated }, linked: null };
  const limitedLogonId = nextLuid();
  const limitedTokenId = nextLuid();
  const pair = linkUacTokens(
    full,
    filterAdministratorToken(full, {
      tokenId: limitedTokenId,
      modifiedId: limitedTokenId,
      authenticationId: limitedLogonId,
    }),
  );
  return {
    returned: { logonId: limitedLogonId, token: pair.limited, elevated: false },
    linked: { logonId: full.authenticationId, token: pair.full, elevated: true },
  };
}
