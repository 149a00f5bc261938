/**
 * The storage contract both adapters (SQLite, PostgreSQL) implement. The log is split into
 * `chainCount` hash chains; a record's chain is chosen from its consent id (chain-key.ts), so the
 * records of one visitor stay in one chain, and appends to different chains never wait for each
 * other. Every append resolves only after its transaction committed.
 */

import type { IncidentStore } from './incident-register.js';

/** A record prepared for storage: canonical content, its hash and its chain, computed before the lock. */
export interface NewProof {
  recordId: string;
  consentId: string;
  /** 0 ≤ chain < the store's chainCount. */
  chain: number;
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
  chain: number;
  /** 1-based position in its chain. */
  position: number;
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

/** Head and retention anchor of one chain. Positions count from 1; 0 means none. */
export interface ChainState {
  chain: number;
  headPosition: number;
  headHash: string;
  /** Server time of the newest row (ISO-8601); rows of a chain never go back in time. */
  headReceivedAt: string;
  /** The last position removed by retention, and its chainHash: verification starts after it. */
  anchorPosition: number;
  anchorHash: string;
  anchorCutAt: string | null;
}

/** What the collector answers for one record: where it sits in the log. */
export interface Receipt {
  recordId: string;
  chain: number;
  position: number;
  chainHash: string;
  receivedAt: string;
  /** True when the record was already stored (acknowledged again, not written twice). */
  duplicate: boolean;
}

/** What an append did, record by record. */
export interface AppendResult {
  /** One receipt per distinct record id of the call, in the call's order. */
  receipts: Receipt[];
}

/** What a retention run removed, and where each affected chain now starts. */
export interface PruneResult {
  deleted: number;
  /** The chains whose anchor moved, with their new anchor. */
  anchors: ChainState[];
  /** Everything received before this moment is gone (PostgreSQL cuts at a month boundary). */
  cutBefore: string | null;
}

/** A signed checkpoint as stored: the whole note text. */
export interface StoredCheckpoint {
  id: number;
  createdAt: string;
  treeSize: number;
  note: string;
}

/** One bucket of the consent statistics: decisions of one day with the same action, layer, revision and locale. */
export interface StatsRow {
  /** `YYYY-MM-DD` (UTC) of the decision's timestamp. */
  day: string;
  action: string;
  layer: string;
  revision: string;
  locale: string;
  count: number;
}

/** Reads of one consistent snapshot of the log (see ProofStore.snapshot). */
export interface SnapshotReader {
  chains(): Promise<ChainState[]>;
  /** Rows of `chain` with afterPosition < position ≤ throughPosition, in order. */
  readChain(chain: number, afterPosition: number, throughPosition: number, limit: number): Promise<StoredProof[]>;
  /** Texts in hash order with hash > afterHash. */
  readTexts(afterHash: string, limit: number): Promise<Array<{ textHash: string; text: string }>>;
}

/** Where a paged export continues: after this chain position. */
export interface PageKey {
  chain: number;
  position: number;
}

/** The storage contract (see the top of this file); both adapters pass the same suites. */
export interface ProofStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The incident register in the same database (incident-register.ts). */
  readonly incidents: IncidentStore;
  /** How many chains appends spread over (always 1 on SQLite). */
  readonly chainCount: number;
  /**
   * Appends records in one round trip to the database. `receivedAt` is the server time of the
   * request; a chain whose newest row is later keeps that later time, so rows never go back in time.
   */
  append(proofs: NewProof[], texts: ReadonlyMap<string, string>, receivedAt: string): Promise<AppendResult>;
  findByRecordId(recordId: string): Promise<StoredProof | undefined>;
  findByConsentId(consentId: string, limit: number): Promise<StoredProof[]>;
  listRecent(limit: number): Promise<StoredProof[]>;
  /** Rows whose decision timestamp is in [from, to), in (chain, position) order after `after`. */
  readPeriod(from: string, to: string, after: PageKey | null, limit: number): Promise<StoredProof[]>;
  getText(textHash: string): Promise<string | undefined>;
  /** Every chain's head and anchor, read in one statement. */
  chains(): Promise<ChainState[]>;
  /**
   * Runs `work` against one consistent, read-only snapshot (PostgreSQL: a REPEATABLE READ READ ONLY
   * transaction; SQLite: a read transaction on its own connection). Writers are never blocked.
   */
  snapshot<T>(work: (reader: SnapshotReader) => Promise<T>): Promise<T>;
  /** Records currently stored, from the chain heads and anchors. */
  count(): Promise<number>;
  /**
   * Deletes, in every chain, the prefix of rows received before `cutoff`, and stores each chain's
   * last deleted position and chainHash as its anchor, in one transaction.
   */
  pruneReceivedBefore(cutoff: string, cutAt: string): Promise<PruneResult>;
  saveCheckpoint(note: string, treeSize: number, createdAt: string): Promise<void>;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** Decisions per day, action, layer, revision and locale, for timestamps in [from, to). */
  stats(from: string, to: string): Promise<StatsRow[]>;
  /** Housekeeping that must happen ahead of time (PostgreSQL: next months' partitions). */
  maintain(now: Date): Promise<void>;
  close(): Promise<void>;
}
