import { GENESIS_HASH, computeChainHash, computeContentHash } from './chain-hash.js';
import { applyEntry, type IncidentState, type RegisterEntry } from './incident-model.js';
import type { IncidentStore, StoredEntry } from './incident-register.js';

/** What `verifyRegister` found. */
export type RegisterVerifyResult =
  | { ok: true; entries: number; incidents: number }
  | { ok: false; position: number; incidentId: string | null; reason: string };

const FIELDS: ReadonlyArray<keyof IncidentState> = [
  'number', 'service', 'category', 'host', 'dataKind', 'operatorType', 'status', 'detectedAt', 'firstSeen', 'lastSeen',
  'occurrences', 'blocked', 'visitors', 'withoutConsentId', 'assessedAt', 'updatedAt', 'closedAt',
];

function columnMismatch(row: StoredEntry, entry: RegisterEntry): string | undefined {
  if (entry.incidentId !== row.incidentId) return 'incident_id column does not match the content';
  if (entry.entry !== row.entry) return 'entry column does not match the content';
  if (entry.at !== row.at || entry.actor !== row.actor) return 'at or actor column does not match the content';
  const report = entry.entry === 'report' ? entry.report : undefined;
  if ((report?.recordId ?? null) !== row.recordId || (report?.consentId ?? null) !== row.consentId) return 'record_id or consent_id column does not match the content';
  return undefined;
}

/**
 * Checks the incident register in one snapshot: recomputes every entry's hash and the chain to
 * its head (an edited, removed or reordered entry breaks it), then replays the log with the same
 * `applyEntry` the collector appends with and compares each incident as stored (status, counts,
 * times) with the replay, so an incident edited in place is found too.
 *
 * @example const result = await verifyRegister(store.incidents); if (!result.ok) console.log(result.reason);
 */
export async function verifyRegister(register: IncidentStore, pageSize = 1000): Promise<RegisterVerifyResult> {
  return register.snapshot(async (reader) => {
    const head = await reader.head();
    const replayed = new Map<string, IncidentState>();
    const visitors = new Map<string, Set<string>>();
    let hash = GENESIS_HASH;
    let expected = 1;
    for (;;) {
      const rows = await reader.entries(expected - 1, pageSize);
      if (rows.length === 0) break;
      for (const row of rows) {
        const fail = (reason: string) => ({ ok: false as const, position: row.position, incidentId: row.incidentId, reason });
        if (row.position !== expected) return { ok: false, position: expected, incidentId: null, reason: `entry ${expected} is missing (next is ${row.position})` };
        if (computeContentHash(row.content) !== row.contentHash) return fail('content does not match its contentHash');
        if (computeChainHash(hash, row.contentHash) !== row.chainHash) return fail('chainHash does not follow from the previous entry');
        let entry: RegisterEntry;
        try {
          entry = JSON.parse(row.content) as RegisterEntry;
        } catch {
          return fail('content is not valid JSON');
        }
        const mismatch = columnMismatch(row, entry);
        if (mismatch) return fail(mismatch);
        let seen = visitors.get(row.incidentId);
        if (!seen) visitors.set(row.incidentId, (seen = new Set()));
        const consentId = entry.entry === 'report' ? entry.report.consentId : null;
        try {
          replayed.set(row.incidentId, applyEntry(replayed.get(row.incidentId), entry, consentId !== null && !seen.has(consentId)));
        } catch (error) {
          return fail((error as Error).message);
        }
        if (consentId) seen.add(consentId);
        hash = row.chainHash;
        expected += 1;
      }
    }
    if (expected - 1 !== head.position || hash !== head.hash) {
      return { ok: false, position: expected, incidentId: null, reason: `the register ends at entry ${expected - 1} but its recorded head is entry ${head.position}` };
    }
    const stored = await reader.incidents();
    for (const incident of stored) {
      const replay = replayed.get(incident.id);
      if (!replay) return { ok: false, position: 0, incidentId: incident.id, reason: `incident #${incident.number} has no entry in the register` };
      const field = FIELDS.find((name) => replay[name] !== incident[name]);
      if (field) {
        return { ok: false, position: 0, incidentId: incident.id, reason: `incident #${incident.number}: ${field} is ${String(incident[field])} but the register says ${String(replay[field])}` };
      }
    }
    const missing = [...replayed.keys()].find((id) => !stored.some((incident) => incident.id === id));
    if (missing) return { ok: false, position: 0, incidentId: missing, reason: `incident ${missing} of the register is missing from the incidents table` };
    return { ok: true, entries: expected - 1, incidents: stored.length };
  });
}
