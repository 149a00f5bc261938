/**
 * The incident register's model (R42, R43; PTS-INC, Reg. 611/2013, GDPR art. 33): what an
 * incident is, the entries of its append-only log, and `applyEntry`, the one function that turns
 * entries into an incident's current state. The collector applies it as it appends; `verify`
 * replays the whole log with it and compares, so the stored state cannot drift from the log.
 */
import type { LeakReport } from '../proof/leak-report.js';
import type { LeakFieldKind, OperatorType } from '../proof/report-fields.js';

/** An incident's place in its handling: reported, assessed, notified (to the authority), closed. */
export const INCIDENT_STATUSES = ['open', 'assessed', 'notified', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The assessor's reading of the risk to the people concerned (GDPR art. 33(1), 34(1)). */
export const SEVERITIES = ['no-risk', 'risk', 'high-risk'] as const;
export type Severity = (typeof SEVERITIES)[number];

const HOUR = 3_600_000;

/** Deadlines as ISO-8601 times: GDPR art. 33 (72 h to the supervisory authority); for `ecs`, PTS's initial report (24 h) and complete report (3 days). */
export interface Deadlines {
  gdpr: string;
  ptsInitial?: string;
  ptsFull?: string;
}

/**
 * The deadlines of an incident detected at `detectedAt` (ISO-8601): GDPR +72 h, and for a
 * provider of public electronic communications services PTS +24 h and +3 days (Reg. 611/2013 art. 2).
 * @example incidentDeadlines('2026-11-02T09:00:00.000Z', 'ecs').ptsInitial // '2026-11-03T09:00:00.000Z'
 */
export function incidentDeadlines(detectedAt: string, operatorType: OperatorType): Deadlines {
  const start = Date.parse(detectedAt);
  const at = (hours: number) => new Date(start + hours * HOUR).toISOString();
  return operatorType === 'ecs' ? { gdpr: at(72), ptsInitial: at(24), ptsFull: at(72) } : { gdpr: at(72) };
}

/** What the register keeps about one incident, as it stands (rebuilt from its entries by `applyEntry`). */
export interface IncidentState {
  id: string;
  /** 1, 2, …: the incident's number in the register. */
  number: number;
  /** The receiving service, `null` for a host no service declares. */
  service: string | null;
  category: string | null;
  host: string;
  dataKind: LeakFieldKind;
  operatorType: OperatorType;
  status: IncidentStatus;
  /** When the collector received the incident's first report: when the site became aware (GDPR art. 33(1)); the deadlines run from it. */
  detectedAt: string;
  /** Earliest and latest detection in a browser (its clock, never later than receipt): the occurrence's start and end as known. */
  firstSeen: string;
  lastSeen: string;
  /** Reports (detections) grouped into it. */
  occurrences: number;
  /** Of those, requests the sentinel stopped: attempts, nothing disclosed. */
  blocked: number;
  /** Distinct consent ids among its reports. */
  visitors: number;
  /** Reports without a consent id (before any decision): each may be another visitor. */
  withoutConsentId: number;
  /** When the latest assessment was recorded, or `null`. */
  assessedAt: string | null;
  updatedAt: string;
  closedAt: string | null;
}

/** The assessment of an incident (R42, R43): risk, consequences, why hashing does not exempt it, and whom to notify. */
export interface Assessment {
  severity: Severity;
  /** Likely consequences for the people concerned. */
  consequences: string;
  /** Hashed or not, the data was not unintelligible to the recipient (R43): always `false`. */
  unintelligible: false;
  unintelligibleReason: string;
  /** Whether the supervisory authority (IMY; PTS for `ecs`) must be notified, and why. */
  notifyAuthority: boolean;
  /** Whether the people concerned must be told (GDPR art. 34), and why. */
  notifyPeople: boolean;
  reasons: string;
}

/** One entry of the register's log. `at` is server time (ISO-8601), `actor` who made it. */
export type RegisterEntry =
  | ({ entry: 'opened'; incidentId: string; at: string; actor: string } & OpenedFacts)
  | { entry: 'report'; incidentId: string; at: string; actor: string; report: LeakReport }
  | { entry: 'status'; incidentId: string; at: string; actor: string; from: IncidentStatus; to: IncidentStatus; note: string }
  | ({ entry: 'assessment'; incidentId: string; at: string; actor: string } & Assessment)
  | { entry: 'measure'; incidentId: string; at: string; actor: string; stage: 'taken' | 'planned'; text: string };

/** What an incident is opened with. */
export interface OpenedFacts {
  number: number;
  service: string | null;
  category: string | null;
  host: string;
  dataKind: LeakFieldKind;
  operatorType: OperatorType;
  detectedAt: string;
  deadlines: Deadlines;
}

/** A change an administrator records: a status, an assessment, a measure (with who and when added by the register). */
export type IncidentChange =
  | { entry: 'status'; to: IncidentStatus; note: string }
  | ({ entry: 'assessment' } & Assessment)
  | { entry: 'measure'; stage: 'taken' | 'planned'; text: string };

/** A change the register refuses, with the HTTP status that says why (404 unknown incident, 409 not allowed now). */
export class IncidentError extends Error {
  override name = 'IncidentError';
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** Why an unkeyed hash does not make contact data unintelligible (R43; Reg. 611/2013 art. 4(2)). */
export function unintelligibleReason(encodings: readonly string[]): string {
  const hashed = encodings.filter((encoding) => /sha|md5/.test(encoding));
  return hashed.length
    ? `Sent as ${hashed.join(', ')}: an unkeyed hash of an e-mail address or phone number is not unintelligible. The recipient hashes its own users' contact data the same way and matches them (as Meta did in the Kry, Apoteket and Avanza cases); only encryption or a keyed hash whose key was not compromised could make it so (Reg. 611/2013 art. 4(2)).`
    : 'Sent readable or merely encoded (URL, base64): anyone who received it could read it.';
}

/**
 * Whether `to` may follow `from`: forward only (open → assessed → notified → closed, steps may be
 * skipped); anything past `open` needs an assessment first; `closed` is final (a new report then
 * opens a new incident).
 * @returns the reason it is refused, or `undefined`
 */
export function refuseStatus(state: Pick<IncidentState, 'status' | 'assessedAt'>, to: IncidentStatus): string | undefined {
  const from = INCIDENT_STATUSES.indexOf(state.status);
  if (state.status === 'closed') return 'the incident is closed; a new report opens a new incident';
  if (INCIDENT_STATUSES.indexOf(to) <= from) return `the status can only move forward from "${state.status}"`;
  if (!state.assessedAt) return 'record an assessment first';
  return undefined;
}

/** The earlier of a browser's detection time and the time of receipt: a browser clock ahead of the server cannot push the occurrence into the future. */
export function seenAt(report: LeakReport, receivedAt: string): string {
  const seen = new Date(report.detectedAt).toISOString();
  return seen < receivedAt ? seen : receivedAt;
}

/**
 * The state after one more entry. `newVisitor` says whether a report's consent id is new to
 * the incident (the caller knows: a query when appending, a set when replaying).
 *
 * @throws IncidentError for an entry the state cannot take (a report or change before `opened`)
 */
export function applyEntry(state: IncidentState | undefined, entry: RegisterEntry, newVisitor = false): IncidentState {
  if (entry.entry === 'opened') {
    return {
      id: entry.incidentId,
      number: entry.number,
      service: entry.service,
      category: entry.category,
      host: entry.host,
      dataKind: entry.dataKind,
      operatorType: entry.operatorType,
      status: 'open',
      detectedAt: entry.detectedAt,
      firstSeen: entry.detectedAt,
      lastSeen: entry.detectedAt,
      occurrences: 0,
      blocked: 0,
      visitors: 0,
      withoutConsentId: 0,
      assessedAt: null,
      updatedAt: entry.at,
      closedAt: null,
    };
  }
  if (!state) throw new IncidentError(404, `no incident ${entry.incidentId}`);
  const next = { ...state, updatedAt: entry.at };
  switch (entry.entry) {
    case 'report': {
      const seen = seenAt(entry.report, entry.at);
      next.firstSeen = state.occurrences === 0 || seen < state.firstSeen ? seen : state.firstSeen;
      next.lastSeen = state.occurrences === 0 || seen > state.lastSeen ? seen : state.lastSeen;
      next.occurrences += 1;
      if (entry.report.blocked) next.blocked += 1;
      if (entry.report.consentId === null) next.withoutConsentId += 1;
      else if (newVisitor) next.visitors += 1;
      return next;
    }
    case 'status':
      next.status = entry.to;
      if (entry.to === 'closed') next.closedAt = entry.at;
      return next;
    case 'assessment':
      next.assessedAt = entry.at;
      return next;
    case 'measure':
      return next;
  }
}

/** The incident a report belongs to while it is not closed: same service, host and kind of data. */
export function groupKey(report: Pick<LeakReport, 'service' | 'host' | 'fieldKind'>): { service: string | null; host: string; dataKind: LeakFieldKind } {
  return { service: report.service, host: report.host, dataKind: report.fieldKind };
}
