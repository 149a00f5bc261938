import pg from 'pg';
import { GENESIS_HASH, computeChainHash } from './chain-hash.js';
import type { AppendResult, ChainAnchor, ChainHead, NewProof, ProofStore, PruneResult, StoredProof } from './proof-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS samtycke_proofs (
  seq BIGINT PRIMARY KEY,
  record_id TEXT NOT NULL UNIQUE,
  consent_id TEXT NOT NULL,
  action TEXT NOT NULL,
  timestamp TEXT COLLATE "C" NOT NULL,
  received_at TEXT COLLATE "C" NOT NULL,
  content TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  chain_hash TEXT NOT NULL,
  client_ip TEXT
);
CREATE INDEX IF NOT EXISTS samtycke_proofs_consent ON samtycke_proofs (consent_id, seq);
CREATE INDEX IF NOT EXISTS samtycke_proofs_timestamp ON samtycke_proofs (timestamp);
CREATE INDEX IF NOT EXISTS samtycke_proofs_received ON samtycke_proofs (received_at);
CREATE TABLE IF NOT EXISTS samtycke_texts (
  text_hash TEXT COLLATE "C" PRIMARY KEY,
  text TEXT NOT NULL,
  first_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS samtycke_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq BIGINT NOT NULL,
  head_hash TEXT NOT NULL,
  anchor_seq BIGINT NOT NULL,
  anchor_hash TEXT NOT NULL,
  anchor_cut_at TEXT
);
INSERT INTO samtycke_chain VALUES (1, 0, '${GENESIS_HASH}', 0, '${GENESIS_HASH}', NULL) ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION samtycke_refuse_update() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'samtycke_proofs is append-only'; END $$;
DROP TRIGGER IF EXISTS samtycke_proofs_append_only ON samtycke_proofs;
CREATE TRIGGER samtycke_proofs_append_only BEFORE UPDATE ON samtycke_proofs
  FOR EACH ROW EXECUTE FUNCTION samtycke_refuse_update();
`;

const COLUMNS = `seq::float8 AS "seq", record_id AS "recordId", consent_id AS "consentId", action, timestamp,
  received_at AS "receivedAt", content, content_hash AS "contentHash", chain_hash AS "chainHash", client_ip AS "clientIp"`;

interface ChainRow {
  head_seq: number;
  head_hash: string;
  anchor_seq: number;
  anchor_hash: string;
  anchor_cut_at: string | null;
}

const CHAIN_SELECT = 'SELECT head_seq::float8 AS head_seq, head_hash, anchor_seq::float8 AS anchor_seq, anchor_hash, anchor_cut_at FROM samtycke_chain WHERE id = 1';

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Proof store on PostgreSQL. Appends lock the single chain row (SELECT … FOR UPDATE), so
 * concurrent collectors on several machines still produce one linear chain.
 */
export async function openPostgresStore(connectionString: string, poolSize = 10): Promise<ProofStore> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', (error) => process.emitWarning(`samtycke: PostgreSQL pool error: ${error.message}`));
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(7270937)');
    await client.query(SCHEMA);
  });

  async function rows(sql: string, params: unknown[]): Promise<StoredProof[]> {
    return (await pool.query<StoredProof>(sql, params)).rows;
  }

  async function chainState(client: pg.PoolClient | pg.Pool, lock: boolean): Promise<ChainRow> {
    const result = await client.query<ChainRow>(lock ? `${CHAIN_SELECT} FOR UPDATE` : CHAIN_SELECT);
    const state = result.rows[0];
    if (!state) throw new Error('samtycke_chain row is missing');
    return state;
  }

  return {
    kind: 'postgres',
    async append(proofs, texts, receivedAt) {
      return inTransaction(pool, async (client) => {
        const state = await chainState(client, true);
        const result: AppendResult = { inserted: [], duplicates: [] };
        if (texts.size > 0) {
          await client.query(
            `INSERT INTO samtycke_texts (text_hash, text, first_seen)
             SELECT h, t, $3 FROM unnest($1::text[], $2::text[]) AS x(h, t) ON CONFLICT (text_hash) DO NOTHING`,
            [[...texts.keys()], [...texts.values()], receivedAt],
          );
        }
        const existing = await client.query<{ id: string }>(
          'SELECT record_id AS id FROM samtycke_proofs WHERE record_id = ANY($1::text[])',
          [proofs.map((proof) => proof.recordId)],
        );
        const seen = new Set(existing.rows.map((row) => row.id));
        let seq = Number(state.head_seq);
        let prev = state.head_hash;
        const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
        for (const proof of proofs) {
          if (seen.has(proof.recordId)) {
            result.duplicates.push(proof.recordId);
            continue;
          }
          seen.add(proof.recordId);
          seq += 1;
          prev = computeChainHash(prev, proof.contentHash);
          const values = [seq, proof.recordId, proof.consentId, proof.action, proof.timestamp, proof.content, proof.contentHash, prev, proof.clientIp];
          values.forEach((value, index) => columns[index]!.push(value));
          result.inserted.push(proof.recordId);
        }
        if (result.inserted.length > 0) {
          await client.query(
            `INSERT INTO samtycke_proofs
               (seq, record_id, consent_id, action, timestamp, content, content_hash, chain_hash, client_ip, received_at)
             SELECT s, r, c, a, t, ct, ch, cc, ip, $10 FROM unnest(
               $1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]
             ) AS x(s, r, c, a, t, ct, ch, cc, ip)`,
            [...columns, receivedAt],
          );
          await client.query('UPDATE samtycke_chain SET head_seq = $1, head_hash = $2 WHERE id = 1', [seq, prev]);
        }
        return result;
      });
    },
    async findByRecordId(recordId) {
      return (await rows(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE record_id = $1`, [recordId]))[0];
    },
    async findByConsentId(consentId, limit) {
      return rows(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE consent_id = $1 ORDER BY seq LIMIT $2`, [consentId, limit]);
    },
    async listRecent(limit) {
      return rows(`SELECT ${COLUMNS} FROM samtycke_proofs ORDER BY seq DESC LIMIT $1`, [limit]);
    },
    async readChain(afterSeq, limit) {
      return rows(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE seq > $1 ORDER BY seq LIMIT $2`, [afterSeq, limit]);
    },
    async readPeriod(from, to, afterSeq, limit) {
      return rows(
        `SELECT ${COLUMNS} FROM samtycke_proofs WHERE timestamp >= $1 AND timestamp < $2 AND seq > $3 ORDER BY seq LIMIT $4`,
        [from, to, afterSeq, limit],
      );
    },
    async getText(textHash) {
      const result = await pool.query<{ text: string }>('SELECT text FROM samtycke_texts WHERE text_hash = $1', [textHash]);
      return result.rows[0]?.text;
    },
    async readTexts(afterHash, limit) {
      const result = await pool.query<{ textHash: string; text: string }>(
        'SELECT text_hash AS "textHash", text FROM samtycke_texts WHERE text_hash > $1 ORDER BY text_hash LIMIT $2',
        [afterHash, limit],
      );
      return result.rows;
    },
    async getHead(): Promise<ChainHead> {
      const state = await chainState(pool, false);
      return { seq: Number(state.head_seq), chainHash: state.head_hash };
    },
    async getAnchor(): Promise<ChainAnchor | null> {
      const state = await chainState(pool, false);
      if (Number(state.anchor_seq) === 0) return null;
      return { seq: Number(state.anchor_seq), chainHash: state.anchor_hash, cutAt: state.anchor_cut_at ?? '' };
    },
    async count() {
      const result = await pool.query<{ n: number }>('SELECT COUNT(*)::float8 AS n FROM samtycke_proofs');
      return result.rows[0]?.n ?? 0;
    },
    async pruneReceivedBefore(cutoff, cutAt): Promise<PruneResult> {
      return inTransaction(pool, async (client) => {
        const state = await chainState(client, true);
        const kept = await client.query<{ seq: number | null }>(
          'SELECT MIN(seq)::float8 AS seq FROM samtycke_proofs WHERE received_at >= $1',
          [cutoff],
        );
        const keptSeq = kept.rows[0]?.seq;
        const through = keptSeq === null || keptSeq === undefined ? Number(state.head_seq) : keptSeq - 1;
        const last = (
          await client.query<{ seq: number; chainHash: string }>(
            'SELECT seq::float8 AS seq, chain_hash AS "chainHash" FROM samtycke_proofs WHERE seq <= $1 ORDER BY seq DESC LIMIT 1',
            [through],
          )
        ).rows[0];
        if (!last || last.seq <= Number(state.anchor_seq)) return { deleted: 0, anchor: null };
        const deleted = await client.query('DELETE FROM samtycke_proofs WHERE seq <= $1', [last.seq]);
        await client.query('UPDATE samtycke_chain SET anchor_seq = $1, anchor_hash = $2, anchor_cut_at = $3 WHERE id = 1', [
          last.seq,
          last.chainHash,
          cutAt,
        ]);
        return { deleted: deleted.rowCount ?? 0, anchor: { seq: last.seq, chainHash: last.chainHash, cutAt } };
      });
    },
    async close() {
      await pool.end();
    },
  };
}
