import type { MigrationContext } from './migration.js';

/** Months created ahead of the current one, so an insert never waits for DDL. */
export const MONTHS_AHEAD = 2;

/** First instant of the UTC month of `date`. */
export function monthStart(date: Date, offsetMonths = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offsetMonths, 1));
}

/** `samtycke_proofs_2026_11` for the month starting at `month`. */
export function partitionName(month: Date): string {
  return `samtycke_proofs_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month a partition holds, or null when the name is not a month partition's. */
export function partitionMonth(name: string): Date | null {
  const match = /^samtycke_proofs_(\d{4})_(\d{2})$/.exec(name);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : null;
}

/**
 * Creates the monthly partitions of the proof log from `from`'s month through `to`'s month that do
 * not exist yet. Each is created as a plain table and then attached, which takes only a SHARE
 * UPDATE EXCLUSIVE lock on the log, so appends and reads go on meanwhile.
 */
export async function ensureMonthPartitions(db: Pick<MigrationContext, 'query'>, from: Date, to: Date): Promise<string[]> {
  const existing = new Set(
    (
      await db.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'samtycke_proofs'::regclass`,
      )
    ).map((row) => row.name),
  );
  const created: string[] = [];
  for (let month = monthStart(from); month <= monthStart(to); month = monthStart(month, 1)) {
    const name = partitionName(month);
    if (existing.has(name)) continue;
    const lower = month.toISOString();
    const upper = monthStart(month, 1).toISOString();
    await db.query(`CREATE TABLE IF NOT EXISTS ${name} (LIKE samtycke_proofs INCLUDING DEFAULTS)`);
    await db.query(`ALTER TABLE samtycke_proofs ATTACH PARTITION ${name} FOR VALUES FROM ('${lower}') TO ('${upper}')`);
    created.push(name);
  }
  return created;
}
