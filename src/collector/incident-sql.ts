/**
 * The incident register's tables (migration `0003-incident-register`) and how the register
 * reaches them: one SQL dialect (`$1` parameters, no vendor functions) that both stores run, so
 * SQLite and PostgreSQL give the same answers from the same code.
 */

/** Runs one statement with `$1`-style parameters (a parameter may appear twice) and returns its rows. */
export type Query = <Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<Row[]>;

/** A store's way of running the register's statements. */
export interface SqlRunner {
  /**
   * Runs `work` in one write transaction (PostgreSQL: READ COMMITTED, serialised by the head
   * row's lock; SQLite: BEGIN IMMEDIATE on a connection of its own). On SQLite `work` must await
   * nothing but its queries, which answer at once.
   */
  write<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** Runs `work` against one consistent read-only snapshot. */
  read<T>(work: (query: Query) => Promise<T>): Promise<T>;
}

/**
 * The tables, the same on both stores but for types (`BIGINT` and `COLLATE "C"` on PostgreSQL,
 * so text sorts by code point there as it does in SQLite):
 *
 * - `samtycke_incident_log`: the register itself, one hash chain (pos 1, 2, …); entries are
 *   never updated or deleted (a trigger refuses it). `record_id` makes reports idempotent.
 * - `samtycke_incident_head`: the chain's head.
 * - `samtycke_incidents`: each incident as it stands, kept in step with the log in the same
 *   transaction, and checked against a replay of the log by `verify`.
 * - `samtycke_incident_alerts`: the alerts due (opened, a deadline 6 hours away), their
 *   attempts and outcome. Operational state, not part of the register.
 */
export function incidentTables(dialect: 'sqlite' | 'postgres', genesis: string): string {
  const big = dialect === 'postgres' ? 'BIGINT' : 'INTEGER';
  const text = dialect === 'postgres' ? 'TEXT COLLATE "C"' : 'TEXT';
  const refuse =
    dialect === 'postgres'
      ? `CREATE OR REPLACE FUNCTION samtycke_refuse_register_change() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'samtycke_incident_log is append-only'; END $$;
CREATE TRIGGER samtycke_incident_log_append_only BEFORE UPDATE OR DELETE ON samtycke_incident_log
  FOR EACH ROW EXECUTE FUNCTION samtycke_refuse_register_change();`
      : `CREATE TRIGGER samtycke_incident_log_no_update BEFORE UPDATE ON samtycke_incident_log
BEGIN SELECT RAISE(ABORT, 'samtycke_incident_log is append-only'); END;
CREATE TRIGGER samtycke_incident_log_no_delete BEFORE DELETE ON samtycke_incident_log
BEGIN SELECT RAISE(ABORT, 'samtycke_incident_log is append-only'); END;`;
  return `
CREATE TABLE samtycke_incident_log (
  pos ${big} PRIMARY KEY, incident_id ${text} NOT NULL, entry ${text} NOT NULL, at ${text} NOT NULL,
  actor TEXT NOT NULL, record_id ${text} UNIQUE, consent_id ${text}, content TEXT NOT NULL,
  content_hash TEXT NOT NULL, chain_hash TEXT NOT NULL);
CREATE INDEX samtycke_incident_log_incident ON samtycke_incident_log (incident_id, pos);
CREATE INDEX samtycke_incident_log_visitor ON samtycke_incident_log (incident_id, consent_id);
CREATE TABLE samtycke_incident_head (id INTEGER PRIMARY KEY CHECK (id = 1), head_pos ${big} NOT NULL, head_hash TEXT NOT NULL);
INSERT INTO samtycke_incident_head (id, head_pos, head_hash) VALUES (1, 0, '${genesis}');
CREATE TABLE samtycke_incidents (
  id ${text} PRIMARY KEY, number INTEGER NOT NULL UNIQUE, service ${text} NOT NULL, category ${text} NOT NULL,
  host ${text} NOT NULL, data_kind ${text} NOT NULL, operator_type TEXT NOT NULL, status ${text} NOT NULL,
  detected_at ${text} NOT NULL, first_seen ${text} NOT NULL, last_seen ${text} NOT NULL, occurrences INTEGER NOT NULL,
  blocked INTEGER NOT NULL, visitors INTEGER NOT NULL, without_consent_id INTEGER NOT NULL, assessed_at ${text},
  updated_at ${text} NOT NULL, closed_at ${text});
CREATE INDEX samtycke_incidents_group ON samtycke_incidents (service, host, data_kind, status);
CREATE TABLE samtycke_incident_alerts (
  incident_id ${text} NOT NULL, alert ${text} NOT NULL, due_at ${text} NOT NULL, attempts INTEGER NOT NULL,
  next_at ${text} NOT NULL, lease_until ${text}, outcome ${text}, finished_at ${text}, last_error TEXT,
  PRIMARY KEY (incident_id, alert));
CREATE INDEX samtycke_incident_alerts_due ON samtycke_incident_alerts (outcome, next_at);
${refuse}`;
}

/** `$1`-style SQL for SQLite: each `$n` becomes `?` and the values are laid out in the order they appear. */
export function positional(sql: string, params: readonly unknown[]): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    values.push(params[Number(n) - 1]);
    return '?';
  });
  return { text, values };
}
