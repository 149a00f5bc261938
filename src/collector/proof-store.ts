/** A record prepared for storage: canonical content and its hash, computed before the lock. */
export interface NewProof {
  recordId: string;
  consentId: string;
  action: string;
  timestamp: string;
  /** Canonical JSON of the record without `text` (texts live in their own table). */
  content: string;
  contentHash: string;
  /** Truncated client network, only when IP mode is `truncate`; otherwise null. */
  clientIp: string | null;
}

/** One row of the append-only log. */
export interface StoredProof {
  seq: number;
  recordId: string;
  consentId: string;
  action: string;
  timestamp: string;
  receivedAt: string;
  content: string;
  contentHash: string;
  chainHash: string;
  clientIp: string | null;
}

/** The chain position verification starts from after a retention cut. */
export interface ChainAnchor {
  seq: number;
  chainHash: string;
  cutAt: string;
}

export interface ChainHead {
  seq: number;
  chainHash: string;
}

export interface AppendResult {
  /** Ids written by this call. */
  inserted: string[];
  /** Ids that were already stored (acknowledged again, not written twice). */
  duplicates: string[];
}

export interface PruneResult {
  deleted: number;
  anchor: ChainAnchor | null;
}

/**
 * The storage contract both adapters (SQLite, PostgreSQL) implement. Appends are serialized
 * so the hash chain stays linear, and resolve only after the transaction committed.
 */
export interface ProofStore {
  readonly kind: 'sqlite' | 'postgres';
  append(proofs: NewProof[], texts: ReadonlyMap<string, string>, receivedAt: string): Promise<AppendResult>;
  findByRecordId(recordId: string): Promise<StoredProof | undefined>;
  findByConsentId(consentId: string, limit: number): Promise<StoredProof[]>;
  listRecent(limit: number): Promise<StoredProof[]>;
  /** Rows in chain order with seq > afterSeq. */
  readChain(afterSeq: number, limit: number): Promise<StoredProof[]>;
  /** Rows whose decision timestamp is in [from, to), in chain order with seq > afterSeq. */
  readPeriod(from: string, to: string, afterSeq: number, limit: number): Promise<StoredProof[]>;
  getText(textHash: string): Promise<string | undefined>;
  /** Texts in hash order with hash > afterHash. */
  readTexts(afterHash: string, limit: number): Promise<Array<{ textHash: string; text: string }>>;
  getHead(): Promise<ChainHead>;
  getAnchor(): Promise<ChainAnchor | null>;
  count(): Promise<number>;
  /**
   * Deletes the oldest prefix of the chain whose rows were all received before `cutoff`, and
   * stores the last deleted row's chainHash as the new anchor, in one transaction.
   */
  pruneReceivedBefore(cutoff: string, cutAt: string): Promise<PruneResult>;
  close(): Promise<void>;
}
