import { GENESIS_HASH, computeChainHash, computeContentHash, sha256Hex } from './chain-hash.js';
import type { ProofStore, StoredProof } from './proof-store.js';
import { normaliseTimestamp } from './prepare-proof.js';

export type VerifyResult =
  | { ok: true; count: number; fromSeq: number; headSeq: number; texts: number }
  | { ok: false; count: number; seq: number; recordId: string | null; reason: string };

function columnMismatch(row: StoredProof): string | undefined {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(row.content) as Record<string, unknown>;
  } catch {
    return 'content is not valid JSON';
  }
  if (record.recordId !== row.recordId) return 'record_id column does not match the content';
  if (record.consentId !== row.consentId) return 'consent_id column does not match the content';
  if (record.action !== row.action) return 'action column does not match the content';
  if (typeof record.timestamp !== 'string' || normaliseTimestamp(record.timestamp) !== row.timestamp) {
    return 'timestamp column does not match the content';
  }
  return undefined;
}

/**
 * Recomputes the whole chain from the anchor (or genesis) and stops at the first row that
 * does not match: altered content, altered hash, a gap (deleted row) or a truncated tail.
 * Also checks that every archived text still hashes to its key.
 */
export async function verifyChain(store: ProofStore, pageSize = 1000): Promise<VerifyResult> {
  const anchor = await store.getAnchor();
  const head = await store.getHead();
  const fromSeq = anchor?.seq ?? 0;
  let prevHash = anchor?.chainHash ?? GENESIS_HASH;
  let expectedSeq = fromSeq + 1;
  let count = 0;
  for (;;) {
    const rows = await store.readChain(expectedSeq - 1, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const fail = (reason: string): VerifyResult => ({ ok: false, count, seq: row.seq, recordId: row.recordId, reason });
      if (row.seq !== expectedSeq) {
        return { ok: false, count, seq: expectedSeq, recordId: null, reason: `row ${expectedSeq} is missing (next row is ${row.seq})` };
      }
      if (computeContentHash(row.content) !== row.contentHash) return fail('content does not match its contentHash');
      const mismatch = columnMismatch(row);
      if (mismatch) return fail(mismatch);
      if (computeChainHash(prevHash, row.contentHash) !== row.chainHash) return fail('chainHash does not follow from the previous row');
      prevHash = row.chainHash;
      expectedSeq += 1;
      count += 1;
    }
  }
  if (expectedSeq - 1 !== head.seq || prevHash !== head.chainHash) {
    return {
      ok: false,
      count,
      seq: expectedSeq,
      recordId: null,
      reason: `chain ends at row ${expectedSeq - 1} but the recorded head is row ${head.seq}`,
    };
  }
  let texts = 0;
  let after = '';
  for (;;) {
    const batch = await store.readTexts(after, pageSize);
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (sha256Hex(entry.text) !== entry.textHash) {
        return { ok: false, count, seq: 0, recordId: null, reason: `archived text ${entry.textHash} does not match its hash` };
      }
      texts += 1;
      after = entry.textHash;
    }
  }
  return { ok: true, count, fromSeq, headSeq: head.seq, texts };
}
