import { incidentTables } from './incident-sql.js';
import { GENESIS, type Migration } from './migration.js';

/**
 * The SQLite schema, one migration per version. `0001` is the layout from before migrations
 * existed (with IF NOT EXISTS, so a database made by an older collector is adopted as is).
 */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    name: '0001-proof-log',
    async up({ script }) {
      await script(`
CREATE TABLE IF NOT EXISTS samtycke_proofs (
  seq INTEGER PRIMARY KEY, record_id TEXT NOT NULL UNIQUE, consent_id TEXT NOT NULL, action TEXT NOT NULL,
  timestamp TEXT NOT NULL, received_at TEXT NOT NULL, content TEXT NOT NULL, content_hash TEXT NOT NULL,
  chain_hash TEXT NOT NULL, client_ip TEXT);
CREATE INDEX IF NOT EXISTS samtycke_proofs_consent ON samtycke_proofs (consent_id, seq);
CREATE INDEX IF NOT EXISTS samtycke_proofs_timestamp ON samtycke_proofs (timestamp);
CREATE INDEX IF NOT EXISTS samtycke_proofs_received ON samtycke_proofs (received_at);
CREATE TABLE IF NOT EXISTS samtycke_texts (text_hash TEXT PRIMARY KEY, text TEXT NOT NULL, first_seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS samtycke_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1), head_seq INTEGER NOT NULL, head_hash TEXT NOT NULL,
  anchor_seq INTEGER NOT NULL, anchor_hash TEXT NOT NULL, anchor_cut_at TEXT);
INSERT OR IGNORE INTO samtycke_chain VALUES (1, 0, '${GENESIS}', 0, '${GENESIS}', NULL);`);
    },
  },
  {
    // Chains with positions instead of one global sequence, signed checkpoints. The one chain of
    // 0001 becomes chain 0 unchanged: its hashes follow the same formula.
    name: '0002-chains-and-checkpoints',
    async up({ script }) {
      await script(`
DROP TRIGGER IF EXISTS samtycke_proofs_append_only;
ALTER TABLE samtycke_proofs RENAME TO samtycke_proofs_v1;
CREATE TABLE samtycke_proofs (
  chain INTEGER NOT NULL, pos INTEGER NOT NULL, record_id TEXT NOT NULL UNIQUE, consent_id TEXT NOT NULL,
  action TEXT NOT NULL, timestamp TEXT NOT NULL, received_at TEXT NOT NULL, content TEXT NOT NULL,
  content_hash TEXT NOT NULL, chain_hash TEXT NOT NULL, client_ip TEXT, PRIMARY KEY (chain, pos));
INSERT INTO samtycke_proofs SELECT 0, seq, record_id, consent_id, action, timestamp, received_at, content,
  content_hash, chain_hash, client_ip FROM samtycke_proofs_v1 ORDER BY seq;
DROP TABLE samtycke_proofs_v1;
CREATE INDEX samtycke_proof_consent ON samtycke_proofs (consent_id, received_at);
CREATE INDEX samtycke_proof_timestamp ON samtycke_proofs (timestamp);
CREATE INDEX samtycke_proof_received ON samtycke_proofs (received_at);
CREATE TABLE samtycke_chains (
  chain INTEGER PRIMARY KEY, head_pos INTEGER NOT NULL, head_hash TEXT NOT NULL, head_received_at TEXT NOT NULL,
  anchor_pos INTEGER NOT NULL, anchor_hash TEXT NOT NULL, anchor_cut_at TEXT);
INSERT INTO samtycke_chains SELECT 0, head_seq, head_hash,
  COALESCE((SELECT MAX(received_at) FROM samtycke_proofs), ''), anchor_seq, anchor_hash, anchor_cut_at
  FROM samtycke_chain WHERE id = 1;
DROP TABLE samtycke_chain;
CREATE TABLE samtycke_checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, tree_size INTEGER NOT NULL, note TEXT NOT NULL);
CREATE TRIGGER samtycke_proofs_append_only BEFORE UPDATE ON samtycke_proofs
BEGIN SELECT RAISE(ABORT, 'samtycke_proofs is append-only'); END;`);
    },
  },
  {
    // The incident register (docs/incidents.md): a hash-chained log of leak reports, status
    // changes, assessments and measures; each incident as it stands; the alerts due.
    name: '0003-incident-register',
    async up({ script }) {
      await script(incidentTables('sqlite', GENESIS));
    },
  },
];
