import type { Luid, Token } from '../token/token.js';
import type { Machine, TokenObject } from './machine.js';

/** Allocates the machine's next LUID (token ids, modified ids), as NtAllocateLocallyUniqueId does. @internal */
export function allocateLuid(machine: Machine): Luid {
  return machine.nextLuid++;
}

/**
 * Makes a token value built outside the machine (by {@link token}, or a logon) a token object of this machine.
 * A token without a TokenId (0) gets one, and a ModifiedId, as if LSA had just created it here; a token
 * that has one keeps it (a UAC pair made with {@link filterAdministratorToken} and {@link linkUacTokens}
 * stays consistent).
 *
 * @internal
 */
export function adoptToken(machine: Machine, value: Token, parentTokenId: Luid = 0): TokenObject {
  if (value.tokenId !== 0) return { kind: 'token', token: value, parentTokenId };
  const tokenId = allocateLuid(machine);
  const adopted: Token = Object.freeze({ ...value, tokenId, modifiedId: tokenId });
  return { kind: 'token', token: adopted, parentTokenId };
}
