import type { Luid } from '@doublehop/core-token';

/**
 * @internal The logon sessions every Windows machine has from boot, with the LUIDs winnt.h fixes for them
 * (SYSTEM_LUID, LOCALSERVICE_LUID, NETWORKSERVICE_LUID, IUSER_LUID). One table, because the built-in sessions,
 * the principals that reuse them, logoff (which never ends them) and the events (which show SYSTEM as the
 * computer account) must agree.
 */
export const WELL_KNOWN_LUIDS = {
  SYSTEM: 0x3e7,
  'LOCAL SERVICE': 0x3e5,
  'NETWORK SERVICE': 0x3e4,
  IUSR: 0x3e3,
} as const satisfies Record<string, Luid>;
