import { canonicalJson } from './canonical-json.js';
import { computeContentHash } from './chain-hash.js';
import { chainFor } from './chain-key.js';
import type { ProofRecord } from './proof-record.js';
import type { NewProof } from './proof-store.js';

/** Record fields kept in the log (everything except the full text, which is stored once per hash). */
export function storedContent(record: ProofRecord): Omit<ProofRecord, 'text'> {
  const { text: _text, ...rest } = record;
  return rest;
}

/** Timestamps are normalised to `toISOString()` form so they sort and compare as text. */
export function normaliseTimestamp(value: string): string {
  return new Date(value).toISOString();
}

/**
 * Turns validated records into rows to append and the distinct texts to archive. Each row's
 * chain comes from its consent id (chain-key.ts). Duplicates inside one batch collapse to the
 * first occurrence.
 *
 * @param chainCount the store's number of chains (1 on SQLite)
 */
export function prepareProofs(
  records: readonly ProofRecord[],
  clientIp: string | null,
  chainCount = 1,
): { proofs: NewProof[]; texts: Map<string, string> } {
  const proofs: NewProof[] = [];
  const texts = new Map<string, string>();
  const seen = new Set<string>();
  for (const record of records) {
    if (record.text !== undefined) texts.set(record.textHash, record.text);
    if (seen.has(record.recordId)) continue;
    seen.add(record.recordId);
    const content = canonicalJson(storedContent(record));
    proofs.push({
      recordId: record.recordId,
      consentId: record.consentId,
      chain: chainFor(record.consentId, chainCount),
      action: record.action,
      timestamp: normaliseTimestamp(record.timestamp),
      content,
      contentHash: computeContentHash(content),
      clientIp,
    });
  }
  return { proofs, texts };
}
