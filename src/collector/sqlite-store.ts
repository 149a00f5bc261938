import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, computeChainHash } from './chain-hash.js';
import type { AppendResult, ChainAnchor, ChainHead, NewProof, ProofStore, PruneResult, StoredProof } from './proof-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS samtycke_proofs (
  seq INTEGER PRIMARY KEY,
  record_id TEXT NOT NULL UNIQUE,
  consent_id TEXT NOT NULL,
  action TEXT NOT NULL,
  timestamp TEXT NOT NULL,
  received_at TEXT NOT NULL,
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  chain_hash TEXT NOT NULL,
  client_ip TEXT
);
CREATE INDEX IF NOT EXISTS samtycke_proofs_consent ON samtycke_proofs (consent_id, seq);
CREATE INDEX IF NOT EXISTS samtycke_proofs_timestamp ON samtycke_proofs (timestamp);
CREATE INDEX IF NOT EXISTS samtycke_proofs_received ON samtycke_proofs (received_at);
CREATE TABLE IF NOT EXISTS samtycke_texts (
  text_hash TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  first_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS samtycke_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq INTEGER NOT NULL,
  head_hash TEXT NOT NULL,
  anchor_seq INTEGER NOT NULL,
  anchor_hash TEXT NOT NULL,
  anchor_cut_at TEXT
);
INSERT OR IGNORE INTO samtycke_chain VALUES (1, 0, '${GENESIS_HASH}', 0, '${GENESIS_HASH}', NULL);
CREATE TRIGGER IF NOT EXISTS samtycke_proofs_append_only BEFORE UPDATE ON samtycke_proofs
BEGIN SELECT RAISE(ABORT, 'samtycke_proofs is append-only'); END;
`;

const COLUMNS = `seq, record_id AS recordId, consent_id AS consentId, action, timestamp,
  received_at AS receivedAt, content, content_hash AS contentHash, chain_hash AS chainHash, client_ip AS clientIp`;

interface ChainRow {
  head_seq: number;
  head_hash: string;
  anchor_seq: number;
  anchor_hash: string;
  anchor_cut_at: string | null;
}

/**
 * Proof store on an embedded SQLite file: WAL journal with synchronous=FULL, so a committed
 * append survives a process kill or power loss. One process appends at a time (BEGIN IMMEDIATE).
 */
export function openSqliteStore(file: string): ProofStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  const selectChain = db.prepare<[], ChainRow>('SELECT * FROM samtycke_chain WHERE id = 1');
  const selectExisting = db.prepare<[string], { id: string }>('SELECT record_id AS id FROM samtycke_proofs WHERE record_id = ?');
  const insertText = db.prepare('INSERT OR IGNORE INTO samtycke_texts (text_hash, text, first_seen) VALUES (?, ?, ?)');
  const insertProof = db.prepare(`INSERT INTO samtycke_proofs
    (seq, record_id, consent_id, action, timestamp, received_at, content, content_hash, chain_hash, client_ip)
    VALUES (@seq, @recordId, @consentId, @action, @timestamp, @receivedAt, @content, @contentHash, @chainHash, @clientIp)`);
  const updateHead = db.prepare('UPDATE samtycke_chain SET head_seq = ?, head_hash = ? WHERE id = 1');
  const byRecordId = db.prepare<[string], StoredProof>(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE record_id = ?`);
  const byConsentId = db.prepare<[string, number], StoredProof>(
    `SELECT ${COLUMNS} FROM samtycke_proofs WHERE consent_id = ? ORDER BY seq LIMIT ?`,
  );
  const recent = db.prepare<[number], StoredProof>(`SELECT ${COLUMNS} FROM samtycke_proofs ORDER BY seq DESC LIMIT ?`);
  const chain = db.prepare<[number, number], StoredProof>(
    `SELECT ${COLUMNS} FROM samtycke_proofs WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const period = db.prepare<[string, string, number, number], StoredProof>(
    `SELECT ${COLUMNS} FROM samtycke_proofs WHERE timestamp >= ? AND timestamp < ? AND seq > ? ORDER BY seq LIMIT ?`,
  );
  const text = db.prepare<[string], { text: string }>('SELECT text FROM samtycke_texts WHERE text_hash = ?');
  const texts = db.prepare<[string, number], { textHash: string; text: string }>(
    'SELECT text_hash AS textHash, text FROM samtycke_texts WHERE text_hash > ? ORDER BY text_hash LIMIT ?',
  );
  const countRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM samtycke_proofs');
  const firstKept = db.prepare<[string], { seq: number }>(
    'SELECT MIN(seq) AS seq FROM samtycke_proofs WHERE received_at >= ?',
  );
  const lastRow = db.prepare<[number], { seq: number; chainHash: string }>(
    'SELECT seq, chain_hash AS chainHash FROM samtycke_proofs WHERE seq <= ? ORDER BY seq DESC LIMIT 1',
  );
  const deleteThrough = db.prepare('DELETE FROM samtycke_proofs WHERE seq <= ?');
  const updateAnchor = db.prepare('UPDATE samtycke_chain SET anchor_seq = ?, anchor_hash = ?, anchor_cut_at = ? WHERE id = 1');

  const appendTx = db.transaction((proofs: NewProof[], textMap: ReadonlyMap<string, string>, receivedAt: string) => {
    const state = selectChain.get();
    if (!state) throw new Error('samtycke_chain row is missing');
    const result: AppendResult = { inserted: [], duplicates: [] };
    for (const [hash, value] of textMap) insertText.run(hash, value, receivedAt);
    let seq = state.head_seq;
    let prev = state.head_hash;
    for (const proof of proofs) {
      if (selectExisting.get(proof.recordId)) {
        result.duplicates.push(proof.recordId);
        continue;
      }
      seq += 1;
      prev = computeChainHash(prev, proof.contentHash);
      insertProof.run({ ...proof, seq, receivedAt, chainHash: prev });
      result.inserted.push(proof.recordId);
    }
    if (result.inserted.length > 0) updateHead.run(seq, prev);
    return result;
  });

  const pruneTx = db.transaction((cutoff: string, cutAt: string): PruneResult => {
    const state = selectChain.get();
    if (!state) throw new Error('samtycke_chain row is missing');
    const kept = firstKept.get(cutoff)?.seq;
    const through = kept === null || kept === undefined ? state.head_seq : kept - 1;
    const last = lastRow.get(through);
    if (!last || last.seq <= state.anchor_seq) return { deleted: 0, anchor: null };
    const deleted = deleteThrough.run(last.seq).changes;
    updateAnchor.run(last.seq, last.chainHash, cutAt);
    return { deleted, anchor: { seq: last.seq, chainHash: last.chainHash, cutAt } };
  });

  return {
    kind: 'sqlite',
    async append(proofs, textMap, receivedAt) {
      return appendTx.immediate(proofs, textMap, receivedAt);
    },
    async findByRecordId(recordId) {
      return byRecordId.get(recordId);
    },
    async findByConsentId(consentId, limit) {
      return byConsentId.all(consentId, limit);
    },
    async listRecent(limit) {
      return recent.all(limit);
    },
    async readChain(afterSeq, limit) {
      return chain.all(afterSeq, limit);
    },
    async readPeriod(from, to, afterSeq, limit) {
      return period.all(from, to, afterSeq, limit);
    },
    async getText(textHash) {
      return text.get(textHash)?.text;
    },
    async readTexts(afterHash, limit) {
      return texts.all(afterHash, limit);
    },
    async getHead(): Promise<ChainHead> {
      const state = selectChain.get();
      return { seq: state?.head_seq ?? 0, chainHash: state?.head_hash ?? GENESIS_HASH };
    },
    async getAnchor(): Promise<ChainAnchor | null> {
      const state = selectChain.get();
      if (!state || state.anchor_seq === 0) return null;
      return { seq: state.anchor_seq, chainHash: state.anchor_hash, cutAt: state.anchor_cut_at ?? '' };
    },
    async count() {
      return countRows.get()?.n ?? 0;
    },
    async pruneReceivedBefore(cutoff, cutAt) {
      return pruneTx.immediate(cutoff, cutAt);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
