import type { ProofStore } from './proof-store.js';

/** Which database to open, and how. */
export interface StoreOptions {
  /** `postgres://…` switches to PostgreSQL; otherwise the SQLite file at `sqlitePath` is used. */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
  /** SQLite only: open the file read-only (for `verify`); a missing file is an error. */
  readonly?: boolean;
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number;
}

/** Where `serve` keeps its SQLite file when no --db is given. */
export const DEFAULT_SQLITE_PATH = './.data/proofs.sqlite';

function postgresUrl(options: StoreOptions): string | undefined {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return url;
  if (url) throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:…"`);
  return undefined;
}

async function postgresModule() {
  return import('./postgres-store.js').catch((error: Error) => {
    throw new Error(`PostgreSQL needs the "pg" package (npm install pg): ${error.message}`);
  });
}

async function sqliteModule() {
  return import('./sqlite-store.js').catch((error: Error) => {
    throw new Error(`SQLite needs the "better-sqlite3" package (npm install better-sqlite3): ${error.message}`);
  });
}

/**
 * Opens the configured store. It runs no DDL: a database that is not at this version's schema is
 * refused with a SchemaError that names the command to run (`samtycke migrate`). The drivers are
 * loaded on demand so a site using only one of them does not need the other installed.
 *
 * @example const store = await openStore({ databaseUrl: process.env.DATABASE_URL });
 * @throws SchemaError, or Error when the driver is missing or the database unreachable
 */
export async function openStore(options: StoreOptions): Promise<ProofStore> {
  const url = postgresUrl(options);
  if (url) return (await postgresModule()).openPostgresStore(url, options.poolSize);
  return (await sqliteModule()).openSqliteStore(options.sqlitePath ?? DEFAULT_SQLITE_PATH, { readonly: options.readonly ?? false });
}

/** What `migrateStore` did. */
export interface MigrateResult {
  /** Migrations applied by this call, in order (empty when the schema was current). */
  applied: string[];
  /** Chains the log now has. */
  chains: number;
}

/**
 * Brings the database to this version's schema (versioned migrations, each applied once, in one
 * transaction), and on PostgreSQL to at least `chains` chains. Safe to run while collectors serve:
 * on PostgreSQL it takes an advisory lock, so concurrent runs wait for each other.
 *
 * @param chains PostgreSQL: 1 … 256, never fewer than the log has; SQLite: only 1
 * @example await migrateStore({ databaseUrl }, { chains: 16 });
 * @throws RangeError for an impossible chain count
 */
export async function migrateStore(options: StoreOptions, { chains }: { chains?: number } = {}): Promise<MigrateResult> {
  const url = postgresUrl(options);
  if (url) return (await postgresModule()).migratePostgres(url, chains);
  if (chains !== undefined && chains !== 1) throw new RangeError('SQLite keeps one chain (it serves one process); use PostgreSQL for more');
  const applied = await (await sqliteModule()).migrateSqlite(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
  return { applied, chains: 1 };
}
