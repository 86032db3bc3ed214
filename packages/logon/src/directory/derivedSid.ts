import { createHash } from 'node:crypto';
import { type Sid, sidFromComponents } from '@doublehop/core-token';

/**
 * A deterministic domain SID `S-1-5-21-a-b-c` derived from a name (SHA-1 of its lower-case form), for models
 * that do not give one: the same name always yields the same SID, whatever else the model contains.
 */
export function derivedDomainSid(name: string): Sid {
  const digest = createHash('sha1').update(name.toLowerCase(), 'utf8').digest();
  return sidFromComponents(5, [21, digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8)]);
}

/** A deterministic RID in 1100 … 1 000 099 from an account name (collisions are probed by the caller). */
export function derivedRid(name: string): number {
  const digest = createHash('sha1').update(name.toLowerCase(), 'utf8').digest();
  return 1100 + (digest.readUInt32LE(0) % 1_000_000);
}
