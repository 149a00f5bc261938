import { createHash } from 'node:crypto';

/** The most chains a log may have; each costs one row and one lock, and one line in a checkpoint. */
export const MAX_CHAINS = 256;

/**
 * The chain a consent id's records go to: the first four bytes of SHA-256(consentId), read as an
 * unsigned big-endian integer, modulo `chainCount`. The same consent id always maps to the same
 * chain for a given count, so a visitor's history stays together (and is the distribution column
 * when the table is sharded). Changing the count affects only records appended afterwards.
 *
 * @param consentId the record's consent id (a UUID)
 * @param chainCount 1 … MAX_CHAINS
 * @returns 0 ≤ chain < chainCount
 * @example chainFor('6f0c…', 1) // 0
 */
export function chainFor(consentId: string, chainCount: number): number {
  if (chainCount <= 1) return 0;
  return createHash('sha256').update(consentId, 'utf8').digest().readUInt32BE(0) % chainCount;
}
