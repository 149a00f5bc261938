import type { ProofStore } from './proof-store.js';

export interface StoreOptions {
  /** `postgres://…` switches to PostgreSQL; otherwise the SQLite file at `sqlitePath` is used. */
  databaseUrl?: string | undefined;
  sqlitePath?: string | undefined;
}

export const DEFAULT_SQLITE_PATH = './.data/proofs.sqlite';

/**
 * Opens the configured store. The drivers are loaded on demand so a site using only one of
 * them does not need the other installed.
 */
export async function openStore(options: StoreOptions): Promise<ProofStore> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresStore } = await import('./postgres-store.js').catch((error: Error) => {
      throw new Error(`PostgreSQL needs the "pg" package (npm install pg): ${error.message}`);
    });
    return openPostgresStore(url);
  }
  if (url) throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:…"`);
  const { openSqliteStore } = await import('./sqlite-store.js').catch((error: Error) => {
    throw new Error(`SQLite needs the "better-sqlite3" package (npm install better-sqlite3): ${error.message}`);
  });
  return openSqliteStore(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}
