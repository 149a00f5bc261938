/** How a migration reaches the database it changes. */
export interface MigrationContext {
  /** Runs one statement with `$1`-style (PostgreSQL) or `?` (SQLite) parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  script(sql: string): Promise<void>;
}

/** One versioned schema change. Names sort in the order they apply (`0001-…`, `0002-…`). */
export interface Migration {
  readonly name: string;
  up(context: MigrationContext): Promise<void>;
}

/** The previous hash of a chain's first row (64 zeros). */
export { GENESIS_HASH as GENESIS } from './chain-hash.js';
