import { leakReportSchema, type LeakReport } from '../proof/leak-report.js';
import { parseRecords, type ParseResult } from './proof-record.js';

export { leakReportSchema, type LeakReport } from '../proof/leak-report.js';

/**
 * Validates the body of `POST /v1/leaks`: one leak report, an array, or `{ records: [...] }`
 * (≤ 100), with the schema the browser's sentinel builds reports from, the same hostile-input
 * checks as proofs, and minimisation: a report with anything shaped like an e-mail or IP address
 * is refused (it should never carry what a visitor typed). `host` is exempt: it names the server
 * that received the data, and a vendor addressed by its IP address is still a leak to record.
 * @example const parsed = parseLeakBody(JSON.parse(body)); if (!parsed.ok) console.log(parsed.message);
 */
export function parseLeakBody(body: unknown): ParseResult<LeakReport> {
  return parseRecords(body, leakReportSchema, 'leak report', undefined, new Set(['host']));
}
