import { createHash } from 'node:crypto';

/** The previous hash of the very first row when no retention cut has happened yet. */
export const GENESIS_HASH = '0'.repeat(64);

/** Lowercase hex SHA-256 of a UTF-8 string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** contentHash = sha256(canonical JSON of the stored record). */
export function computeContentHash(canonicalContent: string): string {
  return sha256Hex(canonicalContent);
}

/**
 * chainHash = sha256(prevChainHash + contentHash), both as lowercase hex text.
 * Changing, removing or reordering any earlier row changes every later chainHash.
 */
export function computeChainHash(prevChainHash: string, contentHash: string): string {
  return sha256Hex(prevChainHash + contentHash);
}
