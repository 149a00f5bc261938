import type { Migration, MigrationContext } from './migration.js';

/** The database's schema is missing, behind, or ahead of this version of samtycke. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

const CREATE_TABLE = 'CREATE TABLE IF NOT EXISTS samtycke_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)';

/**
 * Applies the pending migrations in order with umzug, recording each in `samtycke_migrations`.
 * The caller runs this inside one transaction (and, on PostgreSQL, an advisory lock), so a
 * failed migration leaves the schema as it was and two `migrate` runs never interleave.
 *
 * @returns the names applied now, in order
 */
export async function runMigrations(context: MigrationContext, migrations: readonly Migration[]): Promise<string[]> {
  const { Umzug } = await import('umzug').catch((error: Error) => {
    throw new Error(`migrations need the "umzug" package (npm install umzug): ${error.message}`);
  });
  await context.query(CREATE_TABLE);
  const known = await appliedMigrations(context);
  const unknown = known.filter((name) => !migrations.some((migration) => migration.name === name));
  if (unknown.length) throw newerSchema(unknown);
  const umzug = new Umzug<MigrationContext>({
    migrations: migrations.map((migration) => ({ name: migration.name, up: ({ context: db }) => migration.up(db) })),
    context,
    storage: {
      executed: () => appliedMigrations(context),
      async logMigration({ name }) {
        await context.query('INSERT INTO samtycke_migrations (name, applied_at) VALUES ($1, $2)', [name, new Date().toISOString()]);
      },
      async unlogMigration({ name }) {
        await context.query('DELETE FROM samtycke_migrations WHERE name = $1', [name]);
      },
    },
    logger: undefined,
  });
  return (await umzug.up()).map((migration) => migration.name);
}

/** Names recorded in `samtycke_migrations`; empty when the table does not exist. */
export async function appliedMigrations(context: Pick<MigrationContext, 'query'>): Promise<string[]> {
  const rows = await context.query<{ name: string }>('SELECT name FROM samtycke_migrations ORDER BY name');
  return rows.map((row) => row.name);
}

function newerSchema(unknown: readonly string[]): SchemaError {
  return new SchemaError(
    `the database schema is newer than this version of samtycke (it has ${unknown.join(', ')}): upgrade samtycke to the version that migrated it`,
  );
}

/**
 * Throws a SchemaError naming the command to run unless every known migration, and nothing
 * else, has been applied. `applied` is null when the migrations table does not exist.
 */
export function assertSchemaCurrent(applied: readonly string[] | null, migrations: readonly Migration[]): void {
  if (applied === null || applied.length === 0) {
    throw new SchemaError('the database has no samtycke schema yet, or one from before versioned migrations: run `samtycke migrate` first');
  }
  const unknown = applied.filter((name) => !migrations.some((migration) => migration.name === name));
  if (unknown.length) throw newerSchema(unknown);
  const pending = migrations.filter((migration) => !applied.includes(migration.name)).map((migration) => migration.name);
  if (pending.length) {
    throw new SchemaError(`the database schema is behind this version of samtycke (pending: ${pending.join(', ')}): run \`samtycke migrate\``);
  }
}
