import pg from 'pg';
import type { MigrationContext } from './migration.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import { MONTHS_AHEAD, ensureMonthPartitions, monthStart, partitionMonth } from './postgres-partitions.js';
import type {
  ChainState,
  ProofStore,
  PruneResult,
  Receipt,
  SnapshotReader,
  StatsRow,
  StoredCheckpoint,
  StoredProof,
} from './proof-store.js';
import { GENESIS_HASH } from './chain-hash.js';
import { createIncidentStore } from './incident-register.js';
import type { SqlRunner } from './incident-sql.js';
import { MAX_CHAINS } from './chain-key.js';
import { appliedMigrations, assertSchemaCurrent, runMigrations } from './run-migrations.js';

const COLUMNS = `chain, pos::float8 AS "position", record_id AS "recordId", consent_id AS "consentId", action, timestamp,
  received_at AS "receivedAt", content, content_hash AS "contentHash", chain_hash AS "chainHash", client_ip AS "clientIp"`;

const CHAIN_SELECT = `SELECT chain, head_pos::float8 AS "headPosition", head_hash AS "headHash", head_received_at AS "headReceivedAt",
  anchor_pos::float8 AS "anchorPosition", anchor_hash AS "anchorHash", anchor_cut_at AS "anchorCutAt" FROM samtycke_chains ORDER BY chain`;

/** Key of the advisory lock `migrate` holds, so two runs never interleave. */
const MIGRATION_LOCK = 7270937;
/** Key of the advisory lock housekeeping holds while it makes partitions. */
const MAINTENANCE_LOCK = 7270938;

function clientContext(client: pg.ClientBase): MigrationContext {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rows as Row[];
    },
    async script(sql: string) {
      await client.query(sql);
    },
  };
}

async function inTransaction<T>(pool: pg.Pool, begin: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
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
 * Brings a PostgreSQL database to the current schema in one transaction under an advisory lock,
 * then makes sure it has `chains` chains (never fewer than it has: a chain's rows stay where they are).
 *
 * @param chains 1 … MAX_CHAINS, or undefined to keep the current count (1 on a new database)
 * @returns the migrations applied now and the chain count
 * @throws RangeError when `chains` is fewer than the database has
 */
export async function migratePostgres(connectionString: string, chains?: number): Promise<{ applied: string[]; chains: number }> {
  const pool = new pg.Pool({ connectionString, max: 1 });
  try {
    return await inTransaction(pool, 'BEGIN', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const db = clientContext(client);
      const applied = await runMigrations(db, POSTGRES_MIGRATIONS);
      const have = Number((await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM samtycke_chains')).rows[0]?.n ?? 0);
      const want = chains ?? Math.max(have, 1);
      if (want < have) throw new RangeError(`the log has ${have} chains; their number can grow but not shrink (asked for ${want})`);
      if (want > MAX_CHAINS) throw new RangeError(`at most ${MAX_CHAINS} chains`);
      await client.query(
        `INSERT INTO samtycke_chains (chain, head_pos, head_hash, head_received_at, anchor_pos, anchor_hash)
         SELECT n, 0, $2, '', 0, $2 FROM generate_series(0, $1 - 1) AS n ON CONFLICT (chain) DO NOTHING`,
        [want, GENESIS_HASH],
      );
      await ensureMonthPartitions(db, new Date(), monthStart(new Date(), MONTHS_AHEAD));
      return { applied, chains: want };
    });
  } finally {
    await pool.end();
  }
}

/**
 * Proof store on PostgreSQL for one or many collector processes. An append is one statement
 * (`samtycke_append`, one round trip) that locks only the chains its records belong to. Opening
 * runs no DDL and takes no lock: it refuses a database `migratePostgres` has not brought up to date.
 *
 * @throws SchemaError when the schema is missing, behind or ahead
 */
export async function openPostgresStore(connectionString: string, poolSize = 10): Promise<ProofStore> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', (error) => process.emitWarning(`samtycke: PostgreSQL pool error: ${error.message}`));
  try {
    const table = await pool.query<{ found: string | null }>(`SELECT to_regclass('samtycke_migrations')::text AS found`);
    assertSchemaCurrent(table.rows[0]?.found ? await appliedMigrations(clientContext(pool as unknown as pg.ClientBase)) : null, POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const chainCount = Number((await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM samtycke_chains')).rows[0]?.n ?? 0);

  async function rows(sql: string, params: unknown[]): Promise<StoredProof[]> {
    return (await pool.query<StoredProof>(sql, params)).rows;
  }

  async function chains(client: pg.Pool | pg.PoolClient = pool): Promise<ChainState[]> {
    return (await client.query<ChainState>(CHAIN_SELECT)).rows;
  }

  const reader = (client: pg.PoolClient): SnapshotReader => ({
    chains: () => chains(client),
    async readChain(chain, after, through, limit) {
      return (
        await client.query<StoredProof>(
          `SELECT ${COLUMNS} FROM samtycke_proofs WHERE chain = $1 AND pos > $2 AND pos <= $3 ORDER BY pos LIMIT $4`,
          [chain, after, through, limit],
        )
      ).rows;
    },
    async readTexts(after, limit) {
      return (
        await client.query<{ textHash: string; text: string }>(
          'SELECT text_hash AS "textHash", text FROM samtycke_texts WHERE text_hash > $1 ORDER BY text_hash LIMIT $2',
          [after, limit],
        )
      ).rows;
    },
  });

  const register: SqlRunner = {
    write: (work) => inTransaction(pool, 'BEGIN', (client) => work(async (sql, params = []) => (await client.query(sql, [...params])).rows)),
    read: (work) => inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => work(async (sql, params = []) => (await client.query(sql, [...params])).rows)),
  };

  return {
    kind: 'postgres',
    incidents: createIncidentStore(register, 'postgres'),
    chainCount,
    async append(proofs, texts, receivedAt) {
      const result = await pool.query<{
        o_record_id: string;
        o_chain: number;
        o_pos: string;
        o_chain_hash: string;
        o_received_at: string;
        o_duplicate: boolean;
      }>({
        name: 'samtycke_append',
        text: 'SELECT * FROM samtycke_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        values: [
          receivedAt,
          proofs.map((proof) => proof.chain),
          proofs.map((proof) => proof.recordId),
          proofs.map((proof) => proof.consentId),
          proofs.map((proof) => proof.action),
          proofs.map((proof) => proof.timestamp),
          proofs.map((proof) => proof.content),
          proofs.map((proof) => proof.contentHash),
          proofs.map((proof) => proof.clientIp),
          [...texts.keys()],
          [...texts.values()],
        ],
      });
      const byId = new Map<string, Receipt>();
      for (const row of result.rows) {
        byId.set(row.o_record_id, {
          recordId: row.o_record_id,
          chain: row.o_chain,
          position: Number(row.o_pos),
          chainHash: row.o_chain_hash,
          receivedAt: row.o_received_at,
          duplicate: row.o_duplicate,
        });
      }
      return { receipts: proofs.map((proof) => byId.get(proof.recordId)).filter((receipt): receipt is Receipt => receipt !== undefined) };
    },
    async findByRecordId(recordId) {
      return (await rows(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE record_id = $1 LIMIT 1`, [recordId]))[0];
    },
    async findByConsentId(consentId, limit) {
      return rows(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE consent_id = $1 ORDER BY received_at, chain, pos LIMIT $2`, [consentId, limit]);
    },
    async listRecent(limit) {
      return rows(`SELECT ${COLUMNS} FROM samtycke_proofs ORDER BY received_at DESC, pos DESC LIMIT $1`, [limit]);
    },
    async readPeriod(from, to, after, limit) {
      return rows(
        `SELECT ${COLUMNS} FROM samtycke_proofs WHERE timestamp >= $1 AND timestamp < $2 AND (chain, pos) > ($3, $4)
         ORDER BY chain, pos LIMIT $5`,
        [from, to, after?.chain ?? -1, after?.position ?? 0, limit],
      );
    },
    async getText(textHash) {
      const result = await pool.query<{ text: string }>('SELECT text FROM samtycke_texts WHERE text_hash = $1', [textHash]);
      return result.rows[0]?.text;
    },
    chains: () => chains(),
    snapshot(work) {
      return inTransaction(pool, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => work(reader(client)));
    },
    async count() {
      return (await chains()).reduce((sum, state) => sum + state.headPosition - state.anchorPosition, 0);
    },
    async pruneReceivedBefore(cutoff, cutAt): Promise<PruneResult> {
      // Only whole months go: the cut is the start of the cutoff's month.
      const cut = monthStart(new Date(cutoff)).toISOString();
      return inTransaction(pool, 'BEGIN', async (client) => {
        // Give up rather than queue behind a long reader: the job runs again later.
        await client.query("SET LOCAL lock_timeout = '10s'");
        const states = (await client.query<ChainState>(`${CHAIN_SELECT} FOR UPDATE`)).rows;
        const last = await client.query<{ chain: number; position: number; chainHash: string }>(
          `SELECT DISTINCT ON (chain) chain, pos::float8 AS "position", chain_hash AS "chainHash"
           FROM samtycke_proofs WHERE received_at < $1 ORDER BY chain, pos DESC`,
          [cut],
        );
        const anchors: ChainState[] = [];
        for (const row of last.rows) {
          const state = states.find((entry) => entry.chain === row.chain);
          if (!state || row.position <= state.anchorPosition) continue;
          await client.query('UPDATE samtycke_chains SET anchor_pos = $1, anchor_hash = $2, anchor_cut_at = $3 WHERE chain = $4', [
            row.position,
            row.chainHash,
            cutAt,
            row.chain,
          ]);
          anchors.push({ ...state, anchorPosition: row.position, anchorHash: row.chainHash, anchorCutAt: cutAt });
        }
        if (anchors.length === 0) return { deleted: 0, anchors, cutBefore: null };
        const counted = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM samtycke_proofs WHERE received_at < $1', [cut]);
        const partitions = await client.query<{ name: string }>(
          `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'samtycke_proofs'::regclass`,
        );
        for (const { name } of partitions.rows) {
          const month = partitionMonth(name);
          if (month && monthStart(month, 1).toISOString() <= cut) await client.query(`DROP TABLE ${name}`);
        }
        // Rows that landed in the default partition (no month partition existed) go row by row.
        await client.query('DELETE FROM samtycke_proofs_default WHERE received_at < $1', [cut]);
        return { deleted: Number(counted.rows[0]?.n ?? 0), anchors, cutBefore: cut };
      });
    },
    async saveCheckpoint(note, treeSize, createdAt) {
      await pool.query('INSERT INTO samtycke_checkpoints (created_at, tree_size, note) VALUES ($1, $2, $3)', [createdAt, treeSize, note]);
    },
    async latestCheckpoint() {
      const result = await pool.query<StoredCheckpoint>(
        'SELECT id::float8 AS id, created_at AS "createdAt", tree_size::float8 AS "treeSize", note FROM samtycke_checkpoints ORDER BY id DESC LIMIT 1',
      );
      return result.rows[0];
    },
    async stats(from, to) {
      const result = await pool.query<StatsRow & { count: string }>(
        `SELECT substr(timestamp, 1, 10) AS day, action, COALESCE(content::jsonb ->> 'layer', 'api') AS layer,
           content::jsonb ->> 'revision' AS revision, content::jsonb ->> 'locale' AS locale, COUNT(*) AS count
         FROM samtycke_proofs WHERE timestamp >= $1 AND timestamp < $2
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
        [from, to],
      );
      return result.rows.map((row) => ({ ...row, count: Number(row.count) }));
    },
    async maintain(now) {
      // One process at a time (several collectors run this at start and every 6 hours); the
      // others skip, the partitions being made already.
      await inTransaction(pool, 'BEGIN', async (client) => {
        await client.query("SET LOCAL lock_timeout = '10s'");
        const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [MAINTENANCE_LOCK]);
        if (locked.rows[0]?.ok) await ensureMonthPartitions(clientContext(client), now, monthStart(now, MONTHS_AHEAD));
      });
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}
