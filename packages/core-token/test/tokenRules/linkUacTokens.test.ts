import { describe, expect, it } from 'vitest';
import { filterAdministratorToken, linkUacTokens, sid, token, WELL_KNOWN_SIDS } from '../../src/index.js';

const full = token({
  user: sid('S-1-5-21-1-2-3-1104'),
  type: 'primary',
  groups: [WELL_KNOWN_SIDS.BUILTIN_ADMINISTRATORS.sid],
  integrityLevel: WELL_KNOWN_SIDS.HIGH_INTEGRITY.sid,
});
const limited = filterAdministratorToken(full, { tokenId: 2, modifiedId: 3, authenticationId: 4 });

describe('linkUacTokens (TOKEN_ELEVATION_TYPE, TOKEN_LINKED_TOKEN)', () => {
  const pair = linkUacTokens(full, limited);

  it('TOKEN_ELEVATION_TYPE: the elevated half is Full, the filtered half Limited', () => {
    expect(pair.full.elevationType).toBe('full');
    expect(pair.limited.elevationType).toBe('limited');
  });

  it('TOKEN_LINKED_TOKEN: each half links to the other (circular), and both are frozen', () => {
    expect(pair.full.linkedToken).toBe(pair.limited);
    expect(pair.limited.linkedToken).toBe(pair.full);
    expect(Object.isFrozen(pair.full) && Object.isFrozen(pair.limited)).toBe(true);
  });

  it('keeps everything else of both tokens, and leaves the inputs untouched', () => {
    expect(pair.full.groups).toBe(full.groups);
    expect(pair.limited.integrityLevel).toBe(limited.integrityLevel);
    expect(full.linkedToken).toBeNull();
    expect(full.elevationType).toBe('default');
  });
});
