import { incidentTables } from './incident-sql.js';
import { GENESIS, type Migration } from './migration.js';
import { MONTHS_AHEAD, ensureMonthPartitions } from './postgres-partitions.js';

/**
 * Appends a batch in one statement, so one round trip per request: locks the chains it touches
 * (in chain order, so two batches never deadlock), skips record ids already stored, computes each
 * chainHash = sha256(prevChainHash || contentHash) as the collector would, inserts, moves the heads,
 * and returns one row per record with its chain, position and chainHash. Rows of a chain never go
 * back in time: received_at is the later of the request's time and the chain's newest row.
 */
const APPEND_FUNCTION = `
CREATE OR REPLACE FUNCTION samtycke_append(
  p_received_at text, p_chain int[], p_record_id text[], p_consent_id text[], p_action text[],
  p_timestamp text[], p_content text[], p_content_hash text[], p_client_ip text[],
  p_text_hash text[], p_text text[])
RETURNS TABLE (o_record_id text, o_chain int, o_pos bigint, o_chain_hash text, o_received_at text, o_duplicate boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_chains int[];
  v_pos bigint[];
  v_hash text[];
  v_start bigint[];
  v_received text;
  v_seen text[] := '{}';
  v_idx int[] := '{}';
  v_new_pos bigint[] := '{}';
  v_new_hash text[] := '{}';
  k int;
BEGIN
  SELECT array_agg(c.chain ORDER BY c.chain), array_agg(c.head_pos ORDER BY c.chain),
         array_agg(c.head_hash ORDER BY c.chain), max(c.head_received_at)
    INTO v_chains, v_pos, v_hash, v_received
    FROM (SELECT chain, head_pos, head_hash, head_received_at FROM samtycke_chains
          WHERE chain = ANY(p_chain) ORDER BY chain FOR UPDATE) c;
  IF coalesce(array_length(v_chains, 1), 0) <> (SELECT count(DISTINCT x) FROM unnest(p_chain) x) THEN
    RAISE EXCEPTION 'samtycke_append: unknown chain in %', p_chain;
  END IF;
  v_start := v_pos;
  v_received := greatest(p_received_at, v_received);
  IF coalesce(array_length(p_text_hash, 1), 0) > 0 THEN
    INSERT INTO samtycke_texts (text_hash, text, first_seen)
      SELECT h, t, v_received FROM unnest(p_text_hash, p_text) AS x(h, t)
      ON CONFLICT (text_hash) DO NOTHING;
  END IF;
  RETURN QUERY SELECT p.record_id, p.chain, p.pos, p.chain_hash, p.received_at, true
    FROM samtycke_proofs p WHERE p.record_id = ANY(p_record_id);
  SELECT coalesce(array_agg(p.record_id), '{}') INTO v_seen FROM samtycke_proofs p WHERE p.record_id = ANY(p_record_id);
  FOR i IN 1 .. coalesce(array_length(p_record_id, 1), 0) LOOP
    CONTINUE WHEN p_record_id[i] = ANY(v_seen);
    v_seen := v_seen || p_record_id[i];
    k := array_position(v_chains, p_chain[i]);
    v_pos[k] := v_pos[k] + 1;
    v_hash[k] := encode(sha256(convert_to(v_hash[k] || p_content_hash[i], 'UTF8')), 'hex');
    v_idx := v_idx || i;
    v_new_pos := v_new_pos || v_pos[k];
    v_new_hash := v_new_hash || v_hash[k];
  END LOOP;
  IF array_length(v_idx, 1) IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO samtycke_proofs (chain, pos, record_id, consent_id, action, timestamp, received_at, content,
                               content_hash, chain_hash, client_ip)
    SELECT p_chain[x.i], x.pos, p_record_id[x.i], p_consent_id[x.i], p_action[x.i], p_timestamp[x.i], v_received,
           p_content[x.i], p_content_hash[x.i], x.h, p_client_ip[x.i]
    FROM unnest(v_idx, v_new_pos, v_new_hash) AS x(i, pos, h);
  FOR k IN 1 .. array_length(v_chains, 1) LOOP
    CONTINUE WHEN v_pos[k] = v_start[k];
    UPDATE samtycke_chains SET head_pos = v_pos[k], head_hash = v_hash[k], head_received_at = v_received
      WHERE chain = v_chains[k];
  END LOOP;
  RETURN QUERY SELECT p_record_id[x.i], p_chain[x.i], x.pos, x.h, v_received, false
    FROM unnest(v_idx, v_new_pos, v_new_hash) AS x(i, pos, h);
END $fn$;`;

/**
 * The PostgreSQL schema, one migration per version. `0001` is the layout from before migrations
 * existed (with IF NOT EXISTS, so a database made by an older collector is adopted as is).
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    name: '0001-proof-log',
    async up({ script }) {
      await script(`
CREATE TABLE IF NOT EXISTS samtycke_proofs (
  seq BIGINT PRIMARY KEY, record_id TEXT NOT NULL UNIQUE, consent_id TEXT NOT NULL, action TEXT NOT NULL,
  timestamp TEXT COLLATE "C" NOT NULL, received_at TEXT COLLATE "C" NOT NULL, content TEXT NOT NULL,
  content_hash TEXT NOT NULL, chain_hash TEXT NOT NULL, client_ip TEXT);
CREATE INDEX IF NOT EXISTS samtycke_proofs_consent ON samtycke_proofs (consent_id, seq);
CREATE INDEX IF NOT EXISTS samtycke_proofs_timestamp ON samtycke_proofs (timestamp);
CREATE INDEX IF NOT EXISTS samtycke_proofs_received ON samtycke_proofs (received_at);
CREATE TABLE IF NOT EXISTS samtycke_texts (text_hash TEXT COLLATE "C" PRIMARY KEY, text TEXT NOT NULL, first_seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS samtycke_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1), head_seq BIGINT NOT NULL, head_hash TEXT NOT NULL,
  anchor_seq BIGINT NOT NULL, anchor_hash TEXT NOT NULL, anchor_cut_at TEXT);
INSERT INTO samtycke_chain VALUES (1, 0, '${GENESIS}', 0, '${GENESIS}', NULL) ON CONFLICT (id) DO NOTHING;`);
    },
  },
  {
    // Chains with positions, monthly partitions by time of receipt (retention drops whole months),
    // the one-round-trip append function and signed checkpoints. The single chain of 0001 becomes
    // chain 0 unchanged: its hashes follow the same formula.
    name: '0002-chains-partitions-checkpoints',
    async up(db) {
      await db.script(`
DROP TRIGGER IF EXISTS samtycke_proofs_append_only ON samtycke_proofs;
ALTER TABLE samtycke_proofs RENAME TO samtycke_proofs_v1;
ALTER INDEX IF EXISTS samtycke_proofs_pkey RENAME TO samtycke_proofs_v1_pkey;
CREATE TABLE samtycke_proofs (
  chain INTEGER NOT NULL, pos BIGINT NOT NULL, record_id TEXT NOT NULL, consent_id TEXT NOT NULL,
  action TEXT NOT NULL, timestamp TEXT COLLATE "C" NOT NULL, received_at TEXT COLLATE "C" NOT NULL,
  content TEXT NOT NULL, content_hash TEXT NOT NULL, chain_hash TEXT NOT NULL, client_ip TEXT,
  PRIMARY KEY (chain, pos, received_at)
) PARTITION BY RANGE (received_at);
CREATE TABLE samtycke_proofs_default PARTITION OF samtycke_proofs DEFAULT;
CREATE INDEX samtycke_proof_record ON samtycke_proofs (record_id);
CREATE INDEX samtycke_proof_consent ON samtycke_proofs (consent_id, received_at);
CREATE INDEX samtycke_proof_timestamp ON samtycke_proofs (timestamp);
CREATE INDEX samtycke_proof_received ON samtycke_proofs (received_at);
CREATE TABLE samtycke_chains (
  chain INTEGER PRIMARY KEY, head_pos BIGINT NOT NULL, head_hash TEXT NOT NULL,
  head_received_at TEXT COLLATE "C" NOT NULL, anchor_pos BIGINT NOT NULL, anchor_hash TEXT NOT NULL, anchor_cut_at TEXT);
CREATE TABLE samtycke_checkpoints (
  id BIGSERIAL PRIMARY KEY, created_at TEXT NOT NULL, tree_size BIGINT NOT NULL, note TEXT NOT NULL);
CREATE OR REPLACE FUNCTION samtycke_refuse_update() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'samtycke_proofs is append-only'; END $$;
CREATE TRIGGER samtycke_proofs_append_only BEFORE UPDATE ON samtycke_proofs
  FOR EACH ROW EXECUTE FUNCTION samtycke_refuse_update();
${APPEND_FUNCTION}`);
      const range = await db.query<{ first: string | null }>('SELECT MIN(received_at) AS first FROM samtycke_proofs_v1');
      const now = new Date();
      const first = range[0]?.first ? new Date(range[0].first) : now;
      await ensureMonthPartitions(db, first < now ? first : now, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MONTHS_AHEAD, 1)));
      await db.script(`
INSERT INTO samtycke_proofs SELECT 0, seq, record_id, consent_id, action, timestamp, received_at, content,
  content_hash, chain_hash, client_ip FROM samtycke_proofs_v1;
INSERT INTO samtycke_chains SELECT 0, head_seq, head_hash,
  COALESCE((SELECT MAX(received_at) FROM samtycke_proofs_v1), ''), anchor_seq, anchor_hash, anchor_cut_at
  FROM samtycke_chain WHERE id = 1;
DROP TABLE samtycke_proofs_v1;
DROP TABLE samtycke_chain;`);
    },
  },
  {
    // The incident register (docs/incidents.md): a hash-chained log of leak reports, status
    // changes, assessments and measures; each incident as it stands; the alerts due.
    name: '0003-incident-register',
    async up({ script }) {
      await script(incidentTables('postgres', GENESIS));
    },
  },
];
