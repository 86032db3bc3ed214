import { type Win32Error, win32Error } from '../errors.js';
import { err, ok, type Result } from '../result.js';
import type { SecurityDescriptor } from '../securityDescriptor/securityDescriptor.js';
import {
  IMPERSONATION_LEVELS,
  type ImpersonationLevel,
  type Luid,
  type Token,
  type TokenType,
} from '../token/token.js';

/**
 * What DuplicateTokenEx is asked for: the new token's type (TokenType) and its impersonation level
 * (ImpersonationLevel, SECURITY_IMPERSONATION_LEVEL). `level` may be `null` for a primary target, or to keep
 * an impersonation source's own level.
 *
 * @example
 * ```ts
 * import type { DuplicateTokenRequest } from '@doublehop/core-token';
 *
 * const forCreateProcessAsUser: DuplicateTokenRequest = { type: 'primary', level: 'Impersonation' };
 * ```
 * @see DuplicateTokenEx, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex
 */
export interface DuplicateTokenRequest {
  /** The new token's type. */
  readonly type: TokenType;
  /** The requested level; `null` keeps an impersonation source's level (or means none, for a primary target). */
  readonly level: ImpersonationLevel | null;
}

/**
 * The type and level a duplicate gets (`level` is `null` for a primary token).
 *
 * @example
 * ```ts
 * import type { DuplicateTokenShape } from '@doublehop/core-token';
 *
 * const shape: DuplicateTokenShape = { type: 'impersonation', level: 'Identification' };
 * ```
 */
export interface DuplicateTokenShape {
  /** The duplicate's type. */
  readonly type: TokenType;
  /** The duplicate's impersonation level; `null` for a primary token. */
  readonly level: ImpersonationLevel | null;
}

/** The error DuplicateTokenEx fails with when the requested level is not allowed. */
export type DuplicateTokenError = Win32Error<'ERROR_BAD_IMPERSONATION_LEVEL'>;

const rank = (level: ImpersonationLevel): number => IMPERSONATION_LEVELS.indexOf(level);

/**
 * The level rules of DuplicateTokenEx (NtDuplicateToken): which type and level the duplicate gets, or why
 * the call fails.
 *
 * @remarks
 * - Duplicating an impersonation token can never raise its level: asking for a higher one *fails* with
 *   ERROR_BAD_IMPERSONATION_LEVEL (Windows does not clamp). The check applies to the requested level even
 *   when the target is a primary token.
 * - An impersonation token becomes a primary token only from Impersonation or Delegation level; from
 *   Identification or Anonymous it fails with ERROR_BAD_IMPERSONATION_LEVEL.
 * - A primary token can be duplicated to an impersonation token at any level.
 * - With no level requested, an impersonation source keeps its own.
 *
 * The handle's TOKEN_DUPLICATE access and the new object's security descriptor are the caller's business
 * (see {@link duplicateTokenValue}).
 *
 * @param source - the token being duplicated
 * @param requested - TokenType and ImpersonationLevel as passed to DuplicateTokenEx
 * @returns the duplicate's type and level, or ERROR_BAD_IMPERSONATION_LEVEL
 * @throws TypeError - `duplicateTokenRules: …` when an impersonation duplicate of a primary token is requested
 * without a level (DuplicateTokenEx always passes one; a programmer error)
 * @example
 * ```ts
 * import { duplicateTokenRules, sid, token } from '@doublehop/core-token';
 *
 * const identify = token({ user: sid('S-1-5-21-1-2-3-1104'), impersonationLevel: 'Identification' });
 * duplicateTokenRules(identify, { type: 'impersonation', level: 'Delegation' }).ok; // false
 * duplicateTokenRules(identify, { type: 'primary', level: null }).ok;               // false
 * duplicateTokenRules(identify, { type: 'impersonation', level: 'Anonymous' }); // { ok: true, value: { level: 'Anonymous' } }
 * ```
 * @see DuplicateTokenEx, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex;
 * NtDuplicateToken (Windows Research Kernel tokendup.c): "the value provided must not be greater than that
 * of the source token"; SECURITY_IMPERSONATION_LEVEL
 */
export function duplicateTokenRules(
  source: Token,
  requested: DuplicateTokenRequest,
): Result<DuplicateTokenShape, DuplicateTokenError> {
  const sourceLevel = source.impersonationLevel;
  if (source.type === 'impersonation' && sourceLevel !== null) {
    if (requested.level !== null && rank(requested.level) > rank(sourceLevel)) {
      return err(
        win32Error(
          'ERROR_BAD_IMPERSONATION_LEVEL',
          `a ${sourceLevel}-level token cannot be duplicated at the higher ${requested.level} level`,
        ),
      );
    }
    if (requested.type === 'primary' && rank(sourceLevel) < rank('Impersonation')) {
      return err(
        win32Error(
          'ERROR_BAD_IMPERSONATION_LEVEL',
          `a ${sourceLevel}-level impersonation token cannot become a primary token (Impersonation or Delegation needed)`,
        ),
      );
    }
  }
  if (requested.type === 'primary') return ok({ type: 'primary', level: null });
  const level = requested.level ?? sourceLevel;
  if (level === null) {
    throw new TypeError(
      'duplicateTokenRules: an impersonation duplicate of a primary token needs an explicit level',
    );
  }
  return ok({ type: 'impersonation', level });
}

/**
 * The identifiers the machine allocates for a new token: a fresh TokenId, and optionally a ModifiedId
 * (duplication keeps the source's ModifiedId unless one is given).
 *
 * @example
 * ```ts
 * import type { DuplicateTokenIds } from '@doublehop/core-token';
 *
 * const ids: DuplicateTokenIds = { tokenId: 0x1a2b3c };
 * ```
 */
export interface DuplicateTokenIds {
  /** The new token's TokenId (TokenStatistics.TokenId). */
  readonly tokenId: Luid;
  /** The new token's ModifiedId; default: the source's, as NtDuplicateToken copies it. */
  readonly modifiedId?: Luid;
}

/**
 * The token DuplicateTokenEx creates: the same user, groups, privileges, default DACL, logon session, origin
 * and UAC link as the source, with the type and level {@link duplicateTokenRules} allows, a new TokenId, and
 * the security descriptor the caller decided.
 *
 * @remarks
 * The new token *object's* security descriptor is not copied from the source: it is the one passed in
 * SECURITY_ATTRIBUTES, or else built from the creator's effective token (its owner, primary group and
 * default DACL — {@link objectSecurityFrom} with the token generic mapping). That is why a thread that
 * duplicates its own impersonation token with no SECURITY_ATTRIBUTES can end up with a token it cannot open
 * (Raymond Chen, "How come a duplicated token doesn't behave identically to the original?"). The machine
 * decides which and passes it here.
 *
 * @param source - the token being duplicated
 * @param requested - TokenType and ImpersonationLevel as passed to DuplicateTokenEx
 * @param ids - the new TokenId and, optionally, ModifiedId
 * @param securityDescriptor - the new token object's own security descriptor
 * @returns the frozen new token, or ERROR_BAD_IMPERSONATION_LEVEL
 * @throws TypeError - as {@link duplicateTokenRules}
 * @example
 * ```ts
 * import { OBJECT_TYPES, duplicateTokenValue, objectSecurityFrom, sid, token } from '@doublehop/core-token';
 *
 * const client = token({ user: sid('S-1-5-21-1-2-3-1104'), tokenId: 0x100 });
 * const service = token({ user: sid('S-1-5-20'), type: 'primary' });
 * const sd = objectSecurityFrom(service, OBJECT_TYPES.token.genericMapping);
 * const dup = duplicateTokenValue(client, { type: 'primary', level: null }, { tokenId: 0x200 }, sd);
 * dup.ok && dup.value.type;                  // 'primary'
 * dup.ok && dup.value.tokenId;               // 512
 * dup.ok && dup.value.securityDescriptor.owner?.text; // 'S-1-5-20'
 * ```
 * @see DuplicateTokenEx, https://learn.microsoft.com/windows/win32/api/securitybaseapi/nf-securitybaseapi-duplicatetokenex;
 * https://devblogs.microsoft.com/oldnewthing/20160512-00
 */
export function duplicateTokenValue(
  source: Token,
  requested: DuplicateTokenRequest,
  ids: DuplicateTokenIds,
  securityDescriptor: SecurityDescriptor,
): Result<Token, DuplicateTokenError> {
  const shape = duplicateTokenRules(source, requested);
  if (!shape.ok) return shape;
  return ok(
    Object.freeze({
      ...source,
      type: shape.value.type,
      impersonationLevel: shape.value.level,
      tokenId: ids.tokenId,
      modifiedId: ids.modifiedId ?? source.modifiedId,
      securityDescriptor,
    }),
  );
}
