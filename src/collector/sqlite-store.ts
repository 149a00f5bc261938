import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { computeChainHash } from './chain-hash.js';
import { createIncidentStore } from './incident-register.js';
import { positional, type Query, type SqlRunner } from './incident-sql.js';
import type { MigrationContext } from './migration.js';
import { assertSchemaCurrent, runMigrations } from './run-migrations.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type {
  AppendResult,
  ChainState,
  NewProof,
  ProofStore,
  PruneResult,
  Receipt,
  SnapshotReader,
  StatsRow,
  StoredCheckpoint,
  StoredProof,
} from './proof-store.js';

const COLUMNS = `chain, pos AS position, record_id AS recordId, consent_id AS consentId, action, timestamp,
  received_at AS receivedAt, content, content_hash AS contentHash, chain_hash AS chainHash, client_ip AS clientIp`;

const CHAIN_COLUMNS = `chain, head_pos AS headPosition, head_hash AS headHash, head_received_at AS headReceivedAt,
  anchor_pos AS anchorPosition, anchor_hash AS anchorHash, anchor_cut_at AS anchorCutAt`;

function open(file: string, readonly: boolean): Database.Database {
  if (!readonly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  if (readonly && !existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new Database(file, { readonly, fileMustExist: readonly });
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('busy_timeout = 10000');
  return db;
}

function context(db: Database.Database): MigrationContext {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
      return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Row[];
    },
    async script(sql: string) {
      db.exec(sql);
    },
  };
}

/**
 * The incident register's statements on SQLite. Transactions run one after another (a promise
 * chain), each BEGIN IMMEDIATE … COMMIT on `db`; their work awaits only these queries, which
 * answer synchronously, so nothing else on the event loop runs in between.
 */
function sqliteRunner(db: Database.Database): SqlRunner {
  const statements = new Map<string, Database.Statement>();
  const query: Query = async <Row>(sql: string, params: readonly unknown[] = []) => {
    const { text, values } = positional(sql, params);
    let statement = statements.get(text);
    if (!statement) statements.set(text, (statement = db.prepare(text)));
    return (statement.reader ? statement.all(...values) : (statement.run(...values), [])) as Row[];
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serial =
    (begin: string) =>
    <T>(work: (q: Query) => Promise<T>): Promise<T> => {
      const run = queue.then(async () => {
        db.exec(begin);
        try {
          const result = await work(query);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    };
  return { write: serial('BEGIN IMMEDIATE'), read: serial('BEGIN') };
}

function appliedOrNull(db: Database.Database): string[] | null {
  const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'samtycke_migrations'").get();
  if (!table) return null;
  return db.prepare<[], { name: string }>('SELECT name FROM samtycke_migrations ORDER BY name').all().map((row) => row.name);
}

/**
 * Brings an SQLite database to the current schema (creating the file when needed), in one
 * IMMEDIATE transaction. SQLite holds one chain: it serves one process.
 *
 * @returns the migrations applied now
 */
export async function migrateSqlite(file: string): Promise<string[]> {
  const db = open(file, false);
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const applied = await runMigrations(context(db), SQLITE_MIGRATIONS);
      db.exec('COMMIT');
      return applied;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    db.close();
  }
}

/**
 * Proof store on an embedded SQLite file: WAL journal with synchronous=FULL, so a committed
 * append survives a process kill or power loss. One chain; appends take BEGIN IMMEDIATE.
 * Opening runs no DDL: it refuses a database that `migrateSqlite` has not brought up to date.
 *
 * @throws SchemaError when the schema is missing, behind or ahead
 */
export function openSqliteStore(file: string, { readonly = false }: { readonly?: boolean } = {}): ProofStore {
  const db = open(file, readonly);
  try {
    assertSchemaCurrent(appliedOrNull(db), SQLITE_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }

  const selectChains = db.prepare<[], ChainState>(`SELECT ${CHAIN_COLUMNS} FROM samtycke_chains ORDER BY chain`);
  const selectExisting = db.prepare<[string], StoredProof>(`SELECT ${COLUMNS} FROM samtycke_proofs WHERE record_id = ?`);
  const insertText = db.prepare('INSERT OR IGNORE INTO samtycke_texts (text_hash, text, first_seen) VALUES (?, ?, ?)');
  const insertProof = db.prepare(`INSERT INTO samtycke_proofs
    (chain, pos, record_id, consent_id, action, timestamp, received_at, content, content_hash, chain_hash, client_ip)
    VALUES (@chain, @position, @recordId, @consentId, @action, @timestamp, @receivedAt, @content, @contentHash, @chainHash, @clientIp)`);
  const updateHead = db.prepare('UPDATE samtycke_chains SET head_pos = ?, head_hash = ?, head_received_at = ? WHERE chain = ?');
  const byConsentId = db.prepare<[string, number], StoredProof>(
    `SELECT ${COLUMNS} FROM samtycke_proofs WHERE consent_id = ? ORDER BY received_at, chain, pos LIMIT ?`,
  );
  const recent = db.prepare<[number], StoredProof>(`SELECT ${COLUMNS} FROM samtycke_proofs ORDER BY received_at DESC, pos DESC LIMIT ?`);
  const period = db.prepare<[string, string, number, number, number, number], StoredProof>(
    `SELECT ${COLUMNS} FROM samtycke_proofs WHERE timestamp >= ? AND timestamp < ? AND (chain > ? OR (chain = ? AND pos > ?))
     ORDER BY chain, pos LIMIT ?`,
  );
  const text = db.prepare<[string], { text: string }>('SELECT text FROM samtycke_texts WHERE text_hash = ?');
  const chainRows = db.prepare<[number, number, number, number], StoredProof>(
    `SELECT ${COLUMNS} FROM samtycke_proofs WHERE chain = ? AND pos > ? AND pos <= ? ORDER BY pos LIMIT ?`,
  );
  const texts = db.prepare<[string, number], { textHash: string; text: string }>(
    'SELECT text_hash AS textHash, text FROM samtycke_texts WHERE text_hash > ? ORDER BY text_hash LIMIT ?',
  );
  const lastBefore = db.prepare<[number, string], { position: number; chainHash: string } | undefined>(
    'SELECT pos AS position, chain_hash AS chainHash FROM samtycke_proofs WHERE chain = ? AND received_at < ? ORDER BY pos DESC LIMIT 1',
  );
  const deleteThrough = db.prepare('DELETE FROM samtycke_proofs WHERE chain = ? AND pos <= ?');
  const updateAnchor = db.prepare('UPDATE samtycke_chains SET anchor_pos = ?, anchor_hash = ?, anchor_cut_at = ? WHERE chain = ?');
  const insertCheckpoint = db.prepare('INSERT INTO samtycke_checkpoints (created_at, tree_size, note) VALUES (?, ?, ?)');
  const latest = db.prepare<[], StoredCheckpoint>(
    'SELECT id, created_at AS createdAt, tree_size AS treeSize, note FROM samtycke_checkpoints ORDER BY id DESC LIMIT 1',
  );
  const statsQuery = db.prepare<[string, string], StatsRow>(
    `SELECT substr(timestamp, 1, 10) AS day, action, COALESCE(json_extract(content, '$.layer'), 'api') AS layer,
       json_extract(content, '$.revision') AS revision, json_extract(content, '$.locale') AS locale, COUNT(*) AS count
     FROM samtycke_proofs WHERE timestamp >= ? AND timestamp < ?
     GROUP BY day, action, layer, revision, locale ORDER BY day, action, layer, revision, locale`,
  );

  const appendTx = db.transaction((proofs: NewProof[], textMap: ReadonlyMap<string, string>, requestTime: string): AppendResult => {
    const chains = new Map(selectChains.all().map((state) => [state.chain, { ...state }]));
    const receipts: Receipt[] = [];
    let receivedAt = requestTime;
    for (const proof of proofs) {
      const state = chains.get(proof.chain);
      if (!state) throw new Error(`unknown chain ${proof.chain}`);
      if (state.headReceivedAt > receivedAt) receivedAt = state.headReceivedAt;
    }
    for (const [hash, value] of textMap) insertText.run(hash, value, receivedAt);
    for (const proof of proofs) {
      const existing = selectExisting.get(proof.recordId);
      if (existing) {
        receipts.push({ ...pick(existing), duplicate: true });
        continue;
      }
      const state = chains.get(proof.chain)!;
      state.headPosition += 1;
      state.headHash = computeChainHash(state.headHash, proof.contentHash);
      state.headReceivedAt = receivedAt;
      insertProof.run({ ...proof, position: state.headPosition, receivedAt, chainHash: state.headHash });
      receipts.push({ recordId: proof.recordId, chain: proof.chain, position: state.headPosition, chainHash: state.headHash, receivedAt, duplicate: false });
    }
    for (const state of chains.values()) {
      if (receipts.some((receipt) => !receipt.duplicate && receipt.chain === state.chain)) {
        updateHead.run(state.headPosition, state.headHash, state.headReceivedAt, state.chain);
      }
    }
    return { receipts };
  });

  const pruneTx = db.transaction((cutoff: string, cutAt: string): PruneResult => {
    let deleted = 0;
    const anchors: ChainState[] = [];
    for (const state of selectChains.all()) {
      const last = lastBefore.get(state.chain, cutoff);
      if (!last || last.position <= state.anchorPosition) continue;
      deleted += deleteThrough.run(state.chain, last.position).changes;
      updateAnchor.run(last.position, last.chainHash, cutAt, state.chain);
      anchors.push({ ...state, anchorPosition: last.position, anchorHash: last.chainHash, anchorCutAt: cutAt });
    }
    return { deleted, anchors, cutBefore: deleted > 0 ? cutoff : null };
  });

  const reader = (handle: Database.Database): SnapshotReader => {
    const chainsOf = handle.prepare<[], ChainState>(`SELECT ${CHAIN_COLUMNS} FROM samtycke_chains ORDER BY chain`);
    const rowsOf = handle === db ? chainRows : handle.prepare<[number, number, number, number], StoredProof>(chainRows.source);
    const textsOf = handle === db ? texts : handle.prepare<[string, number], { textHash: string; text: string }>(texts.source);
    return {
      async chains() {
        return chainsOf.all();
      },
      async readChain(chain, after, through, limit) {
        return rowsOf.all(chain, after, through, limit);
      },
      async readTexts(after, limit) {
        return textsOf.all(after, limit);
      },
    };
  };

  // The register writes on a connection of its own, so its transactions never nest inside an
  // append's on this one (SQLite's file lock keeps the two apart).
  const registerDb = file === ':memory:' || readonly ? db : open(file, false);
  const incidents = createIncidentStore(sqliteRunner(registerDb), 'sqlite');

  return {
    kind: 'sqlite',
    incidents,
    chainCount: selectChains.all().length,
    async append(proofs, textMap, receivedAt) {
      return appendTx.immediate(proofs, textMap, receivedAt);
    },
    async findByRecordId(recordId) {
      return selectExisting.get(recordId);
    },
    async findByConsentId(consentId, limit) {
      return byConsentId.all(consentId, limit);
    },
    async listRecent(limit) {
      return recent.all(limit);
    },
    async readPeriod(from, to, after, limit) {
      const chain = after?.chain ?? -1;
      return period.all(from, to, chain, chain, after?.position ?? 0, limit);
    },
    async getText(textHash) {
      return text.get(textHash)?.text;
    },
    async chains() {
      return selectChains.all();
    },
    async snapshot(work) {
      // Its own read-only connection: a read transaction there sees one state of the WAL while
      // this connection keeps appending.
      const handle = file === ':memory:' ? db : open(file, true);
      handle.exec('BEGIN');
      try {
        handle.prepare('SELECT 1 FROM samtycke_chains LIMIT 1').get(); // starts the snapshot now
        return await work(reader(handle));
      } finally {
        handle.exec('COMMIT');
        if (handle !== db) handle.close();
      }
    },
    async count() {
      return selectChains.all().reduce((sum, state) => sum + state.headPosition - state.anchorPosition, 0);
    },
    async pruneReceivedBefore(cutoff, cutAt) {
      return pruneTx.immediate(cutoff, cutAt);
    },
    async saveCheckpoint(note, treeSize, createdAt) {
      insertCheckpoint.run(createdAt, treeSize, note);
    },
    async latestCheckpoint() {
      return latest.get();
    },
    async stats(from, to) {
      return statsQuery.all(from, to);
    },
    async maintain() {},
    async close() {
      if (registerDb !== db && registerDb.open) registerDb.close();
      if (db.open) db.close();
    },
  };
}

function pick(row: StoredProof): Omit<Receipt, 'duplicate'> {
  return { recordId: row.recordId, chain: row.chain, position: row.position, chainHash: row.chainHash, receivedAt: row.receivedAt };
}

