import * as z from 'zod/mini';
import { proofRecordSchema, type ProofRecord } from '../proof/proof-record.js';
import { sha256Hex } from './chain-hash.js';
import { findHostileInput } from './hostile-input.js';
import { findPersonalData } from './personal-data.js';

export { proofRecordSchema, type ProofRecord } from '../proof/proof-record.js';

/** The most records one request may carry. */
export const MAX_BATCH = 100;

/** zod/mini ships no messages; the collector answers in English ("Invalid UUID", "expected boolean"), per parse so nothing else in the process changes. */
const ENGLISH = { error: z.locales.en().localeError };

/** A problem with one record of the request body, shaped like zod's issues. */
export interface RecordIssue {
  index: number;
  path: string;
  code: string;
  message: string;
}

export type ParseResult<T = ProofRecord> =
  | { ok: true; records: T[] }
  | { ok: false; error: string; message: string; issues: RecordIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[');
}

function unwrapBody(body: unknown, noun: string): unknown[] | string {
  if (Array.isArray(body)) return body;
  if (body !== null && typeof body === 'object') {
    const keys = Object.keys(body);
    if (keys.length === 1 && keys[0] === 'records') {
      const records = (body as { records: unknown }).records;
      return Array.isArray(records) ? records : '"records" must be an array';
    }
    return [body];
  }
  return `expected a ${noun}, an array of records or {"records": [...]}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  }
  return issue.message;
}

/**
 * Validates a parsed request body: one record, an array, or `{ records: [...] }` (≤ 100).
 * Every problem in every record is reported at once; a batch is accepted or refused as a whole.
 */
export function parseProofBody(body: unknown): ParseResult {
  return parseRecords(body, proofRecordSchema, 'proof record', (record, issue) => {
    if (record.text !== undefined && sha256Hex(record.text) !== record.textHash) {
      issue('text', 'text_hash_mismatch', 'sha256(text) does not equal textHash');
    }
  }, new Set(['text']));
}

/** A schema `parseRecords` validates with (the proof record's, the leak report's). */
interface RecordSchema<T> {
  safeParse(value: unknown, params: typeof ENGLISH): { success: true; data: T } | { success: false; error: { issues: z.core.$ZodIssue[] } };
}

/**
 * The collector's one way of reading a batch of records: the body's shape, hostile input, the
 * shared schema, `check` for what the schema cannot say, and minimisation (R32: nothing shaped
 * like an e-mail or IP address in any string but `freeText` fields). Issues are reported all at once.
 *
 * @param noun what one record is called in messages (`proof record`, `leak report`)
 */
export function parseRecords<T extends object>(
  body: unknown,
  schema: RecordSchema<T>,
  noun: string,
  check: (record: T, issue: (path: string, code: string, message: string) => void) => void = () => undefined,
  freeText: ReadonlySet<string> = new Set(),
): ParseResult<T> {
  const list = unwrapBody(body, noun);
  if (typeof list === 'string') return { ok: false, error: 'invalid_body', message: list, issues: [] };
  if (list.length === 0) return { ok: false, error: 'invalid_body', message: 'the batch is empty', issues: [] };
  if (list.length > MAX_BATCH) {
    return { ok: false, error: 'batch_too_large', message: `a batch holds at most ${MAX_BATCH} records, got ${list.length}`, issues: [] };
  }
  const issues: RecordIssue[] = [];
  const records: T[] = [];
  list.forEach((item, index) => {
    // First what no store can keep as sent: the schema would drop a "__proto__" key silently.
    const hostile = findHostileInput(item);
    if (hostile.length > 0) {
      for (const issue of hostile) issues.push({ index, ...issue, path: issue.path.replace(/\.\[/g, '[') });
      return;
    }
    const parsed = schema.safeParse(item, ENGLISH);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ index, path: formatPath(issue.path), code: issue.code, message: describeIssue(issue) });
      }
      return;
    }
    const record = parsed.data;
    check(record, (path, code, message) => issues.push({ index, path, code, message }));
    for (const hit of findPersonalData(record, freeText)) {
      issues.push({
        index,
        path: hit.path,
        code: 'personal_data',
        message: `looks like ${hit.kind === 'email' ? 'an e-mail address' : 'an IP address'}; ${noun}s must not contain personal data`,
      });
    }
    records.push(record);
  });
  if (issues.length > 0) {
    // Unknown fields first: they are the likeliest cause and the message must name them.
    issues.sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys') || a.index - b.index);
    const summary = issues
      .slice(0, 10)
      .map((issue) => `record ${issue.index}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
    return { ok: false, error: 'invalid_record', message: summary + more, issues };
  }
  return { ok: true, records };
}
