import type { Token } from '../token/token.js';

/**
 * The two halves of a UAC split token, each pointing at the other.
 *
 * @example
 * ```ts
 * import type { UacTokenPair } from '@doublehop/core-token';
 *
 * const desktopToken = (pair: UacTokenPair) => pair.limited;
 * ```
 */
export interface UacTokenPair {
  /** The elevated half: elevation type `'full'`, linked to `limited`. */
  readonly full: Token;
  /** The filtered half the desktop runs with: elevation type `'limited'`, linked to `full`. */
  readonly limited: Token;
}

/**
 * Links an administrator's full and filtered tokens as LSA does at logon with UAC on: the full token gets
 * elevation type `'full'`, the filtered one `'limited'`, and each one's TokenLinkedToken is the other.
 *
 * @remarks
 * The links are circular object references (both tokens are frozen after both are built), so walk them
 * with care — `JSON.stringify` of a linked token throws. Windows keeps the link in the logon sessions, so a
 * duplicate or a restricted copy of either half still reports it (the rules here keep `linkedToken` when
 * they copy a token).
 *
 * @param full - the administrator's full token
 * @param limited - its filtered token ({@link filterAdministratorToken})
 * @returns new frozen copies of both, linked
 * @example
 * ```ts
 * import { filterAdministratorToken, linkUacTokens, sid, token } from '@doublehop/core-token';
 *
 * const full = token({ user: sid('S-1-5-21-1-2-3-1104'), groups: [sid('S-1-5-32-544')], integrityLevel: sid('S-1-16-12288') });
 * const pair = linkUacTokens(full, filterAdministratorToken(full, { tokenId: 2, modifiedId: 3, authenticationId: 4 }));
 * pair.full.elevationType;                      // 'full'
 * pair.limited.linkedToken === pair.full;       // true
 * pair.full.linkedToken?.elevationType;         // 'limited'
 * ```
 * @see TOKEN_ELEVATION_TYPE, https://learn.microsoft.com/windows/win32/api/winnt/ne-winnt-token_elevation_type;
 * TOKEN_LINKED_TOKEN, https://learn.microsoft.com/windows/win32/api/winnt/ns-winnt-token_linked_token
 */
export function linkUacTokens(full: Token, limited: Token): UacTokenPair {
  const fullCopy: { -readonly [K in keyof Token]: Token[K] } = { ...full, elevationType: 'full' };
  const limitedCopy: { -readonly [K in keyof Token]: Token[K] } = { ...limited, elevationType: 'limited' };
  fullCopy.linkedToken = limitedCopy;
  limitedCopy.linkedToken = fullCopy;
  return { full: Object.freeze(fullCopy), limited: Object.freeze(limitedCopy) };
}
