import { computeChainHash, computeContentHash, sha256Hex } from './chain-hash.js';
import type { Checkpoint } from './checkpoint.js';
import type { ChainState, ProofStore, SnapshotReader, StoredProof } from './proof-store.js';
import { normaliseTimestamp } from './prepare-proof.js';

/** What `verifyChain` found. Positions count from 1 within a chain. */
export type VerifyResult =
  | {
      ok: true;
      /** Rows checked. */
      count: number;
      chains: ChainState[];
      /** Records ever appended (the sum of the head positions). */
      treeSize: number;
      texts: number;
      /** With a checkpoint: chain heads it named that are still in the log and were matched. */
      checkpointHeadsMatched?: number;
      /** With a checkpoint: chain heads it named that retention has since cut (not checkable). */
      checkpointHeadsCut?: number;
    }
  | { ok: false; count: number; chain: number; position: number; recordId: string | null; reason: string };

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

type Failure = Extract<VerifyResult, { ok: false }>;

/** Walks one chain from its anchor to the head the snapshot shows. */
async function verifyOne(
  reader: SnapshotReader,
  state: ChainState,
  committed: { position: number; chainHash: string } | undefined,
  pageSize: number,
  counted: { rows: number; matched: number; cut: number },
): Promise<Failure | undefined> {
  const fail = (position: number, recordId: string | null, reason: string): Failure => ({
    ok: false,
    count: counted.rows,
    chain: state.chain,
    position,
    recordId,
    reason,
  });
  if (committed) {
    if (committed.position > state.headPosition) {
      return fail(committed.position, null, `the checkpoint has chain ${state.chain} at position ${committed.position}, but the log ends at ${state.headPosition}`);
    }
    if (committed.position < state.anchorPosition) counted.cut += 1;
    else if (committed.position === state.anchorPosition) {
      if (committed.chainHash !== state.anchorHash) return fail(committed.position, null, 'the retention anchor does not match the checkpoint');
      counted.matched += 1;
    }
  }
  let prevHash = state.anchorHash;
  let expected = state.anchorPosition + 1;
  for (;;) {
    const rows = await reader.readChain(state.chain, expected - 1, state.headPosition, pageSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.position !== expected) return fail(expected, null, `position ${expected} is missing (next row is ${row.position})`);
      if (computeContentHash(row.content) !== row.contentHash) return fail(row.position, row.recordId, 'content does not match its contentHash');
      const mismatch = columnMismatch(row);
      if (mismatch) return fail(row.position, row.recordId, mismatch);
      if (computeChainHash(prevHash, row.contentHash) !== row.chainHash) {
        return fail(row.position, row.recordId, 'chainHash does not follow from the previous row');
      }
      if (committed && committed.position === row.position) {
        if (committed.chainHash !== row.chainHash) {
          return fail(row.position, row.recordId, 'the chain no longer passes through the head the checkpoint committed to (rewritten)');
        }
        counted.matched += 1;
      }
      prevHash = row.chainHash;
      expected += 1;
      counted.rows += 1;
    }
  }
  if (expected - 1 !== state.headPosition || prevHash !== state.headHash) {
    return fail(expected, null, `chain ends at position ${expected - 1} but its recorded head is position ${state.headPosition}`);
  }
  return undefined;
}

/**
 * Recomputes every chain from its anchor (or its start) to the head, inside one consistent,
 * read-only snapshot, so appends going on meanwhile are neither seen half-way nor blocked. Stops
 * at the first row that does not match: altered content, altered hash, a gap (deleted row) or a
 * truncated tail. Also checks that every archived text still hashes to its key. With a checkpoint
 * (already parsed and its signature checked), also checks that each chain still passes through the
 * head the checkpoint committed to, which catches a chain rewritten after it was published.
 */
export async function verifyChain(store: ProofStore, { checkpoint, pageSize = 1000 }: { checkpoint?: Checkpoint; pageSize?: number } = {}): Promise<VerifyResult> {
  return store.snapshot(async (reader) => {
    const chains = await reader.chains();
    const counted = { rows: 0, matched: 0, cut: 0 };
    if (checkpoint) {
      const unknown = checkpoint.heads.find((head) => !chains.some((state) => state.chain === head.chain));
      if (unknown) {
        return { ok: false, count: 0, chain: unknown.chain, position: unknown.position, recordId: null, reason: `chain ${unknown.chain} of the checkpoint is not in the log` };
      }
    }
    for (const state of chains) {
      const committed = checkpoint?.heads.find((head) => head.chain === state.chain);
      const failure = await verifyOne(reader, state, committed && committed.position > 0 ? committed : undefined, pageSize, counted);
      if (failure) return failure;
    }
    let texts = 0;
    let after = '';
    for (;;) {
      const batch = await reader.readTexts(after, pageSize);
      if (batch.length === 0) break;
      for (const entry of batch) {
        if (sha256Hex(entry.text) !== entry.textHash) {
          return { ok: false, count: counted.rows, chain: -1, position: 0, recordId: null, reason: `archived text ${entry.textHash} does not match its hash` };
        }
        texts += 1;
        after = entry.textHash;
      }
    }
    return {
      ok: true,
      count: counted.rows,
      chains,
      treeSize: chains.reduce((sum, state) => sum + state.headPosition, 0),
      texts,
      ...(checkpoint ? { checkpointHeadsMatched: counted.matched, checkpointHeadsCut: counted.cut } : {}),
    };
  });
}
