import {
  type DuplicateTokenError,
  duplicateTokenValue,
  err,
  type ImpersonationCheckResult,
  type ImpersonationLevel,
  impersonationCheck,
  OBJECT_TYPES,
  type ObjectOpenCheck,
  type OpenError,
  type OpenThreadTokenError,
  objectOpenCheck,
  objectSecurityFrom,
  ok,
  openThreadTokenRules,
  type Result,
  type Token,
  win32Error,
} from '@doublehop/core-token';
import type { RemoteConnectError, ThreadContext, ThreadEvent } from './threadTypes.js';

const TOKEN_MAPPING = OBJECT_TYPES.token.genericMapping;
const TOKEN_DUPLICATE = OBJECT_TYPES.token.rights['TOKEN_DUPLICATE'] ?? 0x2;

/** The token the thread acts with: its impersonation token, or the process's primary token. */
export function effectiveToken(context: ThreadContext): Token {
  return context.impersonation?.token ?? context.session.token;
}

/** A token the thread impersonates, and core-token's impersonation check that decided its level. */
export interface Impersonated {
  readonly token: Token;
  readonly check: ImpersonationCheckResult;
}

/**
 * ImpersonateLoggedOnUser's effect (core-token's rules): a primary token is first duplicated to an
 * Impersonation-level token whose descriptor is the caller's default; then the kernel's impersonation check on
 * the process token decides the level, silently downgrading to an Identification-level copy.
 */
export function impersonate(context: ThreadContext, candidate: Token): Impersonated {
  const check = impersonationCheck(context.session.token, candidate, { uacEnabled: context.uacEnabled });
  const sd =
    candidate.type === 'primary'
      ? objectSecurityFrom(effectiveToken(context), TOKEN_MAPPING)
      : candidate.securityDescriptor;
  const copy = duplicateTokenValue(
    candidate,
    { type: 'impersonation', level: check.level },
    { tokenId: candidate.tokenId },
    sd,
  );
  // The check never raises a level, so the copy always succeeds; keep the candidate if it ever did not.
  return { token: copy.ok ? copy.value : candidate, check };
}

/** What `'thread.impersonate'` gives the thread. */
export function impersonationFor(context: ThreadContext, event: ThreadEvent): Impersonated | null {
  return event.type === 'thread.impersonate' ? impersonate(context, event.token) : null;
}

/**
 * `'token.duplicate'` as core-token's rules decide it: OpenThreadToken (no token, Anonymous level), the
 * access check on the token object as the process (OpenAsSelf), DuplicateTokenEx (never upward; the new
 * token's descriptor from the thread's effective token), then the impersonation check on the duplicate.
 */
export function duplicateFor(
  context: ThreadContext,
  level: ImpersonationLevel,
): Result<Impersonated, OpenThreadTokenError | OpenError | DuplicateTokenError> {
  const current = context.impersonation?.token ?? null;
  const opened = openThreadTokenRules(current);
  if (!opened.ok) return opened;
  if (current === null) return err(win32Error('ERROR_NO_TOKEN', 'the thread is not impersonating'));
  const access = objectOpenCheck(
    context.session.token,
    current.securityDescriptor,
    OBJECT_TYPES.token,
    TOKEN_DUPLICATE,
  );
  if (!access.result.ok) return access.result;
  const copy = duplicateTokenValue(
    current,
    { type: 'impersonation', level },
    { tokenId: current.tokenId },
    objectSecurityFrom(current, TOKEN_MAPPING),
  );
  if (!copy.ok) return copy;
  return ok(impersonate(context, copy.value));
}

/** `'object.open'`: core-token's open check as the thread's effective token. */
export function openFor(context: ThreadContext, event: ThreadEvent): ObjectOpenCheck | null {
  if (event.type !== 'object.open') return null;
  return objectOpenCheck(
    effectiveToken(context),
    event.securityDescriptor,
    OBJECT_TYPES[event.objectType ?? 'file'],
    event.desiredAccess,
  );
}

/**
 * Whether the thread may authenticate to a remote machine at all: a thread impersonating at Identification or
 * Anonymous level cannot open the redirector or hand the SSP its token, as it cannot open any object.
 */
export function remoteLevelCheck(context: ThreadContext): Result<void, RemoteConnectError> {
  const level = context.impersonation?.token.impersonationLevel ?? null;
  if (level === 'Identification' || level === 'Anonymous') {
    return err(
      win32Error(
        'ERROR_BAD_IMPERSONATION_LEVEL',
        `a thread impersonating at ${level} level cannot authenticate to another machine as its client`,
      ),
    );
  }
  return ok(undefined);
}
