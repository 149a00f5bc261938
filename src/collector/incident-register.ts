/**
 * The incident register (R42; PTS-INC: "samtliga integritetsincidenter ska föras in i en
 * förteckning", Reg. 611/2013 art. 2(5); GDPR art. 33(5)): leak reports grouped into incidents,
 * and every change to an incident, kept in an append-only hash chain. The same code runs on
 * SQLite and PostgreSQL through a `SqlRunner`; all writes go through one lock (the chain's head),
 * so two collectors never open two incidents for the same leak.
 */
import type { LeakReport } from '../proof/leak-report.js';
import { canonicalJson } from './canonical-json.js';
import { computeChainHash, computeContentHash } from './chain-hash.js';
import {
  applyEntry,
  groupKey,
  incidentDeadlines,
  IncidentError,
  refuseStatus,
  type Deadlines,
  type IncidentChange,
  type IncidentState,
  type RegisterEntry,
} from './incident-model.js';
import type { Query, SqlRunner } from './incident-sql.js';
import { randomUUID } from 'node:crypto';

/** Hours before a deadline that its alert is due. */
export const ALERT_LEAD_HOURS = 6;

/** One row of the register's log. */
export interface StoredEntry {
  position: number;
  incidentId: string;
  entry: RegisterEntry['entry'];
  at: string;
  actor: string;
  recordId: string | null;
  consentId: string | null;
  content: string;
  contentHash: string;
  chainHash: string;
}

/** What recording a batch of reports did, report by report. */
export interface ReportReceipt {
  recordId: string;
  incidentId: string;
  /** Already recorded (acknowledged again, not counted twice). */
  duplicate: boolean;
}

/** An alert that is due: the incident opened, or one of its deadlines is 6 hours away. */
export interface AlertRow {
  incidentId: string;
  /** `opened`, or the deadline it warns of: `gdpr`, `ptsInitial`, `ptsFull`. */
  alert: string;
  dueAt: string;
  attempts: number;
  nextAt: string;
  /** `sent`, `skipped` (no longer needed), `failed` (gave up), or `null` while pending. */
  outcome: string | null;
  finishedAt: string | null;
  lastError: string | null;
}

/** The register's contract; `ProofStore.incidents` is one. */
export interface IncidentStore {
  /**
   * Records validated reports received at `receivedAt`: each joins the open incident of its
   * service, host and kind of data, or opens one. Idempotent by record id.
   * @param operatorType when set (the collector's own setting), overrides what the reports say
   */
  recordReports(reports: readonly LeakReport[], receivedAt: string, operatorType?: 'ecs' | 'other'): Promise<{ receipts: ReportReceipt[]; opened: IncidentState[] }>;
  /** Every incident, newest first. */
  list(): Promise<IncidentState[]>;
  get(id: string): Promise<IncidentState | undefined>;
  /** The incident's log entries (reports included), oldest first, at most `limit` reports. */
  entries(id: string, reportLimit?: number): Promise<StoredEntry[]>;
  /**
   * Records a status change, an assessment or a measure by `actor`.
   * @throws IncidentError 404 for an unknown incident, 409 for a status change not allowed now
   */
  change(id: string, change: IncidentChange, actor: string, at: string): Promise<IncidentState>;
  /** The alerts of one incident. */
  alerts(id: string): Promise<AlertRow[]>;
  /** Takes up to `limit` pending alerts due by `now`, each leased for `leaseMs` to this caller alone. */
  claimAlerts(now: string, leaseMs: number, limit: number): Promise<Array<AlertRow & { incident: IncidentState }>>;
  /** Records an alert's outcome: `sent`, `skipped`, `failed`, or `null` with the time of the next attempt. */
  finishAlert(incidentId: string, alert: string, outcome: 'sent' | 'skipped' | 'failed' | null, at: string, nextAt?: string, error?: string): Promise<void>;
  /** Reads the whole log and the incidents in one snapshot, for `verifyRegister`. */
  snapshot<T>(work: (reader: RegisterReader) => Promise<T>): Promise<T>;
}

/** Reads of one snapshot of the register. */
export interface RegisterReader {
  head(): Promise<{ position: number; hash: string }>;
  /** Log rows with position > after, in order. */
  entries(after: number, limit: number): Promise<StoredEntry[]>;
  incidents(): Promise<IncidentState[]>;
}

const ENTRY_COLUMNS = `pos AS position, incident_id AS "incidentId", entry, at, actor, record_id AS "recordId",
  consent_id AS "consentId", content, content_hash AS "contentHash", chain_hash AS "chainHash"`;
const INCIDENT_COLUMNS = `id, number, service, category, host, data_kind AS "dataKind", operator_type AS "operatorType", status,
  detected_at AS "detectedAt", first_seen AS "firstSeen", last_seen AS "lastSeen", occurrences, blocked, visitors,
  without_consent_id AS "withoutConsentId", assessed_at AS "assessedAt", updated_at AS "updatedAt", closed_at AS "closedAt"`;
const ALERT_COLUMNS = `incident_id AS "incidentId", alert, due_at AS "dueAt", attempts, next_at AS "nextAt", outcome,
  finished_at AS "finishedAt", last_error AS "lastError"`;

type IncidentRow = Omit<IncidentState, 'service' | 'category'> & { service: string; category: string };

/** Columns come back as strings from PostgreSQL (BIGINT) and as numbers from SQLite; '' stands for "no service". */
function toIncident(row: IncidentRow): IncidentState {
  return {
    ...row,
    number: Number(row.number),
    occurrences: Number(row.occurrences),
    blocked: Number(row.blocked),
    visitors: Number(row.visitors),
    withoutConsentId: Number(row.withoutConsentId),
    service: row.service || null,
    category: row.category || null,
  };
}

const toEntry = (row: StoredEntry): StoredEntry => ({ ...row, position: Number(row.position) });
const toAlert = (row: AlertRow): AlertRow => ({ ...row, attempts: Number(row.attempts) });

/** Writes an incident's state (insert or replace). */
async function saveIncident(query: Query, state: IncidentState): Promise<void> {
  const values = [
    state.id, state.number, state.service ?? '', state.category ?? '', state.host, state.dataKind, state.operatorType, state.status,
    state.detectedAt, state.firstSeen, state.lastSeen, state.occurrences, state.blocked, state.visitors, state.withoutConsentId,
    state.assessedAt, state.updatedAt, state.closedAt,
  ];
  await query(
    `INSERT INTO samtycke_incidents (id, number, service, category, host, data_kind, operator_type, status, detected_at, first_seen,
       last_seen, occurrences, blocked, visitors, without_consent_id, assessed_at, updated_at, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
       occurrences = excluded.occurrences, blocked = excluded.blocked, visitors = excluded.visitors,
       without_consent_id = excluded.without_consent_id, assessed_at = excluded.assessed_at, updated_at = excluded.updated_at,
       closed_at = excluded.closed_at`,
    values,
  );
}

/**
 * One write transaction's view of the chain: appends entries after the head it locked. `lock` is
 * ` FOR UPDATE` on PostgreSQL, the lock every writer takes first; SQLite has no row locks, and its
 * write transaction (BEGIN IMMEDIATE) is exclusive already.
 */
async function openChain(query: Query, lock: string) {
  const [head] = await query<{ pos: number; hash: string }>(`SELECT head_pos AS pos, head_hash AS hash FROM samtycke_incident_head WHERE id = 1${lock}`);
  let position = Number(head!.pos);
  let hash = head!.hash;
  return {
    async append(entry: RegisterEntry): Promise<void> {
      const content = canonicalJson(entry);
      const contentHash = computeContentHash(content);
      position += 1;
      hash = computeChainHash(hash, contentHash);
      const report = entry.entry === 'report' ? entry.report : undefined;
      await query(
        `INSERT INTO samtycke_incident_log (pos, incident_id, entry, at, actor, record_id, consent_id, content, content_hash, chain_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [position, entry.incidentId, entry.entry, entry.at, entry.actor, report?.recordId ?? null, report?.consentId ?? null, content, contentHash, hash],
      );
    },
    async close(): Promise<void> {
      await query('UPDATE samtycke_incident_head SET head_pos = $1, head_hash = $2 WHERE id = 1', [position, hash]);
    },
  };
}

async function loadIncident(query: Query, id: string): Promise<IncidentState | undefined> {
  const [row] = await query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM samtycke_incidents WHERE id = $1`, [id]);
  return row && toIncident(row);
}

/**
 * The register over a store's SQL runner.
 * @param dialect `sqlite` (no row locks) or `postgres`
 */
export function createIncidentStore(runner: SqlRunner, dialect: 'sqlite' | 'postgres'): IncidentStore {
  const lock = dialect === 'postgres' ? ' FOR UPDATE' : '';

  return {
    recordReports(reports, receivedAt, operatorType) {
      return runner.write(async (query) => {
        const chain = await openChain(query, lock);
        const receipts: ReportReceipt[] = [];
        const opened: IncidentState[] = [];
        const touched = new Map<string, IncidentState>();
        for (const report of reports) {
          const [known] = await query<{ incidentId: string }>('SELECT incident_id AS "incidentId" FROM samtycke_incident_log WHERE record_id = $1', [report.recordId]);
          if (known) {
            receipts.push({ recordId: report.recordId, incidentId: known.incidentId, duplicate: true });
            continue;
          }
          const key = groupKey(report);
          const [open] = await query<IncidentRow>(
            `SELECT ${INCIDENT_COLUMNS} FROM samtycke_incidents WHERE service = $1 AND host = $2 AND data_kind = $3 AND status <> 'closed'
             ORDER BY number LIMIT 1`,
            [key.service ?? '', key.host, key.dataKind],
          );
          let state = open && (touched.get(open.id) ?? toIncident(open));
          if (!state) {
            const [max] = await query<{ n: number | null }>('SELECT MAX(number) AS n FROM samtycke_incidents');
            const type = operatorType ?? report.operatorType;
            const entry: RegisterEntry = {
              entry: 'opened',
              incidentId: randomUUID(),
              at: receivedAt,
              actor: 'collector',
              number: Number(max?.n ?? 0) + 1,
              service: key.service,
              category: report.category,
              host: key.host,
              dataKind: key.dataKind,
              operatorType: type,
              detectedAt: receivedAt,
              deadlines: incidentDeadlines(receivedAt, type),
            };
            await chain.append(entry);
            state = applyEntry(undefined, entry);
            opened.push(state);
            await scheduleAlerts(query, state, entry.deadlines);
          }
          const [seen] = report.consentId
            ? await query<{ n: number }>('SELECT 1 AS n FROM samtycke_incident_log WHERE incident_id = $1 AND consent_id = $2 LIMIT 1', [state.id, report.consentId])
            : [undefined];
          const entry: RegisterEntry = { entry: 'report', incidentId: state.id, at: receivedAt, actor: 'sentinel', report };
          await chain.append(entry);
          state = applyEntry(state, entry, !seen);
          await saveIncident(query, state);
          touched.set(state.id, state);
          receipts.push({ recordId: report.recordId, incidentId: state.id, duplicate: false });
        }
        await chain.close();
        return { receipts, opened: opened.map((state) => touched.get(state.id) ?? state) };
      });
    },

    async list() {
      return runner.read(async (query) => (await query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM samtycke_incidents ORDER BY number DESC`)).map(toIncident));
    },

    async get(id) {
      return runner.read((query) => loadIncident(query, id));
    },

    async entries(id, reportLimit = 200) {
      return runner.read(async (query) => {
        const changes = await query<StoredEntry>(`SELECT ${ENTRY_COLUMNS} FROM samtycke_incident_log WHERE incident_id = $1 AND entry <> 'report' ORDER BY pos`, [id]);
        const reports = await query<StoredEntry>(
          `SELECT ${ENTRY_COLUMNS} FROM samtycke_incident_log WHERE incident_id = $1 AND entry = 'report' ORDER BY pos DESC LIMIT $2`,
          [id, reportLimit],
        );
        return [...changes, ...reports].map(toEntry).sort((a, b) => a.position - b.position);
      });
    },

    change(id, change, actor, at) {
      return runner.write(async (query) => {
        // The lock first, then the state: two changes at once must not both start from the same status.
        const chain = await openChain(query, lock);
        const state = await loadIncident(query, id);
        if (!state) throw new IncidentError(404, `no incident ${id}`);
        let entry: RegisterEntry;
        if (change.entry === 'status') {
          const refused = refuseStatus(state, change.to);
          if (refused) throw new IncidentError(409, refused);
          entry = { entry: 'status', incidentId: id, at, actor, from: state.status, to: change.to, note: change.note };
        } else if (state.status === 'closed') {
          throw new IncidentError(409, 'the incident is closed; its register entry can no longer change');
        } else {
          entry = { ...change, incidentId: id, at, actor };
        }
        await chain.append(entry);
        await chain.close();
        const next = applyEntry(state, entry);
        await saveIncident(query, next);
        return next;
      });
    },

    async alerts(id) {
      return runner.read(async (query) => (await query<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM samtycke_incident_alerts WHERE incident_id = $1 ORDER BY due_at, alert`, [id])).map(toAlert));
    },

    claimAlerts(now, leaseMs, limit) {
      return runner.write(async (query) => {
        const lease = new Date(Date.parse(now) + leaseMs).toISOString();
        const due = await query<AlertRow>(
          `SELECT ${ALERT_COLUMNS} FROM samtycke_incident_alerts
           WHERE outcome IS NULL AND next_at <= $1 AND (lease_until IS NULL OR lease_until < $1) ORDER BY next_at LIMIT $2`,
          [now, limit],
        );
        const claimed: Array<AlertRow & { incident: IncidentState }> = [];
        for (const row of due.map(toAlert)) {
          // Another collector may have taken it since the SELECT: only the one whose UPDATE matched sends it.
          const taken = await query(
            `UPDATE samtycke_incident_alerts SET lease_until = $1, attempts = attempts + 1
             WHERE incident_id = $2 AND alert = $3 AND outcome IS NULL AND (lease_until IS NULL OR lease_until < $4) RETURNING alert`,
            [lease, row.incidentId, row.alert, now],
          );
          const incident = taken.length ? await loadIncident(query, row.incidentId) : undefined;
          if (incident) claimed.push({ ...row, attempts: row.attempts + 1, incident });
        }
        return claimed;
      });
    },

    async finishAlert(incidentId, alert, outcome, at, nextAt, error) {
      await runner.write((query) =>
        query(
          `UPDATE samtycke_incident_alerts SET outcome = $1, finished_at = $2, next_at = COALESCE($3, next_at), lease_until = NULL, last_error = $4
           WHERE incident_id = $5 AND alert = $6`,
          [outcome, outcome ? at : null, nextAt ?? null, error ?? null, incidentId, alert],
        ),
      );
    },

    snapshot(work) {
      return runner.read((query) =>
        work({
          async head() {
            const [row] = await query<{ pos: number; hash: string }>('SELECT head_pos AS pos, head_hash AS hash FROM samtycke_incident_head WHERE id = 1');
            return { position: Number(row?.pos ?? 0), hash: row?.hash ?? '' };
          },
          async entries(after, limit) {
            return (await query<StoredEntry>(`SELECT ${ENTRY_COLUMNS} FROM samtycke_incident_log WHERE pos > $1 ORDER BY pos LIMIT $2`, [after, limit])).map(toEntry);
          },
          async incidents() {
            return (await query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM samtycke_incidents ORDER BY number`)).map(toIncident);
          },
        }),
      );
    },
  };
}

/** The alerts of a new incident: at once, and 6 hours before each of its deadlines. */
async function scheduleAlerts(query: Query, state: IncidentState, deadlines: Deadlines): Promise<void> {
  const alerts: Array<[string, string]> = [['opened', state.detectedAt]];
  for (const [name, deadline] of Object.entries(deadlines)) {
    if (deadline) alerts.push([name, new Date(Date.parse(deadline) - ALERT_LEAD_HOURS * 3_600_000).toISOString()]);
  }
  for (const [alert, due] of alerts) {
    await query('INSERT INTO samtycke_incident_alerts (incident_id, alert, due_at, attempts, next_at) VALUES ($1, $2, $3, 0, $3)', [state.id, alert, due]);
  }
}
